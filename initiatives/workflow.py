"""The initiative's states and the allowed transitions, in one table (documented in README.md).

Every transition is a function here: it locks the initiative row (`select_for_update`),
checks that the transition is allowed from the current state and that the user has the
permission (rules.py), changes the state in one transaction, writes the audit log and queues
notifications that are sent once the transaction commits. Nothing else writes `status`.

A transition that is not allowed raises `TransitionNotAllowed` (with a message for the
user); a user without permission gets `PermissionDenied`.
"""

from dataclasses import dataclass
from datetime import timedelta
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from genk.core import audit, notifications

from . import conf, recipients
from .models import Initiative, Invitation, Update
from .predicates import WITHDRAWABLE_STATES
from .rules import can
from .workdays import add_working_days

S = Initiative.Status


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple[str, ...]
    target: str
    permission: str | None  # None: done by the system (a task, or another operation), never by a user
    who: str  # for the README and the staff pages


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        Transition(
            "submit", (S.DRAFT, S.CHANGES_REQUESTED), S.SUBMITTED, "initiatives.submit_initiative", "initiators"
        ),
        Transition("publish", (S.SUBMITTED,), S.COLLECTING, "initiatives.moderate_initiative", "moderator"),
        Transition(
            "request_changes", (S.SUBMITTED,), S.CHANGES_REQUESTED, "initiatives.moderate_initiative", "moderator"
        ),
        Transition("reject", (S.SUBMITTED,), S.REJECTED, "initiatives.moderate_initiative", "moderator"),
        Transition(
            "reach_threshold", (S.COLLECTING,), S.THRESHOLD_REACHED, None, "system: the support that reaches it"
        ),
        Transition("close_supports", (S.COLLECTING,), S.CLOSED, None, "system: task at the end of the period"),
        Transition("answer", (S.THRESHOLD_REACHED, S.CLOSED), S.ANSWERED, "initiatives.answer_initiative", "handler"),
        Transition("start_progress", (S.ANSWERED,), S.IN_PROGRESS, "initiatives.manage_progress", "handler"),
        Transition("realise", (S.ANSWERED, S.IN_PROGRESS), S.REALISED, "initiatives.manage_progress", "handler"),
        Transition("withdraw", WITHDRAWABLE_STATES, S.WITHDRAWN, "initiatives.withdraw_initiative", "lead initiator"),
    ]
}


class TransitionNotAllowed(Exception):
    """The transition does not apply to the initiative's current state (or a condition is
    not met). The message is written for the user."""


def allowed(name: str, initiative: Initiative, user) -> bool:
    """Whether `user` may perform transition `name` on `initiative` now (for templates)."""
    t = TRANSITIONS[name]
    return initiative.status in t.sources and t.permission is not None and can(user, t.permission, initiative)


def _lock(initiative: Initiative) -> Initiative:
    return Initiative.objects.select_for_update().get(pk=initiative.pk)


def _check(name: str, obj: Initiative, user) -> Transition:
    t = TRANSITIONS[name]
    if obj.status not in t.sources:
        raise TransitionNotAllowed(
            _("Dat kan niet meer: het initiatief is nu ‘%(status)s’.") % {"status": obj.get_status_display()}
        )
    if t.permission is not None and (user is None or not can(user, t.permission, obj)):
        raise PermissionDenied(_("Je mag dit niet doen voor dit initiatief."))
    return t


def _move(t: Transition, obj: Initiative, user, *, reason: str = "", **fields) -> None:
    """Set the new state and fields, save, and write the audit entry (who, before, after)."""
    audited = ["status", *fields]
    before = audit.snapshot(obj, audited)
    obj.status = t.target
    for field, value in fields.items():
        setattr(obj, field, value)
    obj.save(update_fields=[*audited, "modified"])
    audit.record(user, f"initiatives.{t.name}", obj, before=before, after=audit.snapshot(obj, audited), reason=reason)


def _key(obj: Initiative, event: str, moment) -> str:
    return f"initiatives:{obj.pk}:{event}:{int(moment.timestamp())}"


def _day(moment) -> str:
    return (timezone.localdate(moment) if hasattr(moment, "tzinfo") else moment).strftime("%d-%m-%Y")


def _context(obj: Initiative, **extra) -> dict:
    return {"title": obj.title, **extra}


def _staff_url(obj: Initiative) -> str:
    return reverse("initiatives_staff:detail", kwargs={"pk": obj.pk})


def _follows(func):
    """The caller's instance follows the transition (it was done on a locked copy)."""

    @wraps(func)
    def wrapper(initiative, *args, **kwargs):
        obj = func(initiative, *args, **kwargs)
        initiative.take_state_from(obj)
        return obj

    return wrapper


