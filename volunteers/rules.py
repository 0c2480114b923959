"""Who may do what with volunteer work. Coordinators are `OrganisationMembership`s with the role
`volunteer_coordinator`; the volunteer desk is the department named by
`VOLUNTEERS_DESK_DEPARTMENT` (members with MFA). An administrator passes only where named."""

import rules

from genk.core.permissions import is_administrator

from .predicates import (
    is_any_coordinator,
    is_coordinator,
    is_desk_staff,
    is_own_commitment,
    is_own_record,
    is_own_signup,
    is_public_opportunity,
    is_signed_in,
    notice_acknowledged,
    organisation_is_trusted,
)

manages = is_coordinator | is_administrator

# Opportunities (object: the opportunity; for add, the organisation).
rules.add_perm("volunteers.view_opportunity", is_public_opportunity | manages | is_desk_staff)
rules.add_perm("volunteers.add_opportunity", manages)
rules.add_perm("volunteers.change_opportunity", manages)
rules.add_perm("volunteers.submit_opportunity", is_coordinator)
rules.add_perm(
    "volunteers.publish_opportunity", (is_coordinator & organisation_is_trusted) | is_desk_staff | is_administrator
)
rules.add_perm("volunteers.review_opportunity", is_desk_staff | is_administrator)
rules.add_perm("volunteers.close_opportunity", manages | is_desk_staff)

# Shifts (object: the shift).
rules.add_perm("volunteers.change_shift", manages)

# Sign-ups (object: the shift for signup; the sign-up otherwise).
rules.add_perm("volunteers.signup_shift", is_signed_in)
rules.add_perm("volunteers.view_signup", is_own_signup | manages)
rules.add_perm("volunteers.decide_signup", manages)
rules.add_perm("volunteers.cancel_signup", is_own_signup | manages)
rules.add_perm("volunteers.rejoin_signup", is_own_signup)
# Attendance needs the volunteer's acknowledgement of the notice version that holds for the shift.
rules.add_perm("volunteers.record_attendance", manages & notice_acknowledged)

# Hours (object: the sign-up for log; the hour entry for approve).
rules.add_perm("volunteers.log_hours", is_own_signup | manages)
rules.add_perm("volunteers.approve_hours", manages)

# Information notices (object: the organisation or the notice).
rules.add_perm("volunteers.change_notice", manages)
rules.add_perm("volunteers.export_organisation", manages)

# Flexible work (object: the commitment, or its hours).
rules.add_perm("volunteers.decide_commitment", manages)
rules.add_perm("volunteers.cancel_commitment", is_own_commitment | manages)
rules.add_perm("volunteers.log_flexible_hours", is_own_commitment | manages)
rules.add_perm("volunteers.approve_flexible_hours", manages)

# Allowances (object: the organisation) and certificates of hours (object: the certificate).
rules.add_perm("volunteers.record_allowance", manages)
rules.add_perm("volunteers.view_allowances", manages)
# The proof of actual costs: the volunteer it is about, the organisation's coordinators, administrators.
rules.add_perm("volunteers.view_allowance_proof", is_own_record | manages)
rules.add_perm("volunteers.view_certificate", is_own_record | manages)

# The coordinators' pages (object: any, e.g. the user: `in_department` needs an object).
rules.add_perm("volunteers.access_workbench", is_any_coordinator | is_desk_staff | is_administrator)
