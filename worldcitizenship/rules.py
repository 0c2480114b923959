"""Permissions of world citizenship, named worldcitizenship.<verb>_<model>. README.md has the
table per persona.

The partnership belongs to a department of the city (`Partnership.department`, the dienst
Wereldburgerschap): its members with two-factor authentication manage it, its projects and
exchanges, and see the partners' private contact details. Other civil servants have no rights
here; administrators pass where `is_administrator` is in the rule.
"""

import rules
from django.conf import settings

from genk.core.permissions import in_department, is_administrator

from .partnership.models import Contact, Document, Exchange, Funding, Indicator, Partner, Partnership, Photo, Update

DEPARTMENT = getattr(settings, "WORLDCITIZENSHIP_DEPARTMENT", "wereldburgerschap")


def _department_of(obj):
    """The department that owns `obj` (a partnership or anything in it)."""
    if isinstance(obj, Partnership):
        return obj.department_id
    if isinstance(obj, Photo):
        obj = obj.update
    if isinstance(obj, Update | Funding | Indicator | Document):
        obj = obj.project
    if isinstance(obj, Partner | Contact | Exchange) or hasattr(obj, "partnership"):
        return obj.partnership.department_id
    return None


manages_partnership = in_department(_department_of, name="in_partnership_department")


@rules.predicate
def is_partnership_officer(user) -> bool:
    """A member (with MFA) of the world-citizenship department: the officer's tools."""
    if not (user.is_authenticated and user.has_mfa):
        return False
    return user.in_department_named(DEPARTMENT)


@rules.predicate
def is_authenticated(user):
    return user.is_authenticated


@rules.predicate
def project_is_public(user, project) -> bool:
    return project is not None and project.is_public


rules.add_perm("worldcitizenship.view_project", project_is_public | manages_partnership | is_administrator)
rules.add_perm("worldcitizenship.access_partnership_tools", is_partnership_officer | is_administrator)
rules.add_perm("worldcitizenship.change_partnership", manages_partnership | is_administrator)
rules.add_perm("worldcitizenship.add_project", manages_partnership | is_administrator)
rules.add_perm("worldcitizenship.change_project", manages_partnership | is_administrator)
rules.add_perm("worldcitizenship.view_partner_contacts", manages_partnership | is_administrator)
rules.add_perm("worldcitizenship.follow", is_authenticated)
