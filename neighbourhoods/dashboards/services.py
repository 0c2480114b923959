"""Storing the daily figures, and reading them back for a dashboard.

- `refresh(day)`: every registered figure for one day, per wijk, stored with one upsert
  (`INSERT … ON CONFLICT (indicator, neighbourhood, day) DO UPDATE`); rows of that day whose
  value went back to zero are deleted. Safe to rerun for any day, in any order.
- `read(keys, periods, today)`: the figures of every wijk for a list of periods, from the
  stored days plus today's live value. The number of queries depends on the number of
  registered figures and periods, never on the number of rows. What is not today's is
  cached (`stored`): one grouped query over the stored sums, one for the end-of-period
  states and, for the figures that cannot be added up ("period"), one query for the past
  periods when their app registered a batch (`indicators.periods_for`), else one per
  period. Per request: one live query per figure for today (for a "period" figure: its
  current period up to today).
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.core.cache import cache
from django.db import transaction
from django.db.models import Case, IntegerField, Q, Sum, Value, When
from django.utils import timezone

from genk.core import indicators
from genk.core.indicators import Indicator, Period
from neighbourhoods.models import Neighbourhood

from . import caching
from .models import DailyFigure, PopulationFigure

CENT = Decimal("0.01")
# How long a stored part stays in the cache at most (the versions keep it exact; this only
# bounds what unused periods take up in Redis).
STORED_SECONDS = 3600


def _decimal(value) -> Decimal:
    return Decimal(str(value)).quantize(CENT)


def refresh(day: date, keys=None) -> int:
    """Store every registered figure (or those in `keys`) of `day`; returns the rows written."""
    wijken = set(Neighbourhood.objects.values_list("pk", flat=True))
    period = Period(day, day)
    written = 0
    for indicator in indicators.registered():
        if keys is not None and indicator.key not in keys:
            continue
        values = {
            wijk: _decimal(value)
            for wijk, value in indicator.by_neighbourhood(period).items()
            if wijk in wijken and value is not None and value != 0
        }
        with transaction.atomic():
            DailyFigure.objects.bulk_create(
                [DailyFigure(indicator=indicator.key, neighbourhood_id=w, day=day, value=v) for w, v in values.items()],
                update_conflicts=True,
                unique_fields=["indicator", "neighbourhood", "day"],
                update_fields=["value"],
            )
            DailyFigure.objects.filter(indicator=indicator.key, day=day).exclude(neighbourhood_id__in=values).delete()
        written += len(values)
    return written


def backfill(start: date, end: date, keys=None) -> int:
    """`refresh` every day from `start` to `end` (inclusive)."""
    written, day = 0, start
    while day <= end:
        written += refresh(day, keys)
        day += timedelta(days=1)
    return written


@dataclass
class Values:
    """The figures read for a dashboard: `of(key, index)` → {wijk id: value} for period `index`.

    `data` may be left to `load`, which fetches the stored part from the cache (or the
    database) the first time a value is asked: a page whose rendered figures are in the cache
    never unpickles the year of stored values (`fingerprint` is known without them)."""

    periods: list[Period]
    data: dict[str, list[dict[int, Decimal]]] | None = None
    today: date | None = None
    version: str = ""  # the stored figures' version (caching.STORED) they were read under
    fingerprint: str = ""  # a digest of all they hold: that version, the periods, today, the live part
    load: Callable[[], dict] | None = field(default=None, repr=False, compare=False)

    def of(self, key: str, index: int) -> dict[int, Decimal]:
        if self.data is None:
            self.data = self.load()
        return self.data.get(key, [{}] * len(self.periods))[index]


def _stored_key(figures, periods, today) -> tuple:
    return (
        [(f.key, f.over_time) for f in figures],
        [(p.start, p.end) for p in periods],
        today,
    )


def stored(
    figures: list[Indicator], periods: list[Period], today: date, version: str | None = None
) -> tuple[str, dict]:
    """The part of `read` that is not today's: {figure key: [{wijk id: value} per period]}
    for the "sum" figures (their days before today), the "last" ones (periods that ended
    before today) and the "period" ones (periods that ended before today, computed from
    their sources like the nightly refresh computes a day). Cached under the version of the
    stored figures (caching.STORED), which every write to `DailyFigure` moves, and the day:
    two queries and one per "period" figure when it is not in the cache, none when it is.
    Returns the version it was read under (`version`: the one read already) and the values."""
    version = version or caching.stored_version()
    cache_key = caching.key("stored", *_stored_key(figures, periods, today), current=version)
    found = cache.get(cache_key)
    if found is None:
        found = _read_stored(figures, periods, today)
        cache.set(cache_key, found, STORED_SECONDS)
    return version, found


def _read_stored(figures, periods, today):
    data = {f.key: [defaultdict(Decimal) for _p in periods] for f in figures}
    summed = [f.key for f in figures if f.over_time == "sum"]
    last = [f for f in figures if f.over_time == "last"]

    # Days before today: one grouped query for every "sum" figure and period.
    stored_periods = [(i, p) for i, p in enumerate(periods) if p.start < today]
    if summed and stored_periods:
        bucket = Case(
            *[
                When(day__range=(p.start, min(p.end, today - timedelta(days=1))), then=Value(i))
                for i, p in stored_periods
            ],
            default=None,
            output_field=IntegerField(),
        )
        condition = Q()
        for _i, p in stored_periods:
            condition |= Q(day__range=(p.start, min(p.end, today - timedelta(days=1))))
        rows = (
            DailyFigure.objects.filter(condition, indicator__in=summed)
            .annotate(bucket=bucket)
            .values("indicator", "neighbourhood_id", "bucket")
            .annotate(total=Sum("value"))
            .order_by()
        )
        for row in rows:
            if row["bucket"] is not None:
                data[row["indicator"]][row["bucket"]][row["neighbourhood_id"]] += row["total"]

    # States ("last"): the stored value of each period's last day, when that day is past.
    ends = {p.end: i for i, p in enumerate(periods) if p.end < today}
    if last and ends:
        rows = DailyFigure.objects.filter(indicator__in=[f.key for f in last], day__in=list(ends)).values_list(
            "indicator", "neighbourhood_id", "day", "value"
        )
        for key, wijk, day, value in rows:
            for i, p in enumerate(periods):
                if p.end == day:
                    data[key][i][wijk] = value

    # Figures that do not add up, for the periods that ended before today: one batch per
    # figure where its app registered one (indicators.periods_for), else one per period.
    for figure in figures:
        past = [(i, p) for i, p in enumerate(periods) if p.end < today]
        if figure.over_time != "period" or not past:
            continue
        for (i, _p), values in zip(past, figure.by_periods([p for _i, p in past]), strict=True):
            data[figure.key][i] = defaultdict(Decimal, {w: _decimal(v or 0) for w, v in values.items()})
    return {key: [dict(d) for d in per] for key, per in data.items()}


def read(figures: list[Indicator], periods: list[Period], today: date | None = None) -> Values:
    """Every wijk's value of each figure in each period (see the module's docstring). Today's
    part is read now; the stored part when a value is first asked (`Values.load`)."""
    today = today or timezone.localdate()
    version = caching.stored_version()
    # What is read for this request (not cached): (figure, period index, how, values); part
    # of the fingerprint.
    read_now = []

    # Today, live: one query per figure.
    if any(p.start <= today <= p.end for p in periods):
        for figure in figures:
            if figure.over_time == "period":
                continue
            live = {w: _decimal(v or 0) for w, v in figure.by_neighbourhood(Period(today, today)).items()}
            for i, p in enumerate(periods):
                if p.start <= today <= p.end:
                    read_now.append((figure.key, i, "add" if figure.over_time == "sum" else "set", live))

    # Figures that do not add up, for the period that holds today: up to today, live.
    for figure in figures:
        if figure.over_time != "period":
            continue
        for i, p in enumerate(periods):
            if p.start <= today <= p.end:
                live = figure.by_neighbourhood(Period(p.start, today))
                read_now.append((figure.key, i, "set", {w: _decimal(v or 0) for w, v in live.items()}))

    def load():
        _version, found = stored(figures, periods, today, version)
        data = {f.key: [defaultdict(Decimal, d) for d in found.get(f.key, [{}] * len(periods))] for f in figures}
        for key, i, how, live in read_now:
            if how == "add":
                for wijk, value in live.items():
                    data[key][i][wijk] += value
            else:
                data[key][i] = defaultdict(Decimal, live)
        return {key: [dict(d) for d in per] for key, per in data.items()}

    fingerprint = caching.digest(
        version,
        _stored_key(figures, periods, today),
        [(key, i, how, sorted(live.items())) for key, i, how, live in read_now],
    )
    return Values(periods, None, today, version, fingerprint, load)


@dataclass(frozen=True)
class Population:
    """What the dashboards know of a wijk's population."""

    value: int | None
    year: int | None
    estimated: bool = False
    example: bool = False
    source: str = ""


