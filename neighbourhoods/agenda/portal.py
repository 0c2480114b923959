"""The agenda on the staff dashboard (/beheer/): the review queue, and the activities one organises."""

from django.db.models import Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from genk.core import portal
from genk.core.permissions import can
from genk.core.portal import DashboardItem, WijkItem, dashboard_section, wijk_content

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
                count=portal.count(Activity.objects.in_review()),
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


def _next_activity_end(neighbourhood_ids):
    """A coming activity leaves the wijk page when it ends."""
    return (
        Activity.objects.published()
        .filter(neighbourhood_id__in=neighbourhood_ids, published_at__isnull=False, ends_at__gte=timezone.now())
        .aggregate(at=Min("ends_at"))["at"]
    )


@wijk_content(tables=[Activity], changes_at=_next_activity_end)
def activities_in_wijk(neighbourhood_ids, *, since=None, limit=20):
    """Published activities in these wijken: the coming ones for the wijk page, or those
    published since `since`."""
    found = (
        Activity.objects.published()
        .filter(neighbourhood_id__in=neighbourhood_ids, published_at__isnull=False)
        .only("pk", "title", "starts_at", "published_at", "neighbourhood_id")
    )
    if since is None:
        found = found.upcoming().order_by("starts_at")[: limit * len(neighbourhood_ids)]
    else:
        found = found.filter(published_at__gte=since)
    return [
        WijkItem(
            neighbourhood_id=a.neighbourhood_id,
            kind="activity",
            kind_label=_("Activiteit"),
            title=a.title,
            url=a.get_absolute_url(),
            when=a.published_at if since is not None else a.starts_at,
            ref=f"agenda.activity:{a.pk}",
            linkable=True,
        )
        for a in found
    ]
