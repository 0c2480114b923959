from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from genk.core.models import Notification
from genk.core.refusals import NotAllowed
from tests.factories import UserFactory
from volunteers.buddies import workflow
from volunteers.buddies.models import Meeting, Pair

from .factories import BuddyFactory, LearnerFactory

pytestmark = pytest.mark.django_db
P = Pair.Status


def kinds_for(user):
    return set(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_proposed_then_both_accept_then_active(
    learner, buddy, coordinator, learner_user, buddy_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        pair = workflow.propose(learner, buddy, coordinator)
    assert pair.status == P.PROPOSED
    assert "buddies.pair_proposed" in kinds_for(learner_user) and "buddies.pair_proposed" in kinds_for(buddy_user)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.accept(pair, buddy_user)
    assert pair.status == P.BUDDY_ACCEPTED
    assert "buddies.pair_accepted" not in kinds_for(learner_user)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.accept(pair, learner_user)
    assert pair.status == P.ACTIVE and pair.started_at
    for person in (learner_user, buddy_user, coordinator):
        assert "buddies.pair_accepted" in kinds_for(person)
    assert any("taalmaatjes" in m.subject.lower() for m in mail.outbox)


def test_the_learner_may_accept_first(learner, buddy, coordinator, learner_user, buddy_user):
    pair = workflow.propose(learner, buddy, coordinator)
    workflow.accept(pair, learner_user)
    assert pair.status == P.LEARNER_ACCEPTED
    with pytest.raises(NotAllowed):
        workflow.accept(pair, learner_user)  # not twice
    workflow.accept(pair, buddy_user)
    assert pair.status == P.ACTIVE


def test_only_the_parties_accept_and_only_the_coordinator_proposes(learner, buddy, coordinator, other_coordinator):
    with pytest.raises(PermissionDenied):
        workflow.propose(learner, buddy, other_coordinator)
    pair = workflow.propose(learner, buddy, coordinator)
    with pytest.raises(PermissionDenied):
        workflow.accept(pair, coordinator)
    with pytest.raises(PermissionDenied):
        workflow.accept(pair, UserFactory())


def test_one_open_pair_per_learner_and_buddy(learner, buddy, coordinator, programme):
    workflow.propose(learner, buddy, coordinator)
    with pytest.raises(NotAllowed, match="al een koppel"):
        workflow.propose(learner, BuddyFactory(opportunity=programme), coordinator)
    with pytest.raises(NotAllowed, match="al een koppel"):
        workflow.propose(LearnerFactory(opportunity=programme), buddy, coordinator)
    assert Pair.objects.count() == 1


def test_not_across_programmes_nor_with_oneself(learner, coordinator, programme, learner_user):
    from .factories import ProgrammeFactory

    other = BuddyFactory(opportunity=ProgrammeFactory(organisation=programme.organisation))
    with pytest.raises(NotAllowed, match="hetzelfde programma"):
        workflow.propose(learner, other, coordinator)
    with pytest.raises(NotAllowed, match="eigen taalmaatje"):
        workflow.propose(learner, BuddyFactory(opportunity=programme, user=learner_user), coordinator)


def test_decline_needs_a_reason_and_frees_both(
    learner, buddy, coordinator, buddy_user, django_capture_on_commit_callbacks
):
    pair = workflow.propose(learner, buddy, coordinator)
    with pytest.raises(NotAllowed, match="reden"):
        workflow.decline(pair, buddy_user, "  ")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.decline(pair, buddy_user, "Ik verhuis binnenkort")
    assert pair.status == P.DECLINED and pair.decline_reason == "Ik verhuis binnenkort"
    assert "buddies.pair_declined" in kinds_for(coordinator)
    again = workflow.propose(learner, buddy, coordinator)  # both are free again
    assert again.status == P.PROPOSED


def test_meetings_logged_by_a_party_approved_by_the_coordinator(
    learner, buddy, coordinator, learner_user, buddy_user, django_capture_on_commit_callbacks
):
    pair = workflow.propose(learner, buddy, coordinator)
    with pytest.raises(NotAllowed, match="allebei aanvaard"):
        workflow.log_meeting(pair, buddy_user, date=timezone.localdate(), minutes=60)
    workflow.accept(pair, learner_user)
    workflow.accept(pair, buddy_user)
    with pytest.raises(NotAllowed, match="na afloop"):
        workflow.log_meeting(pair, buddy_user, date=timezone.localdate() + timedelta(days=1), minutes=60)
    with pytest.raises(PermissionDenied):
        workflow.log_meeting(pair, coordinator, date=timezone.localdate(), minutes=60)
    with django_capture_on_commit_callbacks(execute=True):
        meeting = workflow.log_meeting(pair, buddy_user, date=timezone.localdate(), minutes=90, note="de bus nemen")
    assert meeting.status == Meeting.Status.LOGGED
    assert "buddies.meeting_to_approve" in kinds_for(coordinator)
    with pytest.raises(PermissionDenied):
        workflow.decide_meeting(meeting, buddy_user, approve=True)
    workflow.decide_meeting(meeting, coordinator, approve=True)
    assert meeting.status == Meeting.Status.APPROVED and meeting.decided_by == coordinator
    with pytest.raises(NotAllowed):
        workflow.decide_meeting(meeting, coordinator, approve=False)


def test_end_by_a_party_or_the_coordinator(learner, buddy, coordinator, learner_user, buddy_user):
    pair = workflow.propose(learner, buddy, coordinator)
    with pytest.raises(NotAllowed):
        workflow.end(pair, coordinator, "te vroeg")  # only an active pair ends
    workflow.accept(pair, learner_user)
    workflow.accept(pair, buddy_user)
    workflow.end(pair, coordinator, "Het programma stopt")
    assert pair.status == P.ENDED and pair.ended_at and pair.end_reason == "Het programma stopt"


def test_a_withdrawn_registration_is_not_proposed(learner, buddy, coordinator):
    learner.withdrawn_at = timezone.now()
    learner.save()
    with pytest.raises(NotAllowed, match="uitgeschreven"):
        workflow.propose(learner, buddy, coordinator)
