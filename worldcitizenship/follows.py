"""Following world citizenship: the Francistown partnership, FairTrade or one SDG.

A resident follows a *subject* — ``"partnership"``, ``"fairtrade"`` or ``"sdg-<n>"`` (1–17) —
and says how they want to hear about it: ``immediately`` (an email per message, when their
account's notification preference allows it) or ``digest`` (once a day, in one email). Every
message is also stored in the portal's notifications (``genk.core.notifications``).

Apps call one function, inside the transaction that caused the news::

    from worldcitizenship.follows import notify_followers

    notify_followers(
        "fairtrade",
        key=f"fairtrade:point:{point.pk}:approved",
        title=point.name,
        url=point.get_absolute_url(),
        summary=_("Een nieuw fairtradepunt in Genk"),
    )

The ``key`` names the *event*, not the subject: calling again with the same key (a retry, or
the same news for "partnership" and "sdg-4") stores and sends nothing twice to anyone.
The account's preference stays the ceiling: "never" sends no email, "daily" gets everything in
the daily digest of ``genk.core``.
"""

from datetime import datetime, time

from celery import shared_task
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from genk.core import notifications
from genk.core.formats import day_label

PARTNERSHIP = "partnership"
FAIRTRADE = "fairtrade"
SDG_PREFIX = "sdg-"

KIND = notifications.register(
    "worldcitizenship.follow",
    _("Nieuws over wat je volgt (wereldburgerschap)"),
    _("%(title)s"),
)


def sdg_subject(number: int) -> str:
    return f"{SDG_PREFIX}{int(number)}"


def validate_subject(subject: str) -> str:
    """Return `subject` if it is one that can be followed, else raise ValidationError."""
    if subject in (PARTNERSHIP, FAIRTRADE):
        return subject
    if subject.startswith(SDG_PREFIX):
        number = subject[len(SDG_PREFIX) :]
        if number.isdigit() and 1 <= int(number) <= 17 and str(int(number)) == number:
            return subject
    raise ValidationError(_("Dit kun je niet volgen: %(subject)s"), params={"subject": subject}, code="subject")


def subject_label(subject: str) -> str:
    if subject == PARTNERSHIP:
        return str(_("de stedenband met Francistown"))
    if subject == FAIRTRADE:
        return str(_("Genk FairTrade-gemeente"))
    return str(_("SDG %(number)s")) % {"number": subject[len(SDG_PREFIX) :]}


class Follow(models.Model):
    """One person follows one subject ("partnership", "fairtrade", "sdg-<n>")."""

    class How(models.TextChoices):
        IMMEDIATELY = "immediately", _("meteen, per bericht")
        DIGEST = "digest", _("één keer per dag, in een overzicht")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persoon"),
        on_delete=models.CASCADE,
        related_name="worldcitizenship_follows",
    )
    subject = models.CharField(_("onderwerp"), max_length=20, validators=[validate_subject])
    how = models.CharField(_("hoe je het hoort"), max_length=20, choices=How.choices, default=How.IMMEDIATELY)
    created = models.DateTimeField(_("volgt sinds"), default=timezone.now)

    class Meta:
        app_label = "worldcitizenship"
        verbose_name = _("volger (wereldburgerschap)")
        verbose_name_plural = _("volgers (wereldburgerschap)")
        ordering = ["subject", "created"]
        constraints = [models.UniqueConstraint(fields=["user", "subject"], name="worldcitizenship_follow_once")]
        indexes = [models.Index(fields=["subject"], name="worldcitizenship_follow_subj")]

    def __str__(self):
        return f"{self.user} volgt {self.subject}"


def follow(user, subject: str, how: str = Follow.How.IMMEDIATELY) -> Follow:
    """Follow `subject` (or change how); harmless to repeat."""
    validate_subject(subject)
    if how not in Follow.How.values:
        raise ValidationError(_("Kies hoe je het wilt horen."), code="how")
    obj, _created = Follow.objects.update_or_create(user=user, subject=subject, defaults={"how": how})
    return obj


def unfollow(user, subject: str) -> None:
    Follow.objects.filter(user=user, subject=subject).delete()


