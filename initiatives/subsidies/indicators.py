"""What subsidy files contribute to the neighbourhood dashboards (the indicator registry):
subsidies granted in a period, per neighbourhood of the project. Districts and the city are
summed by the registry; `granted_per_sdg` and `granted_per_scheme` give the same figures by
SDG and by scheme. Each function runs one grouped query per period. City-wide projects have no
neighbourhood: they count for the city (`city_wide_granted`), not for a neighbourhood.

The amounts are what was granted minus what was recovered, in euros (Decimal), by the date of
the college's decision.
"""

from decimal import Decimal

from django.db.models import Count, DecimalField, ExpressionWrapper, F, Sum
from django.utils.translation import gettext_lazy as _

from genk.core import indicators

from .models import SubsidyFile

NET = ExpressionWrapper(
    F("amount_granted") - F("amount_recovered"), output_field=DecimalField(max_digits=12, decimal_places=2)
)


def granted_in(period):
    """The files granted by a decision within `period` (granted and later states)."""
    return SubsidyFile.objects.granted().filter(decided_on__range=(period.start, period.end))


def _per(queryset, field, value) -> dict:
    rows = queryset.exclude(**{f"{field}__isnull": True}).values(field).annotate(v=value).order_by()
    return {row[field]: row["v"] for row in rows}


@indicators.register(
    "subsidies.granted_amount",
    label=_("Toegekende subsidies (bedrag)"),
    unit=_("euro"),
    description=_("Subsidiebedragen toegekend door het college in de periode, per wijk van het project."),
    sdgs=(10, 11, 17),
    public=True,
)
def granted_amount(period) -> dict[int, Decimal]:
    return _per(granted_in(period), "neighbourhood_id", Sum(NET))


@indicators.register(
    "subsidies.granted_count",
    label=_("Toegekende subsidies"),
    unit=_("subsidies"),
    description=_("Subsidiedossiers toegekend door het college in de periode, per wijk van het project."),
    sdgs=(11, 17),
    public=True,
)
def granted_count(period) -> dict[int, int]:
    return _per(granted_in(period), "neighbourhood_id", Count("pk"))


def granted_per_sdg(period) -> dict[int, Decimal]:
    """{SDG number: amount} for the grants in `period`, by the SDGs of their scheme (a grant
    under a scheme with two SDGs counts for both)."""
    return _per(granted_in(period), "scheme__sdgs__number", Sum(NET))


def granted_per_scheme(period) -> dict[int, Decimal]:
    return _per(granted_in(period), "scheme_id", Sum(NET))


def city_wide_granted(period) -> Decimal:
    return granted_in(period).filter(city_wide=True).aggregate(v=Sum(NET))["v"] or Decimal("0.00")


@indicators.items_for("subsidies.granted_count")
@indicators.items_for("subsidies.granted_amount")
def granted_items(neighbourhood_id, period):
    """The files of the wijk granted in the period, whichever department handles them (the
    wijkbudget files too): read-only, no applicant's personal data."""
    rows = (
        granted_in(period)
        .filter(neighbourhood_id=neighbourhood_id)
        .annotate(net=NET)
        .order_by("decided_on", "reference")
        .values_list("reference", "title", "scheme__name", "scheme__department__name", "status", "decided_on", "net")
    )
    status = dict(SubsidyFile.Status.choices)
    return (
        [
            _("Dossiernummer"),
            _("Project"),
            _("Reglement"),
            _("Behandelende dienst"),
            _("Status"),
            _("Beslist op"),
            _("Toegekend bedrag (euro)"),
        ],
        [
            [ref, title, scheme, dept or "", str(status.get(s, s)), day, net]
            for ref, title, scheme, dept, s, day, net in rows
        ],
    )
