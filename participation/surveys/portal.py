from django.db.models import Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from genk.core import portal
from genk.core.permissions import can
from genk.core.portal import ActivityItem, DashboardItem, dashboard_section, public_activity
from neighbourhoods.models import District
from participation.ownership import managed_by

from .models import Survey


@dashboard_section
def survey_work(user):
    if not can(user, "accounts.access_staff_area"):
        return []
    return [
        DashboardItem(
            section=_("Bevragingen"),
            label=_("Bevragingen beheren"),
            url=reverse("surveys_staff:list"),
            count=portal.count(managed_by(Survey.objects.open(), user)),
            description=_("open bevragingen"),
        )
    ]


def _next_survey_change(limit):
    """A published survey appears on the home page when it opens and goes when it closes."""
    now = timezone.now()
    found = Survey.objects.published().aggregate(
        opens=Min("opens_at", filter=Q(opens_at__gt=now)), closes=Min("closes_at", filter=Q(closes_at__gt=now))
    )
    moments = [m for m in found.values() if m is not None]
    return min(moments) if moments else None


@public_activity(tables=[Survey, District], changes_at=_next_survey_change)
def survey_activity(limit):
    return [
        ActivityItem(
            kind=_("Bevraging"), title=s.title, url=s.get_absolute_url(), when=s.opens_at, summary=s.audience_label
        )
        for s in Survey.objects.open().select_related("audience_district").order_by("-opens_at")[:limit]
    ]
