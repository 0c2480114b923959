"""Proposals and acceptances at the same moment on real PostgreSQL connections."""

import pytest
from django.db import connection

from genk.core.refusals import NotAllowed
from tests.concurrency import run_concurrently
from volunteers.buddies import workflow
from volunteers.buddies.models import Buddy, Learner, Pair

from .factories import BuddyFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]


def test_ten_proposals_for_one_learner_make_one_pair(programme, learner, coordinator, desk_staff):
    buddies = BuddyFactory.create_batch(10, opportunity=programme)
    results = run_concurrently(
        *[
            lambda b=b, who=(coordinator if i % 2 else desk_staff): workflow.propose(
                Learner.objects.get(pk=learner.pk), Buddy.objects.get(pk=b.pk), who
            )
            for i, b in enumerate(buddies)
        ],
        timeout=120,
    )
    made = [r for r in results if isinstance(r, Pair)]
    refused = [r for r in results if isinstance(r, NotAllowed)]
    assert len(made) == 1 and len(refused) == 9, results
    assert Pair.objects.open().filter(learner=learner).count() == 1


def test_both_accept_at_once_and_the_pair_is_active(programme, learner, buddy, coordinator):
    pair = workflow.propose(learner, buddy, coordinator)
    results = run_concurrently(
        lambda: workflow.accept(Pair.objects.get(pk=pair.pk), learner.user),
        lambda: workflow.accept(Pair.objects.get(pk=pair.pk), buddy.user),
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    pair.refresh_from_db()
    assert pair.status == Pair.Status.ACTIVE
    assert pair.learner_accepted_at and pair.buddy_accepted_at and pair.started_at
