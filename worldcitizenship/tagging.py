"""The SDG tagging registry: what the city and its residents do for each goal.

Apps that tag things with SDGs (initiatives, volunteer opportunities, Francistown projects, ...)
register a function in their own `tagging.py` (loaded at start-up by this app's `ready()`):

    from worldcitizenship import tagging

    @tagging.register
    def initiatives_for_goal(goal):
        return [
            tagging.TaggedItem(kind=_("Initiatief"), title=i.title, url=i.get_absolute_url(), when=i.published_at)
            for i in Initiative.objects.published().filter(sdgs=goal)
        ]

The goal page lists `tagged_items(goal)`. A provider must return only what a visitor may see
and run a constant number of queries (one per provider, ideally): the goal page's query count
is asserted.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone


@dataclass(frozen=True)
class TaggedItem:
    kind: str  # what it is, translated: "Initiatief", "Vrijwilligerswerk", ...
    title: str
    url: str
    when: date | datetime | None = None  # aware datetimes only


_providers: list[Callable] = []


def register(func: Callable) -> Callable:
    """Register func(goal) -> list[TaggedItem]. Usable as a decorator; registering twice is harmless."""
    if func not in _providers:
        _providers.append(func)
    return func


def unregister(func: Callable) -> None:
    if func in _providers:
        _providers.remove(func)


def _newest_first(item: TaggedItem):
    when = item.when
    if when is None:
        return (0, date.min, time.min)
    if isinstance(when, datetime):
        when = timezone.localtime(when)
        return (1, when.date(), when.time())
    return (1, when, time.min)


def tagged_items(goal) -> list[TaggedItem]:
    """Everything registered for the goal, newest first (items without a date last)."""
    items = []
    for func in _providers:
        items.extend(func(goal))
    return sorted(items, key=_newest_first, reverse=True)
