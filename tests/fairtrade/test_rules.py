"""Every rule of FairTrade town per persona: visitor, resident, organisation representative,
world-citizenship officer, another civil servant, administrator."""

import pytest

from genk.core.permissions import can
from worldcitizenship.fairtrade.models import Evidence, Point, Progress

from .factories import PointFactory

pytestmark = pytest.mark.django_db

PERSONAS = ["visitor", "resident", "representative", "worldcitizenship_officer", "civil_servant", "admin_user"]


def person(request, name):
    return request.getfixturevalue(name)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("visitor", False),
        ("resident", True),  # the applicant
        ("representative", True),  # of the point's organisation
        ("worldcitizenship_officer", True),
        ("civil_servant", False),
        ("admin_user", True),
    ],
)
def test_view_and_withdraw_a_submitted_point(request, persona, expected, submitted, organisation):
    submitted.organisation = organisation
    submitted.save()
    user = person(request, persona)
    assert can(user, "fairtrade.view_point", submitted) is expected
    assert can(user, "fairtrade.withdraw_point", submitted) is expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_everyone_sees_an_approved_point(request, persona, approved):
    assert can(person(request, persona), "fairtrade.view_point", approved)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("visitor", False),
        ("resident", False),
        ("representative", False),
        ("worldcitizenship_officer", True),
        ("civil_servant", False),
        ("admin_user", True),
    ],
)
def test_review_and_manage(request, persona, expected, submitted):
    user = person(request, persona)
    assert can(user, "fairtrade.review_point", submitted) is expected
    assert can(user, "fairtrade.manage_campaign") is expected


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("visitor", False),
        ("resident", True),
        ("representative", True),
        ("worldcitizenship_officer", True),
        ("civil_servant", True),
        ("admin_user", True),
    ],
)
def test_who_registers_a_point(request, persona, expected):
    assert can(person(request, persona), "fairtrade.add_point") is expected


def test_officer_without_mfa_manages_nothing(db):
    from tests.factories import DepartmentMembershipFactory

    user = DepartmentMembershipFactory(department__slug="wereldburgerschap").user
    assert not can(user, "fairtrade.manage_campaign")


def test_another_resident_does_not_see_or_withdraw_someone_elses_point(other_resident, submitted):
    assert not can(other_resident, "fairtrade.view_point", submitted)
    assert not can(other_resident, "fairtrade.withdraw_point", PointFactory(neighbourhood=submitted.neighbourhood))


@pytest.mark.parametrize(
    ("persona", "public", "expected"),
    [
        ("visitor", True, True),
        ("visitor", False, False),
        ("resident", False, False),
        ("civil_servant", False, False),
        ("worldcitizenship_officer", False, True),
        ("admin_user", False, True),
    ],
)
def test_evidence(request, persona, public, expected, criteria):
    from worldcitizenship.fairtrade.services import progress_for

    progress = progress_for(2026)[0]
    evidence = Evidence.objects.create(
        progress=progress, kind="link", title="Besluit", url="https://www.genk.be/", public=public
    )
    assert can(person(request, persona), "fairtrade.view_evidence", evidence) is expected
    assert isinstance(progress, Progress) and Point.Status.APPROVED == "approved"
