"""What volunteer work contributes to the dashboards, per neighbourhood (the opportunity's
wijk; city-wide opportunities count for no wijk)."""

from collections import defaultdict
from datetime import datetime, time

from django.db.models import Case, Count, F, IntegerField, Q, Sum, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from genk.core import indicators

from .models import FlexibleHours, HourEntry, Shift, SignUp


def bounds(period):
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(period.start, time.min, tzinfo=zone),
        datetime.combine(period.end, time.max, tzinfo=zone),
    )


@indicators.register(
    "volunteers.active",
    label=_("Actieve vrijwilligers"),
    unit=_("vrijwilligers"),
    description=_(
        "Verschillende personen ingeschreven of aanwezig voor een shift in de periode, naar de wijk van de vacature."
    ),
    sdgs=(11, 17),
    over_time="period",
)
def active(period):
    start, end = bounds(period)
    rows = (
        SignUp.objects.filter(
            status__in=(SignUp.Status.ACCEPTED, SignUp.Status.ATTENDED),
            shift__start__range=(start, end),
            shift__opportunity__neighbourhood__isnull=False,
        )
        .values(wijk=F("shift__opportunity__neighbourhood_id"))
        .annotate(n=Count("volunteer_id", distinct=True))
    )
    return {row["wijk"]: row["n"] for row in rows}


@indicators.periods_for("volunteers.active")
def active_by_periods(periods):
    """`active` for several periods that do not overlap, in one query: each sign-up counts in
    the period its shift starts in (the dashboards' trend of twelve periods)."""
    ranges = [bounds(period) for period in periods]
    within = Q()
    for start, end in ranges:
        within |= Q(shift__start__range=(start, end))
    bucket = Case(
        *[When(shift__start__range=(start, end), then=Value(i)) for i, (start, end) in enumerate(ranges)],
        default=None,
        output_field=IntegerField(),
    )
    rows = (
        SignUp.objects.filter(
            within,
            status__in=(SignUp.Status.ACCEPTED, SignUp.Status.ATTENDED),
            shift__opportunity__neighbourhood__isnull=False,
        )
        .annotate(bucket=bucket)
        .values("bucket", wijk=F("shift__opportunity__neighbourhood_id"))
        .annotate(n=Count("volunteer_id", distinct=True))
        .order_by()
    )
    found = [{} for _period in periods]
    for row in rows:
        if row["bucket"] is not None:
            found[row["bucket"]][row["wijk"]] = row["n"]
    return found


@indicators.register(
    "volunteers.hours_attended",
    label=_("Vrijwilligersuren (aanwezig)"),
    unit=_("uren"),
    description=_("De duur van de shifts waarop vrijwilligers aanwezig waren, naar de wijk van de vacature."),
    sdgs=(11, 17),
)
def hours_attended(period):
    start, end = bounds(period)
    totals = defaultdict(float)
    rows = SignUp.objects.filter(
        status=SignUp.Status.ATTENDED,
        shift__start__range=(start, end),
        shift__opportunity__neighbourhood__isnull=False,
    ).values_list("shift__opportunity__neighbourhood_id", "shift__start", "shift__end")
    for wijk, begin, finish in rows:
        totals[wijk] += (finish - begin).total_seconds() / 3600
    return {wijk: round(hours, 1) for wijk, hours in totals.items()}


@indicators.register(
    "volunteers.open_places",
    label=_("Open plaatsen voor vrijwilligers"),
    unit=_("plaatsen"),
    description=_("Vrije plaatsen in geplande shifts van gepubliceerde vacatures in de periode, naar wijk."),
    sdgs=(11,),
)
def open_places(period):
    start, end = bounds(period)
    totals = defaultdict(int)
    shifts = (
        Shift.objects.scheduled()
        .filter(
            start__range=(start, end),
            opportunity__status="published",
            opportunity__neighbourhood__isnull=False,
        )
        .annotate(taken=Count("signups", filter=Q(signups__status=SignUp.Status.ACCEPTED)))
        .values_list("opportunity__neighbourhood_id", "capacity", "taken")
    )
    for wijk, capacity, taken in shifts:
        totals[wijk] += max(capacity - taken, 0)
    return dict(totals)


@indicators.register(
    "volunteers.hours_approved",
    label=_("Vrijwilligersuren (goedgekeurd)"),
    unit=_("uren"),
    description=_(
        "De uren die vrijwilligers ingaven en een coördinator goedkeurde, voor shifts en dagen flexibel vrijwilligerswerk in de periode, naar de wijk van de vacature."
    ),
    sdgs=(11, 17),
)
def hours_approved(period):
    start, end = bounds(period)
    rows = (
        HourEntry.objects.filter(
            status=HourEntry.Status.APPROVED,
            signup__shift__start__range=(start, end),
            signup__shift__opportunity__neighbourhood__isnull=False,
        )
        .values(wijk=F("signup__shift__opportunity__neighbourhood_id"))
        .annotate(total=Sum("hours"))
    )
    flexible = (
        FlexibleHours.objects.filter(
            status=FlexibleHours.Status.APPROVED,
            day__range=(period.start, period.end),
            commitment__opportunity__neighbourhood__isnull=False,
        )
        .values(wijk=F("commitment__opportunity__neighbourhood_id"))
        .annotate(total=Sum("hours"))
    )
    totals = defaultdict(float)
    for row in [*rows, *flexible]:
        totals[row["wijk"]] += float(row["total"])
    return dict(totals)
