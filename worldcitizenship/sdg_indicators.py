"""Genk's local indicators per goal: values, a server-rendered SVG chart (line or bars, with the
target as a dashed line), a one-line summary and, for computed indicators, the yearly refresh
from a figure registered in `genk.core.indicators` (the city's figure: the indicator's own
aggregate over every neighbourhood). Pages read only stored values: computing happens when the
officer saves or refreshes, and in the daily task."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from genk.core import indicators as figures

from .sdg_models import IndicatorValue, LocalIndicator

WIDTH, HEIGHT = 560, 240
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 36
COLOUR = "#005ea5"
TARGET = "#8a3b00"
GRID = "#d0d7de"
TEXT = "#1a1a1a"
FIRST_YEAR = 2015  # the SDGs' start


@dataclass
class Shown:
    """An indicator as a page shows it."""

    indicator: LocalIndicator
    values: list[IndicatorValue]

    @property
    def chart(self) -> str:
        return chart(self.indicator, self.values)

    @property
    def summary(self) -> str:
        return summary(self.indicator, self.values)


def for_goals(goals) -> dict[int, list[Shown]]:
    """{goal id: [Shown]}: two queries whatever the number of indicators and values."""
    found: dict[int, list[Shown]] = {}
    rows = LocalIndicator.objects.filter(goal__in=goals).prefetch_related("values").order_by("position", "name")
    for indicator in rows:
        found.setdefault(indicator.goal_id, []).append(Shown(indicator, list(indicator.values.all())))
    return found


def fmt(value: Decimal | None) -> str:
    if value is None:
        return ""
    value = Decimal(value)
    places = min(2, max(0, -value.normalize().as_tuple().exponent))  # 8900.50 -> 1, 8900.00 -> 0
    return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)


def summary(indicator: LocalIndicator, values) -> str:
    if not values:
        return _("Nog geen waarden.")
    last = values[-1]
    text = _("%(year)s: %(value)s %(unit)s") % {"year": last.year, "value": fmt(last.value), "unit": indicator.unit}
    if len(values) > 1:
        first = values[0]
        text += " " + _("(%(year)s: %(value)s)") % {"year": first.year, "value": fmt(first.value)}
    if indicator.target_value is not None:
        if indicator.target_year:
            text += "; " + _("streefwaarde %(value)s tegen %(year)s") % {
                "value": fmt(indicator.target_value),
                "year": indicator.target_year,
            }
        else:
            text += "; " + _("streefwaarde %(value)s") % {"value": fmt(indicator.target_value)}
    return text + "."


def _scale(values, target):
    numbers = [float(v.value) for v in values] + ([float(target)] if target is not None else [])
    low = min(0.0, *numbers)
    high = max(numbers) if numbers else 1.0
    if high == low:
        high = low + 1
    return low, high


def chart(indicator: LocalIndicator, values) -> str:
    """The SVG: labelled by its title (the indicator) and description (the summary); the
    accessible table next to it holds every value."""
    if not values:
        return ""
    low, high = _scale(values, indicator.target_value)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    n = len(values)

    def y(v) -> float:
        return round(TOP + plot_h - (float(v) - low) / (high - low) * plot_h, 1)

    step = plot_w / n
    xs = [round(LEFT + step * (i + 0.5), 1) for i in range(n)]
    uid = f"sdg-indicator-{indicator.pk}"
    parts = [
        f'<svg class="sdg-chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" aria-labelledby="{uid}-t {uid}-d" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{uid}-t">{escape(indicator.name)} ({escape(indicator.unit)})</title>',
        f'<desc id="{uid}-d">{escape(summary(indicator, values))}</desc>',
    ]
    for fraction in (0, 0.5, 1):
        v = low + (high - low) * fraction
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(v)}" y2="{y(v)}" stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{y(v) + 4}" text-anchor="end" font-size="12" fill="{TEXT}">'
            f"{escape(fmt(Decimal(str(round(v, 2)))))}</text>"
        )
    if indicator.chart == LocalIndicator.Chart.BARS:
        bar = max(4.0, step * 0.6)
        for x, v in zip(xs, values, strict=True):
            top, base = y(v.value), y(max(low, 0))
            parts.append(
                f'<rect x="{round(x - bar / 2, 1)}" y="{min(top, base)}" width="{round(bar, 1)}" '
                f'height="{round(abs(base - top), 1)}" fill="{COLOUR}"/>'
            )
    else:
        points = " ".join(f"{x},{y(v.value)}" for x, v in zip(xs, values, strict=True))
        parts.append(f'<polyline points="{points}" fill="none" stroke="{COLOUR}" stroke-width="3"/>')
        parts += [
            f'<circle cx="{x}" cy="{y(v.value)}" r="4" fill="{COLOUR}"/>' for x, v in zip(xs, values, strict=True)
        ]
    if indicator.target_value is not None:
        ty = y(indicator.target_value)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{ty}" y2="{ty}" stroke="{TARGET}" stroke-width="2" '
            'stroke-dasharray="6 4"/>'
            f'<text x="{WIDTH - RIGHT}" y="{ty - 6}" text-anchor="end" font-size="12" fill="{TARGET}">'
            f"{escape(_('streefwaarde'))}</text>"
        )
    labels_every = max(1, n // 10)
    for i, (x, v) in enumerate(zip(xs, values, strict=True)):
        if i % labels_every == 0 or i == n - 1:
            parts.append(
                f'<text x="{x}" y="{HEIGHT - 12}" text-anchor="middle" font-size="12" fill="{TEXT}">{v.year}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def figure_choices() -> list[tuple[str, str]]:
    return [("", _("— ingevuld door de dienst —"))] + [(i.key, f"{i.label} ({i.key})") for i in figures.registered()]


def city_value(key: str, year: int):
    """The registered figure `key` for the whole city in `year`, or None."""
    try:
        figure = figures.get(key)
    except KeyError:
        return None
    values = figure.by_neighbourhood(figures.Period.year(year))
    if not values:
        return None if figure.aggregate == "mean" else Decimal(0)
    result = figure.combine(values, values.keys())
    return None if result is None else Decimal(str(result)).quantize(Decimal("0.01"))


@transaction.atomic
def refresh(indicator: LocalIndicator, *, first_year: int = FIRST_YEAR, last_year: int | None = None) -> int:
    """Store the computed yearly values of `indicator` (up to this year): the number stored."""
    if not indicator.figure_key:
        return 0
    last_year = last_year or timezone.localdate().year
    stored = 0
    for year in range(first_year, last_year + 1):
        value = city_value(indicator.figure_key, year)
        if value is None:
            continue
        IndicatorValue.objects.update_or_create(
            indicator=indicator, year=year, defaults={"value": value, "computed": True}
        )
        stored += 1
    return stored


def refresh_all() -> int:
    return sum(
        refresh(i, first_year=timezone.localdate().year - 1) for i in LocalIndicator.objects.exclude(figure_key="")
    )
