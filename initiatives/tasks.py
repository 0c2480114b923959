"""Celery tasks of initiatives: closing support periods and reminders, and the invitation
email to someone without an account. Ids in; every task is harmless to rerun (see each).

Their schedule is CELERY_BEAT_SCHEDULE in genk/settings.py (the one list of beat entries). The management command
`initiatives_tasks` runs the periodic ones by hand.
"""

from datetime import timedelta

from celery import shared_task
from celery.schedules import crontab
from django.conf import settings
from django.utils import timezone

from genk.core import beat, notifications
from genk.core import images as shared_images
from genk.core.formats import day_label
from genk.core.notifications import week_key

from . import conf, images, recipients
from .models import Initiative, Invitation
from .notifications import staff_url
from .workdays import working_days_between
from .workflow import TransitionNotAllowed, close_supports


@shared_task
def close_expired_support_periods() -> int:
    """Close the support period of every initiative still collecting after its end.
    Window: everything due up to now. Rerun: the transition only applies to initiatives
    still collecting, so an initiative is closed (and its people told) once."""
    closed = 0
    for pk in Initiative.objects.support_period_over().values_list("pk", flat=True):
        try:
            close_supports(Initiative(pk=pk))
            closed += 1
        except TransitionNotAllowed:
            continue  # moved on meanwhile (threshold reached, withdrawn)
    return closed


@shared_task
def remind_stale_drafts() -> int:
    """Remind the initiators of drafts untouched for INITIATIVES_DRAFT_REMINDER_DAYS (14).
    Rerun: the key names the draft and the day it was last changed, so one reminder per
    stretch of inactivity; editing the draft starts a new stretch."""
    days = conf.draft_reminder_days()
    limit = timezone.now() - timedelta(days=days)
    sent = 0
    for initiative in Initiative.objects.drafts().filter(modified__lte=limit):
        notifications.notify(
            "initiatives.reminder_draft",
            recipients.initiators(initiative),
            key=f"initiatives:reminder:draft:{initiative.pk}:{timezone.localdate(initiative.modified):%Y%m%d}",
            context={"title": initiative.title, "days": days},
            url=initiative.get_absolute_url(),
        )
        sent += 1
    return sent


@shared_task
def remind_moderation_overdue() -> int:
    """Remind the moderators of submissions waiting longer than the service level
    (INITIATIVES_MODERATION_WORKING_DAYS, 5 working days). Rerun: at most one reminder per
    submission per week (the key holds the submission time and the ISO week)."""
    today = timezone.localdate()
    limit = conf.moderation_working_days()
    moderators = recipients.moderators()
    sent = 0
    for initiative in Initiative.objects.awaiting_moderation().exclude(submitted_at__isnull=True):
        waited = working_days_between(timezone.localdate(initiative.submitted_at), today)
        if waited <= limit:
            continue
        notifications.notify(
            "initiatives.reminder_moderation",
            moderators,
            key=(
                f"initiatives:reminder:moderation:{initiative.pk}:"
                f"{int(initiative.submitted_at.timestamp())}:{week_key(today)}"
            ),
            context={
                "title": initiative.title,
                "days": waited,
                "limit": limit,
                "submitted": day_label(initiative.submitted_at),
            },
            url=staff_url(initiative),
        )
        sent += 1
    return sent


@shared_task
def remind_answers_overdue() -> int:
    """Remind the responsible civil servant (or the moderators) of answers past their due
    date. Rerun: at most one reminder per initiative per week."""
    today = timezone.localdate()
    sent = 0
    for initiative in Initiative.objects.awaiting_answer().filter(answer_due__lt=today):
        notifications.notify(
            "initiatives.reminder_answer",
            recipients.responsible(initiative),
            key=f"initiatives:reminder:answer:{initiative.pk}:{week_key(today)}",
            context={"title": initiative.title, "due": day_label(initiative.answer_due)},
            url=staff_url(initiative),
        )
        sent += 1
    return sent


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_invitation_email(self, invitation_id: int, key: str) -> bool:
    """Email an invitation to an address without an account. Rerun: the SendLog row with
    `key` is written in the same transaction as the send, so the email goes out once; a
    newer invitation to the same address has a new key (and the old link no longer works)."""
    invitation = Invitation.objects.select_related("initiative", "invited_by").filter(pk=invitation_id).first()
    if invitation is None or not invitation.is_pending:
        return False
    kind = notifications.get_kind("initiatives.invitation")
    context = {
        "title": invitation.initiative.title,
        "summary": invitation.initiative.summary,
        "inviter": invitation.invited_by.public_name,
        "expires": day_label(invitation.expires_at),
        "link": notifications.absolute_url(invitation.get_absolute_url()),
    }
    subject, body = notifications.render(kind, context, settings.LANGUAGE_CODE)
    return notifications.send_email_once(key, invitation.email, subject, body)


# Periodic runs (celery beat): each task is idempotent, so a rerun sends nothing twice.
beat.every("initiatives-close-support-periods", close_expired_support_periods, 15 * 60)
beat.every("initiatives-remind-drafts", remind_stale_drafts, crontab(hour=9, minute=0))
beat.every(
    "initiatives-remind-moderation", remind_moderation_overdue, crontab(hour=8, minute=30, day_of_week="mon-fri")
)
beat.every("initiatives-remind-answers", remind_answers_overdue, crontab(hour=8, minute=45, day_of_week="mon-fri"))


@shared_task
def make_image_versions(initiative_id: int, pending: str) -> bool:
    """Make the page and small versions of an uploaded image and show them instead of the
    previous image (genk.core.images.make_versions: harmless to rerun). Queued through the
    outbox when the upload is saved. True when the versions were made."""
    return shared_images.make_versions(
        Initiative,
        initiative_id,
        pending,
        storage=images.upload_storage(),
        folder=images.FOLDER,
        limits=images.limits(),
    )
