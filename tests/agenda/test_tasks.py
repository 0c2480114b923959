"""The beat tasks: the day-before reminder and took_place; both harmless to rerun."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone

from genk.core.models import Notification
from neighbourhoods.agenda import services, tasks
from neighbourhoods.agenda.models import Activity, Registration

from .factories import ActivityFactory, RegistrationFactory

pytestmark = pytest.mark.django_db
BRUSSELS = ZoneInfo("Europe/Brussels")


def tomorrow_at(hour):
    day = timezone.localdate() + timedelta(days=1)
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=BRUSSELS)


def test_reminder_the_day_before_once(resident, other_resident, django_capture_on_commit_callbacks):
    tomorrow = ActivityFactory(starts_at=tomorrow_at(19), ends_at=tomorrow_at(21))
    later = ActivityFactory(starts_at=tomorrow_at(19) + timedelta(days=2), ends_at=tomorrow_at(21) + timedelta(days=2))
    RegistrationFactory(activity=tomorrow, user=resident)
    guest = services.register_guest(tomorrow, name="Ann", email="ann@example.be")
    services.confirm_guest(services.confirm_token(guest))
    RegistrationFactory(activity=tomorrow, user=other_resident, status=Registration.Status.WAITING)
    RegistrationFactory(activity=later, user=other_resident)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_reminders() == 2
    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_reminders()
    assert Notification.objects.filter(kind="agenda.reminder").count() == 1
    assert Notification.objects.get(kind="agenda.reminder").recipient == resident
    to = sorted(address for message in mail.outbox for address in message.to)
    assert to == sorted([resident.email, "ann@example.be"])  # once each, not twice


def test_took_place_after_the_end():
    past = ActivityFactory(starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=1))
    running = ActivityFactory(
        starts_at=timezone.now() - timedelta(hours=1), ends_at=timezone.now() + timedelta(hours=1)
    )
    assert tasks.mark_activities_took_place() == 1
    assert tasks.mark_activities_took_place() == 0
    past.refresh_from_db()
    running.refresh_from_db()
    assert past.status == Activity.Status.TOOK_PLACE
    assert running.status == Activity.Status.PUBLISHED


def test_beat_entries_name_registered_tasks():
    from genk.celery import app
    from genk.core import beat

    app.loader.import_default_modules()
    named = {entry["task"] for entry in beat.schedule().values()}
    for name in ("send_reminders", "mark_activities_took_place"):
        assert f"neighbourhoods.agenda.tasks.{name}" in named
        assert f"neighbourhoods.agenda.tasks.{name}" in app.tasks
