"""What the subsidy models share: money fields and how addresses and IBANs are compared."""

import re
from decimal import Decimal

ZERO = Decimal("0.00")
MONEY = {"max_digits": 10, "decimal_places": 2}


def normalise_address(address: str) -> str:
    """Lowercase with whitespace collapsed: how two addresses are compared."""
    return re.sub(r"\s+", " ", (address or "").strip().lower())


def normalise_iban(iban: str) -> str:
    """Uppercase without spaces: how an IBAN is stored."""
    return re.sub(r"\s+", "", (iban or "")).upper()
