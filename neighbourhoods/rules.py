"""Permissions about wijken, districts, places and room bookings. See README.md for the table
per role. Staff rights over a place are scoped to the department that owns it
(`genk.core.permissions.in_department`, which also asks for MFA)."""

import rules

from genk.core.permissions import in_department, is_administrator

from .models import Booking, Place, Room
from .predicates import is_director_of, is_team_member_of

# The dashboard of a wijk (or a district): its director(s), its area team, administrators.
rules.add_perm("neighbourhoods.view_dashboard", is_administrator | is_director_of | is_team_member_of)

# Districts are an editable grouping of wijken; only administrators change it.
rules.add_perm("neighbourhoods.change_district", is_administrator)


def place_department(obj):
    """The department that owns a place, a room's place or a booking's place (its id)."""
    if isinstance(obj, Booking):
        obj = obj.room
    if isinstance(obj, Room):
        obj = obj.place
    return obj.department_id if isinstance(obj, Place) else None


# Members (with MFA) of the department that owns the place.
manages_place = in_department(place_department, name="manages_place")


@rules.predicate
def is_requester(user, booking) -> bool:
    return user.is_authenticated and booking is not None and booking.requester_id == user.pk


@rules.predicate
def is_signed_in(user) -> bool:
    return user.is_authenticated and user.is_active


@rules.predicate
def room_is_bookable(user, room) -> bool:
    return room is not None and room.bookable


# Any signed-in person (resident or organisation representative) may ask for a bookable room;
# acting for an organisation also needs `accounts.act_for_organisation` on that organisation.
rules.add_perm("neighbourhoods.request_booking", is_signed_in & room_is_bookable)
# The place's staff: its pages under /beheer/plekken/, its week view and its rooms' feeds.
rules.add_perm("neighbourhoods.manage_place", manages_place | is_administrator)
rules.add_perm("neighbourhoods.view_room_calendar", manages_place | is_administrator)
# Approve or decline a request.
rules.add_perm("neighbourhoods.handle_booking", manages_place | is_administrator)
# Cancel: the requester, or the place's staff.
rules.add_perm("neighbourhoods.cancel_booking", is_requester | manages_place | is_administrator)
rules.add_perm("neighbourhoods.view_booking", is_requester | manages_place | is_administrator)
