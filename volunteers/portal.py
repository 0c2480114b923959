from django.urls import reverse
from django.utils.translation import gettext as _

from genk.accounts.models import Organisation
from genk.core import portal
from genk.core.permissions import can
from genk.core.portal import ActivityItem, DashboardItem, WijkItem, dashboard_section, public_activity, wijk_content

from .models import Opportunity


@dashboard_section
def volunteer_work(user):
    if not can(user, "volunteers.access_workbench", user):
        return []
    to_review = (
        portal.count(Opportunity.objects.filter(status=Opportunity.Status.IN_REVIEW))
        if can(user, "volunteers.review_opportunity", Opportunity(status=Opportunity.Status.IN_REVIEW))
        else None
    )
    return [
        DashboardItem(
            section=_("Vrijwilligerswerk"),
            label=_("Vrijwilligerswerk beheren"),
            url=reverse("volunteers_staff:index"),
            count=to_review,
            description=_("vacatures ter controle") if to_review is not None else "",
        )
    ]


@public_activity(tables=[Opportunity, Organisation])
def new_opportunities(limit):
    return [
        ActivityItem(
            kind=_("Vrijwilligerswerk"),
            title=o.title,
            url=o.get_absolute_url(),
            when=o.published_at,
            summary=o.organisation.name,
        )
        for o in Opportunity.objects.published()
        .filter(published_at__isnull=False)
        .select_related("organisation")
        .order_by("-published_at")[:limit]
    ]


@wijk_content(tables=[Opportunity, Organisation])
def opportunities_in_wijk(neighbourhood_ids, *, since=None, limit=20):
    """Published volunteer opportunities in these wijken (or those published since `since`)."""
    found = (
        Opportunity.objects.published()
        .filter(neighbourhood_id__in=neighbourhood_ids, published_at__isnull=False)
        .select_related("organisation")
        .only("pk", "slug", "title", "published_at", "neighbourhood_id", "organisation__name")
        .order_by("-published_at")
    )
    found = found[: limit * len(neighbourhood_ids)] if since is None else found.filter(published_at__gte=since)
    return [
        WijkItem(
            neighbourhood_id=o.neighbourhood_id,
            kind="volunteer_opportunity",
            kind_label=_("Vrijwilligerswerk"),
            title=o.title,
            url=o.get_absolute_url(),
            when=o.published_at,
            ref=f"volunteers.opportunity:{o.pk}",
            summary=o.organisation.name,
        )
        for o in found
    ]
