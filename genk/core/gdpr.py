"""What each app keeps about a person, for download-my-data and delete-my-account.

An app registers, in its own `gdpr.py`, a function that returns the user's data as
JSON-serialisable values and one that erases or anonymises it. Public contributions stay,
attributed to "former resident"; personal data goes.
"""

from collections.abc import Callable

_exporters: dict[str, Callable] = {}
_erasers: dict[str, Callable] = {}


def register(section: str, *, export: Callable | None = None, erase: Callable | None = None) -> None:
    if export:
        _exporters[section] = export
    if erase:
        _erasers[section] = erase


def export_sections(user) -> dict:
    return {section: func(user) for section, func in sorted(_exporters.items())}


def erase_all(user) -> None:
    for _section, func in sorted(_erasers.items()):
        func(user)
