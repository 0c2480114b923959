"""What the neighbourhoods app keeps about a person: their places in area teams (with the
public contact details shown on the wijk's page), and the rooms they asked for.

Erasure: team memberships are deleted. Bookings stay, because the place's week and its
figures (indicators) need to know a room was taken, but they no longer point at the person
(`requester` empty) and the purpose text and the staff's message, which can name people,
are replaced by "(gewist)". Requests still waiting, and approved bookings still to come, are
cancelled first (by the workflow, so the place's staff are told): a room should not stay
reserved for someone who is no longer there.
"""

from django.utils import timezone

from genk.core import gdpr

from .models import Booking, TeamMembership

ERASED = "(gewist)"


def export(user) -> dict:
    return {
        "team_memberships": [
            {
                "neighbourhood": membership.neighbourhood.name,
                "role": membership.role,
                "public_email": membership.public_email,
                "public_phone": membership.public_phone,
                "start": membership.start.isoformat() if membership.start else None,
                "end": membership.end.isoformat() if membership.end else None,
            }
            for membership in TeamMembership.objects.filter(user=user).select_related("neighbourhood")
        ],
        "room_bookings": [
            {
                "place": booking.room.place.name,
                "room": booking.room.name,
                "organisation": booking.organisation.name if booking.organisation else None,
                "start": booking.start.isoformat(),
                "end": booking.end.isoformat(),
                "people": booking.people,
                "purpose": booking.purpose,
                "status": booking.status,
                "staff_message": booking.staff_message,
                "requested_at": booking.created.isoformat(),
            }
            for booking in Booking.objects.of_requester(user).with_details().order_by("start")
        ],
    }


def erase(user) -> None:
    from . import workflow

    TeamMembership.objects.filter(user=user).delete()
    for booking in Booking.objects.of_requester(user).active().filter(end__gt=timezone.now()).with_details():
        workflow.cancel(booking, user)
    Booking.objects.of_requester(user).update(requester=None, purpose=ERASED, staff_message=ERASED)


gdpr.register("neighbourhoods", export=export, erase=erase)
