"""The periods a dashboard shows: the chosen one, the one before it, and the last twelve.

Pure date arithmetic on `genk.core.indicators.Period`: a month, a quarter, a year, or a free
range (from–to). The previous period of a free range is the range of the same length just
before it.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from genk.core.indicators import Period

KINDS = ("month", "quarter", "year", "range")
TREND = 12


def _month_start(year: int, month: int) -> date:
    while month < 1:
        month += 12
        year -= 1
    while month > 12:
        month -= 12
        year += 1
    return date(year, month, 1)


def month(year: int, number: int) -> Period:
    start = _month_start(year, number)
    return Period(start, _month_start(start.year, start.month + 1) - timedelta(days=1))


def quarter(year: int, number: int) -> Period:
    start = _month_start(year, 3 * (number - 1) + 1)
    return Period(start, _month_start(start.year, start.month + 3) - timedelta(days=1))


@dataclass(frozen=True)
class Choice:
    """A chosen period and its kind, which say what "the previous one" is."""

    kind: str
    period: Period

    def shifted(self, steps: int) -> Period:
        """The period `steps` units before (negative) or after this one."""
        start = self.period.start
        if self.kind == "month":
            return month(start.year, start.month + steps)
        if self.kind == "quarter":
            first = _month_start(start.year, start.month + 3 * steps)
            return quarter(first.year, (first.month - 1) // 3 + 1)
        if self.kind == "year":
            return Period.year(start.year + steps)
        length = (self.period.end - self.period.start).days + 1
        offset = timedelta(days=length * steps)
        return Period(self.period.start + offset, self.period.end + offset)

    @property
    def previous(self) -> Period:
        return self.shifted(-1)

    def trend(self, count: int = TREND) -> list[Period]:
        """The last `count` periods, oldest first, this one last."""
        return [self.shifted(step) for step in range(1 - count, 1)]

    def label(self, period: Period | None = None) -> str:
        return label(self.kind, period or self.period)


def label(kind: str, period: Period) -> str:
    if kind == "month":
        return date_format(period.start, "F Y")
    if kind == "quarter":
        return _("kwartaal %(number)s %(year)s") % {
            "number": (period.start.month - 1) // 3 + 1,
            "year": period.start.year,
        }
    if kind == "year":
        return str(period.start.year)
    return _("%(start)s – %(end)s") % {
        "start": date_format(period.start, "j M Y"),
        "end": date_format(period.end, "j M Y"),
    }


def short_label(kind: str, period: Period) -> str:
    """A label for a chart's axis."""
    if kind == "month":
        return date_format(period.start, "M Y")
    if kind == "quarter":
        return f"K{(period.start.month - 1) // 3 + 1} {period.start.year}"
    if kind == "year":
        return str(period.start.year)
    return date_format(period.start, "j M y")


def current(kind: str, today: date) -> Choice:
    if kind == "quarter":
        return Choice("quarter", quarter(today.year, (today.month - 1) // 3 + 1))
    if kind == "year":
        return Choice("year", Period.year(today.year))
    return Choice("month", month(today.year, today.month))
