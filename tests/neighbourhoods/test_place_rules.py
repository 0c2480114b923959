"""The permission matrix of places and bookings, per persona."""

import pytest

from genk.core.permissions import can

from .factories import BookingFactory, RoomFactory

pytestmark = pytest.mark.django_db

PERSONAS = [
    "visitor",
    "resident",
    "organisation_rep",
    "place_staff",
    "civil_servant",
    "place_staff_without_mfa",
    "admin_user",
]

# persona: (request_booking, manage_place, handle_booking, cancel someone else's booking,
#           cancel own booking, view_room_calendar)
MATRIX = {
    "visitor": (False, False, False, False, None, False),
    "resident": (True, False, False, False, True, False),
    "organisation_rep": (True, False, False, False, True, False),
    "place_staff": (True, True, True, True, True, True),
    "civil_servant": (True, False, False, False, True, False),
    "place_staff_without_mfa": (True, False, False, False, True, False),
    "admin_user": (True, True, True, True, True, True),
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_matrix(request, persona):
    user = request.getfixturevalue(persona)
    room = RoomFactory()
    other = BookingFactory(room=room)
    request_booking, manage, handle, cancel_other, cancel_own, calendar = MATRIX[persona]
    assert can(user, "neighbourhoods.request_booking", room) is request_booking
    assert can(user, "neighbourhoods.manage_place", room.place) is manage
    assert can(user, "neighbourhoods.handle_booking", other) is handle
    assert can(user, "neighbourhoods.cancel_booking", other) is cancel_other
    assert can(user, "neighbourhoods.view_booking", other) is cancel_other
    assert can(user, "neighbourhoods.view_room_calendar", room) is calendar
    if cancel_own is not None:
        own = BookingFactory(room=room, requester=user)
        assert can(user, "neighbourhoods.cancel_booking", own) is cancel_own


def test_a_room_that_is_not_bookable_is_asked_for_by_nobody(resident, admin_user):
    room = RoomFactory(bookable=False)
    assert not can(resident, "neighbourhoods.request_booking", room)
    assert not can(admin_user, "neighbourhoods.request_booking", room)


def test_a_place_without_department_is_managed_by_administrators_only(place_staff, admin_user):
    room = RoomFactory(place__department=None)
    assert not can(place_staff, "neighbourhoods.manage_place", room.place)
    assert can(admin_user, "neighbourhoods.manage_place", room.place)
