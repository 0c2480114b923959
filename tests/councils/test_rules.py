"""The permission matrix, per persona: visitor, resident, member, chair, secretary, a member of
another council, a civil servant (not in the council, another department) and an administrator."""

import pytest

from genk.core.permissions import can
from participation.councils.models import Advice, Meeting
from participation.councils.predicates import forget_roles

from .factories import AdviceFactory, AgendaItemFactory, DocumentFactory, MeetingFactory, MinutesFactory

ALL = {"visitor", "resident", "member", "chair", "secretary", "other_council_member", "civil_servant", "admin"}
INSIDERS = {"member", "chair", "secretary", "admin"}
MANAGERS = {"chair", "secretary", "admin"}
MEMBERS = {"member", "chair", "secretary"}  # member-only actions: an administrator is not a member


def check(personas, perm, obj, allowed):
    got = set()
    for name, user in personas.items():
        forget_roles(user)
        if can(user, perm, obj):
            got.add(name)
    assert got == set(allowed), f"{perm}: expected {sorted(allowed)}, got {sorted(got)}"


def test_public_pages_are_for_everyone(personas, council, invited_meeting):
    check(personas, "councils.view_council", council, ALL)
    check(personas, "councils.view_meeting", invited_meeting, ALL)
    check(personas, "councils.view_report", council, ALL)


def test_public_meeting_public_and_confidential_items(personas, invited_meeting):
    public_item, confidential_item = invited_meeting.items.order_by("position")
    check(personas, "councils.view_agenda", invited_meeting, ALL)
    check(personas, "councils.view_agendaitem", public_item, ALL)
    check(personas, "councils.view_agendaitem", confidential_item, INSIDERS)


def test_documents_public_and_confidential(personas, invited_meeting):
    public_item, confidential_item = invited_meeting.items.order_by("position")
    public_doc = public_item.documents.get(is_confidential=False)
    confidential_doc = public_item.documents.get(is_confidential=True)
    doc_on_confidential_item = confidential_item.documents.get()
    check(personas, "councils.download_document", public_doc, ALL)
    check(personas, "councils.download_document", confidential_doc, INSIDERS)
    check(personas, "councils.download_document", doc_on_confidential_item, INSIDERS)


def test_closed_meeting_only_for_members(personas, council, board):
    meeting = MeetingFactory(
        council=council, is_public=False, status=Meeting.Status.INVITED, online_url="https://meet.example.org/raad"
    )
    item = AgendaItemFactory(meeting=meeting)
    document = DocumentFactory(item=item)
    check(personas, "councils.view_agenda", meeting, INSIDERS)
    check(personas, "councils.view_agendaitem", item, INSIDERS)
    check(personas, "councils.download_document", document, INSIDERS)
    check(personas, "councils.view_online_link", meeting, INSIDERS)


def test_draft_agenda_only_for_chair_and_secretary(personas, council, board):
    meeting = MeetingFactory(council=council, status=Meeting.Status.PLANNED)
    item = AgendaItemFactory(meeting=meeting)
    check(personas, "councils.view_agenda", meeting, MANAGERS)
    check(personas, "councils.view_agendaitem", item, MANAGERS)
    check(personas, "councils.download_document", DocumentFactory(item=item), MANAGERS)


def test_managing_is_for_chair_secretary_and_admin(personas, council, invited_meeting):
    check(personas, "councils.manage_council", council, MANAGERS)
    check(personas, "councils.manage_meeting", invited_meeting, MANAGERS)


def test_rsvp_only_for_invited_members_before_the_deadline(personas, invited_meeting):
    # An administrator is not a member: the rule does not name is_administrator.
    check(personas, "councils.rsvp_meeting", invited_meeting, MEMBERS)
    Meeting.objects.filter(pk=invited_meeting.pk).update(rsvp_deadline=invited_meeting.starts_at.replace(year=2000))
    invited_meeting.refresh_from_db()
    check(personas, "councils.rsvp_meeting", invited_meeting, set())


