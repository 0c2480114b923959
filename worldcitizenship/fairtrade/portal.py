"""FairTrade town on the staff dashboard (/beheer/): the registrations waiting for review."""

from django.urls import reverse
from django.utils.translation import gettext as _

from genk.core import portal
from genk.core.permissions import can
from genk.core.portal import DashboardItem, dashboard_section

from .models import Point


@dashboard_section
def staff_items(user) -> list[DashboardItem]:
    if not user.is_authenticated or not can(user, "fairtrade.manage_campaign"):
        return []
    return [
        DashboardItem(
            section=_("FairTrade-gemeente"),
            label=_("Fairtradepunten nakijken"),
            url=reverse("fairtrade_staff:dashboard"),
            count=portal.count(Point.objects.filter(status=Point.Status.SUBMITTED)),
            description=_("Aanmeldingen goedkeuren of weigeren, de voortgang per criterium, het voortgangsrapport."),
        )
    ]
