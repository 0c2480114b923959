"""The indicator registry: the figures each app contributes to the dashboards.

An app declares its figures in its own `indicators.py`:

    @indicators.register("initiatives.supports", label=_("Steunbetuigingen"), unit=_("steunbetuigingen"))
    def supports(period):
        return {neighbourhood_id: count, ...}

The function gets a `Period` and returns a value per neighbourhood id. Dashboards iterate
over `registered()` and never import an app: a new app adds figures without touching them.
District and city figures are derived with the indicator's `aggregate` (sum, or the
population-weighted mean for rates).

Optional, per figure (the neighbourhood dashboards in `neighbourhoods/dashboards/` use them):

- `public`: whether the figure may be shown on the public figures page of a wijk
  (`/wijken/<wijk>/cijfers/`). **Default False**: a new figure stays among the staff's figures
  until its app says it is public (privacy by default; an app knows whether its figure could
  reveal something about few people).
- `over_time`: how the figure of a longer period follows from the figures of its days, so the
  dashboards can read stored daily figures: "sum" (default: things that happen on a day —
  supports given, activities held), "last" (a state at the end of the period — residents,
  members; the value of the period's last day) or "period" (neither: distinct people over the
  period; the dashboards compute it for the whole period).
- `periods`: a batch of `compute` for several periods at once, `func(periods)` → one dict per
  period (registered with `@indicators.periods_for("key")`): the dashboards compute a
  "period" figure for twelve periods, in one query instead of twelve. Used for periods that
  do not overlap; without it (or for overlapping periods) `compute` runs once per period.
- `items`: a provider of the rows behind the number, `items(neighbourhood_id, period)` →
  `(headers, rows)` (the lists a director opens and exports), registered with
  `@indicators.items_for("key")` next to the figure.
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(date(year, 1, 1), date(year, 12, 31))

    def datetime_range(self) -> tuple[datetime, datetime]:
        """The period as aware datetimes in the current time zone, from the first moment of
        `start` to the last of `end`: for `__range` lookups on datetime fields."""
        tz = timezone.get_current_timezone()
        return (
            timezone.make_aware(datetime.combine(self.start, time.min), tz),
            timezone.make_aware(datetime.combine(self.end, time.max), tz),
        )


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    unit: str
    compute: Callable[[Period], dict[int, int | float | Decimal]]
    description: str = ""
    aggregate: str = "sum"  # or "mean"
    sdgs: tuple[int, ...] = field(default_factory=tuple)
    public: bool = False
    over_time: str = "sum"  # or "last", "period"
    items: Callable | None = None  # (neighbourhood_id, period) -> (headers, rows)
    compute_periods: Callable[[list[Period]], list[dict]] | None = None

    @property
    def app_label(self) -> str:
        return self.key.split(".", 1)[0]

    def by_periods(self, periods: list[Period]) -> list[dict[int, int | float | Decimal]]:
        """`by_neighbourhood` for each of `periods`: one batch when the app registered one and
        the periods do not overlap, else one call per period."""
        ordered = sorted(periods, key=lambda p: p.start)
        disjoint = all(a.end < b.start for a, b in zip(ordered, ordered[1:], strict=False))
        if self.compute_periods is not None and disjoint and len(periods) > 1:
            return self.compute_periods(list(periods))
        return [self.compute(p) for p in periods]

    def by_neighbourhood(self, period: Period) -> dict[int, int | float | Decimal]:
        return self.compute(period)

    def combine(self, values: dict[int, int | float | Decimal], ids, weights: dict[int, int] | None = None):
        """The figure for a group of neighbourhoods (a district, the city)."""
        ids = list(ids)
        if self.aggregate == "sum":
            return sum((values.get(i, 0) for i in ids), 0)
        weights = weights or {}
        total_weight = sum(weights.get(i, 1) for i in ids if i in values)
        if not total_weight:
            return None
        return sum(values[i] * weights.get(i, 1) for i in ids if i in values) / total_weight


_registry: dict[str, Indicator] = {}


OVER_TIME = {"sum", "last", "period"}


def register(key: str, *, label, unit="", description="", aggregate="sum", sdgs=(), public=False, over_time="sum"):
    if aggregate not in {"sum", "mean"}:
        raise ValueError(f"unknown aggregate {aggregate!r}")
    if over_time not in OVER_TIME:
        raise ValueError(f"unknown over_time {over_time!r}")

    def decorator(func):
        _registry[key] = Indicator(
            key=key,
            label=label,
            unit=unit,
            compute=func,
            description=description,
            aggregate=aggregate,
            sdgs=tuple(sdgs),
            public=public,
            over_time=over_time,
            items=_items.get(key),
            compute_periods=_batches.get(key),
        )
        return func

    return decorator


_items: dict[str, Callable] = {}


def items_for(key: str):
    """Register the provider of the rows behind figure `key`: `func(neighbourhood_id, period)`
    returns `(headers, rows)` (lists, as genk.core.exports takes them). Works before or after
    the figure's own registration."""

    def decorator(func):
        _items[key] = func
        if key in _registry:
            _registry[key] = replace(_registry[key], items=func)
        return func

    return decorator


_batches: dict[str, Callable] = {}


def periods_for(key: str):
    """Register a batch of figure `key` for several periods: `func(periods)` returns one
    {neighbourhood_id: value} per period, in order, as `compute` would for each. Works before
    or after the figure's own registration."""

    def decorator(func):
        _batches[key] = func
        if key in _registry:
            _registry[key] = replace(_registry[key], compute_periods=func)
        return func

    return decorator


def unregister(key: str) -> None:
    _registry.pop(key, None)
    _items.pop(key, None)
    _batches.pop(key, None)


def registered() -> list[Indicator]:
    return sorted(_registry.values(), key=lambda i: i.key)


def get(key: str) -> Indicator:
    return _registry[key]


def find(key: str) -> Indicator | None:
    """The figure registered under `key`, or None (for keys that come from a URL)."""
    return _registry.get(key)