# The transitions.


@_follows
def submit(initiative: Initiative, user) -> Initiative:
    """The initiators hand the initiative in for moderation."""
    with transaction.atomic():
        obj = _lock(initiative)
        t = _check("submit", obj, user)
        missing = obj.missing_for_submission()
        if missing:
            raise TransitionNotAllowed(" ".join(str(message) for _step, message in missing))
        now = timezone.now()
        _move(t, obj, user, submitted_at=now)
        due = add_working_days(timezone.localdate(now), conf.moderation_working_days())
        notifications.notify(
            "initiatives.submitted",
            recipients.initiators(obj),
            key=_key(obj, "submitted", now),
            context=_context(obj, days=conf.moderation_working_days()),
            url=obj.get_absolute_url(),
        )
        notifications.notify(
            "initiatives.to_moderate",
            recipients.moderators(),
            key=_key(obj, "to_moderate", now),
            context=_context(obj, due=_day(due)),
            url=_staff_url(obj),
        )
    return obj


@_follows
def publish(initiative: Initiative, user, *, message: str = "", handler=None) -> Initiative:
    """The moderator publishes: supports open for the kind's period, with its threshold.
    `handler` is the civil servant who will answer (default: the moderator)."""
    with transaction.atomic():
        obj = _lock(initiative)
        t = _check("publish", obj, user)
        now = timezone.now()
        threshold = conf.burgervoorstel_threshold() if obj.is_proposal else conf.initiative_threshold()
        handler = handler or obj.handler or user
        _move(
            t,
            obj,
            user,
            reason=message,
            published_at=now,
            supports_close_at=now + timedelta(days=conf.support_days(obj.kind)),
            threshold=threshold,
            handler=handler,
            moderation_message=message,
            moderated_at=now,
            moderated_by=user,
        )
        notifications.notify(
            "initiatives.published",
            recipients.initiators(obj),
            key=_key(obj, "published", now),
            context=_context(obj, closes=_day(obj.supports_close_at), threshold=threshold, message=message),
            url=obj.get_absolute_url(),
        )
        if handler.pk != user.pk:
            notifications.notify(
                "initiatives.handler_assigned",
                [handler],
                key=_key(obj, f"handler:{handler.pk}", now),
                context=_context(obj),
                url=_staff_url(obj),
            )
    return obj


@_follows
def request_changes(initiative: Initiative, user, *, message: str) -> Initiative:
    """The moderator sends it back with a message the initiators see."""
    if not message.strip():
        raise TransitionNotAllowed(_("Schrijf wat de initiatiefnemers moeten aanpassen."))
    with transaction.atomic():
        obj = _lock(initiative)
        t = _check("request_changes", obj, user)
        now = timezone.now()
        _move(t, obj, user, reason=message, moderation_message=message, moderated_at=now, moderated_by=user)
        notifications.notify(
            "initiatives.changes_requested",
            recipients.initiators(obj),
            key=_key(obj, "changes_requested", now),
            context=_context(obj, message=message),
            url=reverse("initiatives:edit", kwargs={"pk": obj.pk, "step": "nakijken"}),
        )
    return obj


@_follows
def reject(initiative: Initiative, user, *, reason: str) -> Initiative:
    """The moderator refuses to publish it, with a reason the initiators see."""
    if not reason.strip():
        raise TransitionNotAllowed(_("Geef de reden waarom het initiatief niet gepubliceerd wordt."))
    with transaction.atomic():
        obj = _lock(initiative)
        t = _check("reject", obj, user)
        now = timezone.now()
        _move(t, obj, user, reason=reason, moderation_message=reason, moderated_at=now, moderated_by=user)
        Invitation.objects.filter(initiative=obj).pending().update(revoked_at=now)
        notifications.notify(
            "initiatives.rejected",
            recipients.initiators(obj),
            key=_key(obj, "rejected", now),
            context=_context(obj, reason=reason),
            url=reverse("initiatives:mine"),
        )
    return obj


@_follows
def reach_threshold(initiative: Initiative) -> Initiative:
    """The system moves it on when the counted supports reach the threshold (called by
    services.support, in its transaction). Supports stay open until the period ends."""
    with transaction.atomic():
        obj = _lock(initiative)
        t = _check("reach_threshold", obj, None)
        if obj.counted_support_count < (obj.threshold or 0):
            raise TransitionNotAllowed(_("De drempel is nog niet bereikt."))
        now = timezone.now()
        _move(t, obj, None, reason=_("drempel bereikt"), threshold_reached_at=now, answer_due=obj.answer_due_from(now))
        notifications.notify(
            "initiatives.threshold_reached",
            recipients.initiators(obj) | recipients.responsible(obj),
            key=_key(obj, "threshold_reached", now),
            context=_context(obj, threshold=obj.threshold, due=_day(obj.answer_due)),
            url=obj.get_absolute_url(),
        )
    return obj


