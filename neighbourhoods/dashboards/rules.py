"""Who sees which figures. See README.md for the table per persona.

- A wijk's dashboard (private figures, lists behind the numbers, the yearly report): the
  wijk's area team (its director(s) and the other members, current memberships only), the
  heads of the area-work department, administrators.
- District and city dashboards compare wijken with each other, private figures included:
  the *managers* of the area-based work — current heads (diensthoofd, with MFA) of the
  area-work department (settings.AREA_WORK_DEPARTMENT, slug "gebiedsgerichte-werking") — and
  administrators. Directors are not managers: they see their own wijken's private figures
  and other wijken's public figures only (the choropleth and the comparisons on their
  dashboard are limited to public figures).
- Population figures are entered by the heads of the area-work department, the wijk's
  director(s) and administrators.
- The public figures page (`/wijken/<wijk>/cijfers/`) is for everyone.
"""

import rules
from django.conf import settings

from genk.core.permissions import has_mfa, is_administrator
from neighbourhoods.predicates import is_director_of, is_team_member_of

DEFAULT_DEPARTMENT = "gebiedsgerichte-werking"


def area_work_department() -> str:
    return getattr(settings, "AREA_WORK_DEPARTMENT", DEFAULT_DEPARTMENT)


@rules.predicate
def heads_area_work(user) -> bool:
    """A current head of the area-work department."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_heads_area_work", None)
    if cached is None:
        from genk.accounts.models import DepartmentMembership

        cached = user._heads_area_work = user.in_department_named(
            area_work_department(), role=DepartmentMembership.Role.HEAD
        )
    return cached


is_manager = heads_area_work & has_mfa

rules.add_perm("dashboards.view_wijk", is_team_member_of | is_manager | is_administrator)
rules.add_perm("dashboards.view_district", is_manager | is_administrator)
rules.add_perm("dashboards.view_city", is_manager | is_administrator)
# Every wijk's private figures side by side (choropleth, bars) on any dashboard.
rules.add_perm("dashboards.compare_private", is_manager | is_administrator)
rules.add_perm("dashboards.change_population", is_director_of | is_manager | is_administrator)
rules.add_perm("dashboards.manage_population", is_manager | is_administrator)
