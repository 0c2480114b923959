"""ISO 3166-1 countries with their names in nl/en/fr, from Debian's iso-codes 4.15.0
(`data/countries.json`, generated from /usr/share/iso-codes and its translations; LGPL-2.1+)."""

import json
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

DATA = Path(__file__).parent / "data" / "countries.json"


@cache
def _table() -> dict[str, dict[str, str]]:
    return {row["code"]: row for row in json.loads(DATA.read_text(encoding="utf-8"))}


def _language() -> str:
    language = (get_language() or "nl")[:2]
    return language if language in ("nl", "en", "fr") else "nl"


def name(code: str) -> str:
    row = _table().get(code)
    return row[_language()] if row else code


def choices() -> list[tuple[str, str]]:
    """(code, name in the active language), sorted by name."""
    language = _language()
    return sorted(((code, row[language]) for code, row in _table().items()), key=lambda c: c[1].casefold())


def validate_countries(value):
    if not isinstance(value, list) or any(code not in _table() for code in value):
        raise ValidationError(_("Kies landen uit de lijst (ISO 3166-codes)."))
