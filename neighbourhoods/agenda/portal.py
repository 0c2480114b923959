"""The agenda on the staff dashboard (/beheer/): the review queue, and the activities one organises."""

from django.urls import reverse
from django.utils.translation import gettext as _

from genk.core.permissions import can
from genk.core.portal import DashboardItem, dashboard_section

from .models import Activity


@dashboard_section
def staff_items(user) -> list[DashboardItem]:
    if not user.is_authenticated:
        return []
    section = _("Agenda")
    items = []
    if can(user, "agenda.review_activity"):
        items.append(
            DashboardItem(
                section=section,
                label=_("Activiteiten nakijken"),
                url=reverse("agenda_staff:queue"),
                count=Activity.objects.in_review().count(),
                description=_("De eerste activiteit van een organisatie: publiceren of terugsturen."),
            )
        )
    if can(user, "agenda.add_activity"):
        items.append(
            DashboardItem(
                section=section,
                label=_("Activiteiten organiseren"),
                url=reverse("agenda:organise"),
                description=_("Activiteiten schrijven en publiceren, inschrijvingen en aanwezigheid."),
            )
        )
    return items
