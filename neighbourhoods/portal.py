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
