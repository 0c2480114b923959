"""Fifty people register at the same moment for the last five places: five are registered,
forty-five wait. Without the row lock the same run overbooks the activity."""

import time

import pytest

from neighbourhoods.agenda import services
from neighbourhoods.agenda.models import Activity, Registration
from tests.concurrency import run_concurrently
from tests.factories import UserFactory

from .factories import ActivityFactory, RegistrationFactory

pytestmark = pytest.mark.django_db(transaction=True)
R = Registration.Status


@pytest.fixture
def nearly_full(db):
    """An activity with 25 places of which 20 are taken."""
    activity = ActivityFactory(capacity=25)
    for _ in range(20):
        RegistrationFactory(activity=activity)
    return activity


@pytest.fixture
def slow_count(monkeypatch):
    """Widen the window between counting and writing, so that without the lock the race is certain."""
    original = services.seats_taken

    def slow(activity):
        result = original(activity)
        time.sleep(0.3)
        return result

    monkeypatch.setattr(services, "seats_taken", slow)


def fifty_registrations(activity):
    users = [UserFactory() for _ in range(50)]
    return run_concurrently(*[lambda u=u: services.register(activity, u) for u in users], timeout=120)


def test_fifty_concurrent_registrations_for_the_last_five_places(nearly_full):
    results = fifty_registrations(nearly_full)
    errors = [r for r in results if isinstance(r, Exception)]
    assert not errors, errors[:3]
    statuses = [r.status for r in results]
    assert statuses.count(R.REGISTERED) == 5
    assert statuses.count(R.WAITING) == 45
    assert services.seats_taken(nearly_full) == 25


def test_without_the_lock_the_activity_is_overbooked(nearly_full, monkeypatch, slow_count):
    """The guard is the lock: take it away and the same run registers more than 25."""
    monkeypatch.setattr(services, "lock_activity", lambda activity: Activity.objects.get(pk=activity.pk))
    results = run_concurrently(
        *[lambda u=u: services.register(nearly_full, u) for u in [UserFactory() for _ in range(10)]], timeout=60
    )
    assert not [r for r in results if isinstance(r, Exception)]
    assert services.seats_taken(nearly_full) > nearly_full.capacity


def test_with_the_lock_the_slow_count_still_holds(nearly_full, slow_count):
    results = run_concurrently(
        *[lambda u=u: services.register(nearly_full, u) for u in [UserFactory() for _ in range(10)]], timeout=60
    )
    assert [r.status for r in results].count(R.REGISTERED) == 5
    assert services.seats_taken(nearly_full) == 25


def test_cancel_and_register_at_once_keep_the_count(nearly_full):
    taken = list(Registration.objects.filter(activity=nearly_full)[:3])
    newcomers = [UserFactory() for _ in range(8)]
    calls = [lambda r=r: services.cancel_registration(r, r.user) for r in taken]
    calls += [lambda u=u: services.register(nearly_full, u) for u in newcomers]
    results = run_concurrently(*calls, timeout=60)
    assert not [r for r in results if isinstance(r, Exception)]
    assert services.seats_taken(nearly_full) == 25
