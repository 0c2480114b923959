"""Permissions about wijken and districts. See README.md for the table per role."""

import rules

from genk.accounts.rules import is_administrator

from .predicates import is_director_of, is_team_member_of

# The dashboard of a wijk (or a district): its director(s), its area team, administrators.
rules.add_perm("neighbourhoods.view_dashboard", is_administrator | is_director_of | is_team_member_of)

# Districts are an editable grouping of wijken; only administrators change it.
rules.add_perm("neighbourhoods.change_district", is_administrator)
