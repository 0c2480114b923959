"""Initiatives on the SDG pages: published initiatives tagged with the goal.

One query for the counts of all 17 goals, one for a page of a goal's items, one for the first
items of every goal (the report; see `worldcitizenship.tagging`). With a year: the initiatives published that year."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from worldcitizenship import tagging

from .models import Initiative


def _public(year=None):
    return tagging.in_year(Initiative.objects.public(), "published_at", year)


def counts(year=None) -> dict[int, int]:
    return tagging.count_by_goal(_public(year), "sdgs__number")


def _rows(number, year=None):
    return (
        _public(year).filter(sdgs__number=number).order_by("-published_at", "-pk").only("title", "slug", "published_at")
    )


def _item(i) -> tagging.TaggedItem:
    return tagging.TaggedItem(kind=_("Initiatief"), title=i.title, url=i.get_absolute_url(), when=i.published_at)


items = tagging.paged(_rows, _item)


tagging.register_provider(
    "initiatieven",
    label=gettext_lazy("Initiatieven"),
    counts=counts,
    items=items,
    first_items=tagging.batched(_rows, _item),
    tables=[Initiative, Initiative.sdgs.through],
    order=10,
)
