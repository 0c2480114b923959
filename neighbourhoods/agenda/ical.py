"""iCalendar (RFC 5545) for the agenda: one activity's .ics and subscribable feeds.

Times are local with TZID=Europe/Brussels, and the calendar carries the VTIMEZONE that
icalendar builds from the zone's rules, so every client shows the Belgian hour; a cancelled
activity stays in the feed with STATUS:CANCELLED so subscribed calendars drop it.
"""

from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone

from genk.core.notifications import absolute_url

from .models import Activity

TZ = ZoneInfo(settings.TIME_ZONE)
PRODID = "-//Stad Genk//Samen Genk agenda//NL"


def event(activity: Activity) -> icalendar.Event:
    e = icalendar.Event()
    e.add("uid", f"activiteit-{activity.pk}@samen-genk")
    e.add("dtstamp", timezone.now().astimezone(ZoneInfo("UTC")))
    e.add("last-modified", activity.modified.astimezone(ZoneInfo("UTC")))
    e.add("dtstart", activity.starts_at.astimezone(TZ))
    e.add("dtend", activity.ends_at.astimezone(TZ))
    e.add("summary", activity.title)
    e.add("status", "CANCELLED" if activity.status == Activity.Status.CANCELLED else "CONFIRMED")
    location = activity.location_label or activity.online_url
    if location:
        e.add("location", location)
    url = absolute_url(activity.get_absolute_url())
    e.add("url", url)
    e.add("description", f"{activity.description}\n\n{activity.organiser_name}\n{url}")
    if activity.themes:
        e.add("categories", activity.theme_labels())
    return e


def calendar(activities, *, name: str) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    for activity in activities:
        cal.add_component(event(activity))
    cal.add_missing_timezones()
    return cal.to_ical()
