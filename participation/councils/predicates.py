"""Small named checks that rules.py combines into permissions.

A user's current council roles are read once per user object (one query) and kept on it, so
a page that checks permissions on a hundred agenda items or documents asks the database once.
Predicates take any council object (council, meeting, agenda item, document, advice, request,
application, membership) and find its council through the ids already loaded.
"""

import rules
from django.utils import timezone

from genk.core.permissions import is_administrator, is_city_staff

from .models import (
    Advice,
    AdviceRequest,
    AgendaDocument,
    AgendaItem,
    Attendance,
    Council,
    CouncilMembership,
    Meeting,
    MembershipApplication,
    Minutes,
)

__all__ = ["is_administrator", "is_city_staff"]


def council_roles(user) -> dict[int, set[str]]:
    """{council_id: {role, ...}} of the user's current memberships, cached on the user object."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, "_council_roles", None)
    if cached is None or cached[0] != timezone.localdate():
        roles: dict[int, set[str]] = {}
        for council_id, role in CouncilMembership.objects.current().filter(user=user).values_list("council_id", "role"):
            roles.setdefault(council_id, set()).add(role)
        cached = (timezone.localdate(), roles)
        user._council_roles = cached
    return cached[1]


def forget_roles(user) -> None:
    """Drop the cached roles after a membership of `user` changed."""
    if user is not None and hasattr(user, "_council_roles"):
        del user._council_roles


def council_id_of(obj) -> int | None:
    if obj is None:
        return None
    if isinstance(obj, Council):
        return obj.pk
    if isinstance(obj, Meeting | Advice | AdviceRequest | MembershipApplication | CouncilMembership):
        return obj.council_id
    if isinstance(obj, AgendaItem):
        return obj.meeting.council_id
    if isinstance(obj, AgendaDocument):
        return obj.item.meeting.council_id
    if isinstance(obj, Minutes):
        return obj.meeting.council_id
    return getattr(obj, "council_id", None)


def meeting_of(obj) -> Meeting | None:
    if isinstance(obj, Meeting):
        return obj
    if isinstance(obj, AgendaItem):
        return obj.meeting
    if isinstance(obj, AgendaDocument):
        return obj.item.meeting
    if isinstance(obj, Minutes):
        return obj.meeting
    return None


@rules.predicate
def is_member(user, obj):
    """A current member of the object's council, in any role."""
    return council_id_of(obj) in council_roles(user)


@rules.predicate
def is_manager(user, obj):
    """The current chair or secretary of the object's council."""
    roles = council_roles(user).get(council_id_of(obj), set())
    return bool(roles & set(CouncilMembership.MANAGING_ROLES))


@rules.predicate
def meeting_is_public(user, obj):
    meeting = meeting_of(obj)
    return meeting is not None and meeting.is_public


@rules.predicate
def agenda_is_published(user, obj):
    meeting = meeting_of(obj)
    return meeting is not None and meeting.agenda_is_published


@rules.predicate
def item_is_confidential(user, obj):
    if isinstance(obj, AgendaDocument):
        return obj.confidential
    return isinstance(obj, AgendaItem) and obj.is_confidential


@rules.predicate
def minutes_are_published(user, obj):
    meeting = meeting_of(obj)
    return meeting is not None and meeting.status == Meeting.Status.PUBLISHED


@rules.predicate
def minutes_are_shared_with_members(user, obj):
    meeting = meeting_of(obj)
    return meeting is not None and meeting.status in (
        Meeting.Status.MINUTES_REMARKS,
        Meeting.Status.MINUTES_APPROVED,
        Meeting.Status.PUBLISHED,
    )


@rules.predicate
def minutes_open_for_remarks(user, obj):
    meeting = meeting_of(obj)
    return meeting is not None and meeting.status == Meeting.Status.MINUTES_REMARKS


@rules.predicate
def rsvp_is_open(user, meeting):
    return isinstance(meeting, Meeting) and meeting.rsvp_open()


@rules.predicate
def is_invited(user, meeting):
    if not user.is_authenticated or not isinstance(meeting, Meeting):
        return False
    cache = getattr(meeting, "_invited_user_ids", None)
    if cache is None:
        return Attendance.objects.filter(meeting=meeting, user=user).exists()
    return user.pk in cache


@rules.predicate
def advice_is_public(user, advice):
    return isinstance(advice, Advice) and advice.is_public


@rules.predicate
def handles_advice(user, advice):
    """The civil servant named on the advice, or a member of the department it is addressed to
    (or, when none is named, of the department that supports the council)."""
    if not user.is_authenticated or not isinstance(advice, Advice):
        return False
    if advice.responsible_id == user.pk:
        return True
    department_id = advice.department_id or advice.council.department_id
    if department_id is None:
        return False
    return user.department_memberships.current().filter(department_id=department_id).exists()


@rules.predicate
def council_is_active(user, council):
    return isinstance(council, Council) and council.is_active


@rules.predicate
def has_open_application(user, council):
    if not user.is_authenticated or not isinstance(council, Council):
        return False
    return MembershipApplication.objects.open().filter(council=council, user=user).exists()


@rules.predicate
def is_applicant(user, application):
    return isinstance(application, MembershipApplication) and application.user_id == user.pk


@rules.predicate
def is_authenticated(user):
    return user.is_authenticated
