"""Fair trade belongs to SDG 12 (responsible consumption and production): the goal page lists
the FairTrade campaign and the number of approved fair-trade points. One query."""

from django.urls import reverse
from django.utils.translation import gettext as _

from worldcitizenship import tagging

from .models import Point

GOAL = 12


@tagging.register
def fairtrade(goal):
    if getattr(goal, "number", goal) != GOAL:
        return []
    count = Point.objects.approved().count()
    return [
        tagging.TaggedItem(
            kind=_("FairTrade-gemeente"),
            title=_("FairTrade-gemeente Genk: %(count)s fairtradepunten") % {"count": count},
            url=reverse("fairtrade:overview"),
        )
    ]
