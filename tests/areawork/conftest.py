import pytest

from neighbourhoods.models import TeamMembership
from tests.factories import (
    DepartmentMembershipFactory,
    NeighbourhoodFactory,
    TeamMembershipFactory,
    UserFactory,
    enroll_mfa,
)

from .factories import ActionFactory, PlanFactory, PriorityFactory, SignalFactory


@pytest.fixture
def wijk(db):
    return NeighbourhoodFactory(name="Kolderbos", slug="kolderbos", code="TESTKB")


@pytest.fixture
def other_wijk(db):
    return NeighbourhoodFactory(name="Bret", slug="bret", code="TESTBR")


def _member(wijk, role, name):
    membership = TeamMembershipFactory(neighbourhood=wijk, role=role, user=UserFactory(display_name=name))
    DepartmentMembershipFactory(
        user=membership.user, department__name="Gebiedsgerichte werking", department__slug="gebiedsgerichte-werking"
    )
    enroll_mfa(membership.user)
    return membership.user


@pytest.fixture
def director(wijk):
    return _member(wijk, TeamMembership.Role.DIRECTOR, "Wijkregisseur Kolderbos")


@pytest.fixture
def team_member(wijk):
    return _member(wijk, TeamMembership.Role.STREET_WORK, "Straathoekwerker Kolderbos")


@pytest.fixture
def other_team_member(other_wijk):
    return _member(other_wijk, TeamMembership.Role.COMMUNITY_WORK, "Buurtwerker Bret")


@pytest.fixture
def other_director(other_wijk):
    return _member(other_wijk, TeamMembership.Role.DIRECTOR, "Wijkregisseur Bret")


@pytest.fixture
def department_head(db):
    from genk.accounts.models import DepartmentMembership

    user = DepartmentMembershipFactory(
        department__name="Gebiedsgerichte werking",
        department__slug="gebiedsgerichte-werking",
        role=DepartmentMembership.Role.HEAD,
    ).user
    enroll_mfa(user)
    return user


@pytest.fixture
def plan(wijk):
    return PlanFactory(neighbourhood=wijk)


@pytest.fixture
def priority(plan):
    return PriorityFactory(plan=plan)


@pytest.fixture
def action(priority):
    return ActionFactory(priority=priority)


@pytest.fixture
def signal(wijk):
    return SignalFactory(neighbourhood=wijk)


PERSONAS = [
    "visitor",
    "resident",
    "team_member",
    "other_team_member",
    "director",
    "other_director",
    "department_head",
    "admin_user",
]
