"""What the cached dashboards depend on (the machinery: genk/core/pagecache.py).

A dashboard is the stored days (`DailyFigure`, a year of them for every wijk and figure) plus
today's live value of every figure, the figures that do not add up over days ("period"), the
wijken and their populations. Only the stored days are costly to read, and they change only
when daily figures are written (the nightly upsert, a backfill, a delete):

- `STORED`: the version of every stored daily figure. Moved by every write to `DailyFigure`:
  a save or delete (signals, connected in apps.py) and every bulk write through its
  queryset (`bulk_create`, the upsert `bulk_create(update_conflicts=True)`, `update`,
  `delete`); `services.refresh` moves it too. So no dashboard lags behind a write.

What is cached under it (`services.stored`): the stored part of each figure per wijk for a
list of periods and a day ("today": what is stored and what is live). The rendered figures
of a page (the table and the charts) are cached under a key that holds the `STORED` token
and a digest of everything else they show, read per request (today's live values, the
"period" figures, the wijken and populations): a new value anywhere gives a new key, so the
copy is exact without anything else to move.
"""

import hashlib

from genk.core import pagecache

NAMESPACE = "dashboards"
STORED = "dashboards:stored"


def stored_version() -> str:
    return pagecache.tokens(STORED)[STORED]


def digest(*parts) -> str:
    """A short fingerprint of what a page shows besides the stored days (`repr` of plain data)."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def key(name: str, *parts, current: str) -> str:
    return pagecache.key(NAMESPACE, name, *parts, versions=current)


fragment = pagecache.fragment


def stored_changed(*args, **kwargs) -> None:
    """Daily figures were written: every cached stored part and rendered figure retires."""
    pagecache.move(STORED)


# The bulk writes of DailyFigure (models.py): whichever rows, the stored part moves.
ChangesStoredFigures = pagecache.changes_public_pages("pk", stored_changed)
