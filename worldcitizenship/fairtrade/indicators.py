"""What FairTrade town contributes to the neighbourhood dashboards: approved fair-trade points
per wijk, counted as they stood at the end of the period (approved by then, not withdrawn by
then). One grouped query."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from genk.core import indicators

from .models import Point


@indicators.register(
    "fairtrade.points",
    label=_("Fairtradepunten"),
    unit=_("punten"),
    description=_(
        "Goedgekeurde fairtradepunten (winkels, horeca, organisaties, scholen, bedrijven) aan het einde van de periode, per wijk."
    ),
    sdgs=(12,),
)
def points(period):
    _start, end = period.datetime_range()
    rows = (
        Point.objects.filter(approved_at__isnull=False, approved_at__lte=end)
        .filter(Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gt=end))
        .values("neighbourhood_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["neighbourhood_id"]: row["n"] for row in rows}
