"""What the partnership contributes to the dashboards (genk.core.indicators), per wijk.

`worldcitizenship.projects`: public partnership projects (educational ones included) that ran
during the period — begun on or before its end, not ended before its start — counted for the
wijk of Genk they are tied to (projects without a wijk count for the city only, not per wijk)."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from genk.core import indicators

from .models import Project


@indicators.register(
    "worldcitizenship.projects",
    label=_("Stedenbandprojecten met Francistown"),
    unit=_("projecten"),
    description=_("Gepubliceerde projecten die in de periode liepen, naar hun wijk in Genk."),
    sdgs=(4, 17),
)
def projects(period):
    rows = (
        Project.objects.public()
        .filter(neighbourhood__isnull=False, starts_on__lte=period.end)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=period.start))
        .values("neighbourhood_id")
        .annotate(n=Count("pk"))
    )
    return {row["neighbourhood_id"]: row["n"] for row in rows}
