"""Sign-ups at the same moment on real PostgreSQL connections: a shift's places are never overbooked."""

import time

import pytest
from django.db import connection

from tests.concurrency import run_concurrently
from tests.factories import UserFactory
from volunteers import workflow
from volunteers.models import Shift, SignUp

from .factories import NoticeFactory, OpportunityFactory, ShiftFactory

pytestmark = pytest.mark.django_db(transaction=True)
S = SignUp.Status
PEOPLE = 50


@pytest.fixture
def last_five_places():
    """A shift of 20 places with 15 taken."""
    opportunity = OpportunityFactory()
    NoticeFactory(organisation=opportunity.organisation)
    shift = ShiftFactory(opportunity=opportunity, capacity=20)
    for person in UserFactory.create_batch(15):
        SignUp.objects.create(shift=shift, volunteer=person, status=S.ACCEPTED)
    return shift


def everyone_at_once(shift):
    people = UserFactory.create_batch(PEOPLE)
    results = run_concurrently(
        *[lambda p=p: workflow.sign_up(p, Shift.objects.get(pk=shift.pk), acknowledged_version=1) for p in people],
        timeout=120,
    )
    errors = [r for r in results if isinstance(r, Exception)]
    assert not errors, errors[:3]
    return results


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_fifty_sign_ups_for_the_last_five_places(last_five_places):
    results = everyone_at_once(last_five_places)
    statuses = [r.status for r in results]
    assert statuses.count(S.ACCEPTED) == 5
    assert statuses.count(S.WAITING) == PEOPLE - 5
    assert SignUp.objects.filter(shift=last_five_places, status=S.ACCEPTED).count() == 20


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_without_the_lock_the_shift_is_overbooked(last_five_places, monkeypatch):
    """Proves the guard matters: with `lock_shift` a plain read, the same race overbooks."""
    original_count = workflow.accepted_count

    def slow_count(shift):
        count = original_count(shift)
        time.sleep(0.05)  # the window between counting and writing, widened
        return count

    monkeypatch.setattr(workflow, "lock_shift", lambda shift: Shift.objects.get(pk=shift.pk))
    monkeypatch.setattr(workflow, "accepted_count", slow_count)
    everyone_at_once(last_five_places)
    assert SignUp.objects.filter(shift=last_five_places, status=S.ACCEPTED).count() > 20


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_cancellations_and_sign_ups_at_once_keep_the_count(last_five_places):
    shift = last_five_places
    accepted = list(SignUp.objects.filter(shift=shift, status=S.ACCEPTED).select_related("volunteer", "shift")[:5])
    newcomers = UserFactory.create_batch(10)
    results = run_concurrently(
        *[lambda s=s: workflow.cancel(s, s.volunteer) for s in accepted],
        *[lambda p=p: workflow.sign_up(p, shift, acknowledged_version=1) for p in newcomers],
        timeout=120,
    )
    assert not [r for r in results if isinstance(r, Exception)]
    assert SignUp.objects.filter(shift=shift, status=S.ACCEPTED).count() == 20
    assert SignUp.objects.filter(shift=shift, status=S.WAITING).count() == 0
