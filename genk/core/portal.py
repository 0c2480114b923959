"""Registries that let apps put things on shared pages without genk importing them.

- `dashboard_section`: what a staff member may act on, shown on /beheer/.
- `public_activity`: the latest public activity, shown on the home page.

Apps register in their own `portal.py`, loaded at start-up.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class DashboardItem:
    section: str
    label: str
    url: str
    count: int | None = None
    description: str = ""


@dataclass(frozen=True)
class ActivityItem:
    kind: str
    title: str
    url: str
    when: datetime
    summary: str = ""


_dashboard: list[Callable] = []
_activity: list[Callable] = []


_invitations: list[Callable] = []


def dashboard_section(func: Callable) -> Callable:
    """Register func(user) -> list[DashboardItem]."""
    if func not in _dashboard:
        _dashboard.append(func)
    return func


def public_activity(func: Callable) -> Callable:
    """Register func(limit) -> list[ActivityItem], newest first."""
    if func not in _activity:
        _activity.append(func)
    return func


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
    return items


def latest_activity(limit: int = 8) -> list[ActivityItem]:
    items = []
    for func in _activity:
        items.extend(func(limit))
    return sorted(items, key=lambda i: i.when, reverse=True)[:limit]
