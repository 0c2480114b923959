"""Asking for a room: the checks a request must pass, and the request itself. The decisions
(approve, decline, cancel) are in workflow.py.

Two approved bookings of one room never overlap. The database says so on PostgreSQL (an
exclusion constraint); this module and workflow.py also check it under a lock on the room's
row, so that SQLite (the demo) refuses as well and the person gets the free slots of that day
instead of an error.
"""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from genk.core import notifications
from genk.core.formats import long_date
from genk.core.permissions import can, require
from genk.core.refusals import NotAllowed

from . import hours
from .models import Booking, Room

# How far ahead a room can be asked for.
MAX_AHEAD = datetime.timedelta(days=366)


def lock_room(room_id: int) -> Room:
    """The room's row, locked until the transaction ends: every decision that could make two
    approved bookings overlap takes this lock first, so they happen one after the other."""
    return Room.objects.select_for_update().get(pk=room_id)


def busy_intervals(room_id: int, day: datetime.date, *, exclude: int | None = None) -> list[hours.Interval]:
    """The approved bookings of the room that touch `day` (local), as intervals."""
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    end = start + datetime.timedelta(days=1)
    bookings = Booking.objects.approved().filter(room_id=room_id).overlapping(start, end)
    if exclude:
        bookings = bookings.exclude(pk=exclude)
    return list(bookings.values_list("start", "end"))


def free_slots(room: Room, day: datetime.date, *, exclude: int | None = None) -> list[hours.Interval]:
    return hours.free_slots(hours.place_day(room.place, day), busy_intervals(room.pk, day, exclude=exclude))


def collision_message(room: Room, day: datetime.date, *, exclude: int | None = None) -> str:
    slots = free_slots(room, day, exclude=exclude)
    if not slots:
        return _("%(room)s is op dat moment al gereserveerd, en op %(day)s is er geen vrij moment meer.") % {
            "room": room.name,
            "day": long_date(day),
        }
    return _("%(room)s is op dat moment al gereserveerd. Vrij op %(day)s: %(slots)s.") % {
        "room": room.name,
        "day": long_date(day),
        "slots": ", ".join(hours.slot_label(slot) for slot in slots),
    }


def check_request(room: Room, start: datetime.datetime, end: datetime.datetime, people: int, *, now=None) -> None:
    """`NotAllowed` with the reason when a request for `room` from `start` to `end` for
    `people` cannot be made (without looking at other bookings)."""
    now = now or timezone.now()
    if not room.bookable:
        raise NotAllowed(_("Deze zaal kan je niet online reserveren."))
    if end <= start:
        raise NotAllowed(_("Het einde moet na het begin liggen."))
    if start < now:
        raise NotAllowed(_("Dat moment is al voorbij: kies een moment in de toekomst."))
    if start > now + MAX_AHEAD:
        raise NotAllowed(_("Je kan een zaal ten hoogste een jaar op voorhand aanvragen."))
    if people < 1:
        raise NotAllowed(_("Geef het aantal personen (minstens 1)."))
    if people > room.capacity:
        raise NotAllowed(
            _("%(room)s is er voor ten hoogste %(capacity)s personen.") % {"room": room.name, "capacity": room.capacity}
        )
    day = timezone.localtime(start).date()
    opening = hours.place_day(room.place, day)
    if opening.closed:
        if opening.reason:
            message = _("%(place)s is gesloten op %(day)s (%(reason)s).")
        else:
            message = _("%(place)s is gesloten op %(day)s.")
        raise NotAllowed(message % {"place": room.place.name, "day": long_date(day), "reason": opening.reason})
    if not hours.within(opening, start, end):
        raise NotAllowed(
            _("Dat valt buiten de openingsuren. Op %(day)s is %(place)s open: %(ranges)s.")
            % {
                "day": long_date(day),
                "place": room.place.name,
                "ranges": ", ".join(hours.range_label(r) for r in opening.ranges),
            }
        )


def notification_context(booking: Booking) -> dict:
    return {
        "room": f"{booking.room.name} ({booking.room.place.name})",
        "day": long_date(booking.start),
        "start": f"{booking.local_start:%H:%M}",
        "end": f"{booking.local_end:%H:%M}",
        "people": booking.people,
        "purpose": booking.purpose,
        "requester": booking.organisation.name if booking.organisation else booking.requester.public_name,
        "message": booking.staff_message,
    }


def department_members(place) -> list[int]:
    if place.department_id is None:
        return []
    from genk.accounts.models import DepartmentMembership

    return list(
        DepartmentMembership.objects.current().filter(department_id=place.department_id).values_list("user", flat=True)
    )


def request_booking(
    user,
    room: Room,
    *,
    start: datetime.datetime,
    end: datetime.datetime,
    purpose: str,
    people: int,
    organisation=None,
) -> Booking:
    """Ask for `room` from `start` to `end`. Refused (`NotAllowed`, with the reason) when the
    request is invalid or collides with an approved booking (the message names the free
    slots of that day); `PermissionDenied` when `user` may not ask (or not for
    `organisation`). The place's department is notified on commit."""
    require(user, "neighbourhoods.request_booking", room, message=_("Je kan deze zaal niet aanvragen."))
    if organisation is not None and not can(user, "accounts.act_for_organisation", organisation):
        require(
            user,
            "accounts.act_for_organisation",
            organisation,
            message=_("Je kan alleen aanvragen voor een organisatie die je vertegenwoordigt."),
        )
    check_request(room, start, end, people)
    with transaction.atomic():
        locked = lock_room(room.pk)
        if Booking.objects.approved().filter(room=locked).overlapping(start, end).exists():
            raise NotAllowed(collision_message(room, timezone.localtime(start).date()))
        booking = Booking.objects.create(
            room=locked,
            requester=user,
            organisation=organisation,
            start=start,
            end=end,
            purpose=purpose.strip(),
            people=people,
        )
        booking.room = room  # with its place, for the message
        from .notifications import BOOKING_REQUESTED

        notifications.notify(
            BOOKING_REQUESTED.key,
            department_members(room.place),
            key=f"neighbourhoods.booking_requested:{booking.pk}",
            context=notification_context(booking),
            url=reverse("places_staff:booking", kwargs={"pk": booking.pk}),
        )
    return booking
