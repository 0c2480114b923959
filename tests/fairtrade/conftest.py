import pytest

from tests.factories import NeighbourhoodFactory, OrganisationFactory, OrganisationMembershipFactory
from tests.neighbourhoods.factories import square
from tests.worldcitizenship.conftest import rendered  # noqa: F401  (a fixture)
from worldcitizenship.fairtrade.models import Point
from worldcitizenship.fairtrade.services import load_criteria

from .factories import PointFactory


@pytest.fixture
def wijk(db):
    return NeighbourhoodFactory(code="FT-W", slug="ft-wijk", name="Winterslag", boundary=square(), population=30000)


@pytest.fixture
def other_wijk(db):
    return NeighbourhoodFactory(
        code="FT-Z", slug="zwartberg", name="Zwartberg", boundary=square(5.51, 50.96), population=20000
    )


@pytest.fixture
def criteria(db):
    load_criteria()


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Jeugdbeweging Sint-Jan", slug="jb-sint-jan")


@pytest.fixture
def representative(organisation):
    return OrganisationMembershipFactory(organisation=organisation).user


@pytest.fixture
def submitted(wijk, resident):
    return PointFactory(
        neighbourhood=wijk,
        applicant=resident,
        status=Point.Status.SUBMITTED,
        approved_at=None,
        name="Koffiebar De Bonen",
    )


@pytest.fixture
def approved(wijk, resident):
    return PointFactory(neighbourhood=wijk, applicant=resident, name="Wereldwinkel Genk")
