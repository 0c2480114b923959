"""The notification dispatcher: one entry point, `notify`, for every app.

An app registers its kinds (in its own notifications.py, loaded at start-up) and calls
`notify(kind, recipients, key=..., context=...)` inside the transaction that caused it.
After commit a Celery task stores one in-app Notification per recipient and emails it
now or in the daily digest, by the recipient's preference. The `key` names the event:
a retried or repeated task finds the Notification and the SendLog row and sends nothing twice.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .formats import day_label
from .models import Notification, SendLog


@dataclass(frozen=True)
class NotificationKind:
    key: str
    label: str
    subject: str  # a translatable format string, filled with the context: "%(title)s is gepubliceerd"
    template: str  # body template, rendered with the context in the recipient's language


_registry: dict[str, NotificationKind] = {}


def register(key: str, label, subject, template: str | None = None) -> NotificationKind:
    kind = NotificationKind(key=key, label=label, subject=subject, template=template or f"notifications/{key}.txt")
    _registry[key] = kind
    return kind


def get_kind(key: str) -> NotificationKind:
    return _registry[key]


def kinds() -> list[NotificationKind]:
    return sorted(_registry.values(), key=lambda k: k.key)


def notify(kind: str, recipients, *, key: str, context: dict | None = None, url: str = "") -> None:
    """Queue a notification for `recipients` (users or ids) once the current transaction commits.

    The delivery task goes through `genk.core.outbox`: a broker that is down at commit loses
    nothing and fails no page; the task is published when the broker answers again."""
    get_kind(kind)  # fail early on an unknown kind
    ids = sorted({getattr(r, "pk", r) for r in recipients if r is not None})
    if not ids:
        return
    from . import outbox
    from .tasks import deliver_notification

    # Through the outbox: written with the change, published after commit, kept if the broker is down.
    outbox.enqueue(deliver_notification, kind=kind, recipient_ids=ids, key=key, context=context or {}, url=url)


def render(kind: NotificationKind, context: dict, language: str) -> tuple[str, str]:
    with translation.override(language):
        subject = str(kind.subject) % context if context else str(kind.subject)
        body = render_to_string(kind.template, context)
    return subject[:250], body.strip()


def deliver(kind_key: str, recipient_ids: list[int], key: str, context: dict, url: str = "") -> int:
    """Store and send one notification per recipient; returns how many emails went out."""
    from django.contrib.auth import get_user_model

    kind = get_kind(kind_key)
    sent = 0
    for user in get_user_model().objects.filter(pk__in=recipient_ids, is_active=True):
        subject, body = render(kind, context, user.language or settings.LANGUAGE_CODE)
        notification, _created = Notification.objects.get_or_create(
            recipient=user,
            key=key,
            defaults={"kind": kind.key, "subject": subject, "body": body, "url": url},
        )
        if user.notification_frequency == user.NotificationFrequency.IMMEDIATELY and notification.emailed_at is None:
            link = absolute_url(url)
            text = f"{body}\n\n{link}" if link else body
            if send_email_once(f"notification:{notification.pk}", user, subject, text):
                sent += 1
            Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    return sent


def email_subject(subject: str) -> str:
    """The subject as the portal sends it: PORTAL_EMAIL_SUBJECT_PREFIX ("[Samen Genk] ") first."""
    return f"{settings.PORTAL_EMAIL_SUBJECT_PREFIX}{subject}"


def week_key(day) -> str:
    """The ISO week of `day` ("2026-W50"), for the key of a reminder sent at most once a week."""
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def send_email_once(key: str, to, subject: str, body: str, attachments=()) -> bool:
    """Send an email unless one was already sent under `key`. The log row and the send share
    a transaction: if sending fails the row is rolled back and a retry sends again.

    `to` is a user (the email ends with the footer about their notification settings, in their
    language) or an address without an account (an invitation: no footer). `attachments`:
    (filename, content, mimetype) triples."""
    user = None if isinstance(to, str) else to
    address = to if user is None else user.email
    if not address:
        return False
    with transaction.atomic():
        try:
            with transaction.atomic():
                SendLog.objects.create(key=key, recipient=user)
        except IntegrityError:
            return False
        if user is not None:
            with translation.override(user.language or settings.LANGUAGE_CODE):
                footer = str(_("Je ontvangt dit bericht van Samen Genk. Je meldingen regel je op %(url)s")) % {
                    "url": absolute_url("/profiel/meldingen/")
                }
            body = f"{body}\n\n-- \n{footer}\n"
        message = EmailMessage(subject=email_subject(subject), body=body, to=[address])
        for filename, content, mimetype in attachments:
            message.attach(filename, content, mimetype)
        message.send()
    return True


def send_digest(user, day) -> bool:
    """Email `user` everything not yet emailed, as one message for `day`. Idempotent per day:
    what arrives after the day's digest went out stays pending for the next day's (it is
    marked emailed only when a digest carrying it was sent)."""
    pending = list(Notification.objects.filter(recipient=user, emailed_at__isnull=True).order_by("created"))
    if not pending:
        return False
    with translation.override(user.language or settings.LANGUAGE_CODE):
        subject = str(_("Je overzicht van %(day)s")) % {"day": day_label(day)}
        body = render_to_string(
            "notifications/digest.txt",
            {"notifications": [(n, absolute_url(n.url)) for n in pending], "user": user},
        )
    sent = send_email_once(f"digest:{user.pk}:{day.isoformat()}", user, subject, body.strip())
    if sent:
        Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=timezone.now())
    return sent


def absolute_url(path: str) -> str:
    if not path:
        return ""
    if path.startswith("http"):
        return path
    return settings.SITE_URL.rstrip("/") + path


def unread_count(user) -> int:
    """The person's unread notifications (the menu's badge); a page that counted them already
    with something else puts the number on the user object (`_unread_notifications`)."""
    known = getattr(user, "_unread_notifications", None)
    if known is not None:
        return known
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


# The kinds the core itself sends.
ACCOUNT_WELCOME = register(
    "account.welcome",
    _("Welkom bij Samen Genk"),
    _("Welkom bij Samen Genk, %(name)s"),
)
