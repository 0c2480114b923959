from datetime import timedelta

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from volunteers.models import CalendarFeed, SignUp

from .factories import ShiftFactory

pytestmark = pytest.mark.django_db
S = SignUp.Status


def test_a_secret_revocable_feed_of_my_shifts(client, opportunity, volunteer, resident):
    mine = ShiftFactory(opportunity=opportunity)
    SignUp.objects.create(shift=mine, volunteer=volunteer, status=S.ACCEPTED)
    SignUp.objects.create(shift=ShiftFactory(opportunity=opportunity), volunteer=volunteer, status=S.WAITING)
    SignUp.objects.create(shift=ShiftFactory(opportunity=opportunity), volunteer=resident, status=S.ACCEPTED)
    client.force_login(volunteer)
    assert "Agenda-link maken" in client.get(reverse("volunteers:mine")).text
    client.post(reverse("volunteers:calendar_subscription"), {"action": "renew"})
    feed = CalendarFeed.objects.get(user=volunteer)
    assert feed.get_absolute_url() in client.get(reverse("volunteers:mine")).text
    client.logout()
    response = client.get(feed.get_absolute_url())
    assert response["Content-Type"].startswith("text/calendar")
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 1
    assert events[0]["summary"] == f"{opportunity.title} ({opportunity.organisation.name})"
    assert events[0].decoded("dtstart") == mine.start.replace(microsecond=0).astimezone(
        events[0].decoded("dtstart").tzinfo
    )
    # Renewing revokes the old address; stopping switches the feed off.
    old = feed.get_absolute_url()
    client.force_login(volunteer)
    client.post(reverse("volunteers:calendar_subscription"), {"action": "renew"})
    assert client.get(old).status_code == 404
    new = CalendarFeed.objects.get(user=volunteer).get_absolute_url()
    assert client.get(new).status_code == 200
    client.post(reverse("volunteers:calendar_subscription"), {"action": "stop"})
    assert client.get(new).status_code == 404


def test_old_shifts_drop_out(opportunity, volunteer):
    from volunteers.ical import feed

    old = ShiftFactory(opportunity=opportunity, start=timezone.now() - timedelta(days=40))
    SignUp.objects.create(shift=old, volunteer=volunteer, status=S.ATTENDED)
    assert icalendar.Calendar.from_ical(feed(volunteer)).walk("VEVENT") == []
