"""The pages `make bench` measures, declared next to the seed step that makes their data.

Each module of `bench/steps/` may register a function that returns its app's pages:

    from bench import pages

    @pages.register(order=100)
    def initiative_pages(ctx: pages.PageContext) -> list[pages.Page]:
        top = Initiative.objects.public().order_by("-support_count").first()
        return [
            pages.Page("initiatieven", "/initiatieven/"),
            pages.Page("initiatief (inwoner)", top.get_absolute_url(), sessions=[ctx.session(ctx.resident)]),
        ]

`bench/run.py` calls these functions in `order` (the same numbers as the seed steps) after
seeding, with Django set up on the benchmark database, and measures the pages in that order;
the floor comes last. Adding an app to the benchmark is one module in `bench/steps/`: its
seed step and its pages; run.py does not change.

A page is a GET by default. Signed-in pages get session cookies from `ctx.session(user)`
(sessions written straight into the session store: no login form, no MFA step; deleted at
the end). With several sessions the requests take them in turn, one per request. When the
seeded data does not allow a page (a tiny `--residents`), the provider calls
`ctx.skip(label, reason)` and the run lists it under the table.

A POST page names the page whose form a browser would post from (`form`). Before every
request, unmeasured, the client GETs that page with the same session, takes the
`csrfmiddlewaretoken` from the form and the CSRF cookie from `Set-Cookie`, and sends both
with the POST (and an `Origin` header, as browsers do), so the POST passes Django's CSRF check
exactly as a browser's would. Only the POST is timed; its redirect is not followed
(`expect=302`). `check()` runs after the measurement and returns an error when the POSTs did
not do what they should (the page then fails); `undo()` runs afterwards, always, and puts
the data back so the next run measures the same thing.

A `Timing` is a function timed in-process (no HTTP), e.g. counting the votes.

This module imports no app models at import time (the tests import it with test settings).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property


@dataclass
class Page:
    label: str
    path: str
    sessions: list[str] = field(default_factory=list)  # cookies ("name=value"), used in turn
    method: str = "GET"
    data: dict = field(default_factory=dict)  # form fields of a POST (the CSRF token is added)
    form: str | None = None  # POST: the page whose form holds the CSRF token
    expect: int = 200
    check: Callable[[], str | None] | None = None
    undo: Callable[[], None] | None = None

    def __post_init__(self):
        if self.method not in ("GET", "POST"):
            raise ValueError(f"{self.label}: method {self.method!r}")
        if self.method == "POST" and not self.form:
            raise ValueError(f"{self.label}: a POST needs the form page to take its CSRF token from")


@dataclass
class Timing:
    """`func()` timed in-process `repeat` times (after one warm-up); `func` returns a short
    description of what it did (e.g. "100,000 ballots"). `target` in seconds, if any."""

    label: str
    func: Callable[[], str]
    repeat: int = 5
    target: float | None = None


@dataclass(frozen=True)
class Provider:
    order: int
    name: str
    func: Callable


_providers: dict[str, Provider] = {}


def register(order: int):
    """Register `func(ctx) -> list[Page | Timing]` as a page provider."""

    def decorator(func):
        name = f"{func.__module__.rsplit('.', 1)[-1]}.{func.__name__}"
        _providers[name] = Provider(order=order, name=name, func=func)
        return func

    return decorator


def providers() -> list[Provider]:
    from bench import seed

    seed._discover()
    return sorted(_providers.values(), key=lambda p: (p.order, p.name))


class PageContext:
    """What page providers need: the bench accounts, sessions, the busiest wijk."""

    def __init__(self, requests_per_page: int):
        self.requests_per_page = requests_per_page  # warm-ups + measured requests
        self.session_keys: list[str] = []
        self.skipped: list[str] = []  # pages the data did not allow, with the reason

    def skip(self, label: str, reason: str) -> list:
        """Leave out a page the seeded data does not allow (e.g. at a tiny scale); the run
        reports it. Returns [] so a provider can `return ctx.skip(...)`."""
        self.skipped.append(f"{label}: {reason}")
        return []

    @cached_property
    def resident(self):
        """The plain bench resident (60 notifications, no roles)."""
        from django.contrib.auth import get_user_model

        from bench.seed import BENCH_RESIDENT_EMAIL

        return get_user_model().objects.get(email=BENCH_RESIDENT_EMAIL)

    @cached_property
    def staff(self):
        """The head of the Participatie department: a civil servant with MFA enrolled."""
        from genk.accounts.models import DepartmentMembership

        head = (
            DepartmentMembership.objects.filter(department__slug="participatie", role="head")
            .select_related("user")
            .first()
        )
        if head is None or not head.user.has_mfa:
            raise SystemExit("No civil servant with MFA in the seeded data: run seed_city again.")
        return head.user

    @cached_property
    def busiest_wijk(self):
        """The wijk with the most residents."""
        from django.db.models import Count

        from neighbourhoods.models import Neighbourhood

        return Neighbourhood.objects.annotate(n=Count("residents")).order_by("-n", "name").first()

    def session(self, user) -> str:
        """A signed-in session for `user` (a User or a pk): the cookie to send."""
        return self.sessions([user])[0]

    def sessions(self, users, data: dict | None = None) -> list[str]:
        """One session per user (Users or pks), optionally holding `data` (e.g. a draft)."""
        from django.conf import settings
        from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
        from django.contrib.sessions.backends.db import SessionStore

        users = list(users)
        loaded = get_user_model().objects.in_bulk([u for u in users if isinstance(u, int)])
        cookies = []
        for user in users:
            user = loaded[user] if isinstance(user, int) else user
            store = SessionStore()
            store[SESSION_KEY] = str(user.pk)
            store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            store[HASH_SESSION_KEY] = user.get_session_auth_hash()
            for key, value in (data or {}).items():
                store[key] = value
            store.create()
            self.session_keys.append(store.session_key)
            cookies.append(f"{settings.SESSION_COOKIE_NAME}={store.session_key}")
        return cookies
