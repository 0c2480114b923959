from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from genk.core import indicators

from .models import Response


@indicators.register(
    "surveys.responses",
    label=_("Ingevulde bevragingen"),
    unit=_("antwoordformulieren"),
    description=_("Ingevulde bevragingen, naar de wijk van de deelnemer, op de datum van invullen."),
    sdgs=(16,),
)
def responses(period):
    start, end = period.datetime_range()
    rows = (
        Response.objects.filter(created__range=(start, end), neighbourhood__isnull=False)
        .values("neighbourhood_id")
        .annotate(n=Count("pk"))
    )
    return {row["neighbourhood_id"]: row["n"] for row in rows}
