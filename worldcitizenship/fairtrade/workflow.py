"""The states of fair-trade points and of the yearly progress per criterion, and the only
functions that change them.

Point: created `submitted` by services.register_point; `approve` → `approved`, `decline` →
`declined` (with a message), both by the world-citizenship officer; `approved` → `withdraw` →
`withdrawn` (by the officer, the applicant or the organisation's representatives).

Progress (one row per year and criterion, created `not_started`): `start` → `in_progress`;
`meet` (`not_started` or `in_progress`) → `met`; `reopen`: `met` → `in_progress`. By the officer.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from genk.core.workflow import Transition, Workflow, follow

from . import follows, notifications
from .models import Point, Progress

P = Point.Status
G = Progress.Status

POINT_FLOW = Workflow(
    Point,
    [
        Transition("approve", {P.SUBMITTED}, P.APPROVED, "fairtrade.review_point", _("Goedkeuren")),
        Transition("decline", {P.SUBMITTED}, P.DECLINED, "fairtrade.review_point", _("Weigeren met een bericht")),
        Transition("withdraw", {P.APPROVED}, P.WITHDRAWN, "fairtrade.withdraw_point", _("Uit de gids halen")),
    ],
    audit_prefix="fairtrade.point",
)

PROGRESS_FLOW = Workflow(
    Progress,
    [
        Transition("start", {G.NOT_STARTED}, G.IN_PROGRESS, "fairtrade.manage_campaign", _("Bezig")),
        Transition("meet", {G.NOT_STARTED, G.IN_PROGRESS}, G.MET, "fairtrade.manage_campaign", _("Behaald")),
        Transition("reopen", {G.MET}, G.IN_PROGRESS, "fairtrade.manage_campaign", _("Toch nog niet behaald")),
    ],
    audit_prefix="fairtrade.progress",
)


def approve(point, user, message: str = ""):
    with transaction.atomic():
        t, locked = POINT_FLOW.begin("approve", point, user)
        POINT_FLOW.move(t, locked, user, approved_at=timezone.now(), review_message=message)
        notifications.decided(locked, notifications.APPROVED)
        follows.point_approved(locked)
    follow(point, locked)
    return point


def decline(point, user, message: str):
    with transaction.atomic():
        t, locked = POINT_FLOW.begin("decline", point, user)
        POINT_FLOW.move(t, locked, user, reason=message, review_message=message)
        notifications.decided(locked, notifications.DECLINED)
    follow(point, locked)
    return point


def withdraw(point, user, message: str = ""):
    with transaction.atomic():
        t, locked = POINT_FLOW.begin("withdraw", point, user)
        POINT_FLOW.move(t, locked, user, reason=message, withdrawn_at=timezone.now(), review_message=message)
        if user is None or user.pk != locked.applicant_id:
            notifications.decided(locked, notifications.WITHDRAWN)
    follow(point, locked)
    return point


def set_progress(progress, user, name: str, notes: str | None = None):
    """Move a criterion's progress of a year (`start`, `meet`, `reopen`)."""
    with transaction.atomic():
        t, locked = PROGRESS_FLOW.begin(name, progress, user)
        fields = {"met_at": timezone.now() if name == "meet" else None}
        if notes is not None:
            fields["notes"] = notes
        PROGRESS_FLOW.move(t, locked, user, **fields)
        if name == "meet":
            follows.progress_met(locked)
    follow(progress, locked)
    return progress
