"""Asking for a room and deciding on it: the checks, the workflow, the no-overlap guarantee."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction

from genk.core.models import Notification
from genk.core.refusals import AlreadyDone, NotAllowed
from genk.core.workflow import TransitionNotAllowed
from neighbourhoods import bookings, hours, workflow
from neighbourhoods.models import Booking, OpeningException
from tests.factories import OrganisationFactory

from .factories import BookingFactory, RoomFactory, at, closed_on, future_day

pytestmark = pytest.mark.django_db


def ask(user, room, day, start, end, people=10, **kwargs):
    return bookings.request_booking(
        user, room, start=at(day, *start), end=at(day, *end), purpose="Vergadering", people=people, **kwargs
    )


def test_a_request_is_requested_and_tells_the_places_department(
    resident, place_staff, django_capture_on_commit_callbacks
):
    room = RoomFactory()
    with django_capture_on_commit_callbacks(execute=True):
        booking = ask(resident, room, future_day(), (10,), (12,))
    assert booking.status == Booking.Status.REQUESTED
    assert Notification.objects.filter(recipient=place_staff, kind="neighbourhoods.booking_requested").count() == 1


@pytest.mark.parametrize(
    ("start", "end", "people", "message"),
    [
        ((12,), (10,), 5, "Het einde moet na het begin liggen"),
        ((10,), (12,), 31, "ten hoogste 30 personen"),
        ((6,), (9,), 5, "buiten de openingsuren"),
        ((21,), (23,), 5, "buiten de openingsuren"),
    ],
)
def test_bad_requests_are_refused_with_a_reason(resident, start, end, people, message):
    room = RoomFactory()
    with pytest.raises(NotAllowed, match=message):
        ask(resident, room, future_day(), start, end, people)
    assert not Booking.objects.exists()


def test_a_request_in_the_past_is_refused(resident):
    room = RoomFactory()
    with pytest.raises(NotAllowed, match="al voorbij"):
        ask(resident, room, future_day(-1), (10,), (12,))


def test_a_day_the_place_is_closed_is_refused_with_the_reason(resident):
    room = RoomFactory()
    day = future_day()
    closed_on(room.place, day, reason="Kerstmis")
    with pytest.raises(NotAllowed, match="gesloten .*Kerstmis"):
        ask(resident, room, day, (10,), (12,))


def test_special_hours_replace_the_week(resident):
    room = RoomFactory()
    day = future_day()
    OpeningException.objects.create(
        place=room.place, date=day, closed=False, opens=datetime.time(13), closes=datetime.time(16), reason="Kermis"
    )
    with pytest.raises(NotAllowed, match="13:00–16:00"):
        ask(resident, room, day, (10,), (12,))
    assert ask(resident, room, day, (13,), (15,)).pk


def test_a_request_that_collides_with_an_approved_booking_names_the_free_slots(resident, place_staff):
    room = RoomFactory()
    day = future_day()
    workflow.approve(ask(resident, room, day, (10,), (12,)), place_staff)
    workflow.approve(ask(resident, room, day, (14,), (18,)), place_staff)
    with pytest.raises(NotAllowed) as refused:
        ask(resident, room, day, (11,), (13,))
    assert "08:00–10:00, 12:00–14:00, 18:00–22:00" in str(refused.value)
    # Touching ends do not overlap.
    assert ask(resident, room, day, (12,), (14,)).pk


def test_an_organisation_only_by_its_representative(resident, organisation_rep):
    room = RoomFactory()
    organisation = organisation_rep.organisation_memberships.get().organisation
    assert (
        ask(organisation_rep, room, future_day(), (10,), (12,), organisation=organisation).organisation == organisation
    )
    with pytest.raises(PermissionDenied):
        ask(resident, room, future_day(), (10,), (12,), organisation=OrganisationFactory())


def test_a_room_that_is_not_bookable_cannot_be_asked_for(resident):
    room = RoomFactory(bookable=False)
    with pytest.raises(PermissionDenied):
        ask(resident, room, future_day(), (10,), (12,))


def test_approve_decline_cancel(resident, place_staff, django_capture_on_commit_callbacks):
    room = RoomFactory()
    first = ask(resident, room, future_day(), (10,), (12,))
    second = ask(resident, room, future_day(), (10,), (12,))
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve(first, place_staff, "De sleutel ligt aan het onthaal.")
    assert first.status == Booking.Status.APPROVED and first.decided_by == place_staff
    # The second asks for the same slot: approving it is refused with the free slots.
    with pytest.raises(NotAllowed, match="Vrij op"):
        workflow.approve(second, place_staff)
    with pytest.raises(NotAllowed, match="waarom"):
        workflow.decline(second, place_staff, "  ")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.decline(second, place_staff, "De zaal is dan al bezet.")
    assert second.status == Booking.Status.DECLINED
    with pytest.raises(TransitionNotAllowed):
        workflow.cancel(second, resident)
    with pytest.raises(AlreadyDone, match="al goedgekeurd"):
        workflow.approve(first, place_staff)  # a second click
    with django_capture_on_commit_callbacks(execute=True):
        workflow.cancel(first, resident)
    assert first.status == Booking.Status.CANCELLED and first.cancelled_at
    kinds = set(Notification.objects.filter(recipient=resident).values_list("kind", flat=True))
    assert kinds == {"neighbourhoods.booking_approved", "neighbourhoods.booking_declined"}
    assert Notification.objects.filter(recipient=place_staff, kind="neighbourhoods.booking_cancelled").exists()


def test_staff_of_another_department_and_the_requester_may_not_decide(resident, civil_servant, place_staff_without_mfa):
    booking = BookingFactory(requester=resident)
    for user in (resident, civil_servant, place_staff_without_mfa):
        with pytest.raises(PermissionDenied):
            workflow.approve(booking, user)
    with pytest.raises(PermissionDenied):
        workflow.cancel(booking, civil_servant)


def test_a_request_whose_time_has_passed_cannot_be_approved(place_staff):
    booking = BookingFactory()
    Booking.objects.filter(pk=booking.pk).update(
        start=at(future_day(-2), 10), end=at(future_day(-2), 12)
    )  # a request left waiting
    booking.refresh_from_db()
    with pytest.raises(NotAllowed, match="voorbij"):
        workflow.approve(booking, place_staff)


def test_the_database_refuses_two_approved_bookings_that_overlap():
    room = RoomFactory()
    day = future_day()
    BookingFactory(room=room, start=at(day, 10), end=at(day, 12), status=Booking.Status.APPROVED)
    BookingFactory(room=room, start=at(day, 11), end=at(day, 13))  # a request may overlap
    BookingFactory(room=room, start=at(day, 12), end=at(day, 13), status=Booking.Status.APPROVED)  # touching
    BookingFactory(start=at(day, 10), end=at(day, 12), status=Booking.Status.APPROVED)  # another room
    with pytest.raises(IntegrityError), transaction.atomic():
        BookingFactory(room=room, start=at(day, 11), end=at(day, 11, 30), status=Booking.Status.APPROVED)


@pytest.mark.parametrize(("field", "value"), [("end", "start"), ("people", 0)])
def test_check_constraints(field, value):
    booking = BookingFactory.build(room=RoomFactory())
    booking.requester.save()
    setattr(booking, field, booking.start if value == "start" else value)
    with pytest.raises(IntegrityError), transaction.atomic():
        booking.save()


def test_free_slots_are_the_opening_ranges_minus_the_bookings():
    day = datetime.date(2027, 3, 1)
    opening = hours.Day(day, ((datetime.time(9), datetime.time(12)), (datetime.time(13), datetime.time(17))))
    busy = [(at(day, 9, 30), at(day, 11)), (at(day, 11, 45), at(day, 14))]
    assert [hours.slot_label(s) for s in hours.free_slots(opening, busy)] == [
        "09:00–09:30",
        "11:00–11:45",
        "14:00–17:00",
    ]
    short = hours.free_slots(opening, busy, minimum=datetime.timedelta(hours=1))
    assert [hours.slot_label(s) for s in short] == ["14:00–17:00"]
    assert hours.within(opening, at(day, 13), at(day, 17))
    assert not hours.within(opening, at(day, 11), at(day, 13))


def test_the_exclusion_constraint_is_there():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_constraint WHERE conname = 'booking_no_overlap_when_approved'")
        assert cursor.fetchone()
