from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from genk.core import portal
from genk.core.portal import ActivityItem, DashboardItem, WijkItem, dashboard_section, public_activity, wijk_content
from neighbourhoods.models import Place

from .models import Advice, Council, CouncilMembership, Meeting, MembershipApplication, Minutes


@dashboard_section
def council_tasks(user):
    """The councils this person runs, and the advice their department has to answer."""
    items = []
    managed = (
        CouncilMembership.objects.current()
        .managing()
        .filter(user=user)
        .select_related("council")
        .annotate(
            open_applications=Count(
                "council__applications",
                filter=Q(council__applications__status=MembershipApplication.Status.SUBMITTED),
            )
        )
        .order_by("council__name")
    )
    for membership in managed:
        council = membership.council
        open_applications = membership.open_applications
        items.append(
            DashboardItem(
                section=_("Adviesraden"),
                label=council.name,
                url=reverse("councils_staff:council", kwargs={"slug": council.slug}),
                count=open_applications or None,
                description=membership.get_role_display(),
            )
        )
    if user.is_city_staff:
        items.append(
            DashboardItem(
                section=_("Adviesraden"),
                label=_("Adviezen te beantwoorden"),
                url=reverse("councils_staff:index"),
                count=portal.count(Advice.objects.to_answer_by(user)),
                description=_("Het antwoord van de stad op adviezen van de adviesraden."),
                hide_when_zero=True,
            )
        )
    return items


def _next_minutes_published(limit):
    """Minutes planned for publication appear on the home page at that moment."""
    return (
        Meeting.objects.public()
        .with_minutes_published()
        .filter(minutes__published_at__gt=timezone.now())
        .aggregate(at=Min("minutes__published_at"))["at"]
    )


@public_activity(tables=[Advice, Council, Meeting, Minutes], changes_at=_next_minutes_published)
def council_activity(limit):
    items = []
    for advice in Advice.objects.public().select_related("council").order_by("-sent_at")[:limit]:
        when = advice.answered_at or advice.sent_at
        title = (
            _("De stad antwoordde op het advies '%(title)s'") if advice.answered_at else _("Nieuw advies: %(title)s")
        ) % {"title": advice.title}
        items.append(
            ActivityItem(
                kind=_("Adviesraad"), title=title, url=advice.get_absolute_url(), when=when, summary=advice.council.name
            )
        )
    published = (
        Meeting.objects.public()
        .with_minutes_published()
        .filter(minutes__published_at__lte=timezone.now())
        .select_related("council", "minutes")
        .order_by("-minutes__published_at")[:limit]
    )
    for meeting in published:
        items.append(
            ActivityItem(
                kind=_("Adviesraad"),
                title=_("Verslag gepubliceerd: %(meeting)s") % {"meeting": meeting},
                url=meeting.get_absolute_url(),
                when=meeting.minutes.published_at,
                summary=meeting.council.name,
            )
        )
    return items


def _next_meeting_end(neighbourhood_ids):
    """A coming meeting leaves the wijk page when it ends."""
    return (
        Meeting.objects.public()
        .not_cancelled()
        .filter(place__neighbourhood_id__in=neighbourhood_ids, ends_at__gte=timezone.now())
        .aggregate(at=Min("ends_at"))["at"]
    )


@wijk_content(tables=[Meeting, Council, Place], changes_at=_next_meeting_end)
def meetings_in_wijk(neighbourhood_ids, *, since=None, limit=20):
    """Public council meetings at a place in these wijken: the coming ones for the wijk page, or
    those planned since `since`."""
    found = (
        Meeting.objects.public()
        .not_cancelled()
        .filter(place__neighbourhood_id__in=neighbourhood_ids)
        .select_related("council", "place")
        .only("pk", "title", "starts_at", "created", "council__name", "place__name", "place__neighbourhood_id")
    )
    found = found.upcoming()[: limit * len(neighbourhood_ids)] if since is None else found.filter(created__gte=since)
    return [
        WijkItem(
            neighbourhood_id=m.place.neighbourhood_id,
            kind="council_meeting",
            kind_label=_("Vergadering van een adviesraad"),
            title=f"{m.council.name}: {m}",
            url=m.get_absolute_url(),
            when=m.created if since is not None else m.starts_at,
            ref=f"councils.meeting:{m.pk}",
            summary=m.place.name,
        )
        for m in found
    ]
