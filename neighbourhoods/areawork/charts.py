"""Horizontal bar charts as inline SVG, rendered on the server (no JavaScript).

Every chart is an `<svg role="img">` with a `<title>` and a `<desc>` (the numbers in words);
the page shows the same numbers in a table beside it."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

ROW = 26
LABEL_WIDTH = 170
BAR_WIDTH = 300
VALUE_WIDTH = 50


def bars(rows: list[tuple[str, int]], *, title, unit) -> str:
    """An SVG with one bar per (label, value)."""
    if not rows:
        return ""
    top = max(value for _label, value in rows) or 1
    height = ROW * len(rows) + 8
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    desc = "; ".join(f"{label}: {value} {unit}" for label, value in rows)
    shapes = format_html_join(
        "\n",
        '<g class="bar-row"><text x="{}" y="{}" text-anchor="end" class="bar-label">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" class="bar"></rect>'
        '<text x="{}" y="{}" class="bar-value">{}</text></g>',
        (
            (
                LABEL_WIDTH - 8,
                ROW * i + 20,
                label,
                LABEL_WIDTH,
                ROW * i + 6,
                max(round(BAR_WIDTH * value / top), 1 if value else 0),
                ROW - 8,
                LABEL_WIDTH + max(round(BAR_WIDTH * value / top), 0) + 6,
                ROW * i + 20,
                value,
            )
            for i, (label, value) in enumerate(rows)
        ),
    )
    return format_html(
        '<svg class="areawork-bars" role="img" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        'aria-labelledby="{id}-title {id}-desc"><title id="{id}-title">{title}</title>'
        '<desc id="{id}-desc">{desc}</desc>{shapes}</svg>',
        w=width,
        h=height,
        id=_slug(str(title)),
        title=title,
        desc=desc,
        shapes=mark_safe(shapes),
    )


def _slug(text: str) -> str:
    return "chart-" + "".join(ch if ch.isalnum() else "-" for ch in text.lower())
