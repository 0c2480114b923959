import pytest

from tests.factories import DepartmentMembershipFactory, OrganisationFactory, UserFactory, enroll_mfa

from .factories import NoticeFactory, OpportunityFactory, ShiftFactory, coordinator_of


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Buurtwerk Sledderlo", slug="buurtwerk-sledderlo")


@pytest.fixture
def notice(organisation):
    return NoticeFactory(organisation=organisation)


@pytest.fixture
def opportunity(organisation, notice):
    return OpportunityFactory(organisation=organisation, title="Soepbedeling in het buurthuis")


@pytest.fixture
def shift(opportunity):
    return ShiftFactory(opportunity=opportunity, capacity=2)


@pytest.fixture
def coordinator(organisation):
    return coordinator_of(organisation)


@pytest.fixture
def other_coordinator(db):
    return coordinator_of(OrganisationFactory(name="Andere vereniging"))


@pytest.fixture
def desk_staff(db):
    user = DepartmentMembershipFactory(department__name="Vrijwilligerspunt", department__slug="vrijwilligerspunt").user
    enroll_mfa(user)
    return user


@pytest.fixture
def volunteer(db):
    return UserFactory(display_name="Ayse Vrijwilliger")
