"""The SDG tagging registry: what the city and its residents do for each goal.

Every app that tags things with SDGs registers a **provider** in its own `tagging.py` (loaded
at start-up by this app's `ready()`; `worldcitizenship` imports no domain app):

    from worldcitizenship import tagging

    def public():
        return Initiative.objects.public()

    tagging.register_provider(
        "initiatives",
        label=_("Initiatieven"),
        counts=lambda year=None: tagging.count_by_goal(in_year(public(), year), "sdgs__number"),
        items=lambda goal, offset=0, limit=10, year=None: [...],
    )

- `counts(year=None) -> {goal number: count}`: **one query** for all 17 goals (the overview).
- `items(goal, offset=0, limit=10, year=None) -> list[TaggedItem]`: one page of the goal's
  items, newest first, in **one query** (a goal page, the list per kind, the yearly report).

Both return only what a visitor may see (published, granted, public states). With `year`
they keep what happened that year (published, granted, took place ...). Helpers below count
a many-to-many field, a JSON list of goal numbers, or the generic `SDGTag` (for models that
have no SDG field of their own).

The older form `register(func)` — `func(goal) -> list[TaggedItem]` — still works on the goal
pages (its list is cut to the page), but is not counted on the overview: use a provider.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db import connection
from django.db.models import Count, Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone

GOALS = range(1, 18)


@dataclass(frozen=True)
class TaggedItem:
    kind: str  # what it is, translated: "Initiatief", "Vrijwilligerswerk", ...
    title: str
    url: str
    when: date | datetime | None = None  # aware datetimes only
    detail: str = ""  # one short line: a wijk, an organisation, an amount


@dataclass(frozen=True)
class Provider:
    key: str  # in URLs: /wereldburgerschap/sdg/<goal>/<key>/
    label: str  # the plural, translated (lazy): "Initiatieven"
    counts: Callable | None  # counts(year=None) -> {goal number: count}; None for a legacy function
    items: Callable  # items(goal, offset=0, limit=10, year=None) -> list[TaggedItem]
    order: int = 100
    legacy: Callable | None = field(default=None, compare=False)

    @property
    def is_counted(self) -> bool:
        return self.counts is not None

    def count_for(self, goal, year=None) -> int:
        if self.counts is not None:
            return self.counts(year=year).get(goal.number, 0)
        return len(self.legacy(goal))


_providers: dict[str, Provider] = {}


def register_provider(key: str, *, label, counts: Callable, items: Callable, order: int = 100) -> Provider:
    """Register (or replace) the provider `key`."""
    provider = Provider(key=key, label=label, counts=counts, items=items, order=order)
    _providers[key] = provider
    return provider


def unregister_provider(key: str) -> None:
    _providers.pop(key, None)


def providers() -> list[Provider]:
    return sorted(_providers.values(), key=lambda p: (p.order, p.key))


def provider(key: str) -> Provider | None:
    return _providers.get(key)


# The older form: a function of the goal that returns its items.


def _legacy_key(func) -> str:
    return f"legacy-{func.__module__}.{func.__qualname__}".replace("<", "").replace(">", "")


def register(func: Callable) -> Callable:
    """Register func(goal) -> list[TaggedItem]. Usable as a decorator; registering twice is harmless."""
    key = _legacy_key(func)
    if key not in _providers:

        def items(goal, offset=0, limit=10, year=None):
            return sorted(func(goal), key=_newest_first, reverse=True)[offset : offset + limit]

        _providers[key] = Provider(key=key, label="", counts=None, items=items, order=1000, legacy=func)
    return func


def unregister(func: Callable) -> None:
    _providers.pop(_legacy_key(func), None)


def _newest_first(item: TaggedItem):
    when = item.when
    if when is None:
        return (0, date.min, time.min)
    if isinstance(when, datetime):
        when = timezone.localtime(when)
        return (1, when.date(), when.time())
    return (1, when, time.min)


def tagged_items(goal, limit: int = 10) -> list[TaggedItem]:
    """The first `limit` items of every provider for the goal, newest first (undated last)."""
    items = []
    for p in providers():
        items.extend(p.items(goal, offset=0, limit=limit))
    return sorted(items, key=_newest_first, reverse=True)


@dataclass
class Section:
    """What one provider shows for one goal: its label, count and first items."""

    provider: Provider
    count: int
    items: list[TaggedItem]

    @property
    def more(self) -> bool:
        return self.count > len(self.items)


def sections(goal, *, limit: int = 5, year=None) -> list[Section]:
    """Per provider with something for the goal: the count and the first `limit` items.
    Two queries per provider (one for a legacy function), whatever the number of items."""
    found = []
    for p in providers():
        if p.counts is None:
            all_items = sorted(p.legacy(goal), key=_newest_first, reverse=True)
            if all_items:
                found.append(Section(p, len(all_items), all_items[:limit]))
            continue
        count = p.counts(year=year).get(goal.number, 0)
        if count:
            found.append(Section(p, count, p.items(goal, offset=0, limit=limit, year=year)))
    return found


def overview(year=None) -> dict[int, dict[str, int]]:
    """{goal number: {provider key: count}} for every counted provider: one query each."""
    table = {n: {} for n in GOALS}
    for p in providers():
        if p.counts is None:
            continue
        for number, count in p.counts(year=year).items():
            if number in table and count:
                table[number][p.key] = count
    return table


# Helpers for providers.


def count_by_goal(queryset, path: str) -> dict[int, int]:
    """Count the rows of `queryset` per goal number at `path` (e.g. "sdgs__number" for a
    many-to-many to Goal, "scheme__sdgs__number" through a relation): one query."""
    rows = queryset.order_by().values_list(path).annotate(n=Count("pk", distinct=True))
    return {number: n for number, n in rows if number is not None}


def json_has_goal(field: str, number: int) -> Q:
    """`field` (a JSON list of goal numbers) contains `number`: containment on PostgreSQL,
    a regular expression on the JSON text elsewhere (annotate `<field>_text` first: `with_json_text`)."""
    if connection.vendor == "postgresql":
        return Q(**{f"{field}__contains": [int(number)]})
    return Q(**{f"{field}_text__regex": rf"(^|[^0-9]){int(number)}([^0-9]|$)"})


def with_json_text(queryset, field: str):
    if connection.vendor == "postgresql":
        return queryset
    return queryset.annotate(**{f"{field}_text": Cast(field, TextField())})


def count_json_list(queryset, field: str) -> dict[int, int]:
    """Count the rows of `queryset` per goal in a JSON list field: one query (17 filtered counts)."""
    qs = with_json_text(queryset.order_by(), field)
    totals = qs.aggregate(**{f"g{n}": Count("pk", filter=json_has_goal(field, n)) for n in GOALS})
    return {n: totals[f"g{n}"] for n in GOALS if totals[f"g{n}"]}


def filter_json_goal(queryset, field: str, number: int):
    return with_json_text(queryset, field).filter(json_has_goal(field, number))


def _content_type(model):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(model)  # cached after the first call


def count_tags(queryset) -> dict[int, int]:
    """Count the rows of `queryset` per goal through the generic `SDGTag`: one query."""
    from .models import SDGTag

    rows = (
        SDGTag.objects.filter(
            content_type=_content_type(queryset.model), object_id__in=queryset.order_by().values("pk")
        )
        .values_list("goal__number")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return dict(rows)


def filter_tagged(queryset, number: int):
    """The rows of `queryset` tagged with goal `number` through `SDGTag`."""
    from .models import SDGTag

    tagged = SDGTag.objects.filter(content_type=_content_type(queryset.model), goal__number=number)
    return queryset.filter(pk__in=tagged.values("object_id"))


def set_tags(obj, numbers) -> None:
    """Tag `obj` (any model without an SDG field of its own) with exactly the goals `numbers`."""
    from .models import Goal, SDGTag

    ct = _content_type(type(obj))
    numbers = {int(n) for n in numbers}
    SDGTag.objects.filter(content_type=ct, object_id=obj.pk).exclude(goal__number__in=numbers).delete()
    have = set(SDGTag.objects.filter(content_type=ct, object_id=obj.pk).values_list("goal__number", flat=True))
    SDGTag.objects.bulk_create(
        [SDGTag(content_type=ct, object_id=obj.pk, goal=g) for g in Goal.objects.filter(number__in=numbers - have)],
        ignore_conflicts=True,
    )


def tag_numbers(obj) -> list[int]:
    from .models import SDGTag

    return sorted(
        SDGTag.objects.filter(content_type=_content_type(type(obj)), object_id=obj.pk).values_list(
            "goal__number", flat=True
        )
    )


def in_year(queryset, field: str, year):
    """Keep the rows whose date/datetime `field` falls in `year` (all rows when year is None)."""
    if year is None:
        return queryset
    return queryset.filter(**{f"{field}__year": int(year)})
