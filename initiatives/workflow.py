"""The initiative's states and the allowed transitions, in one table (documented in README.md).

The table is a `genk.core.workflow.Workflow`: every transition here begins with `FLOW.begin`
(locks the row with `select_for_update`, checks the state and the permission in rules.py)
and ends with `FLOW.move` (saves the new state, writes the audit log `initiatives.<name>`),
in one transaction; notifications are queued and sent once it commits. What is this app's
own: the conditions of each step, its fields and its notifications. Nothing else writes
`status`.

A transition that is not allowed raises `TransitionNotAllowed` (a `NotAllowed`, with a message
for the user); a user without permission gets `PermissionDenied`.
"""

from datetime import timedelta
from functools import wraps

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from genk.core import notifications
from genk.core.formats import day_label
from genk.core.workflow import Transition, TransitionNotAllowed, Workflow, follow

from . import conf, recipients
from .models import Initiative, Invitation, Update
from .notifications import context, key, staff_url
from .predicates import WITHDRAWABLE_STATES
from .workdays import add_working_days

__all__ = ["FLOW", "Transition", "TransitionNotAllowed"]

S = Initiative.Status

# A rule of None: done by the system (a task, or another operation), never by a user.
FLOW = Workflow(
    Initiative,
    [
        Transition(
            "submit", {S.DRAFT, S.CHANGES_REQUESTED}, S.SUBMITTED, "initiatives.submit_initiative", "initiators"
        ),
        Transition("publish", {S.SUBMITTED}, S.COLLECTING, "initiatives.moderate_initiative", "moderator"),
        Transition(
            "request_changes", {S.SUBMITTED}, S.CHANGES_REQUESTED, "initiatives.moderate_initiative", "moderator"
        ),
        Transition("reject", {S.SUBMITTED}, S.REJECTED, "initiatives.moderate_initiative", "moderator"),
        Transition("reach_threshold", {S.COLLECTING}, S.THRESHOLD_REACHED, None, "system: the support that reaches it"),
        Transition("close_supports", {S.COLLECTING}, S.CLOSED, None, "system: task at the end of the period"),
        Transition("answer", {S.THRESHOLD_REACHED, S.CLOSED}, S.ANSWERED, "initiatives.answer_initiative", "handler"),
        Transition("start_progress", {S.ANSWERED}, S.IN_PROGRESS, "initiatives.manage_progress", "handler"),
        Transition("realise", {S.ANSWERED, S.IN_PROGRESS}, S.REALISED, "initiatives.manage_progress", "handler"),
        Transition("withdraw", WITHDRAWABLE_STATES, S.WITHDRAWN, "initiatives.withdraw_initiative", "lead initiator"),
    ],
    audit_prefix="initiatives",
    state_message=gettext_lazy("Dat kan niet meer: het initiatief is nu ‘%(status)s’."),
    denied_message=gettext_lazy("Je mag dit niet doen voor dit initiatief."),
)


def _follows(func):
    """The caller's instance follows the transition (it was done on a locked copy)."""

    @wraps(func)
    def wrapper(initiative, *args, **kwargs):
        obj = func(initiative, *args, **kwargs)
        follow(initiative, obj)
        initiative._state.fields_cache.clear()
        return obj

    return wrapper


# The transitions.


@_follows
def submit(initiative: Initiative, user) -> Initiative:
    """The initiators hand the initiative in for moderation."""
    with transaction.atomic():
        t, obj = FLOW.begin("submit", initiative, user)
        missing = obj.missing_for_submission()
        if missing:
            raise TransitionNotAllowed(" ".join(str(message) for _step, message in missing))
        now = timezone.now()
        FLOW.move(t, obj, user, submitted_at=now)
        due = add_working_days(timezone.localdate(now), conf.moderation_working_days())
        notifications.notify(
            "initiatives.submitted",
            recipients.initiators(obj),
            key=key(obj, "submitted", now),
            context=context(obj, days=conf.moderation_working_days()),
            url=obj.get_absolute_url(),
        )
        notifications.notify(
            "initiatives.to_moderate",
            recipients.moderators(),
            key=key(obj, "to_moderate", now),
            context=context(obj, due=day_label(due)),
            url=staff_url(obj),
        )
    return obj


@_follows
def publish(initiative: Initiative, user, *, message: str = "", handler=None) -> Initiative:
    """The moderator publishes: supports open for the kind's period, with its threshold.
    `handler` is the civil servant who will answer (default: the moderator)."""
    with transaction.atomic():
        t, obj = FLOW.begin("publish", initiative, user)
        now = timezone.now()
        threshold = conf.burgervoorstel_threshold() if obj.is_proposal else conf.initiative_threshold()
        handler = handler or obj.handler or user
        FLOW.move(
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
            key=key(obj, "published", now),
            context=context(obj, closes=day_label(obj.supports_close_at), threshold=threshold, message=message),
            url=obj.get_absolute_url(),
        )
        if handler.pk != user.pk:
            notifications.notify(
                "initiatives.handler_assigned",
                [handler],
                key=key(obj, f"handler:{handler.pk}", now),
                context=context(obj),
                url=staff_url(obj),
            )
    return obj


