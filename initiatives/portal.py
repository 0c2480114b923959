"""Initiatives on the staff dashboard (/beheer/) and in the home page's activity."""

from django.urls import reverse
from django.utils.translation import gettext as _

from genk.core import portal
from genk.core.permissions import can
from genk.core.portal import (
    ActivityItem,
    DashboardItem,
    WijkItem,
    dashboard_section,
    public_activity,
    waiting_invitation,
    wijk_content,
)

from .models import Comment, Initiative, Invitation


@dashboard_section
def staff_items(user) -> list[DashboardItem]:
    if not user.is_authenticated:
        return []
    queue = reverse("initiatives_staff:queue")
    section = _("Initiatieven")
    items = []
    if can(user, "initiatives.moderate_initiatives"):
        items += [
            DashboardItem(
                section=section,
                label=_("Ter moderatie"),
                url=f"{queue}?lijst=moderatie",
                count=portal.count(Initiative.objects.awaiting_moderation()),
                description=_("Publiceren, een aanpassing vragen of niet publiceren."),
            ),
            DashboardItem(
                section=section,
                label=_("Te beantwoorden"),
                url=f"{queue}?lijst=antwoord",
                count=portal.count(Initiative.objects.awaiting_answer()),
                description=_("Drempel bereikt of steunperiode afgelopen: de stad antwoordt."),
            ),
            DashboardItem(
                section=section,
                label=_("Gemelde reacties"),
                url=reverse("initiatives_staff:comments"),
                count=portal.count(Comment.objects.with_open_reports()),
            ),
        ]
    elif user.is_city_staff:
        handled = Initiative.objects.handled_by(user).awaiting_answer().count()
        if handled or Initiative.objects.handled_by(user).exists():
            items.append(
                DashboardItem(
                    section=section,
                    label=_("Initiatieven waarvoor ik verantwoordelijk ben"),
                    url=f"{queue}?lijst=antwoord",
                    count=handled,
                    description=_("Te beantwoorden door jou."),
                )
            )
    return items


@public_activity(tables=[Initiative])
def latest_initiatives(limit: int) -> list[ActivityItem]:
    return [
        ActivityItem(
            kind=_("Initiatief"), title=i.title, url=i.get_absolute_url(), when=i.published_at, summary=i.summary
        )
        for i in Initiative.objects.listed().newest()[:limit]
    ]


@waiting_invitation
def committee_invitation(user) -> str | None:
    """The newest open invitation to a committee for the person's email address."""
    invitation = Invitation.objects.pending().for_email(user.email).order_by("-created").first() if user.email else None
    return invitation.get_absolute_url() if invitation else None


@wijk_content(tables=[Initiative])
def initiatives_in_wijk(neighbourhood_ids, *, since=None, limit=20) -> list[WijkItem]:
    """Open initiatives of these wijken (the wijk page), or those published since `since`."""
    found = Initiative.objects.public().filter(neighbourhood_id__in=neighbourhood_ids)
    if since is None:
        found = found.listed().exclude(status__in=(Initiative.Status.REALISED,))[: limit * len(neighbourhood_ids)]
    else:
        found = found.filter(published_at__gte=since)
    return [
        WijkItem(
            neighbourhood_id=i.neighbourhood_id,
            kind="initiative",
            kind_label=_("Initiatief"),
            title=i.title,
            url=i.get_absolute_url(),
            when=i.published_at,
            ref=f"initiatives.initiative:{i.pk}",
            summary=i.summary,
            linkable=True,
        )
        for i in found.only("pk", "slug", "title", "summary", "published_at", "neighbourhood_id", "status")
    ]
