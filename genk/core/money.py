"""Amounts in euro, written the Dutch way: € 2.500,00 (dots group thousands, a comma before
the cents). Pages are Dutch first, and an amount on a subsidy file, a budget or a ballot
reads the same in every interface language."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


def group_thousands(digits: str) -> str:
    """'1500000' -> '1.500.000'."""
    parts = []
    while len(digits) > 3:
        parts.insert(0, digits[-3:])
        digits = digits[:-3]
    parts.insert(0, digits)
    return ".".join(parts)


def format_euro(value, *, cents_when_needed: bool = False) -> str:
    """'€ 2.500,00' ('€ 2.500' with `cents_when_needed` and no cents); '' for None, '' or junk."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    sign = "-" if amount < 0 else ""
    whole, cents = f"{abs(amount):.2f}".split(".")
    text = group_thousands(whole)
    if not (cents_when_needed and cents == "00"):
        text += f",{cents}"
    return f"{sign}€\u00a0{text}"
