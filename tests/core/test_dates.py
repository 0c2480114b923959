"""Dates read the Flemish way: lowercase months ("16 dec. 2026", "16 december 2026"), never Django's
title-cased "M" ("16 Dec 2026", "Okt") and never an English strftime month."""

import re
from pathlib import Path

from django.conf import settings
from django.utils import dateformat, translation

ROOT = Path(settings.BASE_DIR)
TEMPLATE_DIRS = [
    "templates",
    "genk",
    "neighbourhoods",
    "initiatives",
    "participation",
    "volunteers",
    "worldcitizenship",
]
DATE_FILTER = re.compile(r"""\|date:(["'])(?P<format>.*?)\1""")


def title_cased_months(text: str) -> list[str]:
    """Date-filter formats in a template that use "M" (unescaped)."""
    return [m["format"] for m in DATE_FILTER.finditer(text) if re.search(r"(?<!\\)M", m["format"])]


def test_the_check_finds_title_cased_months():
    assert title_cased_months('{{ d|date:"D j M Y" }} {{ d|date:"j F Y" }}') == ["D j M Y"]


def test_no_template_writes_a_title_cased_month():
    found = []
    for folder in TEMPLATE_DIRS:
        for path in (ROOT / folder).rglob("*.html"):
            if ".venv" in path.parts:
                continue
            found += [f"{path.relative_to(ROOT)}: {f}" for f in title_cased_months(path.read_text())]
    assert found == []


def test_the_formats_we_use_read_dutch_with_lowercase_months():
    import datetime

    with translation.override("nl"):
        moment = datetime.datetime(2026, 10, 14, 19, 0)
        assert dateformat.format(moment, "D j N Y, H:i") == "wo 14 okt 2026, 19:00"
        assert dateformat.format(moment, "j F Y") == "14 oktober 2026"


def test_no_python_code_writes_an_english_month_name():
    found = []
    for folder in TEMPLATE_DIRS[1:]:
        for path in (ROOT / folder).rglob("*.py"):
            if {"migrations", ".venv"} & set(path.parts):
                continue
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if re.search(r"strftime\([^)]*%[bBaA]", line):
                    found.append(f"{path.relative_to(ROOT)}:{number}")
    assert found == []
