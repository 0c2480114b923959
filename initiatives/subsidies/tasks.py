"""Celery tasks of subsidy files: reminders to applicants and to the city, the weekly digest per
department, and the invitation email to someone without an account. Every task is harmless to
rerun: each notification has a key naming the event (and, for repeated reminders, the ISO
week), and `genk.core.notifications` stores and sends a key once per recipient.

Their schedule is CELERY_BEAT_SCHEDULE in genk/settings.py (the one list of beat entries). The management command
`subsidies_tasks` runs the periodic ones by hand.
"""

from datetime import timedelta

from celery import shared_task
from celery.schedules import crontab
from django.conf import settings
from django.utils import timezone, translation

from genk.core import beat, notifications
from genk.core.formats import day_label
from genk.core.notifications import week_key

from . import conf, recipients
from .models import CoApplicant, Scheme, SubsidyFile
from .notifications import applicant_url, context, invitation_context, staff_url

S = SubsidyFile.Status


def _files(status):
    return SubsidyFile.objects.filter(status=status).select_related("scheme__department")


# To the applicants.


@shared_task
def remind_info_requests(today=None) -> int:
    """Remind the applicants of an unanswered request for information: once when the answer is
    due within SUBSIDIES_INFO_REMINDER_DAYS (3), then once a week while it is overdue."""
    today = today or timezone.localdate()
    window = today + timedelta(days=conf.info_reminder_days())
    sent = 0
    for file in _files(S.INFO_REQUESTED).filter(info_due__lte=window, info_requested_at__isnull=False):
        stamp = int(file.info_requested_at.timestamp())
        period = week_key(today) if file.info_due < today else "due"
        notifications.notify(
            "subsidies.reminder_info",
            recipients.applicants(file),
            key=f"subsidies:reminder:info:{file.pk}:{stamp}:{period}",
            context=context(file, due=day_label(file.info_due)),
            url=applicant_url(file),
        )
        sent += 1
    return sent


@shared_task
def remind_reports(today=None) -> int:
    """Remind the applicants of a final report: once when it is due within
    SUBSIDIES_REPORT_REMINDER_DAYS (14), then once a week while it is overdue."""
    today = today or timezone.localdate()
    window = today + timedelta(days=conf.report_reminder_days())
    sent = 0
    for file in _files(S.GRANTED).filter(report_due__lte=window):
        period = week_key(today) if file.report_due < today else "due"
        notifications.notify(
            "subsidies.reminder_report",
            recipients.applicants(file),
            key=f"subsidies:reminder:report:{file.pk}:{file.report_due:%Y%m%d}:{period}",
            context=context(file, due=day_label(file.report_due)),
            url=applicant_url(file),
        )
        sent += 1
    return sent


@shared_task
def remind_applicants(today=None) -> int:
    return remind_info_requests(today) + remind_reports(today)


# To the city.


@shared_task
def remind_intake_overdue(today=None) -> int:
    """The handler (or the department) of a submission whose intake is overdue; once a week."""
    today = today or timezone.localdate()
    sent = 0
    for file in _files(S.SUBMITTED).filter(intake_due__lt=today):
        notifications.notify(
            "subsidies.reminder_intake",
            recipients.handling(file),
            key=f"subsidies:reminder:intake:{file.pk}:{file.intake_due:%Y%m%d}:{week_key(today)}",
            context=context(file, due=day_label(file.intake_due)),
            url=staff_url(file),
        )
        sent += 1
    return sent


@shared_task
def remind_assessment_overdue(today=None) -> int:
    """The assessors who have not submitted, and the handler, of an overdue assessment; once a week."""
    today = today or timezone.localdate()
    sent = 0
    for file in _files(S.ASSESSMENT).filter(assessment_due__lt=today):
        notifications.notify(
            "subsidies.reminder_assessment",
            recipients.open_assessors(file) | recipients.handling(file),
            key=f"subsidies:reminder:assessment:{file.pk}:{file.assessment_due:%Y%m%d}:{week_key(today)}",
            context=context(file, due=day_label(file.assessment_due)),
            url=staff_url(file),
        )
        sent += 1
    return sent