def following(user, subject: str) -> Follow | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Follow.objects.filter(user=user, subject=subject).first()


def notification_key(key: str) -> str:
    return f"worldcitizenship:follow:{key}"


def notify_followers(subject: str, *, key: str, title: str, url: str, summary: str = "") -> int:
    """Tell everyone following `subject` about `title` (at `url`), once per `key`.

    Call it inside the transaction that made the news: delivery is queued through the outbox
    and runs after commit. Returns how many followers were queued (0: nobody follows)."""
    validate_subject(subject)
    ids = list(Follow.objects.filter(subject=subject, user__is_active=True).values_list("user_id", flat=True))
    if not ids:
        return 0
    from genk.core import outbox

    outbox.enqueue(
        deliver_to_followers,
        subject=subject,
        recipient_ids=sorted(ids),
        key=key,
        context={"title": str(title), "summary": str(summary), "subject": subject},
        url=url,
    )
    return len(ids)


def deliver(subject: str, recipient_ids: list[int], key: str, context: dict, url: str = "") -> int:
    """Store one notification per follower and email those who want it now; returns the emails sent.

    Idempotent: the notification is unique per (recipient, key), the email per notification."""
    from genk.core.models import Notification

    sent = 0
    follows = Follow.objects.filter(subject=subject, user_id__in=recipient_ids, user__is_active=True).select_related(
        "user"
    )
    for follow_ in follows:
        user = follow_.user
        language = user.language or settings.LANGUAGE_CODE
        with translation.override(language):
            ctx = {**context, "subject_label": subject_label(subject)}
        title, body = notifications.render(KIND, ctx, language)
        notification, _created = Notification.objects.get_or_create(
            recipient=user,
            key=notification_key(key),
            defaults={"kind": KIND.key, "subject": title, "body": body, "url": url},
        )
        wants_now = (
            follow_.how == Follow.How.IMMEDIATELY
            and user.notification_frequency == user.NotificationFrequency.IMMEDIATELY
        )
        if wants_now and notification.emailed_at is None:
            link = notifications.absolute_url(url)
            text = f"{body}\n\n{link}" if link else body
            if notifications.send_email_once(f"notification:{notification.pk}", user, title, text):
                sent += 1
            Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    return sent


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def deliver_to_followers(self, subject: str, recipient_ids: list[int], key: str, context: dict, url: str = "") -> int:
    return deliver(subject, recipient_ids, key, context, url)


def send_follow_digest(user, day) -> bool:
    """Email `user` (preference "immediately") the follow news of before `day` they chose to get
    as a digest. One email per day (send log); news of `day` itself waits for the next day, so
    nothing is marked emailed without being sent. Users whose preference is "daily" get it in
    the core digest instead."""
    from genk.core.models import Notification

    start = timezone.make_aware(datetime.combine(day, time.min))
    pending = list(
        Notification.objects.filter(recipient=user, kind=KIND.key, emailed_at__isnull=True, created__lt=start).order_by(
            "created"
        )
    )
    if not pending:
        return False
    with translation.override(user.language or settings.LANGUAGE_CODE):
        title = str(_("Nieuws over wat je volgt, tot %(day)s")) % {"day": day_label(day)}
        body = render_to_string(
            "notifications/digest.txt",
            {"notifications": [(n, notifications.absolute_url(n.url)) for n in pending], "user": user},
        )
    sent = notifications.send_email_once(
        f"worldcitizenship:follow-digest:{user.pk}:{day.isoformat()}", user, title, body
    )
    if sent:
        Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=timezone.now())
    return sent


@shared_task
def send_follow_digests() -> int:
    """Hourly (see tasks.py): the daily follow digest of everyone who follows with "digest"."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    today = timezone.localdate()
    users = User.objects.filter(
        is_active=True,
        notification_frequency=User.NotificationFrequency.IMMEDIATELY,
        worldcitizenship_follows__how=Follow.How.DIGEST,
        notifications__kind=KIND.key,
        notifications__emailed_at__isnull=True,
    ).distinct()
    return sum(1 for user in users if send_follow_digest(user, today))
