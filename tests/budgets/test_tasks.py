"""Reminders and notifications: who gets them, and never twice."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from genk.core.models import Notification
from participation.budgets import ballots, services, tasks
from participation.budgets.models import Cycle, Follow, Phase

from .factories import set_phase

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _run_on_commit(monkeypatch):
    """Notifications are delivered after commit; in these tests, at once."""
    monkeypatch.setattr("django.db.transaction.on_commit", lambda func, using=None, robust=False: func())


def kinds(kind):
    return sorted(Notification.objects.filter(kind=kind).values_list("recipient_id", flat=True))


def test_phase_start_is_announced_to_followers_once(city_cycle, district_resident, other_district_resident):
    Follow.objects.create(cycle=city_cycle, user=district_resident)
    tasks.notify_phase_starts()
    # Voting started a day ago; proposals and review started long ago (outside the window).
    assert kinds("budgets.phase_started") == [district_resident.pk]
    notification = Notification.objects.get(kind="budgets.phase_started")
    assert "stemmen is begonnen" in notification.subject
    sent = len(mail.outbox)
    Phase.objects.update(start_notified_at=None)  # even if the flag is lost, the key holds
    tasks.notify_phase_starts()
    assert Notification.objects.filter(kind="budgets.phase_started").count() == 1
    assert len(mail.outbox) == sent


def test_unpublished_cycles_announce_nothing(city_cycle, district_resident):
    city_cycle.is_published = False
    city_cycle.save()
    Follow.objects.create(cycle=city_cycle, user=district_resident)
    assert tasks.notify_phase_starts() == 0


class TestVotingCloses:
    @pytest.fixture
    def closing(self, city_cycle):
        # Voting closes in a day and a half.
        Phase.objects.filter(cycle=city_cycle, kind="results").update(starts_at=timezone.now() + timedelta(hours=36))
        Phase.objects.filter(cycle=city_cycle, kind="implementation").update(
            starts_at=timezone.now() + timedelta(days=30)
        )
        return Cycle.objects.for_page().get(pk=city_cycle.pk)

    def test_reminds_opted_in_eligible_residents_who_have_not_voted(
        self, closing, district_resident, other_district_resident, too_young, resident
    ):
        voted = other_district_resident
        heading = closing.headings.get()
        ballots.cast_ballot(voted, heading, [heading.proposals.first().pk])
        for user in (district_resident, voted, too_young, resident):
            Follow.objects.create(cycle=closing, user=user, remind_to_vote=True)
        from tests.factories import UserFactory

        not_opted_in = UserFactory(neighbourhood=district_resident.neighbourhood)
        Follow.objects.create(cycle=closing, user=not_opted_in, remind_to_vote=False)
        assert tasks.remind_voting_closes() == 1
        assert kinds("budgets.voting_closes") == [district_resident.pk]
        tasks.remind_voting_closes()
        assert Notification.objects.filter(kind="budgets.voting_closes").count() == 1

    def test_with_paper_ballots_the_not_yet_identified_are_reminded_and_paper_voters_not(
        self, closing, district_resident, other_district_resident, civil_servant, neighbourhood
    ):
        from .factories import identify

        closing.paper_ballots = True
        closing.save(update_fields=["paper_ballots"])
        heading = closing.headings.get()
        record = identify(closing, civil_servant, neighbourhood, number="85073003328", user=other_district_resident)
        ballots.enter_paper_ballot(civil_servant, heading, record, [heading.proposals.first().pk])
        for user in (district_resident, other_district_resident):
            Follow.objects.create(cycle=closing, user=user, remind_to_vote=True)
        # district_resident has no identity yet: may still confirm it, or vote on paper.
        assert tasks.remind_voting_closes() == 1
        assert kinds("budgets.voting_closes") == [district_resident.pk]

    def test_no_reminder_when_voting_closes_later(self, city_cycle, district_resident):
        Follow.objects.create(cycle=city_cycle, user=district_resident, remind_to_vote=True)
        # city_cycle: voting closes in nine days.
        assert tasks.remind_voting_closes() == 0


def test_results_go_to_proposers_and_voters_once(city_cycle, district_resident, civil_servant):
    heading = city_cycle.headings.get()
    ballots.cast_ballot(district_resident, heading, [heading.proposals.first().pk])
    cycle = set_phase(city_cycle, "results")
    services.publish_results(cycle, civil_servant)
    proposers = set(heading.proposals.values_list("author_id", flat=True))
    assert set(kinds("budgets.results_published")) == proposers | {district_resident.pk}
    before = Notification.objects.count()
    tasks.notify_results(cycle.pk)
    assert Notification.objects.count() == before


def test_beat_runs_the_budget_tasks():
    from genk.core import beat

    scheduled = {entry["task"] for entry in beat.schedule().values()}
    for name in ("notify_phase_starts", "remind_voting_closes"):
        assert f"participation.budgets.tasks.{name}" in scheduled and callable(getattr(tasks, name))
