import io
from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from genk.core.models import Notification
from tests.factories import UserFactory
from volunteers.models import SignUp
from volunteers.tasks import send_shift_reminders

from .factories import ShiftFactory

pytestmark = pytest.mark.django_db
S = SignUp.Status


def test_reminders_the_day_before_once(opportunity, django_capture_on_commit_callbacks):
    zone = timezone.get_current_timezone()
    today = timezone.localdate()
    tomorrow = datetime.combine(today + timedelta(days=1), time(10), tzinfo=zone)
    later = datetime.combine(today + timedelta(days=2), time(10), tzinfo=zone)
    shift = ShiftFactory(opportunity=opportunity, start=tomorrow, end=tomorrow + timedelta(hours=2))
    other = ShiftFactory(opportunity=opportunity, start=later, end=later + timedelta(hours=2))
    a, b, c = UserFactory.create_batch(3)
    SignUp.objects.create(shift=shift, volunteer=a, status=S.ACCEPTED)
    SignUp.objects.create(shift=shift, volunteer=b, status=S.WAITING)
    SignUp.objects.create(shift=other, volunteer=c, status=S.ACCEPTED)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_shift_reminders() == 1
    with django_capture_on_commit_callbacks(execute=True):
        call_command("volunteers_reminders", stdout=io.StringIO())  # a rerun sends nothing twice
    assert Notification.objects.filter(kind="volunteers.shift_reminder").count() == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [a.email]


def test_the_beat_entry_names_the_task():
    from genk.core import beat

    assert beat.schedule()["volunteers-shift-reminders"]["task"] == send_shift_reminders.name


def test_hours_to_approve_once_a_week(opportunity, coordinator, django_capture_on_commit_callbacks):
    from volunteers.models import HourEntry
    from volunteers.tasks import send_hours_to_approve

    past = ShiftFactory(
        opportunity=opportunity,
        start=timezone.now() - timedelta(days=2),
        end=timezone.now() - timedelta(days=2, hours=-2),
    )
    for person in UserFactory.create_batch(2):
        signup = SignUp.objects.create(shift=past, volunteer=person, status=S.ACCEPTED)
        HourEntry.objects.create(signup=signup, hours=2, logged_by=person)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_hours_to_approve() == 1
    with django_capture_on_commit_callbacks(execute=True):
        send_hours_to_approve()
    told = Notification.objects.filter(kind="volunteers.hours_to_approve")
    assert told.count() == 1 and told.get().recipient == coordinator
    assert "2 ingegeven uren" in told.get().body
    HourEntry.objects.update(status="approved")
    assert send_hours_to_approve((timezone.now() + timedelta(days=7)).isoformat()) == 0
