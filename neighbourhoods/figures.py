"""Figures per place and period, for the place's staff page (/beheer/plekken/<place>/cijfers/):
activities, registrations and attendance (the agenda's) and approved bookings with their hours,
per month of the period. The indicator registry has no place dimension (its figures are per
wijk), so these are computed here and not registered. Four grouped queries, whatever the
number of rows."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from genk.core.indicators import Period

from .models import Booking

FIGURES = ("activities", "registrations", "attendance", "bookings", "hours")


@dataclass
class Month:
    first: datetime.date
    activities: int = 0
    registrations: int = 0
    attendance: int = 0
    bookings: int = 0
    hours: Decimal = Decimal(0)


def months(period: Period) -> list[datetime.date]:
    first = period.start.replace(day=1)
    result = []
    while first <= period.end:
        result.append(first)
        first = (first + datetime.timedelta(days=32)).replace(day=1)
    return result


def place_figures(place, period: Period) -> tuple[list[Month], Month]:
    """The place's figures per month of `period`, and their total (a Month whose `first` is the period's start)."""
    from .agenda.indicators import by_place_and_month

    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.datetime.combine(period.start, datetime.time.min), tz)
    end = timezone.make_aware(datetime.datetime.combine(period.end + datetime.timedelta(days=1), datetime.time.min), tz)
    rows = {first: Month(first) for first in months(period)}
    for name, values in by_place_and_month(place, period).items():
        for first, value in values.items():
            if first in rows:
                setattr(rows[first], name, value)
    bookings = (
        Booking.objects.filter(room__place=place, status=Booking.Status.APPROVED, start__gte=start, start__lt=end)
        .annotate(month=TruncMonth("start", tzinfo=tz))
        .values("month")
        .annotate(n=Count("pk"), duration=Sum(F("end") - F("start")))
        .order_by()
    )
    for row in bookings:
        first = row["month"].date()
        if first in rows:
            rows[first].bookings = row["n"]
            rows[first].hours = Decimal(row["duration"].total_seconds() / 3600).quantize(Decimal("0.1"))
    result = list(rows.values())
    total = Month(period.start)
    for name in FIGURES:
        setattr(total, name, sum((getattr(m, name) for m in result), Decimal(0) if name == "hours" else 0))
    return result, total
