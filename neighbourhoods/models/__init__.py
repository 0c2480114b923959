"""The wijken and districts with their area teams (`areas`), and the public places with their
opening hours, rooms, bookings and partners (`places`)."""

from .areas import District, Neighbourhood, NeighbourhoodQuerySet, TeamMembership, TeamMembershipQuerySet
from .places import (
    Booking,
    BookingQuerySet,
    OpeningException,
    OpeningHours,
    Partner,
    PartnerArea,
    PartnerPlace,
    Place,
    PlaceQuerySet,
    PostgresExclusionConstraint,
    Room,
    Weekday,
)

__all__ = [
    "Booking",
    "BookingQuerySet",
    "District",
    "Neighbourhood",
    "NeighbourhoodQuerySet",
    "OpeningException",
    "OpeningHours",
    "Partner",
    "PartnerArea",
    "PartnerPlace",
    "Place",
    "PlaceQuerySet",
    "PostgresExclusionConstraint",
    "Room",
    "TeamMembership",
    "TeamMembershipQuerySet",
    "Weekday",
]
