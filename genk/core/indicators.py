"""The indicator registry: the figures each app contributes to the dashboards.

An app declares its figures in its own `indicators.py`:

    @indicators.register("initiatives.supports", label=_("Steunbetuigingen"), unit=_("steunbetuigingen"))
    def supports(period):
        return {neighbourhood_id: count, ...}

The function gets a `Period` and returns a value per neighbourhood id. Dashboards iterate
over `registered()` and never import an app: a new app adds figures without touching them.
District and city figures are derived with the indicator's `aggregate` (sum, or the
population-weighted mean for rates).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
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

    @property
    def app_label(self) -> str:
        return self.key.split(".", 1)[0]

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


def register(key: str, *, label, unit="", description="", aggregate="sum", sdgs=()):
    if aggregate not in {"sum", "mean"}:
        raise ValueError(f"unknown aggregate {aggregate!r}")

    def decorator(func):
        _registry[key] = Indicator(
            key=key,
            label=label,
            unit=unit,
            compute=func,
            description=description,
            aggregate=aggregate,
            sdgs=tuple(sdgs),
        )
        return func

    return decorator


def unregister(key: str) -> None:
    _registry.pop(key, None)


def registered() -> list[Indicator]:
    return sorted(_registry.values(), key=lambda i: i.key)


def get(key: str) -> Indicator:
    return _registry[key]
