"""The city's support for international solidarity, contributed by other apps.

The subsidies app registers the granted files of North–South organisations (its own
`tagging.py`); `worldcitizenship` shows them on the directory and the organisation pages
without importing it:

    from worldcitizenship import solidarity

    def grants(*, organisation_ids=None, year=None, limit=50) -> list[solidarity.Grant]: ...

    solidarity.register_grants("subsidies", grants)

A source returns only public facts (what the public subsidy register shows), newest first, in
one query whatever `organisation_ids` holds.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Grant:
    title: str
    url: str
    recipient: str  # an organisation's name, never a person's
    organisation_id: int | None
    scheme: str
    amount: Decimal  # euros
    year: int
    decided_on: date | None = None


_sources: dict[str, Callable] = {}


def register_grants(key: str, func: Callable) -> Callable:
    _sources[key] = func
    return func


def unregister_grants(key: str) -> None:
    _sources.pop(key, None)


def grants(*, organisation_ids=None, year=None, limit=50) -> list[Grant]:
    """Every source's grants, newest first (by decision date, then year)."""
    found = []
    for func in _sources.values():
        found.extend(func(organisation_ids=organisation_ids, year=year, limit=limit))
    found.sort(key=lambda g: (g.decided_on or date(g.year, 1, 1), g.year), reverse=True)
    return found[:limit]
