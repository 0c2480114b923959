"""The iCalendar feed (RFC 5545) of a volunteer's own shifts: accepted sign-ups, from 30 days
back. Times in UTC (every client shows them in its own zone); each event's UID is stable per
sign-up, so a moved shift replaces the event and a cancelled one disappears."""

from datetime import UTC, timedelta

import icalendar
from django.utils import timezone

from genk.core.notifications import absolute_url

from .models import SignUp

PRODID = "-//Stad Genk//Samen Genk vrijwilligerswerk//NL"


def feed(user) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Mijn vrijwilligerswerk – Samen Genk")
    since = timezone.now() - timedelta(days=30)
    signups = (
        SignUp.objects.of(user)
        .filter(status__in=(SignUp.Status.ACCEPTED, SignUp.Status.ATTENDED), shift__status="scheduled")
        .filter(shift__start__gte=since)
        .select_related("shift__opportunity__organisation", "shift__opportunity__place")
        .order_by("shift__start")
    )
    stamp = timezone.now().astimezone(UTC)
    for signup in signups:
        shift = signup.shift
        opportunity = shift.opportunity
        event = icalendar.Event()
        event.add("uid", f"volunteers-signup-{signup.pk}@samen.genk.be")
        event.add("dtstamp", stamp)
        event.add("last-modified", shift.modified.astimezone(UTC))
        event.add("dtstart", shift.start.astimezone(UTC))
        event.add("dtend", shift.end.astimezone(UTC))
        event.add("summary", f"{opportunity.title} ({opportunity.organisation.name})")
        if opportunity.place:
            event.add("location", f"{opportunity.place.name}, {opportunity.place.address}")
        event.add("url", absolute_url(opportunity.get_absolute_url()))
        calendar.add_component(event)
    return calendar.to_ical()
