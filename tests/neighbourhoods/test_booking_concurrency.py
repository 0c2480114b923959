"""Twenty people approve twenty overlapping requests for one slot at the same moment: exactly
one is approved. Each thread has its own PostgreSQL connection (transaction=True: the rows are
committed).

Two layers keep the promise, and each is tested alone: the lock on the room in workflow.py
(the test drops the exclusion constraint for its duration, so only the lock holds: remove
`bookings.lock_room` from `workflow.approve` and it fails), and the exclusion constraint
(the test takes out the lock and the check, so only the database holds)."""

import pytest
from django.db import connection

from genk.core.refusals import NotAllowed
from neighbourhoods import bookings, workflow
from neighbourhoods.models import Booking
from tests.concurrency import run_concurrently
from tests.factories import DepartmentMembershipFactory, UserFactory, enroll_mfa

from .factories import BookingFactory, RoomFactory, at, future_day

CONSTRAINT = "booking_no_overlap_when_approved"


def _setup():
    staff = []
    room = RoomFactory()
    for _ in range(20):
        user = DepartmentMembershipFactory(department=room.place.department).user
        enroll_mfa(user)
        staff.append(user)
    day = future_day()
    requests = [
        BookingFactory(room=room, requester=UserFactory(), start=at(day, 10, i), end=at(day, 12, i)) for i in range(20)
    ]
    return room, staff, requests


def _approve_all(staff, requests):
    def approver(user, booking):
        return lambda: workflow.approve(Booking.objects.get(pk=booking.pk), user)

    return run_concurrently(*(approver(u, b) for u, b in zip(staff, requests, strict=True)))


@pytest.mark.django_db(transaction=True)
def test_twenty_approvals_for_one_slot_give_one_booking_by_the_lock_alone():
    room, staff, requests = _setup()
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE neighbourhoods_booking DROP CONSTRAINT {CONSTRAINT}")
    try:
        results = _approve_all(staff, requests)
        approved = Booking.objects.approved().filter(room=room).count()
    finally:
        with connection.cursor() as cursor:
            # Without the guard the rows would break the constraint: remove them first, so
            # the constraint comes back for the tests that follow whatever happened here.
            cursor.execute("DELETE FROM neighbourhoods_booking")
            cursor.execute(
                f"ALTER TABLE neighbourhoods_booking ADD CONSTRAINT {CONSTRAINT} EXCLUDE USING gist "
                "(tstzrange(start, \"end\", '[)') WITH &&, room_id WITH =) WHERE (status = 'approved')"
            )
    assert approved == 1
    refused = [r for r in results if isinstance(r, NotAllowed)]
    assert len(refused) == 19, results
    assert all("Vrij op" in str(r) or "geen vrij moment" in str(r) for r in refused)


@pytest.mark.django_db(transaction=True)
def test_twenty_approvals_for_one_slot_give_one_booking_by_the_constraint_alone(monkeypatch):
    room, staff, requests = _setup()

    class NoLock:
        def __init__(self, real):
            self.real = real

        def __call__(self, room_id):
            return None

    monkeypatch.setattr(bookings, "lock_room", NoLock(bookings.lock_room))
    # And no check in Python either: every approval reaches the INSERT … UPDATE.
    real_approved = Booking.objects.approved

    def approved_without_check():
        return real_approved().none()

    monkeypatch.setattr(type(Booking.objects), "approved", lambda self: approved_without_check())
    results = _approve_all(staff, requests)
    monkeypatch.undo()
    assert Booking.objects.approved().filter(room=room).count() == 1
    assert sum(isinstance(r, NotAllowed) for r in results) == 19, results
