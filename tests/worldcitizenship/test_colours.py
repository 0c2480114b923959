"""The SDG colours in sdg.css are the UN's, and every one keeps AA text contrast."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

UN_COLOURS = {
    1: "e5243b", 2: "dda63a", 3: "4c9f38", 4: "c5192d", 5: "ff3a21", 6: "26bde2", 7: "fcc30b", 8: "a21942",
    9: "fd6925", 10: "dd1367", 11: "fd9d24", 12: "bf8b2e", 13: "3f7e44", 14: "0a97d9", 15: "56c02b",
    16: "00689d", 17: "19486a",
}  # fmt: skip


def luminance(hex_colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def rules() -> dict[int, tuple[str, str]]:
    css = Path(finders.find("worldcitizenship/sdg.css")).read_text(encoding="utf-8")
    found = re.findall(r"\.sdg-(\d+) \{ background-color: #([0-9a-f]{6}); color: #([0-9a-f]{6}); \}", css)
    return {int(n): (bg, fg) for n, bg, fg in found}


def test_css_has_the_17_un_colours():
    assert {n: bg for n, (bg, _) in rules().items()} == UN_COLOURS


@pytest.mark.parametrize("number", range(1, 18))
def test_text_colour_keeps_aa_contrast(number):
    background, text = rules()[number]
    assert contrast(background, text) >= 4.5


def test_light_colours_get_dark_text_and_dark_colours_white_text():
    colours = rules()
    for number in (2, 7, 11):  # mustard, yellow, orange
        assert colours[number][1] == "1a1a1a"
    for number in (8, 16, 17):  # burgundy, blue, navy
        assert colours[number][1] == "ffffff"


def test_contrast_formula():
    assert round(contrast("ffffff", "000000"), 1) == 21.0
    assert round(contrast("fcc30b", "ffffff"), 2) == 1.62  # why SDG 7 cannot have white text
