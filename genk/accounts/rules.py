"""Permissions about accounts and roles. Predicates that other apps combine live here too."""

import rules

from genk.core.permissions import has_mfa, is_administrator, is_city_staff

__all__ = ["has_mfa", "is_administrator", "is_city_staff", "is_department_member", "is_organisation_representative"]


@rules.predicate
def is_department_member(user, department):
    if not user.is_authenticated or department is None:
        return False
    return user.department_memberships.current().filter(department=department).exists()


@rules.predicate
def is_organisation_representative(user, organisation):
    if not user.is_authenticated or organisation is None:
        return False
    return user.organisation_memberships.current().filter(organisation=organisation).exists()


# The staff area (/beheer/): civil servants and administrators, with MFA.
rules.add_perm("accounts.access_staff_area", is_city_staff & has_mfa)
rules.add_perm("accounts.view_audit_log", is_administrator | is_city_staff)
rules.add_perm("accounts.act_for_organisation", is_administrator | is_organisation_representative)
rules.add_perm("accounts.manage_department", is_administrator)
