"""Template filters for subsidy pages: amounts in euro (Dutch notation) and IBANs in groups of four.

`{% load subsidy_tags %}` then `{{ amount|euro }}` -> "€ 2.500,00", `{{ file.iban|iban }}` ->
"BE68 5390 0754 7034".
"""

from django import template

from genk.core.money import format_euro

from ..validators import format_iban

register = template.Library()


@register.filter
def euro(value):
    """€ 2.500,00 (always with cents: these are amounts on a file); '' for None."""
    return format_euro(value)


@register.filter
def iban(value):
    return format_iban(value) if value else ""
