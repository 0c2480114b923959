"""Permissions of the advisory councils, named councils.verb_model and checked per object.

The table in README.md lists them per persona. "Member" means a current member (the term
includes today); a former member sees what the public sees.
"""

import rules

from genk.core.permissions import is_staff_with_mfa

from .predicates import (
    advice_is_public,
    agenda_is_published,
    council_is_active,
    handles_advice,
    has_open_application,
    is_administrator,
    is_applicant,
    is_authenticated,
    is_invited,
    is_manager,
    is_member,
    item_is_confidential,
    meeting_is_public,
    minutes_are_published,
    minutes_are_shared_with_members,
    minutes_open_for_remarks,
    rsvp_is_open,
)

can_manage = is_administrator | is_manager

# Public pages.
rules.add_perm("councils.view_council", rules.always_allow)
rules.add_perm("councils.view_meeting", rules.always_allow)
rules.add_perm("councils.view_report", rules.always_allow)

# The agenda goes public with the invitations; closed meetings' agendas only for members.
rules.add_perm("councils.view_agenda", can_manage | (agenda_is_published & (is_member | meeting_is_public)))
# Confidential items and documents: members (and the chair, secretary, administrators) only.
rules.add_perm(
    "councils.view_agendaitem",
    can_manage | (agenda_is_published & (is_member | (meeting_is_public & ~item_is_confidential))),
)
rules.add_perm(
    "councils.download_document",
    can_manage | (agenda_is_published & (is_member | (meeting_is_public & ~item_is_confidential))),
)
rules.add_perm("councils.view_online_link", can_manage | is_member | meeting_is_public)
rules.add_perm(
    "councils.view_minutes",
    can_manage | (is_member & minutes_are_shared_with_members) | (meeting_is_public & minutes_are_published),
)
rules.add_perm("councils.view_members_only", can_manage | is_member)

# Members.
rules.add_perm("councils.rsvp_meeting", is_member & is_invited & rsvp_is_open)
rules.add_perm("councils.remark_minutes", is_member & minutes_open_for_remarks)
rules.add_perm("councils.apply_council", is_authenticated & council_is_active & ~is_member & ~has_open_application)
rules.add_perm("councils.withdraw_application", is_applicant)

# Chair and secretary: the council's business.
rules.add_perm("councils.manage_council", can_manage)
rules.add_perm("councils.manage_meeting", can_manage)
rules.add_perm("councils.handle_application", can_manage)
rules.add_perm("councils.change_advice", can_manage)
rules.add_perm("councils.decline_advicerequest", can_manage)

# Advice: public once the city has it; drafts for the council and the civil servants who answer.
rules.add_perm("councils.view_advice", advice_is_public | can_manage | is_member)
# The city answers: a civil servant who handles the advice, never a member of the advising council.
# Like every staff right, both need MFA (issue 16); answering is scoped by department (handles_advice).
rules.add_perm("councils.answer_advice", is_administrator | (is_staff_with_mfa & handles_advice & ~is_member))
rules.add_perm("councils.request_advice", is_administrator | is_staff_with_mfa)
