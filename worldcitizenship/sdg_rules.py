"""Who may do what with the SDG indicators and the international-solidarity directory.

The world-citizenship officer is a current member (with MFA) of the department named by
`WORLDCITIZENSHIP_DEPARTMENT` (default `wereldburgerschap`). An organisation's representative
(`OrganisationMembership` with the role `representative`, current) edits its own profile.
Administrators pass only where named. Loaded by `apps.ready()`."""

import rules
from django.conf import settings

from genk.accounts.models import Department, OrganisationMembership
from genk.core.permissions import in_department, is_administrator


def department_slug() -> str:
    return getattr(settings, "WORLDCITIZENSHIP_DEPARTMENT", "wereldburgerschap")


def officer_department_ids(obj=None) -> list[int]:
    return list(Department.objects.filter(slug=department_slug()).values_list("pk", flat=True))


is_officer = in_department(officer_department_ids, name="is_worldcitizenship_officer")


def represented_organisation_ids(user) -> frozenset[int]:
    """Organisations `user` currently represents (cached on the user instance)."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_represents_organisations", None)
    if cached is None:
        cached = frozenset(
            OrganisationMembership.objects.current()
            .filter(user=user, role=OrganisationMembership.Role.REPRESENTATIVE)
            .values_list("organisation_id", flat=True)
        )
        user._represents_organisations = cached
    return cached


@rules.predicate
def represents_organisation(user, profile):
    return profile is not None and profile.organisation_id in represented_organisation_ids(user)


@rules.predicate
def profile_is_listed(user, profile):
    return profile is not None and profile.is_listed


manages = is_officer | is_administrator

# The officer's tools (object: any, e.g. the user: `in_department` needs an object).
rules.add_perm("worldcitizenship.manage_indicators", manages)
rules.add_perm("worldcitizenship.manage_solidarity", manages)
# A profile (object: the SolidarityProfile).
rules.add_perm("worldcitizenship.view_solidarity_profile", profile_is_listed | represents_organisation | manages)
rules.add_perm("worldcitizenship.change_solidarity_profile", represents_organisation | manages)
rules.add_perm("worldcitizenship.list_solidarity_profile", manages)
