import pytest

from genk.accounts.models import DepartmentMembership
from tests.factories import DepartmentFactory, UserFactory

from .factories import SchemeFactory, SubsidyFileFactory, add_co_applicant, department_member


@pytest.fixture
def scheme(db):
    """A scheme of the participation department (the `civil_servant` persona handles it)."""
    return SchemeFactory(name="Wijkbudget", slug="wijkbudget")


@pytest.fixture
def applicant(db):
    return UserFactory(display_name="Annelies Jacobs")


@pytest.fixture
def co_applicant(db):
    return UserFactory(display_name="Mehmet Demir")


@pytest.fixture
def handler(scheme):
    """Another member of the scheme's department, with MFA."""
    return department_member(scheme.department, display_name="Hanne Handler")


@pytest.fixture
def assessor(db):
    """A civil servant of another department, asked to assess (with MFA)."""
    department = DepartmentFactory(name="Cultuur", slug="cultuur")
    return department_member(department, display_name="Bart Beoordelaar")


@pytest.fixture
def decision_maker(db):
    """A member of the city secretary's office: records the college's decisions (with MFA)."""
    department = DepartmentFactory(name="Secretariaat", slug="secretariaat")
    return department_member(department, display_name="Sara Secretariaat")


@pytest.fixture
def department_head(scheme):
    return department_member(scheme.department, role=DepartmentMembership.Role.HEAD, display_name="Dirk Diensthoofd")


@pytest.fixture
def group_file(scheme, applicant, co_applicant):
    file = SubsidyFileFactory(scheme=scheme, applicant=applicant, title="Speelstraat Zwartberg")
    add_co_applicant(file, user=co_applicant, address="Kolenstraat 3")
    return file
