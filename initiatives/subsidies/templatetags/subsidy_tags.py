"""Template filters for subsidy pages: amounts in euro (Dutch notation) and IBANs in groups of four.

`{% load subsidy_tags %}` then `{{ amount|euro }}` -> "€ 2.500,00", `{{ file.iban|iban }}` ->
"BE68 5390 0754 7034".
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template

from ..validators import format_iban

register = template.Library()


def _group(digits: str) -> str:
    parts = []
    while len(digits) > 3:
        parts.insert(0, digits[-3:])
        digits = digits[:-3]
    parts.insert(0, digits)
    return ".".join(parts)


@register.filter
def euro(value):
    """€ 2.500,00 (always with cents: these are amounts on a file); '' for None."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    sign = "-" if amount < 0 else ""
    whole, cents = f"{abs(amount):.2f}".split(".")
    return f"{sign}€\u00a0{_group(whole)},{cents}"


@register.filter
def iban(value):
    return format_iban(value) if value else ""
