"""Registering, the waiting list, cancelling and promotion (the service, under the lock)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from genk.core.models import Notification
from genk.core.refusals import AlreadyDone, NotAllowed
from neighbourhoods.agenda import services, workflow
from neighbourhoods.agenda.models import Registration

from .factories import ActivityFactory, RegistrationFactory

pytestmark = pytest.mark.django_db
R = Registration.Status


def test_a_resident_registers_with_companions_and_gets_a_code(activity, resident, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.register(activity, resident, companions=2)
    assert registration.status == R.REGISTERED
    assert registration.seats == 3
    assert len(registration.code) == 8 and registration.code.isalnum()
    assert services.seats_taken(activity) == 3
    assert Notification.objects.get(recipient=resident).kind == "agenda.registered"


def test_one_registration_per_person(activity, resident):
    services.register(activity, resident)
    with pytest.raises(AlreadyDone):
        services.register(activity, resident)
    assert Registration.objects.count() == 1


def test_full_goes_to_the_waiting_list(activity, people, django_capture_on_commit_callbacks):
    activity.capacity = 3
    activity.save()
    a, b, c = people(3)
    services.register(activity, a, companions=1)
    services.register(activity, b)
    with django_capture_on_commit_callbacks(execute=True):
        waiting = services.register(activity, c)
    assert waiting.status == R.WAITING
    assert Notification.objects.get(recipient=c).kind == "agenda.waiting"


def test_full_without_a_waiting_list_is_refused(activity, people):
    activity.capacity = 1
    activity.waiting_list_enabled = False
    activity.save()
    a, b = people(2)
    services.register(activity, a)
    with pytest.raises(NotAllowed, match="volzet"):
        services.register(activity, b)


def test_a_party_larger_than_the_activity_is_refused(activity, resident):
    activity.capacity = 4
    activity.save()
    with pytest.raises(NotAllowed, match="4 plaatsen"):
        services.register(activity, resident, companions=4)


def test_cancelling_promotes_the_first_waiting_that_fit_in_order(activity, people, django_capture_on_commit_callbacks):
    activity.capacity = 4
    activity.save()
    a, big, small, later = people(4)
    first = services.register(activity, a, companions=1)  # 2 seats
    services.register(activity, people(1)[0], companions=1)  # 2 seats: full
    big_r = services.register(activity, big, companions=2)  # waits, 3 seats
    small_r = services.register(activity, small)  # waits, 1 seat
    later_r = services.register(activity, later)  # waits, 1 seat
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.cancel_registration(first, a)
    # Two seats free: the party of three does not fit and is skipped, the next two fit.
    assert [r.pk for r in promoted] == [small_r.pk, later_r.pk]
    big_r.refresh_from_db()
    assert big_r.status == R.WAITING
    assert services.seats_taken(activity) == 4
    assert Notification.objects.get(recipient=small).kind == "agenda.promoted"
    first.refresh_from_db()
    assert first.status == R.CANCELLED
    # Cancelled: one may register again.
    again = services.register(activity, a)
    assert again.status == R.WAITING


def test_newcomers_wait_behind_the_waiting_list(activity, people):
    activity.capacity = 2
    activity.save()
    a, b, c = people(3)
    services.register(activity, a, companions=1)
    services.register(activity, b)
    activity.capacity = 3
    activity.save()
    # b waits for a seat that is now free: c does not jump the queue.
    assert services.register(activity, c).status == R.WAITING


def test_registration_after_the_deadline_is_refused(activity, resident):
    activity.registration_deadline = timezone.now() - timedelta(hours=1)
    activity.save()
    with pytest.raises(NotAllowed, match="De inschrijvingen zijn gesloten op"):
        services.register(activity, resident)


def test_no_registration_for_a_draft_or_without_registrations(resident):
    with pytest.raises(NotAllowed):
        services.register(ActivityFactory(status="draft"), resident)
    with pytest.raises(NotAllowed, match="hoef je niet in te schrijven"):
        services.register(ActivityFactory(registration_enabled=False, capacity=None), resident)


def test_a_larger_capacity_promotes_the_waiting(activity, people, organising_servant):
    activity.capacity = 1
    activity.save()
    a, b = people(2)
    services.register(activity, a)
    waiting = services.register(activity, b)
    before = {name: getattr(activity, name) for name in services.ANNOUNCED_FIELDS}
    activity.capacity = 2
    _activity, promoted = services.update_activity(organising_servant, activity, before)
    assert [r.pk for r in promoted] == [waiting.pk]


def test_a_visitor_registers_with_a_confirmed_email(activity, django_capture_on_commit_callbacks):
    activity.capacity = 1
    activity.save()
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.register_guest(activity, name="Ann Peeters", email="Ann@Example.be", companions=0)
    assert registration.status == R.UNCONFIRMED
    assert services.seats_taken(activity) == 0  # holds no seat before the confirmation
    assert mail.outbox[-1].to == ["ann@example.be"]
    token = services.confirm_token(registration)
    assert token in mail.outbox[-1].body
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = services.confirm_guest(token)
    assert confirmed.status == R.REGISTERED
    assert confirmed.code in mail.outbox[-1].body
    with pytest.raises(AlreadyDone):
        services.confirm_guest(token)
    with pytest.raises(NotAllowed):
        services.confirm_guest(token + "x")


def test_a_visitor_cancels_with_the_link(activity, resident):
    activity.capacity = 1
    activity.save()
    guest = services.register_guest(activity, name="Ann", email="ann@example.be")
    services.confirm_guest(services.confirm_token(guest))
    waiting = services.register(activity, resident)
    registration = services.registration_from_token(services.cancel_token(guest), salt=services.CANCEL_SALT)
    promoted = services.cancel_registration(registration, None, by_link=True)
    assert [r.pk for r in promoted] == [waiting.pk]


def test_attendance_by_the_organiser(activity, resident, organising_servant, other_resident):
    registration = services.register(activity, resident)
    workflow.attend(registration, organising_servant)
    assert registration.status == R.ATTENDED
    assert services.seats_taken(activity) == 1
    workflow.attend(registration, organising_servant, present=False)
    assert registration.status == R.REGISTERED
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        workflow.attend(registration, other_resident)


def test_the_database_refuses_a_second_active_registration(activity, resident):
    from django.db import IntegrityError, transaction

    RegistrationFactory(activity=activity, user=resident)
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(activity=activity, user=resident)
    RegistrationFactory(activity=activity, user=resident, status=R.CANCELLED)  # history is fine
