"""Reminders (Celery beat, hourly): each is sent once, whatever the number of runs."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from genk.core.models import Notification
from participation.councils.models import Advice, Attendance, Meeting
from participation.councils.tasks import send_reminders

from .factories import AdviceFactory, AdviceRequestFactory, AgendaItemFactory, MeetingFactory, MinutesFactory

pytestmark = pytest.mark.django_db


def kinds(kind):
    return sorted(Notification.objects.filter(kind=kind).values_list("recipient_id", flat=True))


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run the beat task twice (a rerun must send nothing new), delivering on commit."""

    def go(now=None, times=2):
        results = []
        for _ in range(times):
            with django_capture_on_commit_callbacks(execute=True):
                results.append(send_reminders.delay(now.isoformat() if now else None).get())
        return results[0]

    return go


def test_beat_entry_points_at_the_task():
    from genk.core import beat

    assert beat.schedule()["councils-reminders"]["task"] == "participation.councils.tasks.send_reminders"


def test_week_reminder_to_members_who_did_not_answer(council, board, chair, member, secretary, other_member, run):
    start = timezone.now() + timedelta(days=6)
    meeting = MeetingFactory(
        council=council,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        status=Meeting.Status.INVITED,
        invitations_sent_at=timezone.now() - timedelta(days=3),
    )
    from participation.councils.services import sync_attendances

    sync_attendances(meeting)
    Attendance.objects.filter(meeting=meeting, user=chair).update(rsvp="attending")
    run()
    assert kinds("councils.meeting_reminder_week") == sorted([member.pk, secretary.pk, other_member.pk])
    assert Notification.objects.filter(kind="councils.meeting_reminder_week").count() == 3  # once, not twice


def test_day_reminder_skips_excused(council, board, chair, member, run):
    start = timezone.now() + timedelta(hours=20)
    meeting = MeetingFactory(
        council=council,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        status=Meeting.Status.INVITED,
        invitations_sent_at=timezone.now() - timedelta(days=8),
    )
    from participation.councils.services import sync_attendances

    sync_attendances(meeting)
    Attendance.objects.filter(meeting=meeting, user=member).update(rsvp="excused")
    run()
    recipients = kinds("councils.meeting_reminder_day")
    assert chair.pk in recipients and member.pk not in recipients
    assert not Notification.objects.filter(kind="councils.meeting_reminder_week").exists()


def test_moved_meeting_is_reminded_again(council, board, chair, run):
    start = timezone.now() + timedelta(hours=20)
    meeting = MeetingFactory(
        council=council,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        status=Meeting.Status.INVITED,
        invitations_sent_at=timezone.now() - timedelta(days=8),
    )
    from participation.councils.services import sync_attendances

    sync_attendances(meeting)
    run()
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=start + timedelta(hours=1), ends_at=start + timedelta(hours=3)
    )
    run()
    assert Notification.objects.filter(kind="councils.meeting_reminder_day", recipient=chair).count() == 2


def test_planned_meeting_a_week_ahead_nudges_chair_and_secretary(council, board, chair, secretary, member, run):
    MeetingFactory(
        council=council,
        starts_at=timezone.now() + timedelta(days=5),
        ends_at=timezone.now() + timedelta(days=5, hours=2),
        rsvp_deadline=None,
    )
    run()
    assert kinds("councils.invitations_due") == sorted([chair.pk, secretary.pk])


def test_minutes_to_review(council, board, member, run):
    meeting = MeetingFactory(
        council=council, status=Meeting.Status.MINUTES_REMARKS, starts_at=timezone.now() - timedelta(days=12)
    )
    MinutesFactory(meeting=meeting, remarks_deadline=timezone.localdate() + timedelta(days=1))
    late = MeetingFactory(
        council=council, status=Meeting.Status.MINUTES_REMARKS, starts_at=timezone.now() - timedelta(days=40)
    )
    MinutesFactory(meeting=late, remarks_deadline=timezone.localdate() + timedelta(days=10))
    run()
    assert Notification.objects.filter(kind="councils.minutes_review_reminder").count() == 4


def test_overdue_advice_reminds_the_city_weekly(council, board, handler, chair, secretary, run):
    advice = AdviceFactory(council=council, sent=True)
    Advice.objects.filter(pk=advice.pk).update(answer_due=timezone.localdate() - timedelta(days=2))
    AdviceFactory(council=council, sent=True)  # not due yet
    counts = run()
    assert counts["advice"] == 1
    assert kinds("councils.advice_overdue") == sorted([handler.pk, chair.pk, secretary.pk])
    run(timezone.now() + timedelta(days=7))
    assert Notification.objects.filter(kind="councils.advice_overdue", recipient=handler).count() == 2


def test_requests_due_within_a_week(council, board, chair, run):
    AdviceRequestFactory(council=council, deadline=timezone.localdate() + timedelta(days=3))
    AdviceRequestFactory(council=council, deadline=timezone.localdate() + timedelta(days=30))
    run()
    assert Notification.objects.filter(kind="councils.request_due", recipient=chair).count() == 1


def test_management_command(council, board, capsys):
    MeetingFactory(
        council=council,
        starts_at=timezone.now() + timedelta(days=5),
        ends_at=timezone.now() + timedelta(days=5, hours=2),
    )
    call_command("councils_reminders")
    assert "meetings: 1" in capsys.readouterr().out


def test_nothing_to_do(council, run):
    AgendaItemFactory()
    assert run() == {"meetings": 0, "minutes": 0, "advice": 0, "requests": 0}
