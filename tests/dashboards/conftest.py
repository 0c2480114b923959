import pytest

from neighbourhoods.models import Neighbourhood, TeamMembership
from neighbourhoods.services import load_example_districts, load_neighbourhoods
from tests.factories import DepartmentMembershipFactory, TeamMembershipFactory, UserFactory, enroll_mfa


@pytest.fixture
def wijken(db):
    """Genk's 31 wijken from the project's data file, grouped in the 8 example districts."""
    load_neighbourhoods()
    load_example_districts()
    return list(Neighbourhood.objects.order_by("name"))


@pytest.fixture
def wijk(wijken):
    return Neighbourhood.objects.get(code="71016W24")  # Oud-Winterslag


@pytest.fixture
def other_wijk(wijken):
    return Neighbourhood.objects.get(code="71016W06")  # Genk-Centrum


@pytest.fixture
def director(wijk):
    membership = TeamMembershipFactory(neighbourhood=wijk, role=TeamMembership.Role.DIRECTOR)
    enroll_mfa(membership.user)
    return membership.user


@pytest.fixture
def team_member(wijk):
    return TeamMembershipFactory(neighbourhood=wijk, role=TeamMembership.Role.COMMUNITY_WORK).user


@pytest.fixture
def team_member_elsewhere(other_wijk):
    return TeamMembershipFactory(neighbourhood=other_wijk, role=TeamMembership.Role.STREET_WORK).user


@pytest.fixture
def department_head(db):
    """The head (with MFA) of the area-work department: a manager of the area-based work."""
    user = DepartmentMembershipFactory(
        department__name="Gebiedsgerichte werking",
        department__slug="gebiedsgerichte-werking",
        role="head",
    ).user
    enroll_mfa(user)
    return user


@pytest.fixture
def other_department_head(db):
    user = DepartmentMembershipFactory(department__name="Cultuur", department__slug="cultuur", role="head").user
    enroll_mfa(user)
    return user


@pytest.fixture
def residents_of(db):
    def make(wijk, count, **extra):
        return [UserFactory(neighbourhood=wijk, **extra) for _i in range(count)]

    return make
