"""genk.core.ratelimit: per person and per action, in the cache, failing open."""

import logging

import pytest
from django.test import RequestFactory
from django.utils import timezone

from genk.core import ratelimit
from genk.core.refusals import NotAllowed
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOON = 1_765_000_800.0  # a whole hour (UTC)


@pytest.fixture
def clock(monkeypatch):
    now = {"t": NOON}
    monkeypatch.setattr(ratelimit, "_now", lambda: now["t"])
    return now


@pytest.fixture
def verified(db):
    return UserFactory(residency_verified_at=timezone.now())


def test_rates_read_as_written():
    assert ratelimit.Rate.parse("20/h") == ratelimit.Rate(20, 3600)
    assert ratelimit.Rate.parse("5/10m") == ratelimit.Rate(5, 600)
    assert ratelimit.Rate.parse("100/d") == ratelimit.Rate(100, 86400)
    with pytest.raises(ValueError):
        ratelimit.Rate.parse("veel")


def test_over_the_limit_the_person_is_told_when_to_try_again(clock, verified):
    for _ in range(3):
        ratelimit.hit(verified, "initiatives.invite", "3/h")
    clock["t"] = NOON + 20 * 60
    with pytest.raises(NotAllowed) as refused:
        ratelimit.hit(verified, "initiatives.invite", "3/h")
    assert str(refused.value) == "Je hebt dit al vaak gedaan; probeer het over 40 minuten opnieuw."
    clock["t"] = NOON + 59 * 60 + 30
    with pytest.raises(NotAllowed) as refused:
        ratelimit.hit(verified, "initiatives.invite", "3/h")
    assert str(refused.value) == "Je hebt dit al vaak gedaan; probeer het over 1 minuut opnieuw."
    clock["t"] = NOON + 60 * 60  # a new hour
    ratelimit.hit(verified, "initiatives.invite", "3/h")


def test_counts_are_per_person_and_per_action(clock, verified):
    other = UserFactory(residency_verified_at=timezone.now())
    for _ in range(2):
        ratelimit.hit(verified, "initiatives.comment", "2/h")
    with pytest.raises(NotAllowed):
        ratelimit.hit(verified, "initiatives.comment", "2/h")
    ratelimit.hit(other, "initiatives.comment", "2/h")
    ratelimit.hit(verified, "initiatives.support", "2/h")


def test_an_unverified_account_gets_the_lower_rate(clock, verified):
    new = UserFactory()
    ratelimit.hit(new, "councils.apply", "10/h", unverified="1/h")
    with pytest.raises(NotAllowed):
        ratelimit.hit(new, "councils.apply", "10/h", unverified="1/h")
    for _ in range(10):
        ratelimit.hit(verified, "councils.apply", "10/h", unverified="1/h")


def test_settings_override_a_rate(clock, verified, settings):
    settings.RATE_LIMITS = {"initiatives.invite": "1/h"}
    ratelimit.hit(verified, "initiatives.invite", "20/h")
    with pytest.raises(NotAllowed):
        ratelimit.hit(verified, "initiatives.invite", "20/h")


def test_anonymous_visitors_are_not_counted(visitor):
    for _ in range(5):
        ratelimit.hit(visitor, "initiatives.invite", "1/h")


def test_the_decorator_counts_posts_only(clock, verified):
    @ratelimit.limited("initiatives.comment", "1/h")
    def view(request):
        return "ok"

    request = RequestFactory().get("/")
    request.user = verified
    assert view(request) == view(request) == "ok"
    request = RequestFactory().post("/")
    request.user = verified
    assert view(request) == "ok"
    with pytest.raises(NotAllowed):
        view(request)


def test_it_fails_open_when_the_cache_is_down(settings, verified, caplog):
    """Redis unreachable: the action goes through (no server error), one warning is logged."""
    from genk.core import cache as fail_open

    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": "redis://127.0.0.1:1/0"}}
    fail_open.reset_outage()
    caplog.set_level(logging.WARNING)
    try:
        ratelimit.hit(verified, "initiatives.invite", "1/h")
    finally:
        fail_open.reset_outage()
    assert [r.levelname for r in caplog.records if r.name == "genk.core.cache"] == ["WARNING"]
