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
    public=True,
)
def published(period):
    return _per_neighbourhood(Initiative.objects.filter(published_at__range=period.datetime_range()))


@indicators.register(
    "initiatives.supports",
    label=_("Steunbetuigingen voor initiatieven"),
    unit=_("steunbetuigingen"),
    description=_("Steunbetuigingen gegeven in de periode, per wijk van de inwoner die steunde."),
    sdgs=(16,),
    public=True,
)
def supports(period):
    return _per_neighbourhood(Support.objects.filter(created__range=period.datetime_range()))


@indicators.register(
    "initiatives.realised",
    label=_("Gerealiseerde initiatieven"),
    unit=_("initiatieven"),
    description=_("Initiatieven gerealiseerd in de periode, per wijk van het initiatief."),
    sdgs=(11,),
    public=True,
)
def realised(period):
    return _per_neighbourhood(Initiative.objects.filter(realised_at__range=period.datetime_range()))


@indicators.items_for("initiatives.published")
def published_items(neighbourhood_id, period):
    """The initiatives of the wijk published in the period (the list behind the number)."""
    rows = (
        Initiative.objects.filter(neighbourhood_id=neighbourhood_id, published_at__range=period.datetime_range())
        .order_by("published_at")
        .values_list("title", "status", "published_at", "realised_at")
    )
    status = dict(Initiative.Status.choices)
    return (
        [_("Titel"), _("Status"), _("Gepubliceerd op"), _("Gerealiseerd op")],
        [[title, str(status.get(s, s)), _day(p), _day(r)] for title, s, p, r in rows],
    )


@indicators.items_for("initiatives.realised")
def realised_items(neighbourhood_id, period):
    rows = (
        Initiative.objects.filter(neighbourhood_id=neighbourhood_id, realised_at__range=period.datetime_range())
        .order_by("realised_at")
        .values_list("title", "published_at", "realised_at")
    )
    return ([_("Titel"), _("Gepubliceerd op"), _("Gerealiseerd op")], [[t, _day(p), _day(r)] for t, p, r in rows])


def _day(moment):
    from django.utils import timezone

    return timezone.localtime(moment).date() if moment else None
