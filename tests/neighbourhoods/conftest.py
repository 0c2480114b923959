import pytest

from neighbourhoods.services import load_example_districts, load_neighbourhoods
from tests.factories import DepartmentMembershipFactory, enroll_mfa


@pytest.fixture
def wijken(db):
    """Genk's 31 wijken from the project's data file, grouped in the 8 example districts."""
    load_neighbourhoods()
    load_example_districts()


@pytest.fixture
def place_staff(db):
    """A civil servant (with MFA) of the department that owns the places of BookablePlaceFactory."""
    user = DepartmentMembershipFactory(department__name="Dienstencentra", department__slug="dienstencentra").user
    enroll_mfa(user)
    return user


@pytest.fixture
def place_staff_without_mfa(db):
    return DepartmentMembershipFactory(department__name="Dienstencentra", department__slug="dienstencentra").user
