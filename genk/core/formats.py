"""One way to write dates and amounts in texts that are built in Python (notifications, emails,
messages, exports). Templates use Django's `date` filter with the active language, or the
`genk_formats` filters that call these functions.

- `day_label(d)`: a date or an aware datetime (read in Europe/Brussels) as "16-12-2026"; "" for None.
- `long_date(d)`: "16 december 2026", Dutch month names in lower case, whatever the interface
  language (the Dutch text is the authoritative one).
- `euro(amount)`: "€ 2.500,00" in every language (`genk.core.money`); `euro_plain(amount)`:
  the same without the sign, "2.500,00".
"""

from datetime import date, datetime

from django.utils import timezone

from .money import format_euro

MONTHS_NL = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def _as_date(value) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def day_label(value) -> str:
    """'16-12-2026' for a date or a datetime (local date); '' for None."""
    day = _as_date(value)
    return day.strftime("%d-%m-%Y") if day else ""


def long_date(value) -> str:
    """'16 december 2026' for a date or a datetime (local date); '' for None."""
    day = _as_date(value)
    return f"{day.day} {MONTHS_NL[day.month - 1]} {day.year}" if day else ""


def euro(value, *, cents_when_needed: bool = False) -> str:
    """'€ 2.500,00' in every language; '' for None or junk."""
    return format_euro(value, cents_when_needed=cents_when_needed)


def euro_plain(value) -> str:
    """'2.500,00': the amount without the sign (0 for None), the same in every language."""
    text = format_euro(value if value not in (None, "") else 0)
    return text.replace("€\u00a0", "")
