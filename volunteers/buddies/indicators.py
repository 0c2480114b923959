"""What language buddies contribute to the dashboards, per wijk of the learner."""

from collections import defaultdict

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from genk.core import indicators
from volunteers.indicators import bounds

from .models import Meeting, Pair


@indicators.register(
    "buddies.active_pairs",
    label=_("Actieve koppels taalmaatjes"),
    unit=_("koppels"),
    description=_("Koppels taalmaatjes die in de periode actief waren, naar de wijk van de leerder."),
    sdgs=(4, 10),
)
def active_pairs(period):
    start, end = bounds(period)
    rows = (
        Pair.objects.filter(started_at__lte=end, learner__neighbourhood__isnull=False)
        .filter(Q(ended_at__isnull=True) | Q(ended_at__gte=start))
        .values("learner__neighbourhood_id")
        .annotate(n=Count("pk"))
    )
    return {row["learner__neighbourhood_id"]: row["n"] for row in rows}


@indicators.register(
    "buddies.meeting_hours",
    label=_("Uren taalmaatjes"),
    unit=_("uren"),
    description=_("Goedgekeurde uren van ontmoetingen van taalmaatjes in de periode, naar de wijk van de leerder."),
    sdgs=(4, 10),
)
def meeting_hours(period):
    rows = (
        Meeting.objects.filter(
            status=Meeting.Status.APPROVED,
            date__range=(period.start, period.end),
            pair__learner__neighbourhood__isnull=False,
        )
        .values("pair__learner__neighbourhood_id")
        .annotate(minutes=Sum("minutes"))
    )
    found = defaultdict(float)
    for row in rows:
        found[row["pair__learner__neighbourhood_id"]] += round(row["minutes"] / 60, 2)
    return dict(found)
