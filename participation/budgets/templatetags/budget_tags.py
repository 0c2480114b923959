from decimal import Decimal

from django import template

from genk.core import formats
from genk.core.money import group_thousands

register = template.Library()


@register.filter
def euro(value):
    """€ 1.500.000 or € 12.345,50 (Dutch notation; cents only when there are any)."""
    return formats.euro(value, cents_when_needed=True)


@register.filter
def dutch_number(value):
    if value is None or value == "":
        return ""
    return group_thousands(str(int(value)))


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
