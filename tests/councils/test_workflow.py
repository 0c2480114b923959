"""The workflows: each transition checks permission and state, is atomic, audited, and notifies on commit."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from genk.core.models import AuditLogEntry, Notification
from genk.core.refusals import NotAllowed
from participation.councils import services, workflow
from participation.councils.models import (
    Advice,
    AdviceRequest,
    Attendance,
    CouncilMembership,
    Meeting,
    MembershipApplication,
    Vote,
)

from .factories import AdviceFactory, AdviceRequestFactory, AgendaItemFactory, MeetingFactory


def actions(obj):
    from django.contrib.contenttypes.models import ContentType

    return list(
        AuditLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_transition_table_is_complete():
    sources = {s for t in workflow.MEETING for s in t.sources}
    targets = {t.target for t in workflow.MEETING}
    assert targets | {Meeting.Status.PLANNED} == set(Meeting.Status.values)
    assert Meeting.Status.CANCELLED not in sources and Meeting.Status.PUBLISHED not in sources
    assert {t.target for t in workflow.ADVICE} | {"draft"} == set(Advice.Status.values)


def test_meeting_lifecycle_from_plan_to_published(
    council, board, secretary, member, other_member, chair, django_capture_on_commit_callbacks
):
    start = timezone.now().replace(microsecond=0) + timedelta(days=10)
    meeting = services.plan_meeting(
        council, secretary, starts_at=start, ends_at=start + timedelta(hours=2), location="Raadzaal", title=""
    )
    assert meeting.status == Meeting.Status.PLANNED
    assert meeting.rsvp_deadline == start - timedelta(days=council.rsvp_days)
    with pytest.raises(NotAllowed, match="minstens één punt"):
        workflow.invite(meeting, secretary)
    item = services.add_item(
        meeting, secretary, title="Zitbanken", purpose="decision", description="", is_confidential=False
    )

    with django_capture_on_commit_callbacks(execute=True):
        meeting = workflow.invite(meeting, secretary)
    assert meeting.status == Meeting.Status.INVITED
    assert set(meeting.attendances.values_list("user_id", flat=True)) == {
        chair.pk,
        secretary.pk,
        member.pk,
        other_member.pk,
    }
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in (chair, secretary, member, other_member))
    assert not meeting.attendances.get(user=secretary).has_vote

    services.rsvp(meeting, member, Attendance.Rsvp.ATTENDING)
    assert meeting.attendances.get(user=member).rsvp == "attending"

    # The meeting takes place: move it to the past (as time would).
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(hours=1),
        ends_at=timezone.now() + timedelta(hours=1),
        rsvp_deadline=timezone.now() - timedelta(days=1),
    )
    meeting.refresh_from_db()
    rows = {a.user_id: a.pk for a in meeting.attendances.all()}
    services.record_attendance(
        meeting,
        secretary,
        {
            rows[chair.pk]: "present",
            rows[member.pk]: "present",
            rows[other_member.pk]: "excused",
            rows[secretary.pk]: "present",
        },
    )
    summary = meeting.attendance_summary()
    assert (summary.voting, summary.voting_present, summary.required, summary.quorum_reached) == (3, 2, 2, True)
    vote = services.record_vote(
        item, secretary, motion="Advies zitbanken", is_secret=False, ballots={chair.pk: "for", member.pk: "against"}
    )
    assert (vote.votes_for, vote.votes_against, vote.result) == (1, 1, Vote.Result.REJECTED)
    vote = services.record_vote(item, chair, motion="Advies zitbanken (bis)", is_secret=True, counts=(2, 0, 0))
    assert vote.result == Vote.Result.ADOPTED and not vote.ballots.exists()

    meeting = workflow.hold(meeting, secretary)
    meeting = workflow.start_minutes(meeting, secretary)
    services.save_minutes(
        meeting,
        secretary,
        introduction="Welkom.",
        closing="Slot.",
        items={item.pk: {"notes": "Besproken.", "decision": "Goedgekeurd."}},
    )
    item.refresh_from_db()
    assert item.notes == "Besproken." and item.decision == "Goedgekeurd."

    with django_capture_on_commit_callbacks(execute=True):
        meeting = workflow.send_minutes(meeting, secretary)
    assert meeting.status == Meeting.Status.MINUTES_REMARKS
    assert Notification.objects.filter(kind="councils.minutes_for_remarks").count() == 4
    with django_capture_on_commit_callbacks(execute=True):
        remark = services.add_remark(meeting, member, "Punt 1: ook de wandelroute in Zwartberg.")
    assert Notification.objects.filter(kind="councils.remark_added", recipient=secretary).exists()
    services.respond_to_remark(remark, secretary, "Aangepast.")
    meeting = workflow.reopen_minutes(meeting, secretary)
    with django_capture_on_commit_callbacks(execute=True):
        meeting = workflow.send_minutes(meeting, secretary)
    next_meeting = MeetingFactory(
        council=council, starts_at=timezone.now() + timedelta(days=30), status=Meeting.Status.INVITED
    )
    meeting = workflow.approve_minutes(meeting, chair, approved_in=next_meeting)
    assert meeting.minutes.approved_in == next_meeting
    meeting = workflow.publish_minutes(meeting, secretary)
    assert meeting.status == Meeting.Status.PUBLISHED and meeting.minutes.published_at
    assert actions(meeting) == [
        "councils.meeting.planned",
        "councils.meeting.invited",
        "councils.meeting.attendance",
        "councils.meeting.held",
        "councils.minutes.started",
        "councils.minutes.sent_for_remarks",
        "councils.minutes.reopened",
        "councils.minutes.sent_for_remarks",
        "councils.minutes.approved",
        "councils.minutes.published",
    ]


def test_transitions_check_state(secretary, invited_meeting):
    with pytest.raises(NotAllowed, match="status is nu"):
        workflow.publish_minutes(invited_meeting, secretary)
    with pytest.raises(NotAllowed, match="nog niet begonnen"):
        workflow.hold(invited_meeting, secretary)


def test_transitions_check_permission(member, other_council_member, invited_meeting):
    for user in (member, other_council_member):
        with pytest.raises(PermissionDenied):
            workflow.cancel(invited_meeting, user, "x")
    invited_meeting.refresh_from_db()
    assert invited_meeting.status == Meeting.Status.INVITED


def test_invite_needs_a_place_or_link(council, secretary):
    meeting = MeetingFactory(council=council, location="")
    AgendaItemFactory(meeting=meeting)
    with pytest.raises(NotAllowed, match="plaats of een link"):
        workflow.invite(meeting, secretary)


def test_cancel_planned_meeting_sends_nothing(council, secretary, board, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(council=council)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.cancel(meeting, secretary, "Geen agenda.")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED and meeting.cancelled_reason == "Geen agenda."
    assert mail.outbox == []


def test_vote_needs_quorum(secretary, chair, past_meeting):
    item = past_meeting.items.get(position=1)
    rows = {a.user_id: a.pk for a in past_meeting.attendances.all()}
    services.record_attendance(past_meeting, secretary, {rows[chair.pk]: "present"})
    with pytest.raises(NotAllowed, match="quorum is niet bereikt"):
        services.record_vote(item, secretary, motion="X", is_secret=True, counts=(1, 0, 0))
    assert not Vote.objects.exists()


def test_vote_rules(secretary, chair, member, other_member, past_meeting):
    rows = {a.user_id: a.pk for a in past_meeting.attendances.all()}
    services.record_attendance(past_meeting, secretary, {rows[chair.pk]: "present", rows[member.pk]: "present"})
    item, info = past_meeting.items.order_by("position")
    with pytest.raises(NotAllowed, match="ter beslissing"):
        services.record_vote(info, secretary, motion="X", is_secret=True, counts=(1, 0, 0))
    with pytest.raises(NotAllowed, match="meer stemmen"):
        services.record_vote(item, secretary, motion="X", is_secret=True, counts=(2, 1, 0))
    with pytest.raises(NotAllowed, match="aanwezige stemgerechtigde"):
        services.record_vote(item, secretary, motion="X", is_secret=False, ballots={other_member.pk: "for"})
    with pytest.raises(NotAllowed, match="geen enkele stem"):
        services.record_vote(item, secretary, motion="X", is_secret=True, counts=(0, 0, 0))


def test_rsvp_after_deadline_is_refused(member, invited_meeting):
    Meeting.objects.filter(pk=invited_meeting.pk).update(rsvp_deadline=timezone.now() - timedelta(minutes=1))
    invited_meeting.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.rsvp(invited_meeting, member, "attending")


def test_agenda_builder_orders_items(secretary, invited_meeting):
    first, second = invited_meeting.items.order_by("position")
    third = services.add_item(
        invited_meeting, secretary, title="Varia", purpose="information", description="", is_confidential=False
    )
    assert third.position == 3
    services.move_item(third, secretary, "up")
    assert list(invited_meeting.items.order_by("position").values_list("pk", flat=True)) == [
        first.pk,
        third.pk,
        second.pk,
    ]
    services.delete_item(first, secretary)
    assert list(invited_meeting.items.order_by("position").values_list("position", "pk")) == [
        (1, third.pk),
        (2, second.pk),
    ]


def test_agenda_is_fixed_once_minutes_go_out(council, secretary, board):
    meeting = MeetingFactory(council=council, status=Meeting.Status.MINUTES_REMARKS)
    with pytest.raises(NotAllowed, match="agenda ligt vast"):
        services.add_item(
            meeting, secretary, title="Te laat", purpose="information", description="", is_confidential=False
        )


def test_advice_lifecycle(council, secretary, chair, handler, board, past_meeting, django_capture_on_commit_callbacks):
    item = past_meeting.items.get(position=1)
    request = AdviceRequestFactory(council=council)
    advice = services.create_advice(
        council,
        secretary,
        title="Zitbanken",
        summary="Meer zitbanken",
        body="De raad adviseert...",
        agenda_item=item,
        request=request,
        department=None,
        responsible=None,
    )
    vote = Vote.objects.create(item=item, motion="Advies", votes_for=3, result="adopted")
    rejected = Vote.objects.create(item=item, motion="Ander", votes_for=0, votes_against=2, result="rejected")
    with pytest.raises(NotAllowed, match="verworpen"):
        workflow.approve_advice(advice, chair, rejected)
    advice = workflow.approve_advice(advice, chair, vote)
    assert advice.status == Advice.Status.APPROVED and advice.vote == vote
    with pytest.raises(NotAllowed, match="goedgekeurd advies"):
        services.update_advice(advice, secretary, title="Anders")
    with django_capture_on_commit_callbacks(execute=True):
        advice = workflow.send_advice(advice, secretary)
    assert advice.answer_due == timezone.localdate() + timedelta(days=council.answer_days)
    assert Notification.objects.filter(kind="councils.advice_sent", recipient=handler).exists()
    assert not Notification.objects.filter(kind="councils.advice_sent", recipient=secretary).exists()
    request.refresh_from_db()
    assert request.status == AdviceRequest.Status.ANSWERED
    with pytest.raises(PermissionDenied):
        workflow.answer_advice(advice, secretary, outcome="followed", answer="Ja")
    with django_capture_on_commit_callbacks(execute=True):
        advice = workflow.answer_advice(advice, handler, outcome=Advice.Outcome.PARTLY_FOLLOWED, answer="Deels.")
    assert advice.status == Advice.Status.ANSWERED and advice.answered_on_time
    assert Notification.objects.filter(kind="councils.advice_answered", recipient=chair).exists()
    assert actions(advice) == [
        "councils.advice.drafted",
        "councils.advice.approved",
        "councils.advice.sent",
        "councils.advice.answered",
    ]


def test_advice_overdue_is_computed_from_the_deadline(council):
    advice = AdviceFactory(council=council, sent=True)
    assert not advice.is_overdue()
    assert advice.is_overdue(advice.answer_due + timedelta(days=1))
    Advice.objects.filter(pk=advice.pk).update(answer_due=timezone.localdate() - timedelta(days=1))
    assert list(Advice.objects.overdue()) == [advice]


def test_answer_needs_outcome_and_reasons(council, handler):
    advice = AdviceFactory(council=council, sent=True)
    with pytest.raises(NotAllowed):
        workflow.answer_advice(advice, handler, outcome="maybe", answer="x")
    with pytest.raises(NotAllowed):
        workflow.answer_advice(advice, handler, outcome="followed", answer="  ")


def test_decline_request(council, secretary):
    request = AdviceRequestFactory(council=council)
    workflow.decline_request(request, secretary, "Niet onze bevoegdheid.")
    request.refresh_from_db()
    assert request.status == AdviceRequest.Status.DECLINED


def test_request_for_advice_notifies_chair_and_secretary(
    council, chair, secretary, civil_servant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.request_advice(
            council,
            civil_servant,
            title="Meerjarenplan",
            question="?",
            deadline=timezone.localdate() + timedelta(days=30),
        )
    assert set(Notification.objects.filter(kind="councils.advice_requested").values_list("recipient", flat=True)) == {
        chair.pk,
        secretary.pk,
    }


def test_application_accept_and_decline(
    council, resident, other_resident, secretary, chair, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = services.apply_to_council(council, resident, motivation="Ik wil meedenken.")
    assert Notification.objects.filter(kind="councils.application_received", recipient=chair).exists()
    with pytest.raises(PermissionDenied):
        services.apply_to_council(council, resident, motivation="Nog eens")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.accept_application(application, secretary)
    membership = CouncilMembership.objects.get(council=council, user=resident)
    assert membership.start == timezone.localdate() and membership.role == "member"
    assert Notification.objects.filter(kind="councils.application_decided", recipient=resident).exists()

    other = services.apply_to_council(council, other_resident, motivation="Ik ook.")
    workflow.decline_application(other, secretary, "De raad is volledig.")
    other.refresh_from_db()
    assert other.status == MembershipApplication.Status.DECLINED
    # A declined candidate may apply again later.
    services.apply_to_council(council, other_resident, motivation="Opnieuw.")


def test_membership_terms_never_overlap(council, secretary, resident):
    today = timezone.localdate()
    services.add_member(
        council,
        secretary,
        user=resident,
        role="member",
        start=today - timedelta(days=100),
        end=today - timedelta(days=10),
    )
    with pytest.raises(NotAllowed, match="al lid"):
        services.add_member(council, secretary, user=resident, role="member", start=today - timedelta(days=20))
    membership = services.add_member(council, secretary, user=resident, role="vice_chair", start=today)
    services.end_membership(membership, secretary, today + timedelta(days=30))
    membership.refresh_from_db()
    assert membership.end == today + timedelta(days=30)
    assert council.memberships.filter(user=resident).count() == 2