@_follows
def request_changes(initiative: Initiative, user, *, message: str) -> Initiative:
    """The moderator sends it back with a message the initiators see."""
    if not message.strip():
        raise TransitionNotAllowed(_("Schrijf wat de initiatiefnemers moeten aanpassen."))
    with transaction.atomic():
        t, obj = FLOW.begin("request_changes", initiative, user)
        now = timezone.now()
        FLOW.move(t, obj, user, reason=message, moderation_message=message, moderated_at=now, moderated_by=user)
        notifications.notify(
            "initiatives.changes_requested",
            recipients.initiators(obj),
            key=key(obj, "changes_requested", now),
            context=context(obj, message=message),
            url=reverse("initiatives:edit", kwargs={"pk": obj.pk, "step": "nakijken"}),
        )
    return obj


@_follows
def reject(initiative: Initiative, user, *, reason: str) -> Initiative:
    """The moderator refuses to publish it, with a reason the initiators see."""
    if not reason.strip():
        raise TransitionNotAllowed(_("Geef de reden waarom het initiatief niet gepubliceerd wordt."))
    with transaction.atomic():
        t, obj = FLOW.begin("reject", initiative, user)
        now = timezone.now()
        FLOW.move(t, obj, user, reason=reason, moderation_message=reason, moderated_at=now, moderated_by=user)
        Invitation.objects.filter(initiative=obj).pending().update(revoked_at=now)
        notifications.notify(
            "initiatives.rejected",
            recipients.initiators(obj),
            key=key(obj, "rejected", now),
            context=context(obj, reason=reason),
            url=reverse("initiatives:mine"),
        )
    return obj


@_follows
def reach_threshold(initiative: Initiative) -> Initiative:
    """The system moves it on when the counted supports reach the threshold (called by
    services.support, in its transaction). Supports stay open until the period ends."""
    with transaction.atomic():
        t, obj = FLOW.begin("reach_threshold", initiative, None)
        if obj.counted_support_count < (obj.threshold or 0):
            raise TransitionNotAllowed(_("De drempel is nog niet bereikt."))
        now = timezone.now()
        FLOW.move(
            t, obj, None, reason=_("drempel bereikt"), threshold_reached_at=now, answer_due=obj.answer_due_from(now)
        )
        notifications.notify(
            "initiatives.threshold_reached",
            recipients.initiators(obj) | recipients.responsible(obj),
            key=key(obj, "threshold_reached", now),
            context=context(obj, threshold=obj.threshold, due=day_label(obj.answer_due)),
            url=obj.get_absolute_url(),
        )
    return obj


@_follows
def close_supports(initiative: Initiative) -> Initiative:
    """The system closes the support period (tasks.close_expired_support_periods)."""
    with transaction.atomic():
        t, obj = FLOW.begin("close_supports", initiative, None)
        now = timezone.now()
        if obj.supports_close_at and obj.supports_close_at > now:
            raise TransitionNotAllowed(_("De steunperiode loopt nog."))
        FLOW.move(t, obj, None, reason=_("steunperiode afgelopen"), closed_at=now, answer_due=obj.answer_due_from(now))
        notifications.notify(
            "initiatives.supports_closed",
            recipients.initiators(obj) | recipients.responsible(obj),
            key=key(obj, "supports_closed", now),
            context=context(obj, supports=obj.counted_support_count, due=day_label(obj.answer_due)),
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
        t, obj = FLOW.begin("answer", initiative, user)
        now = timezone.now()
        FLOW.move(
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
            key=key(obj, "answered", now),
            context=context(obj, outcome=outcome, text=text, redirect=redirect),
            url=obj.get_absolute_url(),
        )
    return obj


def _progress(name: str, kind: str, initiative: Initiative, user, text: str, stamp_field: str) -> Initiative:
    with transaction.atomic():
        t, obj = FLOW.begin(name, initiative, user)
        now = timezone.now()
        FLOW.move(t, obj, user, reason=text, **{stamp_field: now})
        if text.strip():
            Update.objects.create(
                initiative=obj, author=user, by_city=True, title=obj.get_status_display().capitalize(), body=text
            )
        notifications.notify(
            kind,
            recipients.audience(obj),
            key=key(obj, name, now),
            context=context(obj, text=text),
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
        t, obj = FLOW.begin("withdraw", initiative, user)
        now = timezone.now()
        was_submitted = obj.status == S.SUBMITTED
        FLOW.move(t, obj, user, reason=reason, withdrawn_at=now, withdrawn_reason=reason)
        Invitation.objects.filter(initiative=obj).pending().update(revoked_at=now)
        audience = (recipients.audience(obj) if obj.published_at else recipients.initiators(obj)) - {user.pk}
        if was_submitted:
            audience |= recipients.moderators()
        notifications.notify(
            "initiatives.withdrawn",
            audience,
            key=key(obj, "withdrawn", now),
            context=context(obj, reason=reason),
            url=obj.get_absolute_url() if obj.published_at else "",
        )
    return obj
