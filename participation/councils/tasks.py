"""Celery tasks of the advisory councils.

`send_reminders` runs hourly (CELERY_BEAT_SCHEDULE in genk/settings.py). Every reminder is a notification with a key that
names the event and its date, so a rerun, a retry or an overlapping run sends nothing twice;
a meeting that moves gets its reminders again for the new date. Missed runs catch up: the
windows are "within the next 7 days / 24 hours", not "exactly 7 days from now".
Run it by hand with `manage.py councils_reminders`.
"""

from datetime import datetime, timedelta

from celery import shared_task
from django.utils import timezone

from genk.core import beat, notifications, outbox

from . import invitations
from .models import Advice, AdviceRequest, Attendance, Meeting
from .notifications import (
    advice_handlers,
    council_managers,
    council_members,
    fmt_date,
    meeting_context,
    staff_council_url,
    staff_meeting_url,
)


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_meeting_invitations(self, meeting_id: int, sequence: int) -> int:
    """Email version `sequence` of a meeting's invitation (.ics) to its invited members.
    Idempotent per meeting, version and member (send log); a superseded version sends nothing."""
    return invitations.send_invitations(meeting_id, sequence)


def queue_invitations(meeting: Meeting) -> None:
    """Send the meeting's current version of the invitation once the transaction commits."""
    meeting_id, sequence = meeting.pk, meeting.sequence
    outbox.enqueue(send_meeting_invitations, meeting_id=meeting_id, sequence=sequence)


@shared_task
def send_reminders(now: str | None = None) -> dict[str, int]:
    """All council reminders for the moment `now` (ISO 8601; default: the current time)."""
    moment = datetime.fromisoformat(now) if now else timezone.now()
    today = timezone.localdate(moment)
    return {
        "meetings": remind_meetings(moment),
        "minutes": remind_minutes(today),
        "advice": remind_overdue_advice(today),
        "requests": remind_requests(today),
    }


def remind_meetings(now: datetime) -> int:
    """7 days ahead: members who have not answered the invitation are asked to (and the chair
    and secretary are told when invitations have not gone out yet); 24 hours ahead: a reminder
    to everyone who is not excused."""
    sent = 0
    week = now + timedelta(days=7)
    day = now + timedelta(days=1)
    upcoming = Meeting.objects.filter(starts_at__gt=now, starts_at__lte=week).select_related("council", "place")
    for meeting in upcoming.filter(status=Meeting.Status.PLANNED):
        notifications.notify(
            "councils.invitations_due",
            council_managers(meeting.council),
            key=f"councils:invitations-due:{meeting.pk}:{meeting.starts_at.isoformat()}",
            context=meeting_context(meeting),
            url=staff_meeting_url(meeting),
        )
        sent += 1
    invited = upcoming.filter(status=Meeting.Status.INVITED)
    for meeting in invited.filter(starts_at__gt=day, invitations_sent_at__lte=now - timedelta(days=1)):
        recipients = meeting.attendances.filter(rsvp=Attendance.Rsvp.NONE, user__is_active=True).values_list(
            "user_id", flat=True
        )
        notifications.notify(
            "councils.meeting_reminder_week",
            list(recipients),
            key=f"councils:reminder-week:{meeting.pk}:{meeting.starts_at.isoformat()}",
            context=meeting_context(meeting),
            url=meeting.get_absolute_url(),
        )
        sent += 1
    for meeting in invited.filter(starts_at__lte=day):
        recipients = (
            meeting.attendances.exclude(rsvp=Attendance.Rsvp.EXCUSED)
            .filter(user__is_active=True)
            .values_list("user_id", flat=True)
        )
        notifications.notify(
            "councils.meeting_reminder_day",
            list(recipients),
            key=f"councils:reminder-day:{meeting.pk}:{meeting.starts_at.isoformat()}",
            context=meeting_context(meeting),
            url=meeting.get_absolute_url(),
        )
        sent += 1
    return sent


def remind_minutes(today) -> int:
    """Draft minutes out for remarks whose deadline is within two days: remind the members."""
    sent = 0
    meetings = Meeting.objects.filter(
        status=Meeting.Status.MINUTES_REMARKS,
        minutes__remarks_deadline__gte=today,
        minutes__remarks_deadline__lte=today + timedelta(days=2),
    ).select_related("council", "minutes")
    for meeting in meetings:
        deadline = meeting.minutes.remarks_deadline
        notifications.notify(
            "councils.minutes_review_reminder",
            council_members(meeting.council),
            key=f"councils:minutes-review:{meeting.minutes.pk}:{deadline.isoformat()}",
            context={
                "council": meeting.council.name,
                "date": fmt_date(timezone.localdate(meeting.starts_at)),
                "deadline": fmt_date(deadline),
            },
            url=meeting.get_absolute_url(),
        )
        sent += 1
    return sent


def remind_overdue_advice(today) -> int:
    """Advice the city has not answered by its deadline: once a week to whoever answers, and to
    the council's chair and secretary."""
    sent = 0
    year, week, _ = today.isocalendar()
    for advice in Advice.objects.overdue(today).select_related("council"):
        recipients = set(advice_handlers(advice).values_list("pk", flat=True))
        recipients |= set(council_managers(advice.council).values_list("pk", flat=True))
        notifications.notify(
            "councils.advice_overdue",
            recipients,
            key=f"councils:advice-overdue:{advice.pk}:{year}-W{week:02d}",
            context={
                "council": advice.council.name,
                "title": advice.title,
                "due": fmt_date(advice.answer_due),
            },
            url=advice.get_absolute_url(),
        )
        sent += 1
    return sent


def remind_requests(today) -> int:
    """Open requests for advice due within a week: remind the chair and secretary once."""
    sent = 0
    requests = AdviceRequest.objects.open().filter(deadline__gte=today, deadline__lte=today + timedelta(days=7))
    for request in requests.select_related("council"):
        notifications.notify(
            "councils.request_due",
            council_managers(request.council),
            key=f"councils:request-due:{request.pk}:{request.deadline.isoformat()}",
            context={
                "council": request.council.name,
                "title": request.title,
                "deadline": fmt_date(request.deadline),
            },
            url=staff_council_url(request.council),
        )
        sent += 1
    return sent


# Periodic runs (celery beat): each task is idempotent, so a rerun sends nothing twice.
beat.every(
    "councils-reminders", send_reminders, 60 * 60
)  # invitations 7 days before, reminders 1 day before, minutes, overdue answers
