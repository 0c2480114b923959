"""The notification kinds of the agenda, and who hears what. Bodies:
templates/notifications/<kind>.txt (in this app).

People with an account hear through `genk.core.notifications.notify` (in-app and e-mail, by
their preference); a visitor registered without an account gets the same text by e-mail
(tasks.send_guest_email). Every message is queued inside the transaction that caused it and
sent after commit, under a key that names the event: nothing is sent twice.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from genk.core import notifications, outbox
from genk.core.formats import long_date

REGISTERED = notifications.register(
    "agenda.registered", _("Inschrijving bevestigd"), _("Je bent ingeschreven voor ‘%(title)s’")
)
WAITING = notifications.register(
    "agenda.waiting", _("Op de wachtlijst"), _("Je staat op de wachtlijst voor ‘%(title)s’")
)
PROMOTED = notifications.register(
    "agenda.promoted", _("Van de wachtlijst gehaald"), _("Er is een plaats vrij: je bent ingeschreven voor ‘%(title)s’")
)
CHANGED = notifications.register("agenda.changed", _("Activiteit gewijzigd"), _("‘%(title)s’ is gewijzigd"))
CANCELLED = notifications.register("agenda.cancelled", _("Activiteit geannuleerd"), _("‘%(title)s’ gaat niet door"))
REMINDER = notifications.register("agenda.reminder", _("Herinnering aan een activiteit"), _("Morgen: ‘%(title)s’"))
MESSAGE = notifications.register("agenda.message", _("Bericht van een organisator"), _("‘%(title)s’: %(subject)s"))
TO_REVIEW = notifications.register(
    "agenda.to_review", _("Activiteit ter controle"), _("Nieuwe activiteit ter controle: ‘%(title)s’")
)
APPROVED = notifications.register(
    "agenda.approved", _("Activiteit gepubliceerd"), _("Je activiteit ‘%(title)s’ staat in de agenda")
)
SENT_BACK = notifications.register(
    "agenda.sent_back", _("Activiteit teruggestuurd"), _("Pas je activiteit ‘%(title)s’ aan")
)
GUEST_CONFIRM = notifications.register(
    "agenda.guest_confirm", _("Bevestig je inschrijving"), _("Bevestig je inschrijving voor ‘%(title)s’")
)


def _context(activity, **extra) -> dict:
    local = timezone.localtime(activity.starts_at)
    return {
        "title": activity.title,
        "when": f"{long_date(local)} {local:%H:%M}",
        "where": activity.location_label or activity.online_url,
        **extra,
    }


def _send(kind, registrations, key: str, context: dict, url: str) -> None:
    """Registrants with an account through the dispatcher; visitors by e-mail."""
    users = [r.user_id for r in registrations if r.user_id and not r.anonymised]
    if users:
        notifications.notify(kind.key, users, key=key, context=context, url=url)
    guests = [r.pk for r in registrations if not r.user_id and r.email and not r.anonymised]
    if guests:
        from .tasks import send_guest_email

        for pk in guests:
            outbox.enqueue(send_guest_email, kind_key=kind.key, registration_id=pk, key=key, context=context, url=url)


def registered(registration) -> None:
    from .models import Registration

    activity = registration.activity
    kind = WAITING if registration.status == Registration.Status.WAITING else REGISTERED
    context = _context(activity, code=registration.code, seats=registration.seats)
    _send(kind, [registration], f"{kind.key}.{registration.pk}", context, activity.get_absolute_url())


def promoted(registration) -> None:
    activity = registration.activity
    context = _context(activity, code=registration.code, seats=registration.seats)
    _send(PROMOTED, [registration], f"agenda.promoted.{registration.pk}", context, activity.get_absolute_url())


def _registrants(activity):
    from .models import Registration

    return list(
        Registration.objects.filter(
            activity=activity,
            status__in=(Registration.Status.REGISTERED, Registration.Status.WAITING, Registration.Status.ATTENDED),
        )
    )


def activity_changed(activity, changed: list[str]) -> None:
    stamp = int(activity.changed_at.timestamp()) if activity.changed_at else 0
    _send(
        CHANGED,
        _registrants(activity),
        f"agenda.changed.{activity.pk}.{stamp}",
        _context(activity),
        activity.get_absolute_url(),
    )


def activity_cancelled(activity) -> None:
    _send(
        CANCELLED,
        _registrants(activity),
        f"agenda.cancelled.{activity.pk}",
        _context(activity, reason=activity.cancelled_reason),
        activity.get_absolute_url(),
    )


def reminder(activity, registrations) -> None:
    _send(REMINDER, registrations, f"agenda.reminder.{activity.pk}", _context(activity), activity.get_absolute_url())


def organiser_message(activity, registrations, subject: str, body: str, *, key: str) -> None:
    _send(MESSAGE, registrations, key, _context(activity, subject=subject, body=body), activity.get_absolute_url())


def to_reviewers(activity, count: int) -> None:
    from django.contrib.auth import get_user_model

    from .rules import REVIEW_DEPARTMENT

    reviewers = get_user_model().objects.filter(
        department_memberships__department__slug=REVIEW_DEPARTMENT, is_active=True
    )
    notifications.notify(
        TO_REVIEW.key,
        list(reviewers.values_list("pk", flat=True)),
        key=f"agenda.to_review.{activity.pk}.{int(timezone.now().timestamp())}",
        context=_context(activity, organiser=activity.organiser_name, count=count),
        url=reverse("agenda_staff:review", kwargs={"pk": activity.pk}),
    )


def reviewed(activity, *, approved: bool) -> None:
    kind = APPROVED if approved else SENT_BACK
    if activity.created_by_id is None:
        return
    notifications.notify(
        kind.key,
        [activity.created_by_id],
        key=f"{kind.key}.{activity.pk}.{int(timezone.now().timestamp())}",
        context=_context(activity, message=activity.review_message),
        url=activity.get_absolute_url() if approved else reverse("agenda:edit", kwargs={"pk": activity.pk}),
    )


def guest_email(registration, what: str) -> None:
    """The e-mail with the link that confirms a visitor's address."""
    from . import services

    url = reverse("agenda:confirm", kwargs={"token": services.confirm_token(registration)})
    _send(
        GUEST_CONFIRM,
        [registration],
        f"agenda.guest_confirm.{registration.pk}.{int(timezone.now().timestamp())}",
        _context(registration.activity, name=registration.name),
        url,
    )
