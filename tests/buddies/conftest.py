import pytest

from tests.factories import UserFactory
from tests.volunteers.conftest import coordinator, desk_staff, notice, organisation, other_coordinator  # noqa: F401

from .factories import BuddyFactory, LearnerFactory, ProgrammeFactory


@pytest.fixture
def programme(organisation, notice):  # noqa: F811
    return ProgrammeFactory(organisation=organisation, title="Taalmaatjes Winterslag")


@pytest.fixture
def learner_user(db):
    return UserFactory(display_name="Amina Leerder")


@pytest.fixture
def buddy_user(db):
    return UserFactory(display_name="Jan Maatje")


@pytest.fixture
def learner(programme, learner_user):
    return LearnerFactory(opportunity=programme, user=learner_user)


@pytest.fixture
def buddy(programme, buddy_user):
    return BuddyFactory(opportunity=programme, user=buddy_user)
