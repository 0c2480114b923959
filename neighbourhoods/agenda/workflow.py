"""The states of activities and registrations, and the only functions that change them.

Activity: `draft` → `publish` → `published` (organisers the city trusts: city staff, area
teams, organisations with an activity published before) or `draft` → `submit` → `in_review`
→ `approve` → `published` / `send_back` → `draft` (an organisation's first activity);
`published` → `cancel` → `cancelled`; `published` → `mark_took_place` → `took_place` (the
beat task, after the end). Submitting, publishing and approving an occurrence of a series does
the same to every occurrence of it in the same state; cancelling is per occurrence.

Registration: created `registered` or `waiting` (or `unconfirmed` for a visitor without an
account) by services.register; `confirm` → `registered` / `waiting`; `promote`: `waiting` →
`registered`; `cancel` → `cancelled`; `attend`: `registered` → `attended` (and `unattend`
back). Capacity is counted under the activity's row lock (services.lock_activity).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from genk.core.workflow import Transition, Workflow, follow

from . import notifications
from .models import Activity, Registration

A = Activity.Status
R = Registration.Status

ACTIVITY_FLOW = Workflow(
    Activity,
    [
        Transition("submit", {A.DRAFT}, A.IN_REVIEW, "agenda.change_activity", _("Ter controle indienen")),
        Transition("publish", {A.DRAFT}, A.PUBLISHED, "agenda.publish_activity", _("Publiceren")),
        Transition("approve", {A.IN_REVIEW}, A.PUBLISHED, "agenda.review_activity", _("Goedkeuren en publiceren")),
        Transition("send_back", {A.IN_REVIEW}, A.DRAFT, "agenda.review_activity", _("Terugsturen met een bericht")),
        Transition("cancel", {A.PUBLISHED}, A.CANCELLED, "agenda.change_activity", _("Annuleren")),
        Transition("mark_took_place", {A.PUBLISHED}, A.TOOK_PLACE, None, _("Heeft plaatsgevonden")),
    ],
    audit_prefix="agenda.activity",
)

REGISTRATION_FLOW = Workflow(
    Registration,
    [
        Transition("confirm", {R.UNCONFIRMED}, "", None, _("E-mailadres bevestigen")),
        Transition("promote", {R.WAITING}, R.REGISTERED, None, _("Van de wachtlijst halen")),
        Transition(
            "cancel",
            {R.UNCONFIRMED, R.REGISTERED, R.WAITING},
            R.CANCELLED,
            "agenda.cancel_registration",
            _("Annuleren"),
        ),
        Transition("attend", {R.REGISTERED}, R.ATTENDED, "agenda.attend_registration", _("Aanwezig")),
        Transition("unattend", {R.ATTENDED}, R.REGISTERED, "agenda.attend_registration", _("Toch niet aanwezig")),
    ],
    audit_prefix="agenda.registration",
)


def _siblings(activity, state):
    """The activity and, for a series, every occurrence of it in `state` (pk order: locks in one order)."""
    if activity.series_id is None:
        return [activity]
    return list(Activity.objects.filter(series_id=activity.series_id, status=state).order_by("pk"))


def _move_series(name: str, activity, user, **fields):
    t = ACTIVITY_FLOW[name]
    moved = []
    with transaction.atomic():
        first = ACTIVITY_FLOW.lock(activity)
        ACTIVITY_FLOW.check(name, first, user)
        for occurrence in _siblings(first, first.status):
            _t, locked = ACTIVITY_FLOW.begin(name, occurrence, user)
            ACTIVITY_FLOW.move(t, locked, user, **fields)
            moved.append(locked)
    for locked in moved:
        if locked.pk == activity.pk:
            follow(activity, locked)
    return moved


def submit(activity, user):
    moved = _move_series("submit", activity, user)
    notifications.to_reviewers(activity, len(moved))
    return activity


def publish(activity, user):
    _move_series("publish", activity, user, published_at=timezone.now(), review_message="")
    return activity


def approve(activity, user):
    _move_series("approve", activity, user, published_at=timezone.now(), review_message="")
    notifications.reviewed(activity, approved=True)
    return activity


def send_back(activity, user, message: str):
    _move_series("send_back", activity, user, review_message=message)
    notifications.reviewed(activity, approved=False)
    return activity


def cancel(activity, user, reason: str):
    with transaction.atomic():
        t, locked = ACTIVITY_FLOW.begin("cancel", activity, user)
        ACTIVITY_FLOW.move(t, locked, user, reason=reason, cancelled_reason=reason)
        notifications.activity_cancelled(locked)
    follow(activity, locked)
    return activity


def mark_took_place(activity):
    """By the beat task: a published activity whose end has passed. Returns False when
    another run (or an organiser) moved it first."""
    with transaction.atomic():
        locked = ACTIVITY_FLOW.lock(activity)
        if locked.status != A.PUBLISHED or locked.ends_at > timezone.now():
            return False
        ACTIVITY_FLOW.move("mark_took_place", locked, None)
    follow(activity, locked)
    return True


# Registrations. Each runs inside the caller's transaction, which holds the activity's lock.


def confirm(registration, target: str):
    """A visitor's e-mail address is confirmed: `target` is registered or waiting, as the
    service decided under the activity's lock."""
    t, locked = REGISTRATION_FLOW.begin("confirm", registration, None)
    REGISTRATION_FLOW.move(t, locked, None, target=target, confirmed_at=timezone.now())
    follow(registration, locked)
    return registration


def promote(registration):
    t, locked = REGISTRATION_FLOW.begin("promote", registration, None)
    REGISTRATION_FLOW.move(t, locked, None, promoted_at=timezone.now())
    follow(registration, locked)
    return registration


def cancel_registration(registration, user, *, check_rule: bool = True):
    """`check_rule=False` for a visitor cancelling with the signed link of their e-mail."""
    t, locked = REGISTRATION_FLOW.begin("cancel", registration, user, check_rule=check_rule)
    REGISTRATION_FLOW.move(t, locked, user, cancelled_at=timezone.now())
    follow(registration, locked)
    return registration


def attend(registration, user, present: bool = True):
    name = "attend" if present else "unattend"
    with transaction.atomic():
        t, locked = REGISTRATION_FLOW.begin(name, registration, user)
        REGISTRATION_FLOW.move(t, locked, user, attended_at=timezone.now() if present else None)
    follow(registration, locked)
    return registration
