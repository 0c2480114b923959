"""Permissions of FairTrade town, named fairtrade.<verb>_<model>. README.md has the table per persona.

The world-citizenship officer is a member (with MFA) of the department
`WORLDCITIZENSHIP_DEPARTMENT` (default "wereldburgerschap"). Administrators pass where
`is_administrator` is in the rule. A fair-trade point belongs to whoever registered it and,
when it was registered for an organisation, to that organisation's representatives.
"""

import rules
from django.conf import settings

from genk.core.permissions import is_administrator

DEPARTMENT = getattr(settings, "WORLDCITIZENSHIP_DEPARTMENT", "wereldburgerschap")


@rules.predicate
def is_authenticated(user):
    return user.is_authenticated


@rules.predicate
def is_officer(user) -> bool:
    if not (user.is_authenticated and user.has_mfa):
        return False
    return user.in_department_named(DEPARTMENT)


@rules.predicate
def is_approved(user, point) -> bool:
    return point is not None and point.status == "approved"


@rules.predicate
def is_applicant(user, point) -> bool:
    return user.is_authenticated and point is not None and point.applicant_id == user.pk


@rules.predicate
def represents_point_organisation(user, point) -> bool:
    if not user.is_authenticated or point is None or point.organisation_id is None:
        return False
    return user.organisation_memberships.current().filter(organisation_id=point.organisation_id).exists()


@rules.predicate
def evidence_is_public(user, evidence) -> bool:
    return evidence is not None and evidence.public


is_owner = is_applicant | represents_point_organisation
is_manager = is_officer | is_administrator

rules.add_perm("fairtrade.view_point", is_approved | is_owner | is_manager)
rules.add_perm("fairtrade.add_point", is_authenticated)
rules.add_perm("fairtrade.review_point", is_manager)
rules.add_perm("fairtrade.withdraw_point", is_owner | is_manager)
rules.add_perm("fairtrade.manage_campaign", is_manager)
rules.add_perm("fairtrade.view_evidence", evidence_is_public | is_manager)
