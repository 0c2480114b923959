from decimal import ROUND_HALF_UP, Decimal

from django import template

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
    """€ 1.500.000 or € 12.345,50 (Dutch notation)."""
    if value is None or value == "":
        return ""
    amount = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    whole, cents = f"{abs(amount):.2f}".split(".")
    text = _group(whole)
    if cents != "00":
        text += f",{cents}"
    return f"{sign}€\u00a0{text}"


@register.filter
def dutch_number(value):
    if value is None or value == "":
        return ""
    return _group(str(int(value)))


@register.filter
def percent_of(part, whole):
    """Whole-number percentage of part in whole (0 when whole is 0)."""
    try:
        whole = Decimal(whole)
        return int(Decimal(part) * 100 / whole) if whole else 0
    except (TypeError, ValueError, ArithmeticError):
        return 0


@register.filter
def get_item(mapping, key):
    return mapping.get(key)
