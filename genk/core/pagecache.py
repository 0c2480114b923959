"""Cached HTML of public pages and fragments, kept exact: any app can use it.

A public page (or a part of one) is the same for every visitor until something it shows
changes, and it is read far more often than anything changes. So its HTML is cached under a
key that holds the *versions* of what it shows. A version is a random token in the cache;
every write that changes what a page shows replaces the token, so the next request renders
afresh: nothing lags behind a write.

- **Versions by name** (`"initiatives:reference"`): a kind of data many pages show (the
  wijken and themes, people's public names). Few, kept without expiry.
- **Versions by object** (`of(model, pk)`): one object and what hangs on it (an initiative,
  its supports, news and comments). A write to it retires only the pages that show it.
  These tokens expire after `OBJECT_VERSION_SECONDS` (a token that is gone is replaced by a
  fresh one: a miss, never a stale page), so a city's objects do not fill Redis.

`tokens(*names)` reads them all in one round trip; `joined(...)` makes them one string for
`key()`. `move(*names)` replaces tokens twice: at once (so a request in the same
transaction, or a test, sees the change) and again on commit (so a page another request
rendered from the data before the commit, under the new token, is retired too).

Writes are caught where they happen, not in views: the app connects its models'
`post_save`, `post_delete` and `m2m_changed` to receivers that call `move`, and mixes
`changes_public_pages(...)` into its querysets for the bulk writes (`update`, `delete`,
`bulk_create`, `bulk_update`), which bypass the signals. That mixin reads *which objects* a
bulk write touches from the queryset's filter (`filter(pk=…)`, `filter(pk__in=[…])`, or the
owner field: `filter(initiative=…)`), so the hot paths (a support raises a counter with
`filter(pk=…).update(…)`) move one object's version; a write whose objects it cannot tell
moves what the app says covers everything.

Time changes a page too ("steunen kan tot …"): `fragment` and `store` take the moment the
HTML stops being true by itself, and keep it no longer (`seconds_until`, at most `TIMEOUT`).
A new release (templates, translations, static files) gets keys of its own (`release()`).

**Versions by table** (`table(Model)`): every INSERT, UPDATE, DELETE or TRUNCATE through
Django's connection — a save, a bulk write, a cascade, raw SQL — moves the version of the
table it wrote (`watch_writes`, a database execute wrapper installed on every connection):
at once for the tables this process's pages depend on, and for every table written once
more when the transaction commits (one round trip), so a page rendered from the data
before the commit is retired in every process, the Celery workers' writes included. Writes
that bypass Django's connection (psql, COPY) are not seen.

**Whole pages for visitors** (`public_page`): a view decorator that keeps the entire HTML of
a GET by someone not signed in, keyed by the path, the known query parameters, the language
and the versions of the tables the page shows (`tables=`, exact; `lag=` for counters that
may show up a bounded number of seconds late). Signed-in people, requests with an unknown
parameter or a message waiting always get a fresh page; the CSRF token of the page's forms
is put back per visitor on a hit.

**Bounded lag** (`Lag`): a page may choose to let one version lag, e.g. counters on a list
of cards. Its key leaves that version out; the copy carries the token it was rendered under
and when. While the token is unchanged the copy is exact; once it moved, the copy is still
served until it is `seconds` old, then rendered afresh. So what it shows is never more than
`seconds` behind. With `seconds` 0 it is exact.
"""

import functools
import hashlib
import math
import re
import secrets
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.db import models, transaction
from django.db.models.expressions import Col
from django.db.models.lookups import Exact, In
from django.db.models.sql.where import AND
from django.utils import timezone

TIMEOUT = 300  # seconds a copy lives at most; the safety net, not what keeps the pages exact
OBJECT_VERSION_SECONDS = 7 * 24 * 3600
_PREFIX = "pages:version:"


def of(model, pk) -> str:
    """The name of one object's version: `of(Initiative, 12)` or `of("initiatives.initiative", 12)`."""
    label = model if isinstance(model, str) else model._meta.label_lower
    return f"object:{label}:{pk}"


def _is_object(name: str) -> bool:
    return name.startswith("object:")


def tokens(*names: str) -> dict[str, str]:
    """The current token of each version (one round trip; a missing one is made)."""
    keys = {name: _PREFIX + name for name in names}
    found = cache.get_many(list(keys.values()))
    result = {}
    for name, cache_key in keys.items():
        token = found.get(cache_key)
        if token is None:
            cache.add(cache_key, secrets.token_hex(8), OBJECT_VERSION_SECONDS if _is_object(name) else None)
            token = cache.get(cache_key)
        result[name] = token
    return result


