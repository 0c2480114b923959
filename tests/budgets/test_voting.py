"""Casting ballots: online, paper, changing, the amount and the one-ballot rule."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from genk.core.models import AuditLogEntry, Notification
from genk.core.permissions import can
from participation.budgets import ballots, services
from participation.budgets.ballots import BallotError
from participation.budgets.models import Ballot, BallotChoice, Proposal

from .factories import CycleFactory, HeadingFactory, ProposalFactory, identify, national_number, set_phase

pytestmark = pytest.mark.django_db

NATIONAL_NUMBER = "85073003328"  # a valid example (checksum 28)


def ids(cycle, *titles):
    by_title = dict(Proposal.objects.filter(cycle=cycle).values_list("title", "pk"))
    return [by_title[t] for t in titles]


def test_resident_casts_a_ballot_within_the_amount(city_cycle, district_resident, django_capture_on_commit_callbacks):
    heading = city_cycle.headings.get()
    with django_capture_on_commit_callbacks(execute=True):
        ballot = ballots.cast_ballot(district_resident, heading, ids(city_cycle, "Speeltuin", "Moestuin", "Zitbanken"))
    assert ballot.total_cost == Decimal("90000")
    assert ballot.choice_count == 3
    assert ballot.channel == Ballot.Channel.ONLINE
    assert ballot.neighbourhood == district_resident.neighbourhood
    assert Notification.objects.filter(recipient=district_resident, kind="budgets.ballot_confirmed").count() == 1


def test_ballot_over_the_amount_is_refused(city_cycle, district_resident):
    heading = city_cycle.headings.get()
    with pytest.raises(BallotError, match="meer dan het budget"):
        ballots.cast_ballot(district_resident, heading, ids(city_cycle, "Speeltuin", "Fietsenstalling", "Moestuin"))
    assert not Ballot.objects.exists()


def test_ballot_exactly_at_the_amount_is_accepted(city_cycle, district_resident):
    heading = city_cycle.headings.get()
    ballot = ballots.cast_ballot(
        district_resident, heading, ids(city_cycle, "Fietsenstalling", "Moestuin", "Zitbanken")
    )
    assert ballot.total_cost == Decimal("100000")


def test_changing_a_ballot_replaces_it_and_the_last_one_counts(city_cycle, district_resident):
    heading = city_cycle.headings.get()
    first = ballots.cast_ballot(district_resident, heading, ids(city_cycle, "Speeltuin"))
    second = ballots.cast_ballot(district_resident, heading, ids(city_cycle, "Moestuin", "Zitbanken"))
    assert first.pk == second.pk
    assert second.revision == 2
    assert Ballot.objects.count() == 1
    assert sorted(BallotChoice.objects.values_list("proposal__title", flat=True)) == ["Moestuin", "Zitbanken"]
    outcome = services.compute(heading)
    votes = {p.project_id: p.votes for p in outcome.projects}
    assert votes[ids(city_cycle, "Speeltuin")[0]] == 0


def test_projects_not_on_the_ballot_are_refused(city_cycle, district_resident):
    heading = city_cycle.headings.get()
    not_feasible = ProposalFactory(heading=heading, status=Proposal.Status.NOT_FEASIBLE, feasibility_note="Kan niet.")
    other = ProposalFactory()
    for choice in ([not_feasible.pk], [other.pk], ["abc"]):
        with pytest.raises(BallotError):
            ballots.cast_ballot(district_resident, heading, choice)


def test_voting_outside_the_voting_phase_is_refused(city_cycle, district_resident):
    cycle = set_phase(city_cycle, "results")
    with pytest.raises(BallotError, match="niet stemmen"):
        ballots.cast_ballot(district_resident, cycle.headings.get(), ids(cycle, "Speeltuin"))


def test_database_allows_one_ballot_per_voter_per_heading(city_cycle, district_resident):
    heading = city_cycle.headings.get()
    ballots.cast_ballot(district_resident, heading, ids(city_cycle, "Speeltuin"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(
            heading=heading, voter=district_resident, total_cost=0, choice_count=0, confirmed_at="2026-01-01T00:00Z"
        )


def test_database_refuses_a_ballot_over_its_amount(city_cycle, district_resident):
    heading = city_cycle.headings.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(
            heading=heading,
            voter=district_resident,
            total_cost=Decimal("100000.01"),
            max_total=heading.amount,
            choice_count=1,
            confirmed_at="2026-01-01T00:00Z",
        )


def test_choose_n_rule_limits_the_number_of_projects(district_resident):
    cycle = CycleFactory(voting_rule="choose_n", max_choices=2)
    heading = HeadingFactory(cycle=cycle, amount=Decimal("50000"))
    projects = [ProposalFactory(heading=heading, estimated_cost=Decimal("40000")).pk for _ in range(3)]
    cycle = set_phase(cycle, "voting")
    heading = cycle.headings.get()
    ballot = ballots.cast_ballot(district_resident, heading, projects[:2])
    assert ballot.total_cost == Decimal("80000")  # more than the amount: allowed under this rule
    with pytest.raises(BallotError, match="hoogstens 2"):
        ballots.cast_ballot(district_resident, heading, projects)


class TestPaperBallots:
    """In a cycle that takes paper ballots (`paper_cycle`). More on identities in test_identity.py."""

    def record(self, cycle, staff, neighbourhood, user=None, number=NATIONAL_NUMBER, year=1985):
        return identify(cycle, staff, neighbourhood, number=number, year=year, user=user)

    def test_staff_enter_a_paper_ballot_and_it_is_audited(self, paper_cycle, civil_servant, neighbourhood):
        record = self.record(paper_cycle, civil_servant, neighbourhood)
        heading = paper_cycle.headings.get()
        ballot = ballots.enter_paper_ballot(civil_servant, heading, record, ids(paper_cycle, "Speeltuin"))
        assert ballot.channel == Ballot.Channel.PAPER
        assert ballot.entered_by == civil_servant
        actions = set(AuditLogEntry.objects.values_list("action", flat=True))
        assert {"budgets.voter_record.create", "budgets.paper_ballot.enter"} <= actions
        assert record.identity_hash != NATIONAL_NUMBER and NATIONAL_NUMBER not in record.identity_hash

    def test_the_same_person_is_recognised_by_the_national_number(self, paper_cycle, civil_servant, neighbourhood):
        first = self.record(paper_cycle, civil_servant, neighbourhood)
        again = self.record(paper_cycle, civil_servant, neighbourhood)
        assert first.pk == again.pk
        heading = paper_cycle.headings.get()
        ballots.enter_paper_ballot(civil_servant, heading, first, ids(paper_cycle, "Speeltuin"))
        ballots.enter_paper_ballot(civil_servant, heading, again, ids(paper_cycle, "Moestuin"))
        assert Ballot.objects.count() == 1
        assert AuditLogEntry.objects.filter(action="budgets.paper_ballot.change").count() == 1

    def test_a_paper_voter_cannot_vote_online(self, paper_cycle, civil_servant, district_resident, neighbourhood):
        record = self.record(paper_cycle, civil_servant, neighbourhood, user=district_resident)
        heading = paper_cycle.headings.get()
        assert can(district_resident, "budgets.vote_in_heading", heading)  # identified: may vote online
        ballots.enter_paper_ballot(civil_servant, heading, record, ids(paper_cycle, "Speeltuin"))
        assert not can(district_resident, "budgets.vote_in_heading", heading)
        with pytest.raises(BallotError):
            ballots.cast_ballot(district_resident, heading, ids(paper_cycle, "Moestuin"))
        assert Ballot.objects.get().channel == Ballot.Channel.PAPER

    def test_an_online_voter_cannot_be_entered_on_paper(
        self, paper_cycle, civil_servant, district_resident, neighbourhood
    ):
        heading = paper_cycle.headings.get()
        record = self.record(paper_cycle, civil_servant, neighbourhood, user=district_resident)
        ballots.cast_ballot(district_resident, heading, ids(paper_cycle, "Speeltuin"))
        # Later, at another service centre, without mentioning the account: the number finds them.
        again = self.record(paper_cycle, civil_servant, neighbourhood)
        assert again.pk == record.pk
        with pytest.raises(BallotError, match="al online gestemd"):
            ballots.enter_paper_ballot(civil_servant, heading, again, ids(paper_cycle, "Moestuin"))
        assert Ballot.objects.get().channel == Ballot.Channel.ONLINE

    def test_paper_voters_follow_the_age_and_residence_rules(
        self, district_cycle, civil_servant, other_neighbourhood, neighbourhood
    ):
        district_cycle.paper_ballots = True
        district_cycle.save()
        heading = district_cycle.headings.get(slug="oost")
        outsider = self.record(district_cycle, civil_servant, other_neighbourhood)
        with pytest.raises(BallotError, match="niet in dit stadsdeel"):
            ballots.enter_paper_ballot(civil_servant, heading, outsider, [heading.proposals.get().pk])
        young = self.record(district_cycle, civil_servant, neighbourhood, number=national_number(2020, 1), year=2020)
        with pytest.raises(BallotError, match="jonger"):
            ballots.enter_paper_ballot(civil_servant, heading, young, [heading.proposals.get().pk])

    def test_residents_cannot_enter_paper_ballots(self, paper_cycle, district_resident, neighbourhood):
        from django.core.exceptions import PermissionDenied

        with pytest.raises(PermissionDenied):
            self.record(paper_cycle, district_resident, neighbourhood)

    def test_no_paper_ballots_in_a_cycle_that_does_not_take_them(self, city_cycle, civil_servant, neighbourhood):
        from django.core.exceptions import PermissionDenied

        assert not can(civil_servant, "budgets.enter_paper_ballot", city_cycle)
        with pytest.raises(PermissionDenied):
            self.record(city_cycle, civil_servant, neighbourhood)


def test_national_number_validation():
    from django.core.exceptions import ValidationError

    from participation.budgets.validators import birth_year_from_national_number, validate_national_number

    assert validate_national_number("85.07.30-033.28") == "85073003328"
    # Born in 2000 or later: the check digit is computed on "2" + the first nine digits.
    assert validate_national_number(national_number(2012, 5)) == national_number(2012, 5)
    assert birth_year_from_national_number("85073003328") == 1985
    assert birth_year_from_national_number(national_number(2012, 5)) == 2012
    with pytest.raises(ValidationError):
        validate_national_number("85073003329")
    with pytest.raises(ValidationError):
        validate_national_number("1234")
