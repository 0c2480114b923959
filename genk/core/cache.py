"""A Redis cache that fails open: when Redis is unreachable the portal keeps serving.

`FailOpenRedisCache` is Django's `RedisCache` with one difference: a connection error or
timeout does not reach the page. The cache switches to a small memory cache in the process
instead, whose entries live at most `FALLBACK_TIMEOUT` seconds, logs one warning for the
outage, and asks Redis again after `RETRY_AFTER` seconds (not on every call, so an
unreachable host does not cost every request a connection timeout).

Why a short-lived memory cache rather than "every read is a miss": callers rely on reading
back what they just wrote (the cache versions of the public initiative pages and of the map
are written with `add` and read with `get`). Keeping entries only seconds keeps what other
processes see nearly consistent: a page cached in one process before another changed it is
stale for at most `FALLBACK_TIMEOUT` seconds.

Rate limits (allauth's, and `genk.core.ratelimit`) are kept in this cache too. While Redis
is down they count per process over at most `FALLBACK_TIMEOUT` seconds: weaker, deliberately
not a refusal of every login. Only connection errors and timeouts are caught; any other
error (a wrong value for `incr`, a bug) still raises.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
RETRY_AFTER = 10  # seconds without asking Redis after a failure
FALLBACK_TIMEOUT = 10  # seconds an entry lives in the memory cache while Redis is down


class _Outage:
    """Shared by every thread of the process: when to ask Redis again, and whether we said so."""

    lock = threading.Lock()
    down_until = 0.0
    reported = False


class FailOpenRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._fallback = LocMemCache(
            f"fail-open:{server}", {"TIMEOUT": FALLBACK_TIMEOUT, "OPTIONS": {"MAX_ENTRIES": 2000}}
        )

    # The one place that decides between Redis and the memory cache.
    def _run(self, method: str, *args, **kwargs):
        if time.monotonic() >= _Outage.down_until:
            try:
                result = getattr(super(), method)(*args, **kwargs)
            except UNREACHABLE as error:
                self._went_down(error)
            else:
                if _Outage.reported:
                    with _Outage.lock:
                        _Outage.reported = False
                    logger.warning("The cache (Redis) is reachable again.")
                return result
        if "timeout" in kwargs:
            kwargs["timeout"] = self._short(kwargs["timeout"])
        return getattr(self._fallback, method)(*args, **kwargs)

    @staticmethod
    def _went_down(error) -> None:
        with _Outage.lock:
            _Outage.down_until = time.monotonic() + RETRY_AFTER
            first = not _Outage.reported
            _Outage.reported = True
        if first:
            logger.warning(
                "The cache (Redis) is unreachable (%s): serving without it, from a memory cache of "
                "%s seconds per process; retrying every %s seconds.",
                error,
                FALLBACK_TIMEOUT,
                RETRY_AFTER,
            )

    @staticmethod
    def _short(timeout):
        if timeout is DEFAULT_TIMEOUT or timeout is None:
            return FALLBACK_TIMEOUT
        return min(timeout, FALLBACK_TIMEOUT)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._run("add", key, value, timeout=timeout, version=version)

    def get(self, key, default=None, version=None):
        return self._run("get", key, default, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._run("set", key, value, timeout=timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._run("touch", key, timeout=timeout, version=version)

    def delete(self, key, version=None):
        return self._run("delete", key, version=version)

    def get_many(self, keys, version=None):
        return self._run("get_many", list(keys), version=version)

    def has_key(self, key, version=None):
        return self._run("has_key", key, version=version)

    def incr(self, key, delta=1, version=None):
        return self._run("incr", key, delta, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._run("set_many", data, timeout=timeout, version=version)

    def delete_many(self, keys, version=None):
        return self._run("delete_many", list(keys), version=version)

    def clear(self):
        self._fallback.clear()
        return self._run("clear")


def reset_outage() -> None:
    """Forget an outage (tests): the next call asks Redis at once."""
    with _Outage.lock:
        _Outage.down_until = 0.0
        _Outage.reported = False
