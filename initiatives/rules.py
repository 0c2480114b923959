"""Permissions for initiatives, named `initiatives.<verb>_<model>`. See README.md for the table.

The moderator is a civil servant of the participation department; the handler is the civil
servant responsible for one initiative (any department). Staff pages also need
`accounts.access_staff_area` (MFA), checked by the views.
"""

import rules

from .predicates import (
    comment_is_visible,
    has_neighbourhood,
    has_verified_email,
    is_administrator,
    is_awaiting_answer,
    is_being_realised,
    is_co_initiator_membership,
    is_draft,
    is_editable,
    is_final,
    is_handler,
    is_initiator,
    is_lead_initiator,
    is_moderator,
    is_own_membership,
    is_public,
    is_submitted,
    is_withdrawable,
    supports_open,
    takes_comments,
    takes_updates,
)

staff_in_charge = is_moderator | is_administrator
city_responsible = is_handler | is_moderator | is_administrator

# Writing one's own initiative.
rules.add_perm("initiatives.add_initiative", rules.is_authenticated)
# A draft is the initiators' own until they submit it; the city sees it from then on.
rules.add_perm("initiatives.view_initiative", is_public | is_initiator | (city_responsible & ~is_draft))
rules.add_perm("initiatives.change_initiative", is_initiator & is_editable)
rules.add_perm("initiatives.submit_initiative", is_initiator & is_editable)
rules.add_perm("initiatives.invite_initiator", is_initiator & ~is_final)
# Object: an `Initiator` (a place in the committee). The lead removes a co-initiator, a
# co-initiator leaves; nobody removes the lead; the committee is fixed once it is final.
rules.add_perm(
    "initiatives.remove_initiator",
    is_co_initiator_membership & ~is_final & (is_lead_initiator | is_own_membership),
)
# The lead hands the lead over to a co-initiator (and stays in the team as co-initiator).
rules.add_perm("initiatives.transfer_lead", is_co_initiator_membership & ~is_final & is_lead_initiator)
rules.add_perm("initiatives.withdraw_initiative", is_lead_initiator & is_withdrawable)
rules.add_perm("initiatives.post_update", (is_initiator | city_responsible) & takes_updates)

# Moderation and the city's answer.
rules.add_perm("initiatives.moderate_initiatives", staff_in_charge)  # the queue, exports
rules.add_perm("initiatives.view_staff_initiative", city_responsible & ~is_draft)
rules.add_perm("initiatives.moderate_initiative", staff_in_charge & is_submitted)
rules.add_perm("initiatives.assign_handler", staff_in_charge & ~is_final)
rules.add_perm("initiatives.answer_initiative", city_responsible & is_awaiting_answer)
rules.add_perm("initiatives.manage_progress", city_responsible & is_being_realised)
rules.add_perm("initiatives.export_initiatives", staff_in_charge)

# Taking part.
rules.add_perm(
    "initiatives.support_initiative", rules.is_authenticated & has_verified_email & has_neighbourhood & supports_open
)
rules.add_perm("initiatives.withdraw_support", rules.is_authenticated & supports_open)
rules.add_perm("initiatives.follow_initiative", rules.is_authenticated & is_public)
rules.add_perm("initiatives.comment_initiative", rules.is_authenticated & has_verified_email & takes_comments)
rules.add_perm("initiatives.report_comment", comment_is_visible)
rules.add_perm("initiatives.hide_comment", staff_in_charge)
