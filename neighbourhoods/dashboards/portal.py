"""What the dashboards put on the staff page /beheer/ (genk.core.portal): a link to the
dashboard of each wijk in whose team the user is, and the city's dashboards for managers."""

from django.urls import reverse
from django.utils.translation import gettext as _

from genk.core.permissions import can
from genk.core.portal import DashboardItem, dashboard_section
from neighbourhoods.models import Neighbourhood


@dashboard_section
def figures(user) -> list[DashboardItem]:
    if not getattr(user, "is_authenticated", False):
        return []
    section = _("Wijkcijfers")
    items = [
        DashboardItem(
            section=section,
            label=_("Dashboard %(wijk)s") % {"wijk": w.name},
            url=reverse("dashboards_staff:wijk", args=[w.slug]),
        )
        for w in Neighbourhood.objects.without_geometry().of_team_member(user).order_by("name")
    ]
    if can(user, "dashboards.view_city"):
        items += [
            DashboardItem(
                section=section, label=_("Dashboard %(area)s") % {"area": "Genk"}, url=reverse("dashboards_staff:city")
            ),
            DashboardItem(section=section, label=_("Kaart van de wijkcijfers"), url=reverse("dashboards_staff:map")),
            DashboardItem(section=section, label=_("Inwoners per wijk"), url=reverse("dashboards_staff:population")),
        ]
    return items
