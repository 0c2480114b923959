"""Opening hours as data: the ranges a place is open on a day (the weekly hours, or that day's
exceptions), whether a booking lies within them, and the free slots of a room on a day.

Pure functions over rows that are already loaded (`place.hours.all()` and
`place.exceptions.all()` prefetched): no query of their own.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils import timezone

Range = tuple[datetime.time, datetime.time]
Interval = tuple[datetime.datetime, datetime.datetime]

# A free slot shorter than this is not worth naming.
MIN_FREE = datetime.timedelta(minutes=30)


@dataclass(frozen=True)
class Day:
    """What a place does on one date: its ranges and, when it differs from the week, why."""

    date: datetime.date
    ranges: tuple[Range, ...]
    exception: bool = False
    reason: str = ""

    @property
    def closed(self) -> bool:
        return not self.ranges


def weekly_ranges(hours: Iterable, weekday: int) -> list[Range]:
    """The weekly ranges (OpeningHours rows) of `weekday` (0 = Monday), in time order."""
    return sorted((h.opens, h.closes) for h in hours if h.weekday == weekday)


def day_of(hours: Iterable, exceptions: Iterable, day: datetime.date) -> Day:
    """The opening of a place on `day`: the exceptions of that date replace the weekly hours
    (one closed row closes the whole day)."""
    today = [e for e in exceptions if e.date == day]
    if today:
        reason = next((e.reason for e in today if e.reason), "")
        if any(e.closed for e in today):
            return Day(day, (), exception=True, reason=reason)
        return Day(day, tuple(sorted((e.opens, e.closes) for e in today)), exception=True, reason=reason)
    return Day(day, tuple(weekly_ranges(hours, day.weekday())))


def place_day(place, day: datetime.date) -> Day:
    """`day_of` for a place whose `hours` and `exceptions` are prefetched (or cheap to read)."""
    return day_of(place.hours.all(), place.exceptions.all(), day)


def _aware(day: datetime.date, moment: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, moment))


def open_intervals(opening: Day) -> list[Interval]:
    return [(_aware(opening.date, opens), _aware(opening.date, closes)) for opens, closes in opening.ranges]


def within(opening: Day, start: datetime.datetime, end: datetime.datetime) -> bool:
    """Whether [start, end) lies inside one of the day's ranges (a booking does not span a
    closing time, e.g. the lunch break)."""
    start, end = timezone.localtime(start), timezone.localtime(end)
    if start.date() != opening.date or end.date() != opening.date:
        return False
    return any(opens <= start.time() and end.time() <= closes for opens, closes in opening.ranges)


def free_slots(opening: Day, busy: Sequence[Interval], *, minimum: datetime.timedelta = MIN_FREE) -> list[Interval]:
    """The parts of the day's opening ranges not covered by `busy` (approved bookings), at
    least `minimum` long, in time order."""
    busy = sorted((timezone.localtime(s), timezone.localtime(e)) for s, e in busy)
    free = []
    for opens, closes in open_intervals(opening):
        cursor = opens
        for start, end in busy:
            if end <= cursor or start >= closes:
                continue
            if start > cursor:
                free.append((cursor, min(start, closes)))
            cursor = max(cursor, end)
            if cursor >= closes:
                break
        if cursor < closes:
            free.append((cursor, closes))
    return [(s, e) for s, e in free if e - s >= minimum]


def slot_label(interval: Interval) -> str:
    start, end = (timezone.localtime(moment) for moment in interval)
    return f"{start:%H:%M}–{end:%H:%M}"


def range_label(opening_range: Range) -> str:
    opens, closes = opening_range
    return f"{opens:%H:%M}–{closes:%H:%M}"
