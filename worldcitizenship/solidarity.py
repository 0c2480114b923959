"""The city's support for international solidarity, contributed by other apps.

The subsidies app registers the granted files of North–South organisations (its own
`tagging.py`); `worldcitizenship` shows them on the directory and the organisation pages
without importing it:

    from worldcitizenship import solidarity

    def grants(*, organisation_ids=None, year=None, limit=50) -> list[solidarity.Grant]: ...

    solidarity.register_grants("subsidies", grants, tables=[SubsidyFile, Scheme, Organisation])

A source returns only public facts (what the public subsidy register shows), newest first, in
one query whatever `organisation_ids` holds. `tables`: the models it reads; the directory and
the organisation pages are kept whole for visitors under their versions (a source that does
not declare them keeps those pages from being cached).
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
_tables: dict[str, tuple | None] = {}


def register_grants(key: str, func: Callable, *, tables=None) -> Callable:
    _sources[key] = func
    _tables[key] = None if tables is None else tuple(tables)
    return func


def unregister_grants(key: str) -> None:
    _sources.pop(key, None)
    _tables.pop(key, None)


def tables() -> frozenset | None:
    """The models every source reads, or None when one does not say (then the pages showing
    grants are not cached)."""
    found = set()
    for key in _sources:
        if _tables.get(key) is None:
            return None
        found.update(_tables[key])
    return frozenset(found)


def grants(*, organisation_ids=None, year=None, limit=50) -> list[Grant]:
    """Every source's grants, newest first (by decision date, then year)."""
    found = []
    for func in _sources.values():
        found.extend(func(organisation_ids=organisation_ids, year=year, limit=limit))
    found.sort(key=lambda g: (g.decided_on or date(g.year, 1, 1), g.year), reverse=True)
    return found[:limit]