def test_minutes_visibility_through_the_workflow(personas, council, board):
    meeting = MeetingFactory(council=council, status=Meeting.Status.MINUTES_DRAFT)
    MinutesFactory(meeting=meeting)
    check(personas, "councils.view_minutes", meeting, MANAGERS)
    check(personas, "councils.remark_minutes", meeting, set())
    meeting.status = Meeting.Status.MINUTES_REMARKS
    check(personas, "councils.view_minutes", meeting, INSIDERS)
    check(personas, "councils.remark_minutes", meeting, MEMBERS)
    meeting.status = Meeting.Status.MINUTES_APPROVED
    check(personas, "councils.view_minutes", meeting, INSIDERS)
    check(personas, "councils.remark_minutes", meeting, set())
    meeting.status = Meeting.Status.PUBLISHED
    check(personas, "councils.view_minutes", meeting, ALL)
    meeting.is_public = False
    check(personas, "councils.view_minutes", meeting, INSIDERS)


def test_applying_to_join(personas, council):
    check(personas, "councils.apply_council", council, {"resident", "other_council_member", "civil_servant", "admin"})


def test_advice_visibility_and_answer(personas, council, department):
    draft = AdviceFactory(council=council)
    check(personas, "councils.view_advice", draft, INSIDERS)
    check(personas, "councils.change_advice", draft, MANAGERS)
    sent = AdviceFactory(council=council, sent=True)
    check(personas, "councils.view_advice", sent, ALL)
    # The secretary is a civil servant of the supporting department, but a member of the council:
    # the council does not answer its own advice. The civil servant persona works elsewhere.
    check(personas, "councils.answer_advice", sent, {"admin"})


def test_the_department_answers_and_a_named_civil_servant_too(personas, council, handler, civil_servant):
    sent = AdviceFactory(council=council, sent=True)
    assert can(handler, "councils.answer_advice", sent)
    assert not can(civil_servant, "councils.answer_advice", sent)
    named = AdviceFactory(council=council, sent=True, responsible=civil_servant)
    assert can(civil_servant, "councils.answer_advice", named)
    assert can(handler, "councils.answer_advice", named)  # still the council's department


def test_only_civil_servants_request_advice(personas, council):
    check(personas, "councils.request_advice", council, {"secretary", "civil_servant", "admin"})


def test_former_members_see_what_the_public_sees(council, invited_meeting, member):
    from django.utils import timezone

    confidential_item = invited_meeting.items.get(is_confidential=True)
    assert can(member, "councils.view_agendaitem", confidential_item)
    membership = member.council_memberships.get(council=council)
    membership.end = timezone.localdate() - timezone.timedelta(days=1)
    membership.save()
    forget_roles(member)
    assert not can(member, "councils.view_agendaitem", confidential_item)
    assert not can(member, "councils.download_document", confidential_item.documents.get())


@pytest.mark.parametrize("status", [Advice.Status.SENT, Advice.Status.ANSWERED])
def test_public_advice_states(council, visitor, status):
    advice = AdviceFactory(council=council, sent=True)
    advice.status = status
    assert can(visitor, "councils.view_advice", advice)


def test_an_administrator_manages_the_council_but_does_not_act_as_a_member(
    client, admin_user, council, invited_meeting
):
    """The decision in README.md: an administrator passes a council rule only where the rule
    names `is_administrator` (managing councils, members, meetings), never a member's action."""
    from django.core.exceptions import PermissionDenied
    from django.urls import reverse

    from participation.councils import services
    from participation.councils.models import Attendance

    forget_roles(admin_user)
    assert not can(admin_user, "councils.rsvp_meeting", invited_meeting)
    with pytest.raises(PermissionDenied):
        services.rsvp(invited_meeting, admin_user, Attendance.Rsvp.ATTENDING)
    assert can(admin_user, "councils.manage_council", council)
    assert can(admin_user, "councils.manage_meeting", invited_meeting)
    client.force_login(admin_user)
    assert client.get(reverse("councils_staff:council", kwargs={"slug": council.slug})).status_code == 200
    assert client.get(reverse("councils_staff:meeting", kwargs={"pk": invited_meeting.pk})).status_code == 200


def test_civil_servants_without_mfa_neither_answer_nor_request_advice(council, department):
    """Issue 16: a staff right needs two-factor authentication (a password alone does not do)."""
    from tests.factories import DepartmentMembershipFactory

    without_mfa = DepartmentMembershipFactory(department=department).user
    sent = AdviceFactory(council=council, sent=True)
    named = AdviceFactory(council=council, sent=True, responsible=without_mfa)
    assert not can(without_mfa, "councils.answer_advice", sent)
    assert not can(without_mfa, "councils.answer_advice", named)
    assert not can(without_mfa, "councils.request_advice", council)