@shared_task
def remind_decision_overdue(today=None) -> int:
    """The decision-makers and the handler of a proposal whose decision is overdue; once a week."""
    today = today or timezone.localdate()
    sent = 0
    decision_makers = recipients.decision_makers()
    for file in _files(S.PROPOSED).filter(decision_due__lt=today):
        notifications.notify(
            "subsidies.reminder_decision",
            decision_makers | recipients.handling(file),
            key=f"subsidies:reminder:decision:{file.pk}:{file.decision_due:%Y%m%d}:{week_key(today)}",
            context=context(file, due=day_label(file.decision_due)),
            url=staff_url(file),
        )
        sent += 1
    return sent


@shared_task
def remind_handlers(today=None) -> int:
    return remind_intake_overdue(today) + remind_assessment_overdue(today) + remind_decision_overdue(today)


def digest_context(department, today) -> dict:
    """The figures of one department's weekly digest (JSON-serialisable)."""
    files = SubsidyFile.objects.filter(scheme__department=department)
    overdue = list(
        files.overdue(today)
        .exclude(status=S.GRANTED)
        .order_by("submitted_at", "pk")
        .values("reference", "title", "status", "intake_due", "info_due", "assessment_due", "decision_due")[:25]
    )
    labels = dict(S.choices)
    rows = []
    for row in overdue:
        due = row.get(SubsidyFile.DUE_FIELDS.get(row["status"], ""), None)
        rows.append(
            {
                "reference": row["reference"],
                "title": row["title"],
                "status": str(labels[row["status"]]),
                "due": day_label(due),
            }
        )
    return {
        "department": department.name,
        "day": day_label(today),
        "new": files.filter(submitted_at__date__gt=today - timedelta(days=7)).count(),
        "unassigned": files.unassigned().count(),
        "overdue_count": files.overdue(today).exclude(status=S.GRANTED).count(),
        "awaiting_decision": files.filter(status=S.PROPOSED).count(),
        "reports": files.filter(status=S.REPORT_SUBMITTED).count(),
        "overdue": rows,
        "title": "",
        "reference": "",
    }


@shared_task
def send_weekly_digests(today=None) -> int:
    """Every department that handles a scheme: its current members get the week's figures
    (new, unassigned, overdue, awaiting decision, reports to review). Once per department and
    ISO week."""
    from django.urls import reverse

    from genk.accounts.models import Department

    today = today or timezone.localdate()
    sent = 0
    department_ids = Scheme.objects.values("department_id")
    for department in Department.objects.filter(pk__in=department_ids):
        members = recipients.department(department.pk)
        if not members:
            continue
        with translation.override(settings.LANGUAGE_CODE):
            ctx = digest_context(department, today)
        notifications.notify(
            "subsidies.digest",
            members,
            key=f"subsidies:digest:{department.pk}:{week_key(today)}",
            context=ctx,
            url=reverse("subsidies_staff:workbench"),
        )
        sent += 1
    return sent


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_invitation_email(self, co_applicant_id: int, inviter_id: int, key: str) -> bool:
    """Email an invitation to an address without an account. Rerun: the SendLog row with `key`
    is written in the same transaction as the send, so the email goes out once."""
    from django.contrib.auth import get_user_model

    co = CoApplicant.objects.select_related("file").filter(pk=co_applicant_id, accepted_at__isnull=True).first()
    inviter = get_user_model().objects.filter(pk=inviter_id).first()
    if co is None or inviter is None:
        return False
    kind = notifications.get_kind("subsidies.invitation")
    subject, body = notifications.render(kind, invitation_context(co, inviter), settings.LANGUAGE_CODE)
    return notifications.send_email_once(key, co.email, subject, body)


# Periodic runs (celery beat): each task is idempotent, so a rerun sends nothing twice.
beat.every("subsidies-remind-applicants", remind_applicants, crontab(hour=9, minute=15))
beat.every("subsidies-remind-handlers", remind_handlers, crontab(hour=8, minute=15, day_of_week="mon-fri"))
beat.every("subsidies-weekly-digest", send_weekly_digests, crontab(hour=7, minute=30, day_of_week="mon"))
