"""Which versions the cached public initiative pages depend on (the machinery: genk/core/pagecache.py).

An initiative's page (and its shared fragments: description, news, a page of comments)
depends on:

- `REFERENCE`: wijken, stadsdelen, themes and SDGs (their names are on the pages, the cards
  and in the list's filter form);
- `PEOPLE`: people's public names (rare, and on any page);
- **that initiative's own version** (`initiative(pk)`): the initiative, its supports and
  counters, its initiators, news and comments;
- `CONTENT`: moved only by a bulk write whose initiatives cannot be told (it retires every
  page, as one global version did before).

The list's results depend on `REFERENCE`, `CONTENT` and `LIST` (what changes which cards are
shown, their order or their text: publishing, status, title, wijk, themes …), exactly; and on
`COUNTERS` (supports and comments on the cards) with a lag of at most
`list_counter_staleness()` seconds (setting `INITIATIVES_LIST_COUNTER_STALENESS`, default
60; 0 is exact). The sort "meeste steun" may then be that many seconds behind as well.

So a support, comment or news item on initiative X moves X's version (and `COUNTERS` for a
counter): every other initiative's page stays cached.
"""

from genk.core import pagecache
from genk.core.pagecache import release, seconds_until  # noqa: F401 (the views' and tests' names)

TIMEOUT = pagecache.TIMEOUT
NAMESPACE = "initiatives"
REFERENCE = "initiatives:reference"
PEOPLE = "initiatives:people"
CONTENT = "initiatives:content"
LIST = "initiatives:list"
COUNTERS = "initiatives:counters"
GLOBAL = (REFERENCE, PEOPLE, CONTENT)

# The initiative's fields that lists show only as counters.
COUNTER_FIELDS = frozenset({"support_count", "counted_support_count", "comment_count"})


def list_counter_staleness() -> int:
    """Seconds a list's counters (and the sort by support) may lag behind."""
    from .conf import list_counter_staleness

    return list_counter_staleness()


def initiative(pk) -> str:
    return pagecache.of("initiatives.initiative", pk)


def detail_versions(pk) -> str:
    """The versions an initiative's page and its fragments depend on, as one string."""
    return pagecache.joined(pagecache.tokens(*GLOBAL, initiative(pk)))


def list_versions() -> tuple[str, str, pagecache.Lag]:
    """For the list: its exact versions (one string), the reference token (the filter form)
    and the lagging counters."""
    found = pagecache.tokens(REFERENCE, CONTENT, LIST, COUNTERS)
    lag = pagecache.Lag(found[COUNTERS], list_counter_staleness())
    return pagecache.joined(found, REFERENCE, CONTENT, LIST), found[REFERENCE], lag


def versions() -> str:
    """The global versions as one string (what every page depends on)."""
    return pagecache.joined(pagecache.tokens(*GLOBAL))


def reference_version() -> str:
    return pagecache.tokens(REFERENCE)[REFERENCE]


def key(name: str, *parts, current: str | None = None) -> str:
    return pagecache.key(NAMESPACE, name, *parts, versions=current or versions())


fragment = pagecache.fragment
store = pagecache.store


# What moves which version (receivers of the signals connected in apps.py, and of the bulk
# writes through `ChangesPublicPages`).


def initiatives_changed(pks, fields) -> None:
    """Initiatives `pks` (None: unknown ones) changed `fields` (None: anything, or created or
    deleted)."""
    if pks is None:
        pagecache.move(CONTENT)
        return
    lists = COUNTERS if fields is not None and fields <= COUNTER_FIELDS else LIST
    pagecache.move(lists, *(initiative(pk) for pk in pks))


def parts_changed(pks, fields=None) -> None:
    """Initiators, news or comments of initiatives `pks` (None: unknown ones) changed: their
    pages, not the lists (the comment counter is an initiative's field)."""
    if pks is None:
        pagecache.move(CONTENT)
    else:
        pagecache.move(*(initiative(pk) for pk in pks))


def initiative_saved(sender, instance, update_fields=None, **kwargs) -> None:
    initiatives_changed({instance.pk}, None if update_fields is None else frozenset(update_fields))


def initiative_deleted(sender, instance, **kwargs) -> None:
    initiatives_changed({instance.pk}, None)


def part_changed(sender, instance, **kwargs) -> None:
    """A signal receiver for `Initiator`, `Update` and `Comment`."""
    parts_changed({instance.initiative_id})


def labels_changed(sender, instance, action, reverse, pk_set=None, **kwargs) -> None:
    """An initiative's themes or SDGs (`m2m_changed`): from either side."""
    if not action.startswith("post_"):
        return
    if not reverse:
        initiatives_changed({instance.pk}, None)
    else:
        initiatives_changed(set(pk_set) if pk_set else None, None)


def content_changed(**kwargs) -> None:
    """Something unknown the pages show changed: every page retires."""
    pagecache.move(CONTENT)


def reference_changed(**kwargs) -> None:
    """A wijk, stadsdel, theme or SDG changed (a signal receiver as well)."""
    pagecache.move(REFERENCE)


PUBLIC_NAME_FIELDS = frozenset({"display_name", "email", "erased_at"})


def person_saved(sender, instance, created=False, update_fields=None, **kwargs) -> None:
    """A new account shows nowhere yet; a login (`last_login`) changes nothing shown."""
    if created:
        return
    if update_fields is None or PUBLIC_NAME_FIELDS & set(update_fields):
        pagecache.move(PEOPLE)


# The querysets' bulk writes.
ChangesPublicPages = pagecache.changes_public_pages("pk", initiatives_changed)  # Initiative
ChangesInitiativeParts = pagecache.changes_public_pages("initiative", parts_changed)
