"""Filters every template has without `{% load %}` (a builtin, see TEMPLATES in settings).

- `{{ moment|html_datetime }}`: the value of a `<time datetime>` attribute — local time, whole
  seconds, with the offset ("2026-12-16T19:00:00+01:00"); the Nu Html Checker refuses Django's
  "c" with microseconds. A date gives "2026-12-16".
- `{{ count|at_most:limit }}`: the smaller of the two, for `<progress>`/`<meter>` values that
  must not exceed their max (a support count above the threshold).
- `{{ amount|euro_amount }}` "€ 2.500,00", `{{ day|long_date }}` "16 december 2026" (genk.core.formats).
"""

from datetime import date, datetime

from django import template
from django.utils import timezone

from genk.core import formats

register = template.Library()


@register.filter
def html_datetime(value) -> str:
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return ""


@register.filter
def at_most(value, limit):
    try:
        return min(value, limit) if limit not in (None, "") else value
    except TypeError:
        return value


@register.filter
def euro_amount(value) -> str:
    return formats.euro(value)


@register.filter
def long_date(value) -> str:
    return formats.long_date(value)
