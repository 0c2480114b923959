"""What the neighbourhoods app contributes to the dashboards (genk.core.indicators)."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from genk.core import indicators
from genk.core.indicators import Period

from .models import Booking, Neighbourhood


@indicators.register(
    "neighbourhoods.registered_residents",
    label=_("Inwoners met een account"),
    unit=_("accounts"),
    description=_(
        "Accounts op het portaal met deze wijk in hun profiel, aangemaakt uiterlijk op de laatste dag van de "
        "periode, die nu actief en niet gewist zijn."
    ),
    over_time="last",
)
def registered_residents(period: Period) -> dict[int, int]:
    """{neighbourhood_id: accounts}; one query. Whether an account is active or erased is
    known only for today, so an earlier period counts today's state of the accounts it had."""
    end = timezone.make_aware(datetime.datetime.combine(period.end + datetime.timedelta(days=1), datetime.time.min))
    rows = (
        get_user_model()
        .objects.filter(neighbourhood__isnull=False, is_active=True, erased_at__isnull=True, date_joined__lt=end)
        .values("neighbourhood")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {row["neighbourhood"]: row["count"] for row in rows}


@indicators.register(
    "neighbourhoods.population",
    label=_("Inwoners"),
    unit=_("inwoners"),
    description=_(
        "Het bekende inwonertal van de wijk, zoals ingevoerd met zijn jaar. Wijken zonder cijfer tellen niet mee."
    ),
    public=True,
    over_time="last",
)
def population(period: Period) -> dict[int, int]:
    """{neighbourhood_id: population} for the wijken whose population is known; one query.
    The figure is the latest one entered, whatever the period (we keep one per wijk)."""
    return dict(Neighbourhood.objects.filter(population__isnull=False).values_list("pk", "population"))


def _period_bounds(period: Period) -> tuple[datetime.datetime, datetime.datetime]:
    start = timezone.make_aware(datetime.datetime.combine(period.start, datetime.time.min))
    end = timezone.make_aware(datetime.datetime.combine(period.end + datetime.timedelta(days=1), datetime.time.min))
    return start, end


@indicators.register(
    "neighbourhoods.bookings",
    label=_("Reservaties van zalen"),
    unit=_("reservaties"),
    description=_(
        "Goedgekeurde reservaties van zalen in de plekken van de wijk die in de periode beginnen; geannuleerde "
        "reservaties tellen niet."
    ),
    public=True,
)
def bookings(period: Period) -> dict[int, int]:
    """{neighbourhood_id: approved bookings starting in the period}, by the wijk of the place;
    one query (the index on status and start)."""
    start, end = _period_bounds(period)
    rows = (
        Booking.objects.approved()
        .filter(start__gte=start, start__lt=end, room__place__neighbourhood__isnull=False)
        .values("room__place__neighbourhood")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {row["room__place__neighbourhood"]: row["count"] for row in rows}


@indicators.register(
    "neighbourhoods.booked_hours",
    label=_("Gereserveerde uren in zalen"),
    unit=_("uren"),
    description=_("De duur van de goedgekeurde reservaties die in de periode beginnen, in uren, per wijk van de plek."),
)
def booked_hours(period: Period) -> dict[int, float]:
    """{neighbourhood_id: hours of approved bookings starting in the period}; one query."""
    start, end = _period_bounds(period)
    rows = (
        Booking.objects.approved()
        .filter(start__gte=start, start__lt=end, room__place__neighbourhood__isnull=False)
        .values("room__place__neighbourhood")
        .annotate(duration=Sum(F("end") - F("start")))
        .order_by()
    )
    return {
        row["room__place__neighbourhood"]: round(row["duration"].total_seconds() / 3600, 1)
        for row in rows
        if row["duration"]
    }


@indicators.items_for("neighbourhoods.bookings")
def booking_items(neighbourhood_id: int, period: Period):
    """The approved bookings behind the number: place, room, start, end (no requester)."""
    start, end = _period_bounds(period)
    rows = (
        Booking.objects.approved()
        .filter(start__gte=start, start__lt=end, room__place__neighbourhood_id=neighbourhood_id)
        .order_by("start")
        .values_list("room__place__name", "room__name", "start", "end", "people")
    )
    local = timezone.localtime
    return (
        [_("Plek"), _("Zaal"), _("Begin"), _("Einde"), _("Aantal personen")],
        [[p, r, local(s).replace(tzinfo=None), local(e).replace(tzinfo=None), n] for p, r, s, e, n in rows],
    )
