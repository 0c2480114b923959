"""Calendar feeds: per council and for all public meetings, valid for calendar clients."""

from datetime import timedelta

import icalendar
from django.urls import reverse
from django.utils import timezone

from participation.councils.models import Meeting

from .factories import AgendaItemFactory, MeetingFactory


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def test_council_feed(client, council, invited_meeting):
    closed = MeetingFactory(council=council, is_public=False, status=Meeting.Status.INVITED)
    draft = MeetingFactory(council=council, status=Meeting.Status.PLANNED)
    cal = parse(client.get(reverse("councils:council_feed", kwargs={"slug": council.slug})))
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    assert cal["X-WR-CALNAME"] == "Seniorenraad"
    tz = cal.walk("VTIMEZONE")
    assert len(tz) == 1 and tz[0]["TZID"] == "Europe/Brussels"
    assert {c.name for c in tz[0].subcomponents} == {"STANDARD", "DAYLIGHT"}
    events = cal.walk("VEVENT")
    uids = {str(e["UID"]) for e in events}
    assert uids == {invited_meeting.uid}
    assert closed.uid not in uids and draft.uid not in uids
    event = events[0]
    assert event["DTSTAMP"].dt.tzinfo is not None and event["DTSTAMP"].to_ical().endswith(b"Z")
    assert event["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert event.decoded("DTSTART") == invited_meeting.starts_at
    assert event.decoded("DTEND") == invited_meeting.ends_at
    description = str(event["DESCRIPTION"])
    assert "Zitbanken op de wandelroutes" in description
    assert "Kandidaturen" not in description  # confidential items stay out of public feeds
    assert str(event["LOCATION"]) == "Raadzaal, Stadhuis"
    assert str(event["URL"]).endswith(invited_meeting.get_absolute_url())


def test_public_feed_has_every_councils_public_meetings(client, council, invited_meeting):
    other = MeetingFactory(status=Meeting.Status.INVITED)  # another council
    cancelled = MeetingFactory(council=council, status=Meeting.Status.CANCELLED, sequence=1)
    cal = parse(client.get(reverse("councils:feed")))
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {invited_meeting.uid, other.uid, cancelled.uid}
    assert events[cancelled.uid]["STATUS"] == "CANCELLED"
    assert events[cancelled.uid]["SEQUENCE"] == 1


def test_summer_and_winter_time(client, council):
    year = timezone.localdate().year
    winter = timezone.make_aware(timezone.datetime(year, 1, 15, 19, 30))
    summer = timezone.make_aware(timezone.datetime(year, 7, 15, 19, 30))
    for start in (winter, summer):
        m = MeetingFactory(
            council=council,
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            rsvp_deadline=start,
            status=Meeting.Status.PUBLISHED,
        )
        AgendaItemFactory(meeting=m)
    Meeting.objects.update(modified=timezone.now())
    content = client.get(reverse("councils:council_feed", kwargs={"slug": council.slug})).content
    assert f"DTSTART;TZID=Europe/Brussels:{year}0115T193000".encode() in content
    cal = icalendar.Calendar.from_ical(content)
    starts = sorted(e.decoded("DTSTART") for e in cal.walk("VEVENT"))
    assert [s.utcoffset() for s in starts] == [timedelta(hours=1), timedelta(hours=2)]
    assert [s.hour for s in starts] == [19, 19]
