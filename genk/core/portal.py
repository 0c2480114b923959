"""Registries that let apps put things on shared pages without genk importing them.

- `dashboard_section`: what a staff member may act on, shown on /beheer/.
- `public_activity`: the latest public activity, shown on the home page.
- `wijk_content`: what is public in a wijk (initiatives, budget projects, activities, volunteer
  opportunities, council meetings held there), for the wijk page (the hub), the notifications
  to the people who follow the wijk and the links of a wijkplan's actions.

Apps register in their own `portal.py`, loaded at start-up.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime


class Count:
    """A number a dashboard item shows, not counted yet: `dashboard_items` counts every item's
    in one query (`count(queryset)`), so /beheer/ costs the same queries however many apps
    put a number on it."""

    def __init__(self, queryset):
        self.queryset = queryset


def count(queryset) -> Count:
    """The number of rows of `queryset`, counted with the dashboard's other numbers."""
    return Count(queryset)


@dataclass(frozen=True)
class DashboardItem:
    section: str
    label: str
    url: str
    count: "int | Count | None" = None
    description: str = ""
    hide_when_zero: bool = False  # shown only when its count is not 0


@dataclass(frozen=True)
class ActivityItem:
    kind: str
    title: str
    url: str
    when: datetime
    summary: str = ""


@dataclass(frozen=True)
class WijkItem:
    """Something public that belongs to a wijk. `ref` names it across the site
    ("initiatives.initiative:12"): the key of its notification and of a wijkplan link.
    `when` is when it was published (or created, for what has no publication moment)."""

    neighbourhood_id: int
    kind: str  # stable: "initiative", "budget_project", "activity", "volunteer_opportunity", "council_meeting"
    kind_label: str
    title: str
    url: str
    when: datetime
    ref: str
    summary: str = ""
    linkable: bool = False  # may be linked from a wijkplan action


_dashboard: list[Callable] = []
_wijk: list[Callable] = []
_activity: list[Callable] = []
_activity_tables: dict[Callable, tuple | None] = {}
_activity_changes: dict[Callable, Callable | None] = {}
_wijk_tables: dict[Callable, tuple | None] = {}
_wijk_changes: dict[Callable, Callable | None] = {}


_invitations: list[Callable] = []


def dashboard_section(func: Callable) -> Callable:
    """Register func(user) -> list[DashboardItem]."""
    if func not in _dashboard:
        _dashboard.append(func)
    return func


def public_activity(func: Callable | None = None, *, tables=(), changes_at: Callable | None = None):
    """Register func(limit) -> list[ActivityItem], newest first.

    `tables`: the models whose rows the items show (the home page is cached for visitors under
    their versions, `genk.core.pagecache.public_page`); `changes_at(limit)`: the next moment
    the items change by time alone (something appears or goes), or None. A provider
    registered without `tables` keeps the home page from being cached."""

    def register(func):
        if func not in _activity:
            _activity.append(func)
            _activity_tables[func] = tuple(tables) if tables else None
            _activity_changes[func] = changes_at
        return func

    return register(func) if func is not None else register


def wijk_content(func: Callable | None = None, *, tables=(), changes_at: Callable | None = None):
    """Register func(neighbourhood_ids, *, since=None, limit=20) -> list[WijkItem].

    Without `since`: what is current in those wijken (open, coming), at most `limit` per wijk
    and kind, for the wijk page. With `since` (an aware datetime): what was published from
    then on, for the notifications to followers. One query per call, whatever the data size.

    `tables`: the models whose rows the items show (the wijk page is cached for visitors under
    their versions); `changes_at(neighbourhood_ids)`: the next moment what the wijk page shows
    changes by time alone (a coming activity ends), or None. A provider registered without
    `tables` keeps the wijk page from being cached."""

    def register(func):
        if func not in _wijk:
            _wijk.append(func)
            _wijk_tables[func] = tuple(tables) if tables else None
            _wijk_changes[func] = changes_at
        return func

    return register(func) if func is not None else register


def _union(funcs: list, declared: dict) -> tuple | None:
    found = []
    for func in funcs:
        models = declared.get(func)
        if models is None:
            return None
        found.extend(m for m in models if m not in found)
    return tuple(found)


def _soonest(moments):
    moments = [m for m in moments if m is not None]
    return min(moments) if moments else None


def activity_tables() -> tuple | None:
    """The models the home page's latest activity shows (None: a provider did not say)."""
    return _union(_activity, _activity_tables)


def activity_changes_at(limit: int = 8):
    """The next moment the latest activity changes by time alone (None: only writes change it)."""
    return _soonest(changes(limit) for func in _activity if (changes := _activity_changes.get(func)))


def wijk_tables() -> tuple | None:
    """The models the wijk page's items show (None: a provider did not say)."""
    return _union(_wijk, _wijk_tables)


def wijk_changes_at(neighbourhood_ids):
    """The next moment the items of these wijken change by time alone."""
    ids = list(neighbourhood_ids)
    return _soonest(changes(ids) for func in _wijk if (changes := _wijk_changes.get(func)))


def wijk_items(neighbourhood_ids, *, since=None, limit: int = 20, kinds=None) -> list[WijkItem]:
    """What every app registered with `wijk_content` has in these wijken, newest first."""
    ids = list(neighbourhood_ids)
    items = []
    if not ids:
        return items
    for func in _wijk:
        items.extend(item for item in func(ids, since=since, limit=limit) if kinds is None or item.kind in kinds)
    return sorted(items, key=lambda i: i.when, reverse=True)


def waiting_invitation(func: Callable) -> Callable:
    """Register func(user) -> URL or None: an invitation (to a committee, a group of applicants)
    that waits for this person's email address. After a login without a `next`, the person
    is brought to it (`waiting_invitation_url`): who signs up from an invitation comes back to it,
    even when the confirmation link was opened in another browser."""
    if func not in _invitations:
        _invitations.append(func)
    return func


def waiting_invitation_url(user) -> str | None:
    for func in _invitations:
        url = func(user)
        if url:
            return url
    return None


def dashboard_items(user) -> list[DashboardItem]:
    items = []
    for func in _dashboard:
        items.extend(func(user))
    return counted(items)


def counted(items: list[DashboardItem]) -> list[DashboardItem]:
    """`items` with their `Count`s counted, all in one query (`SELECT (SELECT COUNT(*) FROM
    (…)), (…)`, each as Django's `QuerySet.count()` would), and without the items that are
    shown only when their count is not 0 and whose count is 0."""
    from django.core.exceptions import EmptyResultSet
    from django.db import connections

    values, pending, parts, params = {}, [], [], []
    for item in items:
        if not isinstance(item.count, Count):
            continue
        try:
            sql, item_params = item.count.queryset.order_by().query.sql_with_params()
        except EmptyResultSet:  # `none()`, or a filter on an empty list: nothing to ask
            values[id(item)] = 0
            continue
        pending.append(item)
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted_{len(parts)})")
        params.extend(item_params)
    if pending:
        with connections[pending[0].count.queryset.db].cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(parts), params)
            values.update(zip(map(id, pending), cursor.fetchone(), strict=True))
    result = []
    for item in items:
        if id(item) in values:
            item = replace(item, count=values[id(item)])
        if not (item.hide_when_zero and item.count == 0):
            result.append(item)
    return result


def latest_activity(limit: int = 8) -> list[ActivityItem]:
    items = []
    for func in _activity:
        items.extend(func(limit))
    return sorted(items, key=lambda i: i.when, reverse=True)[:limit]
