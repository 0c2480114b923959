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
  items, newest first, in **one query** (a goal page, the list per kind).
- `first_items(year=None, limit=10) -> {goal number: list[TaggedItem]}` (optional, the batched
  form): the first `limit` items of **every** goal in **one query** (the yearly report; build it
  with `first_per_goal`). Without it the report asks `items` once per goal.
- `tables`: the models whose rows `counts` and `items` read (through tables of many-to-many
  fields included). The SDG pages are kept whole for visitors (`genk.core.pagecache`) under
  the versions of these tables; a provider that does not declare them keeps every SDG page
  from being cached (a page that misses a table would be stale).

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

from django.db import connection, models
from django.db.models import Count, IntegerField, Q, TextField, Value, Window
from django.db.models.functions import Cast, RowNumber
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
    tables: tuple | None = None  # the models counts and items read; None: not declared
    first_items: Callable | None = None  # first_items(year=None, limit=10) -> {goal number: [TaggedItem]}

    @property
    def is_counted(self) -> bool:
        return self.counts is not None

    def count_for(self, goal, year=None) -> int:
        if self.counts is not None:
            return self.counts(year=year).get(goal.number, 0)
        return len(self.legacy(goal))


_providers: dict[str, Provider] = {}


def register_provider(
    key: str,
    *,
    label,
    counts: Callable,
    items: Callable,
    order: int = 100,
    tables=None,
    first_items: Callable | None = None,
) -> Provider:
    """Register (or replace) the provider `key`. `tables`: the models (or "app.model" labels)
    its counts and items read; `first_items`: the batched form for the report."""
    provider = Provider(
        key=key,
        label=label,
        counts=counts,
        items=items,
        order=order,
        tables=None if tables is None else tuple(tables),
        first_items=first_items,
    )
    _providers[key] = provider
    return provider


def unregister_provider(key: str) -> None:
    _providers.pop(key, None)


def providers() -> list[Provider]:
    return sorted(_providers.values(), key=lambda p: (p.order, p.key))


def provider(key: str) -> Provider | None:
    return _providers.get(key)


def tables() -> frozenset | None:
    """The models every registered provider reads (for the SDG pages' cache), or None when
    one does not say (a legacy function, or a provider without `tables`): then the SDG pages
    are not cached at all, since a copy could miss a write."""
    from django.apps import apps

    found = set()
    for p in _providers.values():
        if p.tables is None:
            return None
        found.update(apps.get_model(m) if isinstance(m, str) else m for m in p.tables)
    return frozenset(found)


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


def report_sections(goals, year=None, *, limit: int = 10) -> dict[int, list[Section]]:
    """{goal number: [Section]} for each of `goals` (Goal rows): per counted provider with
    something for the goal, its count and first `limit` items. One query per provider for the
    counts and one for the items of all 17 goals (`first_items`); a provider without the
    batched form asks `items` once per goal it has something for."""
    by_number = {g.number: g for g in goals}
    found = {n: [] for n in by_number}
    for p in providers():
        if p.counts is None:
            continue
        counts = {n: c for n, c in p.counts(year=year).items() if n in found and c}
        if not counts:
            continue
        if p.first_items is not None:
            first = p.first_items(year=year, limit=limit)
        else:
            first = {n: p.items(by_number[n], offset=0, limit=limit, year=year) for n in counts}
        for number, count in counts.items():
            found[number].append(Section(p, count, list(first.get(number, []))))
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


