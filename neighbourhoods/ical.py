"""iCalendar feeds of rooms for the place's staff: each booking (requested or approved) a
VEVENT with local times (TZID=Europe/Brussels) and the VTIMEZONE that describes them."""

from zoneinfo import ZoneInfo

import icalendar
from django.urls import reverse
from django.utils import timezone

from genk.core.notifications import absolute_url

TZID = "Europe/Brussels"
PRODID = "-//Stad Genk//Samen Genk plekken//NL"


def room_calendar(room, bookings) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{room.place.name} – {room.name}")
    cal.add("x-wr-timezone", TZID)
    brussels = ZoneInfo(TZID)
    stamp = timezone.now().astimezone(ZoneInfo("UTC"))
    for booking in bookings:
        event = icalendar.Event()
        event.add("uid", f"booking-{booking.pk}@samen.genk.be")
        event.add("dtstamp", stamp)
        event.add("dtstart", booking.start.astimezone(brussels))
        event.add("dtend", booking.end.astimezone(brussels))
        who = booking.organisation.name if booking.organisation else booking.requester_name
        event.add("summary", f"{who}: {booking.purpose[:80]}")
        event.add("description", booking.purpose)
        event.add("status", "CONFIRMED" if booking.status == booking.Status.APPROVED else "TENTATIVE")
        event.add("location", f"{room.place.name}, {room.place.address}")
        event.add("url", absolute_url(reverse("places_staff:booking", kwargs={"pk": booking.pk})))
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
