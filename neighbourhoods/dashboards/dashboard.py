"""What a dashboard shows, computed from the stored figures (services.read): pure Python
after the reads, so the query count is that of `services.read` plus two (wijken, populations).

A `Scope` is the area a dashboard is about: one wijk, a district (its wijken) or the city.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from genk.core import indicators
from neighbourhoods.models import Neighbourhood

from . import caching, charts, periods, services


@dataclass
class Scope:
    kind: str  # "wijk", "district", "city"
    name: str
    obj: object = None
    ids: list = field(default_factory=list)


@dataclass
class Row:
    figure: indicators.Indicator
    value: object
    previous: object
    change: object
    city_average: object
    per_1000: object
    city_per_1000: object
    trend: list
    city_trend: list
    summary: str = ""
    chart: str = ""
    chart_id: str = ""
    bars: list = field(default_factory=list)
    bar_chart: str = ""
    table: list = field(default_factory=list)


def figures_for(public_only: bool) -> list[indicators.Indicator]:
    return [f for f in indicators.registered() if f.public or not public_only]


def all_wijken():
    return list(Neighbourhood.objects.without_geometry().with_district().order_by("name"))


def _round(value):
    if value is None:
        return None
    return Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _combine(figure, values, ids, weights):
    return figure.combine(values, ids, weights)


def _per_1000(figure, value, ids, pops):
    if figure.aggregate != "sum" or figure.key == "neighbourhoods.population" or value is None:
        return None
    known = [pops[i].value for i in ids if pops.get(i) and pops[i].value]
    if not ids or len(known) != len(ids):
        return None
    return _round(Decimal(value) * 1000 / sum(known))


def build(scope: Scope, choice: periods.Choice, *, public_only: bool, wijken=None, pops=None, today=None, values=None):
    """The rows of a dashboard, one per figure, the trend's periods and the values read
    (`values`: read already for `choice.trend()`)."""
    wijken = wijken if wijken is not None else all_wijken()
    pops = pops if pops is not None else services.populations(wijken)
    all_ids = [w.pk for w in wijken]
    weights = {i: p.value or 1 for i, p in pops.items()}
    figures = figures_for(public_only)
    trend = choice.trend()
    values = values if values is not None else services.read(figures, trend, today)
    labels = [periods.short_label(choice.kind, p) for p in trend]
    now, before = len(trend) - 1, len(trend) - 2
    rows = []
    for figure in figures:
        series = [_combine(figure, values.of(figure.key, i), scope.ids, weights) for i in range(len(trend))]
        city = [_combine(figure, values.of(figure.key, i), all_ids, weights) for i in range(len(trend))]
        count = len(all_ids) or 1
        per_wijk = [None if c is None else (c / count if figure.aggregate == "sum" else c) for c in city]
        # The comparison: the city average for an area of this size (a wijk: per wijk; a
        # district: per wijk times its wijken; the city: the city itself).
        size = len(scope.ids) if scope.kind != "city" else count
        city_average = [None if c is None else (c * size if figure.aggregate == "sum" else c) for c in per_wijk]
        value, previous = series[now], series[before]
        change = None if value is None or previous is None else value - previous
        row = Row(
            figure=figure,
            value=_round(value),
            previous=_round(previous),
            change=_round(change),
            city_average=_round(city_average[now]),
            per_1000=_per_1000(figure, value, scope.ids, pops),
            city_per_1000=_per_1000(figure, city[now], all_ids, pops),
            trend=[_round(v) for v in series],
            city_trend=[_round(v) for v in city_average],
        )
        row.table = list(zip(labels, row.trend, row.city_trend, strict=True))
        row.chart_id = f"grafiek-{figure.key.replace('.', '-')}"
        row.summary = summary(scope, choice, row)
        row.chart = charts.line_chart(
            _("%(figure)s, laatste %(count)s periodes") % {"figure": figure.label, "count": len(trend)},
            row.chart_id,
            labels,
            [(scope.name, row.trend), (_("stadsgemiddelde"), row.city_trend)],
        )
        rows.append(row)
    return rows, [(label, p) for label, p in zip(labels, trend, strict=True)], values


def summary(scope, choice, row) -> str:
    label = row.figure.label
    if row.value is None:
        return _("Voor %(figure)s is er in deze periode geen cijfer.") % {"figure": label}
    parts = {
        "figure": label,
        "area": scope.name,
        "value": charts.fmt(row.value),
        "unit": row.figure.unit,
        "period": choice.label(),
        "previous": charts.fmt(row.previous),
        "average": charts.fmt(row.city_average),
    }
    if row.change is None or row.change == 0:
        trend = _("evenveel als de periode ervoor")
    elif row.change > 0:
        trend = _("meer dan de periode ervoor (%(previous)s)") % parts
    else:
        trend = _("minder dan de periode ervoor (%(previous)s)") % parts
    parts["trend"] = trend
    return _("%(area)s: %(value)s %(unit)s in %(period)s, %(trend)s; het stadsgemiddelde is %(average)s.") % parts


def comparison(figure, values, index, wijken, highlight_ids=()):
    """Bars comparing the wijken on one figure in one period: [(name, value, highlighted)]."""
    per = values.of(figure.key, index)
    return [(w.name, _round(per.get(w.pk, Decimal(0))), w.pk in highlight_ids) for w in wijken]


def figures_html(scope: Scope, choice: periods.Choice, values, wijken, pops, *, public_only, drilldown=False, query=""):
    """The figures of a dashboard as HTML (the table, a chart with its table and summary per
    figure: `_figures.html`), from the cache when nothing it shows changed. Its key holds the
    stored figures' version and a digest of the rest: today's live values and the "period"
    figures (`values.fingerprint`), the scope, the period, the wijken and their populations,
    and the query string (in the drill-down links). A new value anywhere is a new key."""
    parts = (
        values.fingerprint,
        scope.kind,
        scope.name,
        list(scope.ids),
        getattr(scope.obj, "slug", None),
        choice,
        public_only,
        drilldown,
        query,
        [w.pk for w in wijken],
        sorted(pops.items()),
        [(f.key, f.aggregate, f.over_time, f.items is not None) for f in figures_for(public_only)],
    )

    def render():
        rows, _trend, _values = build(
            scope, choice, public_only=public_only, wijken=wijken, pops=pops, today=values.today, values=values
        )
        context = {
            "scope": scope,
            "rows": rows,
            "period_label": choice.label(),
            "previous_label": choice.label(choice.previous),
            "drilldown": drilldown,
            "query": query,
        }
        return render_to_string("dashboards/_figures.html", context), None

    cache_key = caching.key("figures", caching.digest(*parts), current=values.version)
    return mark_safe(caching.fragment(cache_key, render))
