"""Small named checks about area teams, combined into permissions in rules.py.

The object is a Neighbourhood, or a District (then: any of its wijken). Only current
memberships count (start and end dates). Results are not cached: each check is one
indexed query.
"""

import rules

from .models import District, Neighbourhood, TeamMembership


def _memberships(user, area):
    if not getattr(user, "is_authenticated", False) or area is None:
        return TeamMembership.objects.none()
    memberships = TeamMembership.objects.current().filter(user=user)
    if isinstance(area, Neighbourhood):
        return memberships.filter(neighbourhood=area)
    if isinstance(area, District):
        return memberships.filter(neighbourhood__district=area)
    return TeamMembership.objects.none()


@rules.predicate
def is_director_of(user, area) -> bool:
    """The user is a wijkregisseur of this wijk (or of a wijk in this district)."""
    return _memberships(user, area).directors().exists()


@rules.predicate
def is_team_member_of(user, area) -> bool:
    """The user is in the area team of this wijk (or of a wijk in this district), in any role,
    wijkregisseur included."""
    return _memberships(user, area).exists()
