"""Who may do what with language buddies, per persona (`can`, never `user.has_perm`)."""

import pytest

from genk.core.permissions import can
from volunteers.buddies.models import Meeting, Pair

from .factories import LearnerFactory, PairFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

PERSONAS = [
    "visitor",
    "resident",
    "learner_user",
    "buddy_user",
    "other_party",
    "coordinator",
    "other_coordinator",
    "desk_staff",
    "admin_user",
]
COORDINATES = {"coordinator", "desk_staff", "admin_user"}


@pytest.fixture
def other_party(programme):
    """The learner of another pair in the same programme: a party, but not of this pair."""
    return PairFactory(opportunity=programme).learner.user


@pytest.fixture
def people(request):
    return {name: request.getfixturevalue(name) for name in PERSONAS}


@pytest.fixture
def pair(programme, learner, buddy):
    return Pair.objects.create(opportunity=programme, learner=learner, buddy=buddy)


def set_status(pair, status):
    Pair.objects.filter(pk=pair.pk).update(status=status)
    pair.refresh_from_db()


@pytest.mark.parametrize("persona", PERSONAS)
def test_programme_rules(people, programme, persona):
    user = people[persona]
    assert can(user, "buddies.register", programme) == (persona != "visitor")
    assert can(user, "buddies.coordinate", programme) == (persona in COORDINATES)
    assert can(user, "buddies.propose_pair", programme) == (persona in COORDINATES)
    closed = ProgrammeFactory(organisation=programme.organisation, status="closed")
    assert not can(user, "buddies.register", closed)


@pytest.mark.parametrize("persona", PERSONAS)
def test_pair_rules(people, pair, persona):
    user = people[persona]
    parties = {"learner_user", "buddy_user"}
    assert can(user, "buddies.view_pair", pair) == (persona in parties | COORDINATES)
    assert can(user, "buddies.accept_as_learner", pair) == (persona == "learner_user")
    assert can(user, "buddies.accept_as_buddy", pair) == (persona == "buddy_user")
    assert can(user, "buddies.decline_pair", pair) == (persona in parties)
    assert can(user, "buddies.end_pair", pair) == (persona in parties | COORDINATES)
    assert can(user, "buddies.log_meeting", pair) == (persona in parties)
    meeting = Meeting(pair=pair, date="2026-01-01", minutes=60)
    assert can(user, "buddies.approve_meeting", meeting) == (persona in COORDINATES)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_learners_level_and_availability(people, programme, learner, buddy, persona):
    """Seen by the learner and the coordinators; by a buddy only once proposed to them."""
    user = people[persona]
    before = {"learner_user"} | COORDINATES
    assert can(user, "buddies.view_learner", learner) == (persona in before)
    pair = Pair.objects.create(opportunity=programme, learner=learner, buddy=buddy)
    assert can(user, "buddies.view_learner", learner) == (persona in before | {"buddy_user"})
    set_status(pair, Pair.Status.DECLINED)
    assert can(user, "buddies.view_learner", learner) == (persona in before)


@pytest.mark.parametrize("persona", PERSONAS)
def test_withdraw_registration(people, learner, persona):
    user = people[persona]
    assert can(user, "buddies.withdraw_registration", learner) == (persona in {"learner_user"} | COORDINATES)


def test_a_coordinator_of_another_programme_sees_nothing_of_this_one(other_coordinator, programme):
    learner = LearnerFactory(opportunity=programme)
    assert not can(other_coordinator, "buddies.view_learner", learner)
    assert not can(other_coordinator, "buddies.coordinate", programme)
