"""Fixtures for the councils: one council with a chair, a secretary (a civil servant with MFA)
and members, and meetings in the states the tests need."""

from datetime import timedelta

import pytest
from django.utils import timezone

from participation.councils.models import CouncilMembership, Meeting
from tests.factories import CouncilFactory, DepartmentFactory, DepartmentMembershipFactory, UserFactory, enroll_mfa

from .factories import AgendaItemFactory, DocumentFactory, MeetingFactory, MembershipFactory

Role = CouncilMembership.Role


@pytest.fixture
def department(db):
    return DepartmentFactory(name="Welzijn en Zorg", slug="welzijn")


@pytest.fixture
def council(db, department):
    return CouncilFactory(
        name="Seniorenraad",
        slug="seniorenraad",
        department=department,
        email="seniorenraad@genk.be",
        mission="Advies over alles wat senioren aanbelangt.",
    )


@pytest.fixture
def chair(council):
    return MembershipFactory(council=council, role=Role.CHAIR, user=UserFactory(display_name="Maria Voorzitter")).user


@pytest.fixture
def secretary(council, department):
    user = UserFactory(display_name="Sofie Secretaris")
    DepartmentMembershipFactory(user=user, department=department)
    enroll_mfa(user)
    MembershipFactory(council=council, role=Role.SECRETARY, user=user)
    return user


@pytest.fixture
def member(council):
    return MembershipFactory(council=council, role=Role.MEMBER, user=UserFactory(display_name="Giuseppe Lid")).user


@pytest.fixture
def other_member(council):
    return MembershipFactory(council=council, role=Role.MEMBER, user=UserFactory(display_name="Hasan Lid")).user


@pytest.fixture
def other_council_member(council_member):
    """A member of another council (the persona from the root conftest)."""
    return council_member


@pytest.fixture
def handler(department):
    """A civil servant of the department that answers the council's advice."""
    user = UserFactory(display_name="Ilse Beleid")
    DepartmentMembershipFactory(user=user, department=department)
    enroll_mfa(user)
    return user


@pytest.fixture
def board(chair, secretary, member, other_member):
    """Chair, secretary and two members: three voting members (quorum 2 at 50%)."""
    return {"chair": chair, "secretary": secretary, "member": member, "other_member": other_member}


@pytest.fixture
def invited_meeting(council, board):
    """A public meeting in two weeks, invited, with a public item (public document and a
    confidential document) and a confidential item (with a document)."""
    meeting = MeetingFactory(council=council, status=Meeting.Status.INVITED, invitations_sent_at=timezone.now())
    public_item = AgendaItemFactory(meeting=meeting, position=1, title="Zitbanken op de wandelroutes")
    confidential_item = AgendaItemFactory(
        meeting=meeting, position=2, title="Kandidaturen: persoonlijke gegevens", is_confidential=True
    )
    DocumentFactory(item=public_item, title="Publieke nota zitbanken")
    DocumentFactory(item=public_item, title="Offerte leverancier", is_confidential=True)
    DocumentFactory(item=confidential_item, title="Lijst van kandidaten")
    from participation.councils.services import sync_attendances

    sync_attendances(meeting)
    return meeting


@pytest.fixture
def past_meeting(council, board):
    """A meeting that started an hour ago, invitations sent, everyone invited."""
    start = timezone.now().replace(microsecond=0) - timedelta(hours=1)
    meeting = MeetingFactory(
        council=council,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        rsvp_deadline=start - timedelta(days=2),
        status=Meeting.Status.INVITED,
        invitations_sent_at=start - timedelta(days=10),
    )
    AgendaItemFactory(meeting=meeting, position=1, title="Digitale zitdagen")
    AgendaItemFactory(meeting=meeting, position=2, title="Week van de senior", purpose="information")
    from participation.councils.services import sync_attendances

    sync_attendances(meeting)
    return meeting


@pytest.fixture
def personas(visitor, resident, member, chair, secretary, other_council_member, civil_servant, admin_user):
    return {
        "visitor": visitor,
        "resident": resident,
        "member": member,
        "chair": chair,
        "secretary": secretary,
        "other_council_member": other_council_member,
        "civil_servant": civil_servant,
        "admin": admin_user,
    }
