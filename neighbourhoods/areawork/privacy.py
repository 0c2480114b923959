"""A simple check that refuses obvious personal data in a signal's texts.

It is no guarantee (a name is not recognisable by a pattern): the form says "geen namen of
individuele dossiers", and this catches the obvious slips — an email address, a phone number,
a Belgian national number (rijksregisternummer)."""

import re

from django.utils.translation import gettext_lazy as _

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# YY.MM.DD-XXX.CC with optional separators: 11 digits in that grouping.
NATIONAL_NUMBER = re.compile(r"(?<!\d)\d{2}[.\s]?[01]\d[.\s]?[0-3]\d[\s.-]?\d{3}[.\s]?\d{2}(?!\d)")
# A run of digits with spaces, dots, slashes or dashes between them, optionally +32/0032 first.
PHONE_CANDIDATE = re.compile(r"(?:\+|00)?\d[\d\s./-]{6,}\d")


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def personal_data_problems(text: str) -> list[str]:
    """Why `text` looks like it holds personal data (translated messages); empty when it does not."""
    problems = []
    if EMAIL.search(text):
        problems.append(_("Er staat een e-mailadres in. Schrijf geen contactgegevens van personen in een signaal."))
    if NATIONAL_NUMBER.search(text):
        problems.append(
            _("Er staat iets in dat op een rijksregisternummer lijkt. Een signaal gaat nooit over één persoon.")
        )
    elif any(9 <= _digits(m.group()) <= 13 for m in PHONE_CANDIDATE.finditer(text)):
        problems.append(_("Er staat een telefoonnummer in. Schrijf geen contactgegevens van personen in een signaal."))
    return problems
