"""The permission matrix: every rule of agenda/rules.py, per persona.

Personas: visitor, resident, the organisation's representative, a member of the wijk's
area team, a civil servant (MFA) of the organising department, one of another department,
the organising department's civil servant without MFA, the reviewer (Participatie, MFA),
an administrator."""

import pytest

from genk.core.permissions import can
from neighbourhoods.agenda.models import Activity
from tests.factories import DepartmentMembershipFactory, enroll_mfa

from .factories import ActivityFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

PERSONAS = [
    "visitor",
    "resident",
    "rep",
    "team_member",
    "organising_servant",
    "other_servant",
    "organising_servant_without_mfa",
    "reviewer",
    "admin_user",
]


@pytest.fixture
def other_servant(db):
    user = DepartmentMembershipFactory(department__name="Sport", department__slug="sport").user
    enroll_mfa(user)
    return user


@pytest.fixture
def city_draft(culture, wijk):
    return ActivityFactory(department=culture, neighbourhood=wijk, status=Activity.Status.DRAFT, published_at=None)


@pytest.fixture
def team_draft(wijk):
    return ActivityFactory(
        organiser_kind=Activity.OrganiserKind.AREA_TEAM,
        department=None,
        team_neighbourhood=wijk,
        status=Activity.Status.DRAFT,
        published_at=None,
    )


@pytest.fixture
def organisation_draft(organisation):
    return ActivityFactory(
        organiser_kind=Activity.OrganiserKind.ORGANISATION,
        department=None,
        organisation=organisation,
        status=Activity.Status.DRAFT,
        published_at=None,
    )


def who(request, perm, obj) -> set[str]:
    return {p for p in PERSONAS if can(request.getfixturevalue(p), perm, obj)}


def test_view_a_published_activity(request, activity):
    assert who(request, "agenda.view_activity", activity) == set(PERSONAS)


def test_view_a_draft(request, city_draft):
    assert who(request, "agenda.view_activity", city_draft) == {"organising_servant", "reviewer", "admin_user"}


def test_add_activity(request):
    assert who(request, "agenda.add_activity", None) == {
        "rep",
        "team_member",
        "organising_servant",
        "other_servant",
        "reviewer",
        "admin_user",
    }


def test_change_and_publish_a_city_activity(request, city_draft):
    expected = {"organising_servant", "admin_user"}
    assert who(request, "agenda.change_activity", city_draft) == expected
    assert who(request, "agenda.publish_activity", city_draft) == expected


def test_change_and_publish_an_area_team_activity(request, team_draft):
    expected = {"team_member", "admin_user"}
    assert who(request, "agenda.change_activity", team_draft) == expected
    assert who(request, "agenda.publish_activity", team_draft) == expected


def test_an_organisation_publishes_itself_only_after_its_first_activity(request, organisation_draft, organisation):
    assert who(request, "agenda.change_activity", organisation_draft) == {"rep", "admin_user"}
    assert who(request, "agenda.publish_activity", organisation_draft) == {"admin_user"}
    ActivityFactory(
        organiser_kind=Activity.OrganiserKind.ORGANISATION, department=None, organisation=organisation
    )  # published before
    assert who(request, "agenda.publish_activity", organisation_draft) == {"rep", "admin_user"}


def test_review(request, organisation_draft):
    assert who(request, "agenda.review_activity", organisation_draft) == {"reviewer", "admin_user"}


def test_manage_registrations_and_attendance(request, activity):
    expected = {"organising_servant", "admin_user"}
    assert who(request, "agenda.manage_registration", activity) == expected
    registration = RegistrationFactory(activity=activity)
    assert who(request, "agenda.attend_registration", registration) == expected


def test_cancel_a_registration(request, activity, resident):
    registration = RegistrationFactory(activity=activity, user=resident)
    assert who(request, "agenda.cancel_registration", registration) == {"resident", "organising_servant", "admin_user"}


def test_register(request, activity):
    assert who(request, "agenda.add_registration", activity) == set(PERSONAS) - {"visitor"}
