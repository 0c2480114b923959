"""iCalendar (RFC 5545) for council meetings: invitations (METHOD:REQUEST / CANCEL) and feeds.

Every event carries the meeting's stable UID and its SEQUENCE, so a calendar client replaces an
earlier version when the meeting changes and removes it when it is cancelled (STATUS:CANCELLED).
Times are local times with TZID=Europe/Brussels and a VTIMEZONE that describes the Belgian
rules (last Sunday of March and October), so every client shows the right hour.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone

from genk.core.notifications import absolute_url

TZID = "Europe/Brussels"
PRODID = "-//Stad Genk//Samen Genk adviesraden//NL"


def brussels_timezone() -> icalendar.Timezone:
    """VTIMEZONE for Europe/Brussels with yearly rules (CET/CEST since 1996)."""
    tz = icalendar.Timezone()
    tz.add("tzid", TZID)
    tz.add("x-lic-location", TZID)
    daylight = icalendar.TimezoneDaylight()
    daylight.add("tzname", "CEST")
    daylight.add("tzoffsetfrom", timedelta(hours=1))
    daylight.add("tzoffsetto", timedelta(hours=2))
    daylight.add("dtstart", datetime(1996, 3, 31, 2, 0, 0))
    daylight.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    standard = icalendar.TimezoneStandard()
    standard.add("tzname", "CET")
    standard.add("tzoffsetfrom", timedelta(hours=2))
    standard.add("tzoffsetto", timedelta(hours=1))
    standard.add("dtstart", datetime(1996, 10, 27, 3, 0, 0))
    standard.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    tz.add_component(daylight)
    tz.add_component(standard)
    return tz


def new_calendar(*, name: str = "", method: str | None = None) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
        cal.add("x-wr-timezone", TZID)
    cal.add_component(brussels_timezone())
    return cal


def _local(dt: datetime) -> datetime:
    return dt.astimezone(ZoneInfo(TZID))


def meeting_event(meeting, *, items=(), attendee=None, organizer_email: str = "") -> icalendar.Event:
    """One VEVENT for `meeting`. `items` are the agenda items this audience may see."""
    event = icalendar.Event()
    event.add("uid", meeting.uid)
    event.add("dtstamp", timezone.now().astimezone(ZoneInfo("UTC")))
    event.add("last-modified", meeting.modified.astimezone(ZoneInfo("UTC")))
    event.add("dtstart", _local(meeting.starts_at))
    event.add("dtend", _local(meeting.ends_at))
    event.add("sequence", meeting.sequence)
    event.add("summary", f"{meeting.council.name}: {meeting.display_title}")
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    location = meeting.location_label
    if meeting.online_url:
        location = f"{location} ({meeting.online_url})" if location else meeting.online_url
    if location:
        event.add("location", location)
    url = absolute_url(meeting.get_absolute_url())
    event.add("url", url)
    lines = []
    if meeting.description:
        lines.append(meeting.description)
    if items:
        lines.append("Agenda:")
        lines.extend(f"{item.position}. {item.title}" for item in items)
    if meeting.is_cancelled and meeting.cancelled_reason:
        lines.append(meeting.cancelled_reason)
    lines.append(url)
    event.add("description", "\n".join(lines))
    if organizer_email:
        organizer = icalendar.vCalAddress(f"mailto:{organizer_email}")
        organizer.params["cn"] = icalendar.vText(meeting.council.name)
        event.add("organizer", organizer)
    if attendee is not None:
        address = icalendar.vCalAddress(f"mailto:{attendee.email}")
        address.params["cn"] = icalendar.vText(attendee.public_name)
        address.params["role"] = icalendar.vText("REQ-PARTICIPANT")
        address.params["partstat"] = icalendar.vText("NEEDS-ACTION")
        address.params["rsvp"] = icalendar.vText("FALSE")
        event.add("attendee", address)
    return event


def organizer_address(meeting) -> str:
    if meeting.council.email:
        return meeting.council.email
    from email.utils import parseaddr

    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


def invitation(meeting, attendee, items) -> bytes:
    """The attachment of an invitation, update or cancellation sent to one member."""
    method = "CANCEL" if meeting.is_cancelled else "REQUEST"
    cal = new_calendar(method=method)
    cal.add_component(
        meeting_event(meeting, items=items, attendee=attendee, organizer_email=organizer_address(meeting))
    )
    return cal.to_ical()


def feed(meetings, *, name: str, items_by_meeting: dict | None = None) -> bytes:
    """A subscribable feed (METHOD:PUBLISH) of `meetings`, with the public agenda of each."""
    cal = new_calendar(name=name, method="PUBLISH")
    items_by_meeting = items_by_meeting or {}
    for meeting in meetings:
        cal.add_component(meeting_event(meeting, items=items_by_meeting.get(meeting.pk, ())))
    return cal.to_ical()
