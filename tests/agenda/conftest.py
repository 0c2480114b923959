import pytest

from tests.factories import (
    DepartmentFactory,
    DepartmentMembershipFactory,
    NeighbourhoodFactory,
    OrganisationFactory,
    OrganisationMembershipFactory,
    TeamMembershipFactory,
    UserFactory,
    enroll_mfa,
)

from .factories import ActivityFactory


@pytest.fixture
def wijk(db):
    return NeighbourhoodFactory(name="Winterslag", slug="winterslag", code="T-WS")


@pytest.fixture
def culture(db):
    return DepartmentFactory(name="Cultuur", slug="cultuur")


@pytest.fixture
def organising_servant(culture):
    """A civil servant (with MFA) of the department that organises `activity`."""
    user = DepartmentMembershipFactory(department=culture).user
    enroll_mfa(user)
    return user


@pytest.fixture
def organising_servant_without_mfa(culture):
    return DepartmentMembershipFactory(department=culture).user


@pytest.fixture
def reviewer(db):
    user = DepartmentMembershipFactory(department__name="Participatie", department__slug="participatie").user
    enroll_mfa(user)
    return user


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Buurtvereniging Winterslag", slug="bv-winterslag")


@pytest.fixture
def rep(organisation):
    return OrganisationMembershipFactory(organisation=organisation).user


@pytest.fixture
def team_member(wijk):
    return TeamMembershipFactory(neighbourhood=wijk).user


@pytest.fixture
def activity(culture, wijk):
    return ActivityFactory(department=culture, neighbourhood=wijk, title="Voorleesuur in de bib")


@pytest.fixture
def people(db):
    def make(n):
        return [UserFactory() for _ in range(n)]

    return make
