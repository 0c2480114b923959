from django.db.models import Min
from django.urls import reverse
from django.utils.translation import gettext as _

from genk.core import portal
from genk.core.permissions import can
from genk.core.portal import ActivityItem, DashboardItem, WijkItem, dashboard_section, public_activity, wijk_content
from participation.ownership import managed_by

from .models import Cycle, Phase, Proposal


@dashboard_section
def budget_work(user):
    """Proposals to review and cycles in voting (paper ballots), for budget staff."""
    if not can(user, "accounts.access_staff_area"):
        return []
    section = _("Burgerbudget")
    items = [DashboardItem(section=section, label=_("Budgetrondes beheren"), url=reverse("budgets_staff:cycles"))]
    for cycle in managed_by(Cycle.objects.published().with_phases(), user):
        spec = cycle.spec()
        if spec.review:
            items.append(
                DashboardItem(
                    section=section,
                    label=_("Voorstellen beoordelen: %(cycle)s") % {"cycle": cycle.name},
                    url=reverse("budgets_staff:review_list", kwargs={"slug": cycle.slug}),
                    count=portal.count(Proposal.objects.filter(cycle=cycle).to_review()),
                    hide_when_zero=True,
                )
            )
        if spec.vote:
            items.append(
                DashboardItem(
                    section=section,
                    label=_("Stembrieven op papier: %(cycle)s") % {"cycle": cycle.name},
                    url=reverse("budgets_staff:paper", kwargs={"slug": cycle.slug}),
                )
            )
        if spec.publish_results and not cycle.results_published:
            items.append(
                DashboardItem(
                    section=section,
                    label=_("Resultaten publiceren: %(cycle)s") % {"cycle": cycle.name},
                    url=reverse("budgets_staff:results", kwargs={"slug": cycle.slug}),
                )
            )
    return items


def _next_phase_start(limit):
    """A phase of a published cycle appears on the home page when it starts."""
    from django.utils import timezone

    return Phase.objects.filter(cycle__is_published=True, starts_at__gt=timezone.now()).aggregate(at=Min("starts_at"))[
        "at"
    ]


@public_activity(tables=[Phase, Cycle], changes_at=_next_phase_start)
def budget_activity(limit):
    """Phases that started and results that were published."""
    from django.utils import timezone

    items = []
    phases = (
        Phase.objects.filter(cycle__is_published=True, starts_at__lte=timezone.now())
        .select_related("cycle")
        .order_by("-starts_at")[:limit]
    )
    for phase in phases:
        items.append(
            ActivityItem(
                kind=_("Burgerbudget"),
                title=_("%(cycle)s: %(phase)s") % {"cycle": phase.cycle.name, "phase": phase.get_kind_display()},
                url=phase.cycle.get_absolute_url(),
                when=phase.starts_at,
                summary=str(phase.spec.description),
            )
        )
    for cycle in (
        Cycle.objects.published().filter(results_published_at__isnull=False).order_by("-results_published_at")[:limit]
    ):
        items.append(
            ActivityItem(
                kind=_("Burgerbudget"),
                title=_("Resultaten: %(cycle)s") % {"cycle": cycle.name},
                url=reverse("budgets:results", kwargs={"slug": cycle.slug}),
                when=cycle.results_published_at,
            )
        )
    return items


@wijk_content(tables=[Proposal, Cycle])
def budget_projects_in_wijk(neighbourhood_ids, *, since=None, limit=20):
    """Budget projects of published cycles in these wijken: the current ones (submitted, feasible,
    selected) for the wijk page, or those submitted since `since`."""
    found = (
        Proposal.objects.public()
        .filter(cycle__is_published=True, neighbourhood_id__in=neighbourhood_ids)
        .select_related("cycle")
        .only("pk", "title", "summary", "created", "neighbourhood_id", "status", "cycle__slug")
        .order_by("-created")
    )
    if since is None:
        found = found.filter(status__in=("submitted", "feasible", "selected"))[: limit * len(neighbourhood_ids)]
    else:
        found = found.filter(created__gte=since)
    return [
        WijkItem(
            neighbourhood_id=p.neighbourhood_id,
            kind="budget_project",
            kind_label=_("Burgerbudgetproject"),
            title=p.title,
            url=p.get_absolute_url(),
            when=p.created,
            ref=f"budgets.proposal:{p.pk}",
            summary=p.summary,
            linkable=True,
        )
        for p in found
    ]
