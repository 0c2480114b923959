"""Public pages: a wijk's published wijkplan, following a wijk (plain forms: no JavaScript needed)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from genk.accounts.models import Department, User
from genk.core import pagecache
from genk.core.refusals import attempt
from neighbourhoods.agenda.models import Activity
from neighbourhoods.models import Neighbourhood, Partner, TeamMembership

from . import services
from .forms import FollowForm
from .models import Action, ActionLink, Follow, Plan, Priority


def _wijk(slug):
    return get_object_or_404(Neighbourhood.objects.without_geometry(), slug=slug)


def public_priorities(plan):
    """The public priorities of a plan with their public actions (three queries)."""
    actions = (
        Action.objects.filter(is_public=True)
        .select_related("owner_member__user", "owner_department", "owner_partner")
        .prefetch_related("links", "activities")
    )
    return list(plan.priorities.filter(is_public=True).prefetch_related(Prefetch("actions", queryset=actions)))


# What the public wijkplan shows: the wijk, its published plans (the years), the public
# priorities and actions with their links and activities, and who owns each action (a team
# member's public name, a department, a partner).
PLAN_TABLES = [
    Neighbourhood,
    Plan,
    Priority,
    Action,
    ActionLink,
    Action.activities.through,
    Activity,
    TeamMembership,
    User,
    Department,
    Partner,
]


@pagecache.public_page("areawork", "plan", tables=PLAN_TABLES, params={"jaar"})
def plan(request, slug):
    wijk = _wijk(slug)
    plans = list(Plan.objects.published().of_wijk(wijk).order_by("-year").only("pk", "year", "neighbourhood_id"))
    if not plans:
        return render(
            request, "areawork/plan_public.html", {"neighbourhood": wijk, "plan": None, "plans": []}, status=404
        )
    year = request.GET.get("jaar")
    chosen = next((p for p in plans if str(p.year) == year), None) if year else plans[0]
    if chosen is None:
        raise Http404(_("Er is geen gepubliceerd wijkplan voor dat jaar."))
    chosen = Plan.objects.get(pk=chosen.pk)
    priorities = public_priorities(chosen)
    actions = [a for p in priorities for a in p.actions.all()]
    counted = [a for a in actions if a.status != Action.Status.DROPPED]
    return render(
        request,
        "areawork/plan_public.html",
        {
            "neighbourhood": wijk,
            "plan": chosen,
            "plans": plans,
            "priorities": priorities,
            "done": sum(a.status == Action.Status.DONE for a in counted),
            "total": len(counted),
        },
    )


@require_http_methods(["GET", "POST"])
def follow(request, slug):
    wijk = _wijk(slug)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    current = Follow.objects.filter(user=request.user, neighbourhood=wijk).first()
    form = FollowForm(request.POST or None, initial={"frequency": current.frequency} if current else None)
    if request.method == "POST" and form.is_valid():
        ok, _follow = attempt(
            request, lambda: services.follow_wijk(request.user, wijk, form.cleaned_data["frequency"]), form=form
        )
        if ok:
            messages.success(
                request,
                _("Je volgt %(wijk)s. Je hoort het wanneer er iets nieuws gepubliceerd wordt.") % {"wijk": wijk.name},
            )
            return redirect(wijk.get_absolute_url() + "#volgen")
    return render(request, "areawork/follow.html", {"neighbourhood": wijk, "form": form, "follow": current})


@require_POST
def unfollow(request, slug):
    wijk = _wijk(slug)
    if not request.user.is_authenticated:
        return redirect_to_login(wijk.get_absolute_url())
    ok, _none = attempt(request, lambda: services.unfollow_wijk(request.user, wijk))
    if ok:
        messages.success(request, _("Je volgt %(wijk)s niet meer.") % {"wijk": wijk.name})
    return redirect(wijk.get_absolute_url() + "#volgen")


def hub_context(request, wijk) -> dict:
    """What the wijk page (neighbourhoods.views.detail) adds: what is happening in the wijk,
    through the `genk.core.portal.wijk_content` registry, the published wijkplan and the follow
    button. One query per registered app, whatever the number of items."""
    from genk.core import portal

    groups: dict[str, dict] = {}
    for item in portal.wijk_items([wijk.pk], limit=HUB_LIMIT):  # newest first
        group = groups.setdefault(item.kind, {"label": item.kind_label, "items": []})
        group["items"].append(item)
    for kind, group in groups.items():
        if kind in COMING:  # what is still to come: soonest first
            group["items"].reverse()
        group["items"] = group["items"][:HUB_LIMIT]
    following = None
    if request.user.is_authenticated:
        following = Follow.objects.filter(user=request.user, neighbourhood=wijk).first()
    latest_plan = Plan.objects.published().of_wijk(wijk).order_by("-year").only("pk", "year").first()
    return {
        "happening": [groups[k] for k in HUB_ORDER if k in groups]
        + [g for k, g in groups.items() if k not in HUB_ORDER],
        "following": following,
        "follow_form": FollowForm(initial={"frequency": following.frequency} if following else None),
        "published_plan": latest_plan,
        "photos": [p for p in wijk.photos.exclude(image="") if p.image],
    }


HUB_LIMIT = 6
COMING = {"activity", "council_meeting"}
HUB_ORDER = ("initiative", "budget_project", "activity", "volunteer_opportunity", "council_meeting")
