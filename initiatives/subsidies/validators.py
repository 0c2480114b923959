"""Checks on what applicants type: the bank account number (IBAN).

An IBAN is accepted when, once normalised (spaces and dashes dropped, upper case), it has a
country code from the IBAN registry, exactly that country's length (16 for Belgium) and a
correct ISO 7064 MOD 97-10 check. We store it normalised; `format_iban` groups it by four
for display.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The length of an IBAN per country, from the SWIFT IBAN registry (release 97, 2024).
IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
    "BI": 27, "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27,
    "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27,
    "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HN": 28, "HR": 21, "HU": 28,
    "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28,
    "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22,
    "MK": 19, "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23,
    "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24,
    "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25, "SV": 28,
    "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
}  # fmt: skip

_SEPARATORS = re.compile(r"[\s\-.]+")
_SHAPE = re.compile(r"^[A-Z]{2}[0-9]{2}[A-Z0-9]+$")


def normalise_iban(value: str) -> str:
    """'be68 5390-0754 7034' -> 'BE68539007547034' (spaces, dashes and dots dropped, upper case).

    A leading 'IBAN' (as printed on bank cards and statements) is dropped too."""
    value = _SEPARATORS.sub("", value or "").upper()
    return value.removeprefix("IBAN")


def format_iban(value: str) -> str:
    """Groups of four, as on a bank card: 'BE68 5390 0754 7034'."""
    value = normalise_iban(value)
    return " ".join(value[i : i + 4] for i in range(0, len(value), 4))


def iban_checksum_ok(iban: str) -> bool:
    """ISO 7064 MOD 97-10: move the first four characters to the end, letters become 10..35,
    and the number modulo 97 must be 1."""
    rearranged = iban[4:] + iban[:4]
    digits = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(digits) % 97 == 1


def validate_iban(value: str) -> str:
    """Return the normalised IBAN, or raise ValidationError with a message the applicant understands."""
    iban = normalise_iban(value)
    if not iban:
        raise ValidationError(_("Vul het rekeningnummer (IBAN) in."), code="required")
    if not _SHAPE.match(iban):
        raise ValidationError(
            _(
                "Dit is geen geldig IBAN-rekeningnummer. Een IBAN begint met twee letters (de landcode) en twee "
                "cijfers, bv. BE68 5390 0754 7034."
            ),
            code="iban_shape",
        )
    country = iban[:2]
    expected = IBAN_LENGTHS.get(country)
    if expected is None:
        raise ValidationError(
            _("‘%(country)s’ is geen landcode van een IBAN-rekeningnummer."),
            code="iban_country",
            params={"country": country},
        )
    if len(iban) != expected:
        if country == "BE":
            message = _(
                "Een Belgisch rekeningnummer telt 16 tekens (BE en 14 cijfers); dit telt er %(length)s. "
                "Kijk het na op je bankkaart of rekeninguittreksel."
            )
        else:
            message = _("Een IBAN uit %(country)s telt %(expected)s tekens; dit telt er %(length)s.")
        raise ValidationError(
            message, code="iban_length", params={"country": country, "expected": expected, "length": len(iban)}
        )
    if not iban_checksum_ok(iban):
        raise ValidationError(
            _("Dit rekeningnummer klopt niet (de controlecijfers passen niet). Kijk na of je geen tikfout maakte."),
            code="iban_checksum",
        )
    return iban
