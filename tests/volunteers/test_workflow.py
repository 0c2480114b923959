from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from genk.core.models import Notification
from genk.core.refusals import AlreadyDone, NotAllowed
from tests.factories import UserFactory
from volunteers import workflow
from volunteers.models import NoticeAcknowledgement, Opportunity, Shift, SignUp

from .factories import NoticeFactory, OpportunityFactory, ShiftFactory

pytestmark = pytest.mark.django_db
S = SignUp.Status


def sign(user, shift, **kwargs):
    return workflow.sign_up(user, shift, acknowledged_version=1, **kwargs)


def test_instant_sign_up_fills_places_then_the_waiting_list(shift, django_capture_on_commit_callbacks):
    people = UserFactory.create_batch(3)
    with django_capture_on_commit_callbacks(execute=True):
        results = [sign(p, shift) for p in people]
    assert [r.status for r in results] == [S.ACCEPTED, S.ACCEPTED, S.WAITING]
    assert NoticeAcknowledgement.objects.count() == 3
    kinds = set(Notification.objects.values_list("kind", flat=True))
    assert {"volunteers.accepted", "volunteers.waiting"} <= kinds


def test_the_notice_must_be_acknowledged_first(shift, volunteer):
    with pytest.raises(NotAllowed, match="organisatienota"):
        workflow.sign_up(volunteer, shift)
    assert not SignUp.objects.exists()
    workflow.sign_up(volunteer, shift, acknowledged_version=1)
    # A new version asks again before the next shift.
    NoticeFactory(organisation=shift.opportunity.organisation, version=2)
    other = ShiftFactory(opportunity=shift.opportunity)
    with pytest.raises(NotAllowed, match="versie 2"):
        workflow.sign_up(volunteer, other, acknowledged_version=1)
    assert workflow.sign_up(volunteer, other, acknowledged_version=2).status == S.ACCEPTED


def test_without_a_notice_nobody_can_sign_up(volunteer):
    shift = ShiftFactory()
    with pytest.raises(NotAllowed, match="nog geen organisatienota"):
        workflow.sign_up(volunteer, shift, acknowledged_version=1)


def test_a_second_sign_up_is_already_done_and_the_database_refuses_a_duplicate(shift, volunteer):
    sign(volunteer, shift)
    with pytest.raises(AlreadyDone):
        sign(volunteer, shift)
    with pytest.raises(IntegrityError), transaction.atomic():
        SignUp.objects.create(shift=shift, volunteer=volunteer, status=S.WAITING)


def test_cancellation_promotes_the_first_waiting(shift, django_capture_on_commit_callbacks):
    a, b, c, d = UserFactory.create_batch(4)
    first = sign(a, shift)
    sign(b, shift)
    waiting_c = sign(c, shift)
    sign(d, shift)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.cancel(first, a)
    waiting_c.refresh_from_db()
    assert waiting_c.status == S.ACCEPTED
    assert SignUp.objects.get(volunteer=d).status == S.WAITING
    assert Notification.objects.filter(recipient=c, kind="volunteers.promoted").exists()
    # Coming back after cancelling: to the end of the line.
    assert sign(a, shift).status == S.WAITING


def test_the_volunteer_cannot_cancel_after_the_deadline_but_the_coordinator_can(opportunity, volunteer, coordinator):
    shift = ShiftFactory(opportunity=opportunity, start=timezone.now() + timedelta(hours=5))
    signup = sign(volunteer, shift)
    with pytest.raises(NotAllowed, match="24 uur"):
        workflow.cancel(signup, volunteer)
    assert workflow.cancel(signup, coordinator).status == S.CANCELLED


def test_approval_mode_accept_decline_and_full(opportunity, coordinator, django_capture_on_commit_callbacks):
    Opportunity.objects.filter(pk=opportunity.pk).update(signup_mode=Opportunity.SignUpMode.APPROVAL)
    shift = ShiftFactory(opportunity=opportunity, capacity=1)
    a, b, c = UserFactory.create_batch(3)
    with django_capture_on_commit_callbacks(execute=True):
        requests = [sign(p, shift, message="Ik kom graag") for p in (a, b, c)]
    assert {r.status for r in requests} == {S.REQUESTED}
    assert Notification.objects.filter(recipient=coordinator, kind="volunteers.signup_received").count() == 3
    with pytest.raises(PermissionDenied):
        workflow.accept(requests[0], a)
    assert workflow.accept(requests[0], coordinator, "Welkom!").status == S.ACCEPTED
    assert workflow.accept(requests[1], coordinator).status == S.WAITING
    declined = workflow.decline(requests[2], coordinator, "Te weinig ervaring")
    assert declined.status == S.DECLINED and declined.coordinator_message == "Te weinig ervaring"
    with pytest.raises(NotAllowed):
        sign(c, shift)


