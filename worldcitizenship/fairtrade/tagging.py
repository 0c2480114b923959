"""Fair trade belongs to SDG 12 (responsible consumption and production): the approved
fair-trade points are counted on the SDG overview and listed on goal 12's page, newest first,
each linking to its page in the directory (worldcitizenship.tagging's registry). One query for
the counts, one for a page of items; with a year: points approved that year."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from worldcitizenship import tagging

from .models import Point

GOAL = 12


def _approved(year=None):
    return tagging.in_year(Point.objects.approved(), "approved_at", year)


def counts(year=None) -> dict[int, int]:
    count = _approved(year).count()
    return {GOAL: count} if count else {}


def _rows(year=None):
    return _approved(year).only("pk", "name", "kind", "approved_at").order_by("-approved_at", "-pk")


def _item(point) -> tagging.TaggedItem:
    return tagging.TaggedItem(
        kind=_("Fairtradepunt"), title=point.name, url=point.get_absolute_url(), when=point.approved_at
    )


def items(goal, offset=0, limit=10, year=None) -> list:
    if getattr(goal, "number", goal) != GOAL:
        return []
    return [_item(point) for point in _rows(year)[offset : offset + limit]]


def first_items(year=None, limit=10) -> dict[int, list]:
    """Only goal 12 has points: one query."""
    return {GOAL: [_item(point) for point in _rows(year)[:limit]]}


tagging.register_provider(
    "fairtrade",
    label=gettext_lazy("Fairtradepunten (FairTrade-gemeente)"),
    counts=counts,
    items=items,
    first_items=first_items,
    tables=[Point],
    order=70,
)
