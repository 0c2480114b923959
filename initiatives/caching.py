"""Cached HTML of the public initiative pages, kept exact.

The list's results and an initiative's page as a visitor sees it are the same for everyone
until something they show changes, and they are read far more often than anything changes.
So their HTML is cached, under a key that holds two *versions*:

- the **reference version**: wijken, stadsdelen, themes and SDGs (their names are on the
  cards, the pages and in the list's filter form);
- the **content version**: everything else these pages show: the initiatives (texts, status,
  support and comment counters), their initiators, news and comments, and people's public
  names.

A version is a random token in the cache. Every write that could change what the pages show
replaces it, so the next request renders afresh: a support is visible to the very next
visitor; nothing lags. The writes are caught in one place each, not in the views:

- `post_save`, `post_delete` and `m2m_changed` of the models the pages show (`apps.py`);
- the bulk writes of their querysets (`update`, `delete`, `bulk_create`, `bulk_update`):
  `ChangesPublicPages` below, mixed into their querysets;
- a person's public name (`display_name`, `email`, `erased_at`) through `User`'s `post_save`.

A version moves twice: at once (so a request that reads in the same transaction, or a test,
sees the change) and again when the transaction commits (so a page rendered by someone else
from the data *before* the commit, under the new token, is retired too).

Time also changes a page: "steunen kan tot …" and the sort "sluit binnenkort" depend on
whether a support period is still open. A cached page therefore lives no longer than until
the next support period closes (`seconds_until`), and never longer than `TIMEOUT`.

A new release (other templates, translations or static files) gets keys of its own
(`release()`), so a page cached by the previous code is never served by the next.

Only requests whose query string holds nothing but known parameters are cached (a random
query string would otherwise fill the cache); everything else is rendered as before.
"""

import functools
import hashlib
import math
import secrets

from django.core.cache import cache
from django.db import models, transaction
from django.utils import timezone

TIMEOUT = 300  # seconds; the safety net, not what keeps the pages exact
REFERENCE = "initiatives:reference-version"
CONTENT = "initiatives:content-version"


def current() -> tuple[str, str]:
    """The current reference and content versions (one round trip)."""
    found = cache.get_many([REFERENCE, CONTENT])
    for key in (REFERENCE, CONTENT):
        if key not in found:
            cache.add(key, secrets.token_hex(8), None)
            found[key] = cache.get(key)
    return found[REFERENCE], found[CONTENT]


def versions(pair: tuple[str, str] | None = None) -> str:
    """Both versions (`pair`, when the caller read them already), as one string for a key."""
    return ".".join(pair or current())


def reference_version() -> str:
    return current()[0]


def _move(key: str) -> None:
    cache.set(key, secrets.token_hex(8), None)


def _moved(key: str) -> None:
    _move(key)
    transaction.on_commit(functools.partial(_move, key))


def content_changed(**kwargs) -> None:
    """Something the public initiative pages show changed (a signal receiver as well)."""
    _moved(CONTENT)


def reference_changed(**kwargs) -> None:
    """A wijk, stadsdel, theme or SDG changed (a signal receiver as well)."""
    _moved(REFERENCE)


PUBLIC_NAME_FIELDS = frozenset({"display_name", "email", "erased_at"})


def person_saved(sender, instance, created=False, update_fields=None, **kwargs) -> None:
    """A new account shows nowhere yet; a login (`last_login`) changes nothing shown."""
    if created:
        return
    if update_fields is None or PUBLIC_NAME_FIELDS & set(update_fields):
        content_changed()


class ChangesPublicPages(models.QuerySet):
    """Bulk writes bypass the model signals: these move the content version themselves."""

    def update(self, **kwargs):
        rows = super().update(**kwargs)
        content_changed()
        return rows

    update.alters_data = True

    def delete(self):
        result = super().delete()
        content_changed()
        return result

    delete.alters_data = True
    delete.queryset_only = True

    def bulk_create(self, *args, **kwargs):
        objs = super().bulk_create(*args, **kwargs)
        content_changed()
        return objs

    def bulk_update(self, *args, **kwargs):
        rows = super().bulk_update(*args, **kwargs)
        content_changed()
        return rows


# Fragments.


def key(name: str, *parts, current: str | None = None) -> str:
    """A cache key for one fragment: its name, the release, the versions (`current`, when the
    caller read them already), the language and `parts`."""
    from django.utils.translation import get_language

    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:40]
    return f"initiatives:html:{name}:{release()}:{current or versions()}:{get_language()}:{digest}"


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
    """How long a fragment that changes at `moment` (None: never by itself) may live."""
    if moment is None:
        return TIMEOUT
    return max(0, min(TIMEOUT, math.floor((moment - timezone.now()).total_seconds())))


def fragment(cache_key: str | None, render) -> str:
    """The cached HTML under `cache_key`, or `render()`'s, which returns the HTML and the
    moment it stops being true by itself (None: only a write changes it). Without a key
    (a request that is not cached) it just renders."""
    if cache_key is not None:
        html = cache.get(cache_key)
        if html is not None:
            return html
    html, until = render()
    if cache_key is not None:
        store(cache_key, html, html, until)
    return html


def store(cache_key: str, html: str, value, until) -> None:
    """Keep `value` (`html`, or a dict around it) until `until`, unless `html` holds a form
    token: that is personal."""
    seconds = seconds_until(until)
    if seconds > 0 and "csrfmiddlewaretoken" not in html:
        cache.set(cache_key, value, seconds)
