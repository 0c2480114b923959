"""Rate limits per person and per action: how often one person may do one thing.

For everything that costs others something when repeated: an email to an address someone
typed (invitations), a comment, a support, a sign-up to a council. Login, sign-up and password
reset are allauth's (`ACCOUNT_RATE_LIMITS`, per client address and per account).

    from genk.core import ratelimit

    ratelimit.hit(user, "initiatives.invite", "20/h", unverified="5/h")   # in a service
    @ratelimit.limited("initiatives.comment", "30/h")                     # on a view (POST only)

Over the limit, `hit` raises `genk.core.refusals.NotAllowed`: "Je hebt dit al vaak gedaan;
probeer het over N minuten opnieuw", which the view or `RefusalMiddleware` shows. A rate is
"<count>/<period>" with a period of `s`, `m`, `h` or `d`, optionally with a number (`5/10m`).
`settings.RATE_LIMITS = {"initiatives.invite": "10/h"}` overrides a rate without a release.
`unverified` is the rate for a person whose residency nobody verified yet (new accounts: the
ones a spammer makes).

The counts live in the cache (Redis in production: one count across web workers), in fixed
windows: at most `count` in each period, so at most twice that around a window's end.
When Redis is unreachable the counts are kept only seconds per process, so in effect nobody is
refused (fails open, with the cache's one warning: genk/core/cache.py). Anonymous visitors are not counted here: the
actions this is for need an account.
"""

import math
import re
import time
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import ngettext

from .refusals import NotAllowed

SECONDS = {"s": 1, "m": 60, "h": 60 * 60, "d": 24 * 60 * 60}
_RATE = re.compile(r"^(\d+)/(\d*)([smhd])$")


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int

    @classmethod
    def parse(cls, rate: str) -> "Rate":
        found = _RATE.match(rate.strip())
        if not found:
            raise ValueError(f"Not a rate: {rate!r} (e.g. '20/h', '5/10m')")
        count, amount, unit = found.groups()
        return cls(int(count), int(amount or 1) * SECONDS[unit])


def _now() -> float:
    return time.time()


def is_unverified(user) -> bool:
    return not getattr(user, "residency_verified_at", None)


def rate_for(user, action: str, rate: str, unverified: str | None = None) -> Rate:
    configured = getattr(settings, "RATE_LIMITS", {})
    if unverified and is_unverified(user):
        return Rate.parse(configured.get(f"{action}:unverified", unverified))
    return Rate.parse(configured.get(action, rate))


def hit(user, action: str, rate: str, *, unverified: str | None = None) -> None:
    """Count one `action` by `user`; `NotAllowed` once over the rate (refused tries count too)."""
    if not getattr(user, "is_authenticated", False):
        return
    limit = rate_for(user, action, rate, unverified)
    now = _now()
    window = int(now // limit.seconds)
    key = f"ratelimit:{action}:{user.pk}:{limit.seconds}:{window}"
    cache.add(key, 0, limit.seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, limit.seconds + 1)
        count = 1
    if count > limit.count:
        minutes = max(1, math.ceil(((window + 1) * limit.seconds - now) / 60))
        raise NotAllowed(
            ngettext(
                "Je hebt dit al vaak gedaan; probeer het over %(minutes)s minuut opnieuw.",
                "Je hebt dit al vaak gedaan; probeer het over %(minutes)s minuten opnieuw.",
                minutes,
            )
            % {"minutes": minutes}
        )


def limited(action: str, rate: str, *, unverified: str | None = None):
    """View decorator: each POST by a signed-in person counts as one `action`."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST":
                hit(request.user, action, rate, unverified=unverified)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
