"""Working days in Belgium: Monday to Friday, without the ten legal public holidays."""

from datetime import date, timedelta
from functools import lru_cache


def easter(year: int) -> date:
    """Easter Sunday (Gregorian calendar; the anonymous algorithm of Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ll = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ll) // 451
    month, day = divmod(h + ll - 7 * m + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=64)
def public_holidays(year: int) -> frozenset[date]:
    """The ten Belgian legal public holidays (wettelijke feestdagen)."""
    sunday = easter(year)
    return frozenset(
        {
            date(year, 1, 1),  # Nieuwjaar
            sunday + timedelta(days=1),  # Paasmaandag
            date(year, 5, 1),  # Dag van de Arbeid
            sunday + timedelta(days=39),  # O.L.H. Hemelvaart
            sunday + timedelta(days=50),  # Pinkstermaandag
            date(year, 7, 21),  # Nationale feestdag
            date(year, 8, 15),  # O.L.V. Hemelvaart
            date(year, 11, 1),  # Allerheiligen
            date(year, 11, 11),  # Wapenstilstand
            date(year, 12, 25),  # Kerstmis
        }
    )


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (`start` itself does not count)."""
    day = start
    remaining = days
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 if end <= start)."""
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
