"""The area-based work on the staff dashboard (/beheer/): per wijk of one's area team, its
wijkplan, its signals and its team page."""

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from genk.core.portal import DashboardItem, dashboard_section
from neighbourhoods.models import Neighbourhood

from .models import Signal


@dashboard_section
def area_work(user) -> list[DashboardItem]:
    if not user.is_authenticated:
        return []
    wijken = list(Neighbourhood.objects.of_team_member(user).without_geometry().order_by("name"))
    if not wijken:
        return []
    open_signals = dict(
        Signal.objects.open()
        .in_wijken([w.pk for w in wijken])
        .values("neighbourhood_id")
        .annotate(n=Count("pk"))
        .values_list("neighbourhood_id", "n")
    )
    section = _("Gebiedsgerichte werking")
    year = timezone.localdate().year
    items = []
    for wijk in wijken:
        items += [
            DashboardItem(
                section=section,
                label=_("Wijkplan %(wijk)s") % {"wijk": wijk.name},
                url=reverse("areawork_staff:plan", kwargs={"slug": wijk.slug, "year": year}),
            ),
            DashboardItem(
                section=section,
                label=_("Signalen %(wijk)s") % {"wijk": wijk.name},
                url=reverse("areawork_staff:signals", kwargs={"slug": wijk.slug}),
                count=open_signals.get(wijk.pk, 0),
                description=_("open signalen"),
            ),
            DashboardItem(
                section=section,
                label=_("Wijkteam %(wijk)s") % {"wijk": wijk.name},
                url=reverse("areawork_staff:team", kwargs={"slug": wijk.slug}),
            ),
        ]
    return items