@_follows
def close_supports(initiative: Initiative) -> Initiative:
    """The system closes the support period (tasks.close_expired_support_periods)."""
    with transaction.atomic():
        obj = _lock(initiative)
        t = _check("close_supports", obj, None)
        now = timezone.now()
        if obj.supports_close_at and obj.supports_close_at > now:
            raise TransitionNotAllowed(_("De steunperiode loopt nog."))
        _move(t, obj, None, reason=_("steunperiode afgelopen"), closed_at=now, answer_due=obj.answer_due_from(now))
        notifications.notify(
            "initiatives.supports_closed",
            recipients.initiators(obj) | recipients.responsible(obj),
            key=_key(obj, "supports_closed", now),
            context=_context(obj, supports=obj.counted_support_count, due=_day(obj.answer_due)),
            url=obj.get_absolute_url(),
        )
    return obj


@_follows
def answer(
    initiative: Initiative, user, *, outcome: str, text: str, redirect_target: str = "", redirect_detail: str = ""
) -> Initiative:
    """The responsible civil servant records the city's reasoned answer; initiators,
    supporters and followers are told."""
    if outcome not in Initiative.Outcome.values:
        raise TransitionNotAllowed(_("Kies een antwoord."))
    if not text.strip():
        raise TransitionNotAllowed(_("Motiveer het antwoord."))
    if outcome == Initiative.Outcome.REDIRECTED and not (redirect_target and redirect_detail.strip()):
        raise TransitionNotAllowed(_("Zeg waarnaar je doorverwijst."))
    if outcome != Initiative.Outcome.REDIRECTED:
        redirect_target, redirect_detail = "", ""
    with transaction.atomic():
        obj = _lock(initiative)
        t = _check("answer", obj, user)
        now = timezone.now()
        _move(
            t,
            obj,
            user,
            reason=text,
            outcome=outcome,
            answer_text=text,
            redirect_target=redirect_target,
            redirect_detail=redirect_detail,
            answered_at=now,
            answered_by=user,
        )
        redirect = f"{obj.get_redirect_target_display()}: {redirect_detail}" if redirect_target else ""
        notifications.notify(
            "initiatives.answered",
            recipients.audience(obj),
            key=_key(obj, "answered", now),
            context=_context(obj, outcome=outcome, text=text, redirect=redirect),
            url=obj.get_absolute_url(),
        )
    return obj


def _progress(name: str, kind: str, initiative: Initiative, user, text: str, stamp_field: str) -> Initiative:
    with transaction.atomic():
        obj = _lock(initiative)
        t = _check(name, obj, user)
        now = timezone.now()
        _move(t, obj, user, reason=text, **{stamp_field: now})
        if text.strip():
            Update.objects.create(
                initiative=obj, author=user, by_city=True, title=obj.get_status_display().capitalize(), body=text
            )
        notifications.notify(
            kind,
            recipients.audience(obj),
            key=_key(obj, name, now),
            context=_context(obj, text=text),
            url=obj.get_absolute_url(),
        )
    return obj


@_follows
def start_progress(initiative: Initiative, user, *, text: str = "") -> Initiative:
    """The city (with the initiators) starts carrying it out."""
    return _progress("start_progress", "initiatives.in_progress", initiative, user, text, "progress_started_at")


@_follows
def realise(initiative: Initiative, user, *, text: str = "") -> Initiative:
    """It is done."""
    return _progress("realise", "initiatives.realised", initiative, user, text, "realised_at")


@_follows
def withdraw(initiative: Initiative, user, *, reason: str = "") -> Initiative:
    """The lead initiator withdraws it (before the city answers). A published initiative stays
    visible as withdrawn; its supporters and followers are told."""
    with transaction.atomic():
        obj = _lock(initiative)
        t = _check("withdraw", obj, user)
        now = timezone.now()
        was_submitted = obj.status == S.SUBMITTED
        _move(t, obj, user, reason=reason, withdrawn_at=now, withdrawn_reason=reason)
        Invitation.objects.filter(initiative=obj).pending().update(revoked_at=now)
        audience = (recipients.audience(obj) if obj.published_at else recipients.initiators(obj)) - {user.pk}
        if was_submitted:
            audience |= recipients.moderators()
        notifications.notify(
            "initiatives.withdrawn",
            audience,
            key=_key(obj, "withdrawn", now),
            context=_context(obj, reason=reason),
            url=obj.get_absolute_url() if obj.published_at else "",
        )
    return obj
