import pytest

from initiatives.models import Initiative
from tests.factories import DepartmentMembershipFactory, NeighbourhoodFactory, UserFactory, enroll_mfa

from .factories import InitiativeFactory, add_co_initiator, in_state


@pytest.fixture
def neighbourhood(db):
    return NeighbourhoodFactory(name="Winterslag 1", slug="winterslag-1")


@pytest.fixture
def moderator(civil_servant):
    """A civil servant of the participation department (with MFA)."""
    return civil_servant


@pytest.fixture
def other_civil_servant(db):
    user = DepartmentMembershipFactory(department__name="Mobiliteit", department__slug="mobiliteit").user
    enroll_mfa(user)
    return user


@pytest.fixture
def initiator(db, neighbourhood):
    return UserFactory(display_name="Annelies Jacobs", neighbourhood=neighbourhood)


@pytest.fixture
def co_initiator(db, neighbourhood):
    return UserFactory(display_name="Mehmet Demir", neighbourhood=neighbourhood)


@pytest.fixture
def supporter(db, neighbourhood):
    """A resident with a verified email and a neighbourhood: may support."""
    return UserFactory(display_name="Jos Vanderhoven", neighbourhood=neighbourhood)


@pytest.fixture
def draft(initiator, co_initiator, neighbourhood) -> Initiative:
    initiative = InitiativeFactory(created_by=initiator, neighbourhood=neighbourhood, title="Repair Café Winterslag")
    add_co_initiator(initiative, co_initiator)
    return initiative


PERSONAS = ["visitor", "resident", "initiator", "co_initiator", "moderator", "other_civil_servant", "admin_user"]


@pytest.fixture
def personas(request, visitor, resident, initiator, co_initiator, moderator, other_civil_servant, admin_user):
    return {
        "visitor": visitor,
        "resident": resident,
        "initiator": initiator,
        "co_initiator": co_initiator,
        "moderator": moderator,
        "other_civil_servant": other_civil_servant,
        "admin_user": admin_user,
    }


@pytest.fixture
def by_state(initiator, co_initiator):
    """One initiative in every state, led by `initiator` with `co_initiator` in the team."""
    neighbourhood = NeighbourhoodFactory()
    initiatives = {}
    for status in Initiative.Status.values:
        initiative = in_state(status, created_by=initiator, neighbourhood=neighbourhood)
        add_co_initiator(initiative, co_initiator)
        initiatives[status] = initiative
    return initiatives