def first_per_goal(rows_of_goal: Callable, limit: int, goals=GOALS) -> dict[int, list]:
    """The first `limit` rows of `rows_of_goal(number)` (an ordered queryset of one goal's
    rows, with its select_related/only) for every goal, in ONE query: a UNION ALL of one
    ordered, limited select per goal. {number: [rows]}, each in its queryset's order.

    Each part keeps exactly its first rows; a UNION does not promise to keep their order, so
    the rows are put back in order here: in Python when the ordering is by plain date, number
    or key fields (exact: those sort the same everywhere), else by a row number per part."""
    found = {number: [] for number in goals}
    if not found or limit <= 0:
        return found
    parts = []
    sort_keys = None
    for number in goals:
        qs = _deferring(rows_of_goal(number))
        order = list(qs.query.order_by) or ["pk"]
        if sort_keys is None:
            sort_keys = _python_order(qs.model, order)
        qs = qs.annotate(sdg_goal=Value(number, output_field=IntegerField()))
        if not sort_keys:
            qs = qs.annotate(sdg_rank=Window(RowNumber(), order_by=order))
        parts.append(qs[:limit])
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    for row in rows:
        found[row.sdg_goal].append(row)
    for chosen in found.values():
        if not sort_keys:
            chosen.sort(key=lambda row: row.sdg_rank)
            continue
        for attname, descending in reversed(sort_keys):  # stable: the last term first
            # PostgreSQL: NULLS LAST ascending, NULLS FIRST descending; both are this key.
            chosen.sort(
                key=lambda row, a=attname: (1,) if getattr(row, a) is None else (0, getattr(row, a)), reverse=descending
            )
    return found


_PLAIN = (models.DateTimeField, models.DateField, models.IntegerField, models.DecimalField, models.AutoField)


def _python_order(model, order) -> list[tuple[str, bool]] | None:
    """[(attname, descending)] when every term of `order` is a plain date, number or key field
    of `model` (Python sorts those as PostgreSQL does), else None."""
    terms = []
    for term in order:
        if not isinstance(term, str) or "__" in term or term.startswith("?"):
            return None
        name = term.lstrip("-")
        field = model._meta.pk if name == "pk" else model._meta.get_field(name)
        if not isinstance(field, _PLAIN) or field.is_relation:
            return None
        terms.append((field.attname, term.startswith("-")))
    return terms


def _deferring(qs):
    """`qs` with its `only(...)` written as the equivalent `defer(...)` of every other column
    but the model's `Meta.ordering` (Django 6.1 fails to compile a UNION of ordered parts that
    leave out a column of the default ordering)."""
    kept, is_defer = qs.query.deferred_loading
    if is_defer or not kept:
        return qs
    kept = set(kept)
    walked = [("", qs.model)]  # the model and those it selects with it, with their paths

    def follow(tree, prefix, model):
        for name, sub in (tree if isinstance(tree, dict) else {}).items():
            related = model._meta.get_field(name).related_model
            kept.add(prefix + name)
            walked.append((f"{prefix}{name}__", related))
            follow(sub, f"{prefix}{name}__", related)

    follow(qs.query.select_related, "", qs.model)
    kept.update(prefix + str(name).lstrip("-") for prefix, model in walked for name in model._meta.ordering)
    deferred = [
        prefix + f.name
        for prefix, model in walked
        for f in model._meta.concrete_fields
        if not f.primary_key and prefix + f.name not in kept
    ]
    return qs.defer(None).defer(*deferred)


def paged(rows_of_goal: Callable, item: Callable) -> Callable:
    """A provider's `items(goal, offset=0, limit=10, year=None)` from `rows_of_goal(number,
    year)` (the ordered queryset of one goal's visible rows) and `item(row) -> TaggedItem`."""

    def items(goal, offset=0, limit=10, year=None) -> list[TaggedItem]:
        return [item(row) for row in rows_of_goal(goal.number, year)[offset : offset + limit]]

    return items


def batched(rows_of_goal: Callable, item: Callable) -> Callable:
    """A provider's `first_items` from `rows_of_goal(number, year)` (the ordered queryset of one
    goal's visible rows, as `items` reads them) and `item(row) -> TaggedItem`: one query."""

    def first_items(year=None, limit=10) -> dict[int, list[TaggedItem]]:
        found = first_per_goal(lambda number: rows_of_goal(number, year), limit)
        return {number: [item(row) for row in rows] for number, rows in found.items()}

    return first_items


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