def populations(wijken) -> dict[int, Population]:
    """{wijk id: Population} for the given Neighbourhood objects: one query (the figures are
    few: one per wijk and reference date)."""
    latest = {}
    for figure in PopulationFigure.objects.filter(neighbourhood__in=[w.pk for w in wijken]).order_by(
        "neighbourhood_id", "-reference_date"
    ):
        latest.setdefault(figure.neighbourhood_id, figure)
    result = {}
    for wijk in wijken:
        figure = latest.get(wijk.pk)
        if figure is not None and figure.population == wijk.population:
            result[wijk.pk] = Population(
                figure.population, figure.reference_date.year, figure.estimated, figure.is_example, figure.source
            )
        else:
            result[wijk.pk] = Population(wijk.population, wijk.population_year)
    return result


def record_population(
    wijk, population: int, reference_date: date, *, source: str, estimated=False, example=False, user=None
):
    """Store a population figure (replacing one of the same date) and, when it is the newest
    for the wijk, copy it to `Neighbourhood.population` / `population_year`."""
    with transaction.atomic():
        figure, _created = PopulationFigure.objects.update_or_create(
            neighbourhood=wijk,
            reference_date=reference_date,
            defaults={
                "population": population,
                "source": source,
                "estimated": estimated,
                "is_example": example,
                "entered_by": user,
            },
        )
        newest = PopulationFigure.objects.filter(neighbourhood=wijk).order_by("-reference_date").first()
        if newest.pk == figure.pk:
            Neighbourhood.objects.filter(pk=wijk.pk).update(population=population, population_year=reference_date.year)
    return figure
