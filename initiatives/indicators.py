"""What initiatives contribute to the neighbourhood dashboards (the indicator registry).
Each function runs one grouped query per period."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from genk.core import indicators

from .models import Initiative, Support


def _per_neighbourhood(queryset, field="neighbourhood_id") -> dict[int, int]:
    rows = queryset.exclude(**{f"{field}__isnull": True}).values(field).annotate(n=Count("pk")).order_by()
    return {row[field]: row["n"] for row in rows}


@indicators.register(
    "initiatives.published",
    label=_("Gepubliceerde initiatieven"),
    unit=_("initiatieven"),
    description=_("Initiatieven en burgervoorstellen gepubliceerd in de periode, per wijk van het initiatief."),
    sdgs=(11, 16),
)
def published(period):
    return _per_neighbourhood(Initiative.objects.filter(published_at__date__range=(period.start, period.end)))


@indicators.register(
    "initiatives.supports",
    label=_("Steunbetuigingen voor initiatieven"),
    unit=_("steunbetuigingen"),
    description=_("Steunbetuigingen gegeven in de periode, per wijk van de inwoner die steunde."),
    sdgs=(16,),
)
def supports(period):
    return _per_neighbourhood(Support.objects.filter(created__date__range=(period.start, period.end)))


@indicators.register(
    "initiatives.realised",
    label=_("Gerealiseerde initiatieven"),
    unit=_("initiatieven"),
    description=_("Initiatieven gerealiseerd in de periode, per wijk van het initiatief."),
    sdgs=(11,),
)
def realised(period):
    return _per_neighbourhood(Initiative.objects.filter(realised_at__date__range=(period.start, period.end)))