def test_minimum_age_and_closed_opportunity(opportunity, shift):
    Opportunity.objects.filter(pk=opportunity.pk).update(minimum_age=18)
    shift.refresh_from_db()
    young = UserFactory(year_of_birth=timezone.localdate().year - 16)
    with pytest.raises(NotAllowed, match="18 jaar"):
        sign(young, shift)
    unknown = UserFactory(year_of_birth=None)
    with pytest.raises(NotAllowed, match="geboortejaar"):
        sign(unknown, shift)
    draft = ShiftFactory(opportunity=OpportunityFactory(organisation=opportunity.organisation, status="draft"))
    with pytest.raises(NotAllowed, match="niet \\(meer\\)"):
        sign(UserFactory(), draft)


def test_cancelling_a_shift_cancels_and_tells_everyone(shift, coordinator, django_capture_on_commit_callbacks):
    people = UserFactory.create_batch(3)
    for p in people:
        sign(p, shift)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.cancel_shift(shift, coordinator, "Het buurthuis is dicht")
    assert shift.status == Shift.Status.CANCELLED
    assert set(SignUp.objects.values_list("status", flat=True)) == {S.CANCELLED}
    assert Notification.objects.filter(kind="volunteers.shift_cancelled").count() == 3
    assert len(mail.outbox) == 3
    with pytest.raises(NotAllowed, match="geannuleerd"):
        sign(UserFactory(), shift)


def test_attendance_only_once_the_shift_began(opportunity, volunteer, coordinator):
    shift = ShiftFactory(opportunity=opportunity)
    signup = sign(volunteer, shift)
    with pytest.raises(NotAllowed, match="begin"):
        workflow.mark_attendance(signup, coordinator, present=True)
    Shift.objects.filter(pk=shift.pk).update(start=timezone.now() - timedelta(hours=1))
    assert workflow.mark_attendance(signup, coordinator, present=False).status == S.NO_SHOW
    assert workflow.mark_attendance(signup, coordinator, present=True).status == S.ATTENDED


def test_first_opportunity_goes_to_review_the_next_is_published(
    organisation, notice, coordinator, desk_staff, django_capture_on_commit_callbacks
):
    first = OpportunityFactory(organisation=organisation, status="draft", published_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(first, coordinator)
    assert first.status == Opportunity.Status.IN_REVIEW
    assert Notification.objects.filter(recipient=desk_staff, kind="volunteers.to_review").exists()
    with pytest.raises(PermissionDenied):
        workflow.approve(first, coordinator)
    workflow.approve(first, desk_staff)
    assert first.status == Opportunity.Status.PUBLISHED and first.published_at
    second = OpportunityFactory(organisation=organisation, status="draft", published_at=None)
    workflow.publish(second, coordinator)
    assert second.status == Opportunity.Status.PUBLISHED


def test_publishing_needs_a_notice(coordinator, organisation, desk_staff):
    opportunity = OpportunityFactory(organisation=organisation, status="draft", published_at=None)
    with pytest.raises(NotAllowed, match="organisatienota"):
        workflow.publish(opportunity, desk_staff)


def test_the_database_refuses_a_shift_without_places_or_ending_before_it_starts(opportunity):
    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        Shift.objects.create(opportunity=opportunity, start=now, end=now + timedelta(hours=1), capacity=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        Shift.objects.create(opportunity=opportunity, start=now, end=now - timedelta(hours=1), capacity=3)


def test_a_minor_signs_up_with_a_guardians_consent(shift):
    minor = UserFactory(year_of_birth=timezone.localdate(shift.start).year - 16)
    with pytest.raises(NotAllowed, match="ouder of voogd"):
        sign(minor, shift)
    assert not SignUp.objects.exists()
    signup = sign(minor, shift, guardian_name="  Hatice Demir ")
    assert signup.guardian_name == "Hatice Demir" and signup.guardian_consent_at is not None
    adult = sign(UserFactory(), shift, guardian_name="niet nodig")
    assert adult.guardian_name == "" and adult.guardian_consent_at is None


def test_the_database_wants_a_consent_whole(shift, volunteer):
    with pytest.raises(IntegrityError), transaction.atomic():
        SignUp.objects.create(shift=shift, volunteer=volunteer, status=S.ACCEPTED, guardian_name="Iemand")


def test_someone_else_cannot_publish_and_learns_nothing_about_the_notice(other_coordinator, organisation):
    draft = OpportunityFactory(organisation=organisation, status="draft", published_at=None)
    with pytest.raises(PermissionDenied):
        workflow.publish(draft, other_coordinator)
    draft.refresh_from_db()
    assert draft.status == Opportunity.Status.DRAFT
