"""Initiatives on the SDG pages: published initiatives tagged with the goal.

One query for the counts of all 17 goals, one for a page of a goal's items (see
`worldcitizenship.tagging`). With a year: the initiatives published that year."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from worldcitizenship import tagging

from .models import Initiative


def _public(year=None):
    return tagging.in_year(Initiative.objects.public(), "published_at", year)


def counts(year=None) -> dict[int, int]:
    return tagging.count_by_goal(_public(year), "sdgs__number")


def items(goal, offset=0, limit=10, year=None) -> list:
    rows = _public(year).filter(sdgs=goal).order_by("-published_at", "-pk").only("title", "slug", "published_at")
    return [
        tagging.TaggedItem(kind=_("Initiatief"), title=i.title, url=i.get_absolute_url(), when=i.published_at)
        for i in rows[offset : offset + limit]
    ]


tagging.register_provider("initiatieven", label=gettext_lazy("Initiatieven"), counts=counts, items=items, order=10)
