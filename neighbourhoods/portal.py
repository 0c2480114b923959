"""What the neighbourhoods app puts on the staff dashboard (genk.core.portal)."""

from django.utils.translation import gettext as _

from genk.core.portal import DashboardItem, dashboard_section

from .models import TeamMembership


@dashboard_section
def my_neighbourhoods(user) -> list[DashboardItem]:
    """ "Mijn wijken": the wijken where the user is currently in the area team (director or
    team member), one item per wijk with the user's roles there. One query."""
    if not getattr(user, "is_authenticated", False):
        return []
    roles: dict[int, list[str]] = {}
    wijken = {}
    memberships = (
        TeamMembership.objects.current()
        .filter(user=user)
        .select_related("neighbourhood")
        .order_by("neighbourhood__name", "role")
    )
    for membership in memberships:
        wijken.setdefault(membership.neighbourhood_id, membership.neighbourhood)
        roles.setdefault(membership.neighbourhood_id, []).append(str(membership.get_role_display()))
    return [
        DashboardItem(
            section=_("Mijn wijken"),
            label=wijk.name,
            url=wijk.get_absolute_url(),
            description=", ".join(roles[pk]),
        )
        for pk, wijk in wijken.items()
    ]


@dashboard_section
def my_places(user) -> list[DashboardItem]:
    """ "Plekken": the places the user's departments manage, each with the requests waiting
    for a decision (the queue). One query; nothing for people who manage no place."""
    from django.db.models import Count, OuterRef, Subquery
    from django.db.models.functions import Coalesce
    from django.urls import reverse
    from django.utils import timezone

    from .models import Booking, Place

    if not getattr(user, "is_authenticated", False) or user.is_superuser or not user.department_ids():
        return []
    # A count per place in a subquery (the room index, then the booking's status), rather than
    # a join of every booking of the department's places grouped afterwards: half the time.
    waiting = (
        Booking.objects.filter(room__place=OuterRef("pk"), status=Booking.Status.REQUESTED, end__gt=timezone.now())
        .order_by()
        .values("room__place")
        .annotate(n=Count("pk"))
        .values("n")
    )
    places = (
        Place.objects.managed_by(user)
        .annotate(waiting=Coalesce(Subquery(waiting), 0))
        .order_by("name")
        .only("name", "slug")
    )
    return [
        DashboardItem(
            section=_("Plekken"),
            label=place.name,
            url=reverse("places_staff:week", kwargs={"slug": place.slug}),
            count=place.waiting,
            description=_("aanvragen die wachten op een beslissing"),
        )
        for place in places
    ]
