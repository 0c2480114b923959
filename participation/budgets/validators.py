from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_IMAGE_BYTES = 5 * 1024 * 1024


def validate_image_size(file):
    if file and getattr(file, "size", 0) > MAX_IMAGE_BYTES:
        raise ValidationError(_("Een afbeelding mag hoogstens 5 MB groot zijn."), code="too_large")


def validate_national_number(value: str) -> str:
    """A Belgian national register number (rijksregisternummer): 11 digits with a mod-97 check.
    Returns the 11 digits."""
    digits = "".join(ch for ch in value if ch.isdigit())
    if len(digits) != 11:
        raise ValidationError(_("Een rijksregisternummer heeft 11 cijfers."), code="length")
    base, check = int(digits[:9]), int(digits[9:])
    # Born in 2000 or later: the check is computed on "2" followed by the first nine digits.
    if 97 - base % 97 != check and 97 - int("2" + digits[:9]) % 97 != check:
        raise ValidationError(_("Dit rijksregisternummer klopt niet (controlegetal)."), code="checksum")
    return digits


def birth_year_from_national_number(digits: str) -> int:
    """The year of birth in a valid national register number (YYMMDD…; the check digit tells
    the century: computed with a leading "2" for people born in 2000 or later)."""
    century = 2000 if 97 - int("2" + digits[:9]) % 97 == int(digits[9:]) else 1900
    return century + int(digits[:2])


IMAGE_EXTENSIONS_LIST = ("jpg", "jpeg", "png", "webp")
