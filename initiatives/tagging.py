"""Initiatives on the SDG pages: published initiatives tagged with the goal, in one query."""

from django.utils.translation import gettext as _

from worldcitizenship import tagging

from .models import Initiative

LIMIT = 50


@tagging.register
def initiatives_for_goal(goal) -> list:
    return [
        tagging.TaggedItem(kind=_("Initiatief"), title=i.title, url=i.get_absolute_url(), when=i.published_at)
        for i in Initiative.objects.public().filter(sdgs=goal).newest()[:LIMIT]
    ]