def joined(found: dict[str, str], *names: str) -> str:
    """The tokens of `names` (all of `found` without names) as one string for a key."""
    return ".".join(found[name] for name in (names or found))


def replace(names) -> None:
    """Replace the tokens of `names` now, once (`move` is what writes call)."""
    for name in names:
        cache.set(_PREFIX + name, secrets.token_hex(8), OBJECT_VERSION_SECONDS if _is_object(name) else None)


def move(*names: str) -> None:
    """What the versions `names` cover changed: at once, and again when the transaction commits."""
    if names:
        replace(names)
        transaction.on_commit(functools.partial(replace, names))


def key(namespace: str, name: str, *parts, versions: str) -> str:
    """A cache key for one page or fragment: the app, its name, the release, the versions it
    depends on (`joined(...)`), the language and `parts` (pk, query string …)."""
    from django.utils.translation import get_language

    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:40]
    return f"{namespace}:html:{name}:{release()}:{versions}:{get_language()}:{digest}"


@functools.cache
def release() -> str:
    """A fingerprint of what shapes the HTML besides the data: the project's templates, the
    compiled translations and the static files' manifest (hashed names). Read once per
    process: a deploy starts new processes."""
    from pathlib import Path

    from django.apps import apps
    from django.conf import settings

    base = Path(settings.BASE_DIR)
    roots = {base / "templates", base / "locale"} | {
        Path(config.path)
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(base) and ".venv" not in Path(config.path).parts
    }
    files = [
        path
        for root in roots
        for pattern in ("**/*.html", "**/*.mo", "templatetags/*.py")
        for path in root.glob(pattern)
    ]
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists():
        files.append(manifest)
    digest = hashlib.sha256()
    for path in sorted(set(files)):
        digest.update(str(path.relative_to(base) if path.is_relative_to(base) else path).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def seconds_until(moment) -> int:
    """How long HTML that changes at `moment` (None: never by itself) may live."""
    if moment is None:
        return TIMEOUT
    return max(0, min(TIMEOUT, math.floor((moment - timezone.now()).total_seconds())))


def _now() -> float:
    """The clock of `Lag` (tests move it)."""
    return time.time()


@dataclass(frozen=True)
class Lag:
    """A version a copy may lag behind by at most `seconds`: its current `token`."""

    token: str
    seconds: float


def fragment(cache_key: str | None, render, lag: Lag | None = None) -> str:
    """The cached HTML under `cache_key`, or `render()`'s, which returns the HTML and the
    moment it stops being true by itself (None: only a write changes it). Without a key
    (a request that is not cached) it just renders. With `lag`, a copy rendered under
    another token of that version is served while it is younger than `lag.seconds`."""
    started = _now()
    if cache_key is not None:
        found = cache.get(cache_key)
        if lag is None and found is not None:
            return found
        if lag is not None and isinstance(found, tuple):
            html, token, at = found
            if token == lag.token or started - at < lag.seconds:
                return html
    html, until = render()
    if cache_key is not None:
        store(cache_key, html, html if lag is None else (html, lag.token, started), until)
    return html


def store(cache_key: str, html: str, value, until) -> None:
    """Keep `value` (`html`, or something around it) until `until`, unless `html` holds a
    form token: that is personal."""
    seconds = seconds_until(until)
    if seconds > 0 and "csrfmiddlewaretoken" not in html:
        cache.set(cache_key, value, seconds)


# Bulk writes.


def _literal(value) -> bool:
    return not hasattr(value, "resolve_expression") and not isinstance(value, models.Model)


def written_owners(queryset, owner: str) -> set | None:
    """The values of `owner` ("pk" or a field) of every row `queryset` can touch, read from
    its filter; None when the filter does not say (then any row may be touched)."""
    query = queryset.query
    where = query.where
    if where.connector != AND or where.negated or query.is_sliced or query.combinator:
        return None
    meta = queryset.model._meta
    field = meta.pk if owner == "pk" else meta.get_field(owner)
    columns = {field.column} | ({meta.pk.column} if owner == "pk" else set())
    for child in where.children:
        lhs = getattr(child, "lhs", None)
        if not isinstance(lhs, Col) or lhs.alias != query.base_table or lhs.target.column not in columns:
            continue
        if isinstance(child, In) and isinstance(child.rhs, (list, tuple, set, frozenset)):
            if all(_literal(value) for value in child.rhs):
                return set(child.rhs)
        elif isinstance(child, Exact) and _literal(child.rhs) and child.rhs is not None:
            return {child.rhs}
    return None


def changes_public_pages(owner: str, changed):
    """A queryset class for models whose rows public pages show: its bulk writes call
    `changed(owners, fields)` after writing. `owners` are the values of `owner` ("pk", or the
    foreign key to the object whose page shows the row) of the rows written, or None when
    they cannot be told (then move what covers everything); `fields` are the fields an
    `update` or `bulk_update` wrote, None for a create or delete."""

    def owners_of(objs):
        attname = "pk" if owner == "pk" else _attname(objs, owner)
        values = {getattr(obj, attname) for obj in objs}
        return None if None in values else values

    def _attname(objs, name):
        return objs[0]._meta.get_field(name).attname if objs else name

    class ChangesPublicPages(models.QuerySet):
        def update(self, **kwargs):
            owners = written_owners(self, owner)
            rows = super().update(**kwargs)
            changed(owners, frozenset(kwargs))
            return rows

        update.alters_data = True

        def delete(self):
            owners = written_owners(self, owner)
            result = super().delete()
            changed(owners, None)
            return result

        delete.alters_data = True
        delete.queryset_only = True

        def bulk_create(self, objs, *args, **kwargs):
            objs = super().bulk_create(objs, *args, **kwargs)
            changed(owners_of(list(objs)), None)
            return objs

        def bulk_update(self, objs, fields, *args, **kwargs):
            objs = list(objs)
            # Django's bulk_update runs `update` on its batches: on a plain queryset, so the
            # write is reported once, with the objects' owners.
            plain = models.QuerySet(model=self.model, query=self.query.chain(), using=self._db)
            rows = plain.bulk_update(objs, fields, *args, **kwargs)
            changed(owners_of(objs), frozenset(fields))
            return rows

    return ChangesPublicPages


# Tables: every write through Django's connection moves the version of the table it wrote.

TABLE_PREFIX = "table:"
# INSERT INTO "t", UPDATE "t", DELETE FROM "t" (optionally schema-qualified, quoted or not); TRUNCATE lists several.
_WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(?:"?\w+"?\.)?"?(\w+)"?', re.IGNORECASE)
_TRUNCATE = re.compile(r"\s*TRUNCATE\b(.*)", re.IGNORECASE | re.DOTALL)
_IDENTIFIER = re.compile(r'"?(\w+)"?')
_watched: set[str] = set()  # the table versions pages of this process depend on (moved at once)


def table(model) -> str:
    """The version of a model's table (`table(Activity)` or `table("agenda.activity")`): every
    INSERT, UPDATE, DELETE or TRUNCATE on it moves it, in any process."""
    if isinstance(model, str):
        from django.apps import apps

        model = apps.get_model(model)
    name = TABLE_PREFIX + model._meta.db_table
    _watched.add(name)
    return name


def written_tables(sql) -> set[str]:
    """The tables a statement writes ('' when it reads)."""
    if not isinstance(sql, str):
        return set()
    found = _WRITE.match(sql)
    if found:
        return {found.group(1).lower()}
    found = _TRUNCATE.match(sql)
    if found:
        tables = found.group(1).split(" RESTART")[0].split(" CASCADE")[0].replace("TABLE ", "", 1)
        return {m.group(1).lower() for m in map(_IDENTIFIER.search, tables.split(",")) if m}
    return set()


def watch_writes(execute, sql, params, many, context):
    """A database execute wrapper (installed on every connection, genk.core.apps): after a
    write, the versions of the tables it wrote move — at once for the tables this process's
    pages depend on (so the writing request, or a test, sees it), and for every table once
    more when the transaction commits (one round trip per transaction), so a page rendered
    from the data before the commit is retired in every process."""
    result = execute(sql, params, many, context)
    tables = written_tables(sql)
    if tables:
        _written(context["connection"], {TABLE_PREFIX + name for name in tables})
    return result


def _written(connection, names: set[str]) -> None:
    now = names & _watched
    if now:
        replace(now)
    if not connection.in_atomic_block:
        replace(names - now)
        return
    pending = getattr(connection, "_pagecache_pending", None)
    if pending is None or not any(entry[1] is pending for entry in connection.run_on_commit):
        # None yet in this transaction, or it went with a savepoint rolled back.
        pending = _Pending()
        connection._pagecache_pending = pending
        connection.on_commit(pending)
    pending.names |= names


class _Pending:
    """The tables a transaction wrote, moved once when it commits."""

    def __init__(self):
        self.names: set[str] = set()

    def __call__(self):
        cache.set_many({_PREFIX + name: secrets.token_hex(8) for name in self.names}, None)


def install_write_watch(sender=None, connection=None, **kwargs) -> None:
    """`connection_created` receiver: watch the writes of this connection."""
    if watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch_writes)


