"""Server-rendered SVG bar charts: no JavaScript, no external library, readable by a screen
reader through the title, the description and the data table next to each chart."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

BAR_HEIGHT = 24
GAP = 10
LABEL_WIDTH = 260
BAR_WIDTH = 300
VALUE_WIDTH = 90
COLOUR = "#005ea5"
TRACK = "#e6ecf2"


def bar_chart(rows: list[tuple[str, int]], total: int, *, chart_id: str, title: str) -> str:
    """Horizontal bars, one per (label, count); widths are shares of `total`."""
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    height = max(1, len(rows)) * (BAR_HEIGHT + GAP) + GAP
    parts = [
        f'<svg class="survey-chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">' + escape("; ".join(f"{label}: {count}" for label, count in rows)) + "</desc>",
    ]
    for i, (label, count) in enumerate(rows):
        y = GAP + i * (BAR_HEIGHT + GAP)
        share = count / total if total else 0
        bar = round(BAR_WIDTH * share, 1)
        short = label if len(label) <= 38 else label[:37] + "…"
        parts += [
            f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT * 0.7:.0f}" text-anchor="end" font-size="14" fill="#1a1a1a">'
            f"{escape(short)}</text>",
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{BAR_WIDTH}" height="{BAR_HEIGHT}" fill="{TRACK}"/>',
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{bar}" height="{BAR_HEIGHT}" fill="{COLOUR}"/>',
            f'<text x="{LABEL_WIDTH + BAR_WIDTH + 8}" y="{y + BAR_HEIGHT * 0.7:.0f}" font-size="14" fill="#1a1a1a">'
            f"{count} ({round(share * 100)}%)</text>",
        ]
    parts.append("</svg>")
    return mark_safe("".join(parts))
