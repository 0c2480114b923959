"""The .ics of one activity and the feeds per wijk and per theme parse, and carry the time zone."""

from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse

from neighbourhoods.agenda.models import Activity

from .factories import ActivityFactory

pytestmark = pytest.mark.django_db
BRUSSELS = ZoneInfo("Europe/Brussels")


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def events(cal):
    return list(cal.walk("VEVENT"))


def test_one_activity_with_its_time_zone(client, activity):
    activity.starts_at = datetime(2027, 7, 1, 19, 0, tzinfo=BRUSSELS)
    activity.ends_at = datetime(2027, 7, 1, 21, 0, tzinfo=BRUSSELS)
    activity.save()
    cal = parse(client.get(reverse("agenda:ics", args=[activity.pk])))
    (event,) = events(cal)
    assert str(event["summary"]) == activity.title
    assert event["dtstart"].params["TZID"] == "Europe/Brussels"
    assert event.decoded("dtstart") == activity.starts_at
    assert event.decoded("dtstart").astimezone(BRUSSELS).hour == 19
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Brussels"]
    assert str(event["status"]) == "CONFIRMED"


def test_feed_per_wijk(client, activity, wijk):
    ActivityFactory(title="Elders")
    ActivityFactory(title="Ontwerp in de wijk", neighbourhood=wijk, status=Activity.Status.DRAFT)
    cancelled = ActivityFactory(title="Afgelast", neighbourhood=wijk, status=Activity.Status.CANCELLED)
    cal = parse(client.get(reverse("agenda:feed_wijk", args=[wijk.slug])))
    by_title = {str(e["summary"]): e for e in events(cal)}
    assert set(by_title) == {activity.title, cancelled.title}
    assert str(by_title["Afgelast"]["status"]) == "CANCELLED"
    assert "Winterslag" in str(cal["x-wr-calname"])


def test_feed_per_theme(client):
    ActivityFactory(title="Petanque", themes=["sport"])
    ActivityFactory(title="Lezing", themes=["culture", "learning"])
    cal = parse(client.get(reverse("agenda:feed_theme", args=["culture"])))
    assert [str(e["summary"]) for e in events(cal)] == ["Lezing"]
    assert client.get("/agenda/thema/bestaat-niet.ics").status_code == 404


def test_a_draft_has_no_ics(client):
    draft = ActivityFactory(status=Activity.Status.DRAFT)
    assert client.get(reverse("agenda:ics", args=[draft.pk])).status_code == 404
