"""Server-rendered SVG charts: a line chart over periods, horizontal bars, a choropleth.

Markup only, no JavaScript and no style attributes (the CSP): colours are presentation
attributes. Every chart is named by its `<title>` (`aria-labelledby`); the page puts a table
with the same numbers and a one-sentence summary beside it, which is what screen readers use.
"""

from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from neighbourhoods import maps

WIDTH, HEIGHT = 600, 240
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 12, 44
LINE_COLOURS = ("#1f5f99", "#b35900")  # dark blue (the area), dark orange (city average)
# A sequential palette (light to dark blue) for the choropleth, and grey for "no figure".
SCALE = ("#deebf7", "#9ecae1", "#6baed6", "#2171b5", "#08306b")
NO_VALUE = "#ffffff"


def _n(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def fmt(value) -> str:
    """A number for a label: no decimals when whole, else one (Dutch comma)."""
    if value is None:
        return "–"
    value = float(value)
    if value == int(value):
        return f"{int(value):,}".replace(",", ".")
    return f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def _open(title: str, title_id: str, width=WIDTH, height=HEIGHT, css="chart") -> str:
    return (
        f'<svg class="{css}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{escape(title_id)}"><title id="{escape(title_id)}">{escape(title)}</title>'
    )


def line_chart(title: str, title_id: str, labels: Sequence[str], series: Sequence[tuple[str, Sequence]]) -> SafeString:
    """One line per series over the labelled periods (values may be None: a gap)."""
    values = [float(v) for _name, points in series for v in points if v is not None]
    top = max(values + [0.0]) or 1.0
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(labels) - 1, 1)

    def xy(i, v):
        return LEFT + i * step, TOP + plot_h - float(v) / top * plot_h

    parts = [_open(title, title_id)]
    parts.append('<g class="chart-grid" stroke="#8c8c8c" stroke-width="0.5" font-size="11" fill="#1a1a1a">')
    for k in range(5):
        value = top * k / 4
        y = TOP + plot_h - plot_h * k / 4
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_n(y)}" y2="{_n(y)}"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{_n(y + 4)}" text-anchor="end" stroke="none">{fmt(value)}</text>')
    for i, label in enumerate(labels):
        if len(labels) > 6 and i % 2:
            continue
        x = LEFT + i * step
        parts.append(
            f'<text x="{_n(x)}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" stroke="none">{escape(label)}</text>'
        )
    parts.append("</g>")
    for index, (name, points) in enumerate(series):
        colour = LINE_COLOURS[index % len(LINE_COLOURS)]
        dash = ' stroke-dasharray="6 4"' if index else ""
        coords = [xy(i, v) for i, v in enumerate(points) if v is not None]
        if coords:
            path = " ".join(f"{_n(x)},{_n(y)}" for x, y in coords)
            parts.append(
                f'<polyline class="chart-line" fill="none" stroke="{colour}" stroke-width="2.5"{dash} points="{path}"/>'
            )
            parts.extend(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="3" fill="{colour}"/>' for x, y in coords)
        # The legend, under the axis.
        lx = LEFT + index * 220
        parts.append(
            f'<line x1="{lx}" x2="{lx + 24}" y1="{HEIGHT - 10}" y2="{HEIGHT - 10}" stroke="{colour}" stroke-width="2.5"{dash}/>'
            f'<text x="{lx + 30}" y="{HEIGHT - 6}" font-size="11" fill="#1a1a1a">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def bar_chart(title: str, title_id: str, bars: Sequence[tuple[str, object, bool]]) -> SafeString:
    """Horizontal bars, one per (label, value, highlighted)."""
    row = 20
    height = TOP + row * len(bars) + 8
    label_w = 170
    plot_w = WIDTH - label_w - 70
    top = max([float(v) for _l, v, _h in bars if v is not None] + [0.0]) or 1.0
    parts = [_open(title, title_id, height=height, css="chart chart-bars")]
    parts.append('<g font-size="11" fill="#1a1a1a">')
    for i, (label, value, highlighted) in enumerate(bars):
        y = TOP + i * row
        width = 0 if value is None else float(value) / top * plot_w
        colour = LINE_COLOURS[1] if highlighted else LINE_COLOURS[0]
        weight = ' font-weight="bold"' if highlighted else ""
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end"{weight}>{escape(label)}</text>'
            f'<rect x="{label_w}" y="{y + 2}" width="{_n(width)}" height="{row - 6}" fill="{colour}"/>'
            f'<text x="{_n(label_w + width + 4)}" y="{y + 13}">{fmt(value)}</text>'
        )
    parts.append("</g></svg>")
    return mark_safe("".join(parts))


def classes(values: dict[str, object], count: int = len(SCALE)) -> list[tuple[Decimal, Decimal]]:
    """Equal-width class bounds between the smallest and largest value (at most `count`)."""
    numbers = sorted(Decimal(str(v)) for v in values.values() if v is not None)
    if not numbers:
        return []
    low, high = numbers[0], numbers[-1]
    if low == high:
        return [(low, high)]
    width = (high - low) / count
    return [(low + width * i, high if i == count - 1 else low + width * (i + 1)) for i in range(count)]


def class_of(value, bounds) -> int | None:
    if value is None or not bounds:
        return None
    value = Decimal(str(value))
    for index, (_low, high) in enumerate(bounds):
        if value <= high:
            return index
    return len(bounds) - 1


def choropleth(title: str, title_id: str, values: dict[str, object], urls: dict[str, str]) -> tuple[SafeString, list]:
    """The map of the wijken (neighbourhoods.maps) filled by class of `values` (by slug).
    Returns the SVG and the legend: [(colour, low, high)]."""
    data = maps.map_data()
    bounds = classes(values)
    palette = SCALE if len(bounds) > 1 else SCALE[2:3]
    parts = [_open(title, title_id, data.width, data.height, css="wijk-map choropleth")]
    parts.append('<g stroke="#1a1a1a" stroke-width="1" stroke-linejoin="round" fill-rule="evenodd">')
    for shape in data.shapes:
        value = values.get(shape.slug)
        index = class_of(value, bounds)
        fill = NO_VALUE if index is None else palette[index]
        name = f"{shape.name}: {fmt(value)}"
        parts.append(
            f'<a href="{escape(urls.get(shape.slug, shape.url))}" aria-label="{escape(name)}"><title>{escape(name)}</title>'
            f'<path d="{shape.path}" fill="{fill}"/></a>'
        )
    parts.append("</g></svg>")
    legend = [(palette[i], low, high) for i, (low, high) in enumerate(bounds)]
    return mark_safe("".join(parts)), legend