# Whole pages for visitors who are not signed in.

_CSRF_INPUT = re.compile(r'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{32,64}(")')
_CSRF_PLACEHOLDER = "\x00csrf\x00"
MAX_QUERY = 300


def keep_until(response, moment):
    """The HTML of `response` stops being true by itself at `moment` (a deadline passes, an
    activity starts): a copy is kept no longer. Returns the response."""
    previous = getattr(response, "_pagecache_until", None)
    response._pagecache_until = moment if previous is None or moment is None else min(previous, moment)
    return response


def dont_keep(response):
    """`response` must not be kept (it shows something else than the URL says)."""
    response._pagecache_skip = True
    return response


def _has_messages(request) -> bool:
    from django.contrib.messages import get_messages

    return bool(len(get_messages(request)))


def visitor_request(request, params) -> bool:
    """A GET (or HEAD) by someone not signed in, with no message waiting, and a query string
    of known parameters only (a random one would fill the cache)."""
    if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
        return False
    query = request.META.get("QUERY_STRING", "")
    if len(query) > MAX_QUERY or not set(request.GET) <= params:
        return False
    return not _has_messages(request)


def public_page(namespace: str, name: str, *, tables=(), lag=None, params=()):
    """Keep the whole HTML of a public page for visitors who are not signed in.

    - `tables`: the models whose rows the page shows; any write to them retires the copies
      at once (the next request renders afresh).
    - `lag`: `{model: seconds}` for tables whose writes may show up to `seconds` late
      (counters: free places, registrations); the copy carries their tokens and is served
      while they are unchanged or it is younger than the smallest `seconds`.
    - `params`: the query parameters the page knows (filters, the page number); a request
      with another one is not cached.

    The key holds the release, the path and query string, the language, whether htmx asked
    (a partial), and the tables' versions. The view may call `keep_until(response, moment)`
    or `dont_keep(response)`; only a 200 with no cookie of its own is kept, at most
    `TIMEOUT` seconds. The CSRF token of the page's forms (the language form) is put back
    per visitor on a hit. Signed-in people always get a fresh page: theirs is personal.
    """
    exact = [table(model) for model in tables]
    lagging = {table(model): seconds for model, seconds in (lag or {}).items()}
    known = frozenset(params)

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not visitor_request(request, known):
                return view(request, *args, **kwargs)
            found = tokens(*exact, *lagging) if (exact or lagging) else {}
            page_key = key(
                namespace,
                name,
                request.path,
                request.META.get("QUERY_STRING", ""),
                bool(request.headers.get("HX-Request")),
                versions=joined(found, *exact) if exact else "-",
            )
            lag_token = ".".join(found[n] for n in lagging)
            copy = cache.get(page_key)
            if copy is not None and (
                copy["lag"] == lag_token or (lagging and _now() - copy["at"] < min(lagging.values()))
            ):
                return _response_from(request, copy)
            started = _now()
            response = view(request, *args, **kwargs)
            if request.method == "GET":
                _keep(page_key, response, {"lag": lag_token, "at": started})
            return response

        wrapped.public_page = (namespace, name)
        return wrapped

    return decorator


def _keep(page_key, response, copy) -> None:
    if (
        response.status_code != 200
        or getattr(response, "streaming", False)
        or getattr(response, "_pagecache_skip", False)
        or response.cookies
    ):
        return
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    html = response.content.decode(response.charset)
    html = _CSRF_INPUT.sub(lambda m: m.group(1) + _CSRF_PLACEHOLDER + m.group(2), html)
    if "csrfmiddlewaretoken" in html.replace(f'name="csrfmiddlewaretoken" value="{_CSRF_PLACEHOLDER}"', ""):
        return  # a token in a shape this does not know: personal
    seconds = seconds_until(getattr(response, "_pagecache_until", None))
    if seconds > 0:
        headers = [(k, v) for k, v in response.items() if k.lower() not in ("set-cookie", "content-length")]
        cache.set(page_key, {**copy, "html": html, "headers": headers}, seconds)


def _response_from(request, copy):
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    html = copy["html"]
    if _CSRF_PLACEHOLDER in html:
        html = html.replace(_CSRF_PLACEHOLDER, get_token(request))
    response = HttpResponse(html)
    for header, value in copy["headers"]:
        response[header] = value
    response["X-Page-Cache"] = "hit"
    return response
