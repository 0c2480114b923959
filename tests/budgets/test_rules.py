"""The permission matrix: each persona, before, during and after each phase.

Checked with `rules.can` (the rule itself): `user.has_perm` says yes to superusers for
everything, and the app never relies on it for phase or eligibility decisions.

A per-district cycle (only residents of the district propose and vote there) and its
heading "Oost", where `district_resident` lives."""

import pytest

from genk.core.permissions import can
from participation.budgets.models import Proposal, VoterRecord
from tests.factories import UserFactory

from .factories import ProposalFactory, set_phase

pytestmark = pytest.mark.django_db

PHASES = ["announced", "proposals", "review", "voting", "results", "implementation"]
PERSONAS = ["visitor", "district_resident", "other_district_resident", "too_young", "civil_servant", "admin_user"]
STAFF = {"civil_servant", "admin_user"}

# perm -> (object, personas allowed, phases allowed)
EXPECTED = {
    "budgets.view_cycle": ("cycle", set(PERSONAS), set(PHASES)),
    "budgets.add_proposal": ("heading", {"district_resident"}, {"proposals"}),
    "budgets.change_proposal": ("own_proposal", {"district_resident"}, {"proposals"}),
    "budgets.withdraw_proposal": ("own_proposal", {"district_resident"}, {"proposals"}),
    "budgets.review_proposal": ("own_proposal", STAFF, {"proposals", "review"}),
    "budgets.vote_in_heading": ("heading", {"district_resident"}, {"voting"}),
    "budgets.enter_paper_ballot": ("cycle", STAFF, {"voting"}),
    "budgets.publish_results": ("cycle", STAFF, {"results", "implementation"}),
    "budgets.view_results": ("cycle", set(), set()),  # nothing published yet: see below
    "budgets.post_update": ("selected_proposal", STAFF, {"implementation"}),
    "budgets.manage_cycle": ("cycle", STAFF, set(PHASES)),
    "budgets.export_cycle": ("cycle", STAFF, set(PHASES)),
}


@pytest.fixture
def objects(district_cycle, district_resident):
    heading = district_cycle.headings.get(slug="oost")
    own = ProposalFactory(heading=heading, author=district_resident, status=Proposal.Status.SUBMITTED)
    selected = ProposalFactory(heading=heading, status=Proposal.Status.SELECTED)
    return {"heading": heading, "own_proposal": own, "selected_proposal": selected}


@pytest.mark.parametrize("paper", [False, True], ids=["online-only", "with-paper"])
@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_matrix(request, district_cycle, objects, phase, persona, paper, district_resident, neighbourhood):
    """With paper ballots, `district_resident` has had their identity checked (a linked record);
    test_identity.py covers residents who have not."""
    user = request.getfixturevalue(persona)
    if paper:
        district_cycle.paper_ballots = True
        district_cycle.save(update_fields=["paper_ballots"])
        VoterRecord.objects.create(
            cycle=district_cycle,
            user=district_resident,
            identity_hash="0" * 64,
            label="F. Y.",
            year_of_birth=1988,
            neighbourhood=neighbourhood,
            document=VoterRecord.Document.EID,
            verified_by=UserFactory(),
        )
    cycle = set_phase(district_cycle, phase)
    targets = {"cycle": cycle}
    for name, obj in objects.items():
        obj = type(obj).objects.get(pk=obj.pk)
        obj.cycle = cycle
        targets[name] = obj
    actual = {perm: can(user, perm, targets[target]) for perm, (target, _p, _f) in EXPECTED.items()}
    expected = {perm: persona in who and phase in when for perm, (_t, who, when) in EXPECTED.items()}
    if not paper:
        expected["budgets.enter_paper_ballot"] = False  # the cycle takes no paper ballots
    assert actual == expected


@pytest.mark.parametrize("phase", ["results", "implementation"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_published_results_are_visible_to_everyone(request, district_cycle, phase, persona):
    from django.utils import timezone

    user = request.getfixturevalue(persona)
    district_cycle.results_published_at = timezone.now()
    district_cycle.save()
    cycle = set_phase(district_cycle, phase)
    assert can(user, "budgets.view_results", cycle)
    # Published once: publishing again is not possible, overriding is (staff).
    assert not can(user, "budgets.publish_results", cycle)
    assert can(user, "budgets.override_result", cycle) == (persona in STAFF)


def test_staff_without_mfa_may_do_nothing(district_cycle, civil_servant_without_mfa):
    district_cycle.paper_ballots = True
    district_cycle.save()
    cycle = set_phase(district_cycle, "voting")
    assert not can(civil_servant_without_mfa, "budgets.enter_paper_ballot", cycle)
    assert not can(civil_servant_without_mfa, "budgets.manage_cycle", cycle)


def test_unpublished_cycle_is_for_staff_only(district_cycle, district_resident, civil_servant):
    district_cycle.is_published = False
    district_cycle.save()
    cycle = set_phase(district_cycle, "voting")
    assert not can(district_resident, "budgets.view_cycle", cycle)
    assert not can(district_resident, "budgets.vote_in_heading", cycle.headings.get(slug="oost"))
    assert can(civil_servant, "budgets.view_cycle", cycle)


def test_unverified_email_may_not_vote(district_cycle, neighbourhood):
    from tests.factories import UserFactory

    user = UserFactory(neighbourhood=neighbourhood, verified=False)
    assert not can(user, "budgets.vote_in_heading", district_cycle.headings.get(slug="oost"))


def test_verified_residence_rule(district_cycle, district_resident, civil_servant):
    from django.utils import timezone

    district_cycle.require_verified_residence = True
    district_cycle.save()
    cycle = set_phase(district_cycle, "voting")
    heading = cycle.headings.get(slug="oost")
    assert not can(district_resident, "budgets.vote_in_heading", heading)
    district_resident.residency_verified_at = timezone.now()
    district_resident.save()
    district_resident._budgets_verified_email = None
    assert can(district_resident, "budgets.vote_in_heading", heading)


def test_city_wide_cycle_lets_residents_of_any_district_vote(
    city_cycle, district_resident, other_district_resident, too_young
):
    heading = city_cycle.headings.get()
    assert can(district_resident, "budgets.vote_in_heading", heading)
    assert can(other_district_resident, "budgets.vote_in_heading", heading)
    assert not can(too_young, "budgets.vote_in_heading", heading)


def test_a_superuser_is_refused_a_residents_vote_and_allowed_the_staff_work(district_cycle, admin_user):
    """An administrator passes a rule only where the rule names administrators or staff: being a
    superuser does not make them a resident of the district."""
    from participation.budgets import ballots
    from participation.budgets.ballots import BallotError

    cycle = set_phase(district_cycle, "voting")
    heading = cycle.headings.get(slug="oost")
    assert not can(admin_user, "budgets.vote_in_heading", heading)
    with pytest.raises(BallotError):
        ballots.cast_ballot(admin_user, heading, [])
    assert can(admin_user, "budgets.manage_cycle", cycle)
    assert can(admin_user, "budgets.enter_paper_ballot", cycle) is cycle.paper_ballots
