"""The public pages: all wijken (map and list by district), a district, a wijk.

Query counts do not depend on the number of wijken: the list is one query, the districts one,
and the map comes from the cache (one more query when it has to be drawn again)."""

from dataclasses import dataclass, field

from django.shortcuts import get_object_or_404, render

from genk.core import pagecache, portal

from . import caching
from .models import District, Neighbourhood, PartnerArea, Place, TeamMembership


@dataclass
class DistrictGroup:
    district: District | None
    wijken: list[Neighbourhood] = field(default_factory=list)


@pagecache.public_page("neighbourhoods", "index", tables=[Neighbourhood, District, Place])
def index(request):
    wijken = list(Neighbourhood.objects.with_district().without_geometry().order_by("name"))
    groups = {district.pk: DistrictGroup(district) for district in District.objects.order_by("name")}
    without = DistrictGroup(None)
    for wijk in wijken:
        groups.get(wijk.district_id, without).wijken.append(wijk)
    groups = [group for group in groups.values() if group.wijken]
    if without.wijken:
        groups.append(without)
    return render(
        request,
        "neighbourhoods/index.html",
        {
            "neighbourhoods": wijken,
            "places": list(
                Place.objects.with_point().only("name", "slug", "kind", "latitude", "longitude").order_by("name")
            ),
            "groups": groups,
            "districts_are_examples": any(g.district.is_example for g in groups if g.district),
        },
    )


@pagecache.public_page("neighbourhoods", "district", tables=[District, Neighbourhood])
def district(request, slug):
    district = get_object_or_404(District, slug=slug)
    return render(
        request,
        "neighbourhoods/district.html",
        {"district": district, "neighbourhoods": list(district.neighbourhoods.without_geometry().order_by("name"))},
    )


@dataclass
class RoleGroup:
    label: str
    members: list[TeamMembership]


def detail(request, slug):
    """The wijk page; for visitors kept under the versions of what it shows (caching.wijk_page);
    a signed-in person's has their follow form."""
    return caching.wijk_page(_detail)(request, slug)


def _detail(request, slug):
    wijk = get_object_or_404(Neighbourhood.objects.with_district().without_geometry(), slug=slug)
    memberships = list(
        wijk.team.current().public().select_related("user").order_by("role", "user__display_name", "user__email")
    )
    directors = [m for m in memberships if m.role == TeamMembership.Role.DIRECTOR]
    team = []
    for role, label in TeamMembership.Role.choices:
        if role == TeamMembership.Role.DIRECTOR:
            continue
        members = [m for m in memberships if m.role == role]
        if members:
            team.append(RoleGroup(label=label, members=members))
    from .areawork.views import hub_context  # the hub: what happens in the wijk, the follow button

    response = render(
        request,
        "neighbourhoods/detail.html",
        {
            **hub_context(request, wijk),
            "neighbourhood": wijk,
            "directors": directors,
            "team": team,
            "places": list(wijk.places.order_by("name")),
            "partners": list(
                PartnerArea.objects.filter(neighbourhood=wijk).select_related("partner").order_by("partner__name")
            ),
        },
    )
    # The team valid today; a coming activity or meeting that ends leaves the page.
    return caching.keep_until(request, response, caching.tomorrow(), lambda: portal.wijk_changes_at([wijk.pk]))
