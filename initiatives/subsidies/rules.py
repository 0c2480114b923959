"""Permissions for subsidy files, named `subsidies.<verb>_<model>`. See README.md for the table.

Roles: the applicant (lead, accepted co-applicant, or a representative of the applying
organisation); the handling staff (current members of the scheme's department); the handler
(`file.handler`); the assessors (an Assessment row on the file); the decision-maker (a current
member of SUBSIDIES_DECISION_DEPARTMENT, records the college's decision); administrators do the
staff steps but never decide. Nobody handles, assesses or decides a file they apply for.
Staff pages also need `accounts.access_staff_area` (MFA), checked by the views.

Always ask with `can(user, perm, obj)` (not `user.has_perm`, which says yes to a superuser for
everything).
"""

import rules

from .predicates import (
    assessment_is_own_and_open,
    document_is_applicants,
    is_administrator,
    is_any_assessor,
    is_applicant,
    is_assessor,
    is_closable,
    is_decided,
    is_decision_maker,
    is_decision_visible,
    is_department_head,
    is_department_staff,
    is_draft,
    is_final,
    is_granted_state,
    is_handler,
    is_in_assessment,
    is_info_requestable,
    is_info_requested,
    is_lead_applicant,
    is_payable,
    is_proposed,
    is_report_submitted,
    is_resident_group,
    is_scheme_staff,
    is_submitted,
    is_unassigned,
    is_withdrawable,
    scheme_is_open,
    takes_co_applicants,
    takes_documents,
)

# Who does the city's steps on a file: its department, its handler, an administrator — never
# someone who applies for it.
handling = (is_department_staff | is_handler | is_administrator) & ~is_applicant
# Who sees a submitted file on the staff side.
staff_viewer = (
    handling | (is_assessor & ~is_applicant) | (is_decision_maker & is_decision_visible & ~is_applicant)
) & ~is_draft

# Applying.
rules.add_perm("subsidies.view_scheme", rules.always_allow)
rules.add_perm("subsidies.apply_scheme", rules.is_authenticated & scheme_is_open)
rules.add_perm("subsidies.view_file", is_applicant | staff_viewer)
rules.add_perm("subsidies.change_file", is_applicant & is_draft)
rules.add_perm("subsidies.submit_file", is_applicant & is_draft)
rules.add_perm("subsidies.answer_file", is_applicant & is_info_requested)
rules.add_perm("subsidies.report_file", is_applicant & is_granted_state)
rules.add_perm("subsidies.withdraw_file", is_lead_applicant & is_withdrawable)
rules.add_perm("subsidies.invite_coapplicant", is_lead_applicant & is_resident_group & takes_co_applicants)
rules.add_perm("subsidies.add_document", (is_applicant & takes_documents) | (handling & ~is_draft & ~is_final))
rules.add_perm("subsidies.view_document", is_applicant | staff_viewer)
rules.add_perm(
    "subsidies.delete_document",
    (is_applicant & takes_documents & document_is_applicants) | (handling & ~is_draft & ~is_final),
)

# The staff side.
rules.add_perm("subsidies.access_workbench", is_administrator | is_scheme_staff | is_any_assessor | is_decision_maker)
rules.add_perm("subsidies.view_staff_file", staff_viewer)
rules.add_perm("subsidies.add_note", staff_viewer)
rules.add_perm("subsidies.view_internal_notes", staff_viewer)
rules.add_perm("subsidies.take_file", handling & is_unassigned & ~is_draft & ~is_final)
rules.add_perm("subsidies.assign_file", handling & ~is_draft & ~is_final)
rules.add_perm("subsidies.intake_file", handling & is_submitted)
rules.add_perm("subsidies.request_info_file", handling & is_info_requestable)
rules.add_perm("subsidies.view_assessments", handling | (is_assessor & ~is_applicant))
rules.add_perm("subsidies.assess_file", is_assessor & ~is_applicant & is_in_assessment)
rules.add_perm("subsidies.change_assessment", assessment_is_own_and_open)
rules.add_perm("subsidies.propose_file", handling & is_in_assessment)
rules.add_perm("subsidies.decide_file", is_decision_maker & ~is_applicant & is_proposed)
rules.add_perm("subsidies.view_letter", (staff_viewer | is_applicant) & is_decided)
rules.add_perm("subsidies.record_payment", handling & is_payable)
rules.add_perm("subsidies.review_report", handling & is_report_submitted)
rules.add_perm("subsidies.close_file", handling & is_closable)

# Schemes, reports.
rules.add_perm("subsidies.manage_schemes", is_administrator | is_department_head)
rules.add_perm("subsidies.add_scheme", is_administrator | is_department_head)
rules.add_perm("subsidies.change_scheme", is_administrator | is_department_head)
rules.add_perm("subsidies.view_reports", is_administrator | is_scheme_staff | is_decision_maker)
rules.add_perm("subsidies.view_register", rules.always_allow)
