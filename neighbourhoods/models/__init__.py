"""The wijken and districts with their area teams (`areas`), and the public places (`places`)."""

from .areas import District, Neighbourhood, NeighbourhoodQuerySet, TeamMembership, TeamMembershipQuerySet
from .places import Place

__all__ = ["District", "Neighbourhood", "NeighbourhoodQuerySet", "Place", "TeamMembership", "TeamMembershipQuerySet"]
