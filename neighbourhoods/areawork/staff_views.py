"""Staff pages of the area-based work: the wijkplan, signals, the area team and the wijk page.

Every view checks its rule on the wijk or the object (genk.core.permissions); refusals say why."""

import datetime
from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from genk.core.permissions import can, permission_required
from genk.core.refusals import attempt
from neighbourhoods.models import Neighbourhood, Place, TeamMembership

from . import charts, photos, services, workflow
from .forms import (
    ActionForm,
    LinkForm,
    OverviewForm,
    PhotoForm,
    PlanForm,
    PriorityForm,
    SignalForm,
    SignalTextForm,
    TransitionForm,
    WijkPageForm,
)
from .models import Action, ActionLink, Plan, Signal, WijkPhoto

NOT_IN_TEAM = _(
    "Deze pagina is voor het wijkteam van deze wijk. Werk je in deze wijk? Vraag de wijkregisseur om je toe te voegen aan het wijkteam."
)
NOT_DIRECTOR = _("Dit doet de wijkregisseur van deze wijk. Vraag het aan de wijkregisseur.")


def _wijk(request, slug):
    return get_object_or_404(Neighbourhood.objects.without_geometry().with_district(), slug=slug)


def _require(request, perm, obj, message=NOT_IN_TEAM):
    if not can(request.user, perm, obj):
        raise PermissionDenied(message)


# The area team and the wijk's public page.


@permission_required("areawork.view_team", lambda request, slug: _wijk(request, slug), reason=NOT_IN_TEAM)
def team(request, slug):
    wijk = _wijk(request, slug)
    may_edit = can(request.user, "areawork.change_wijk_page", wijk)
    posted_photo = request.method == "POST" and request.POST.get("what") == "photo"
    form = (
        WijkPageForm(request.POST if request.method == "POST" and not posted_photo else None, instance=wijk)
        if may_edit
        else None
    )
    photo_form = (
        PhotoForm(request.POST or None, request.FILES or None, uploader=request.user)
        if posted_photo
        else PhotoForm(uploader=request.user)
    )
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied(NOT_DIRECTOR)
        if posted_photo:
            if photo_form.is_valid():
                data = photo_form.cleaned_data
                photos.add_photo(
                    wijk, request.user, data["image"], photo_form.probe, alt=data["image_alt"], caption=data["caption"]
                )
                messages.success(request, _("De foto is toegevoegd. Ze verschijnt op de pagina zodra ze verwerkt is."))
                return redirect("areawork_staff:team", slug=wijk.slug)
        elif form.is_valid():
            services.change_wijk_page(wijk, request.user, **{name: form.cleaned_data[name] for name in form.fields})
            messages.success(request, _("De pagina van de wijk is bijgewerkt."))
            return redirect("areawork_staff:team", slug=wijk.slug)
    members = list(
        TeamMembership.objects.current()
        .filter(neighbourhood=wijk)
        .select_related("user")
        .prefetch_related(Prefetch("places", queryset=Place.objects.only("pk", "name", "slug")))
        .order_by("role", "user__display_name")
    )
    return render(
        request,
        "areawork/staff/team.html",
        {
            "neighbourhood": wijk,
            "members": members,
            "form": form,
            "photo_form": photo_form if may_edit else None,
            "photos": list(wijk.photos.all()),
        },
    )


@require_POST
def remove_photo(request, slug, pk):
    wijk = _wijk(request, slug)
    photo = get_object_or_404(WijkPhoto.objects.select_related("neighbourhood"), pk=pk, neighbourhood=wijk)
    _require(request, "areawork.change_wijk_page", wijk, NOT_DIRECTOR)
    photos.remove_photo(photo, request.user)
    messages.success(request, _("De foto is verwijderd."))
    return redirect("areawork_staff:team", slug=wijk.slug)


# The wijkplan.


@permission_required("areawork.view_plan", lambda request, slug: _wijk(request, slug), reason=NOT_IN_TEAM)
def plan_current(request, slug):
    return redirect("areawork_staff:plan", slug=slug, year=timezone.localdate().year)


def _plan_page_data(plan):
    actions = Action.objects.select_related("owner_member__user", "owner_department", "owner_partner").prefetch_related(
        "links", "activities"
    )
    return list(plan.priorities.prefetch_related(Prefetch("actions", queryset=actions)))


def plan(request, slug, year):
    wijk = _wijk(request, slug)
    _require(request, "areawork.view_plan", wijk)
    if not 2000 <= year <= 2100:
        raise Http404
    the_plan = Plan.objects.filter(neighbourhood=wijk, year=year).first()
    may_change = can(request.user, "areawork.change_plan", wijk)
    priority_form = PriorityForm(prefix="priority")
    plan_form = PlanForm(prefix="plan", initial={"introduction": the_plan.introduction if the_plan else ""})
    action_form = ActionForm(prefix="action", plan=the_plan) if the_plan and the_plan.priorities.exists() else None
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied(NOT_IN_TEAM)
        what = request.POST.get("what")
        if what == "plan":
            plan_form = PlanForm(request.POST, prefix="plan")
            if plan_form.is_valid():
                the_plan = services.plan_for(wijk, year, request.user)
                Plan.objects.filter(pk=the_plan.pk).update(introduction=plan_form.cleaned_data["introduction"])
                messages.success(request, _("Het wijkplan is bewaard."))
                return redirect("areawork_staff:plan", slug=slug, year=year)
        elif what == "priority":
            priority_form = PriorityForm(request.POST, prefix="priority")
            if priority_form.is_valid():
                the_plan = the_plan or services.plan_for(wijk, year, request.user)
                services.add_priority(the_plan, request.user, **priority_form.cleaned_data)
                messages.success(request, _("De prioriteit is toegevoegd."))
                return redirect("areawork_staff:plan", slug=slug, year=year)
        elif what == "action" and the_plan is not None:
            action_form = ActionForm(request.POST, prefix="action", plan=the_plan)
            if action_form.is_valid():
                action = action_form.save(commit=False)
                services.save_action(action, request.user)
                action_form.save_m2m()
                messages.success(request, _("De actie is toegevoegd."))
                return redirect("areawork_staff:plan", slug=slug, year=year)
    priorities = _plan_page_data(the_plan) if the_plan else []
    actions = [a for p in priorities for a in p.actions.all()]
    counted = [a for a in actions if a.status != Action.Status.DROPPED]
    return render(
        request,
        "areawork/staff/plan.html",
        {
            "neighbourhood": wijk,
            "year": year,
            "plan": the_plan,
            "priorities": priorities,
            "done": sum(a.status == Action.Status.DONE for a in counted),
            "total": len(counted),
            "may_change": may_change,
            "may_publish": the_plan is not None and can(request.user, "areawork.publish_plan", the_plan),
            "plan_transitions": workflow.PLAN_FLOW.available(the_plan, request.user) if the_plan else [],
            "plan_form": plan_form,
            "priority_form": priority_form,
            "action_form": action_form,
            "years": [year - 1, year + 1],
        },
    )


@require_POST
def plan_transition(request, slug, year, name):
    wijk = _wijk(request, slug)
    the_plan = get_object_or_404(Plan, neighbourhood=wijk, year=year)
    _require(request, "areawork.publish_plan", the_plan, NOT_DIRECTOR)
    steps = {"publish": workflow.publish_plan, "unpublish": workflow.unpublish_plan}
    if name not in steps:
        raise Http404
    ok, _moved = attempt(request, lambda: steps[name](the_plan, request.user))
    if ok:
        messages.success(
            request,
            _("Het wijkplan is publiek op de pagina van de wijk.")
            if name == "publish"
            else _("Het wijkplan is niet langer publiek."),
        )
    return redirect("areawork_staff:plan", slug=slug, year=year)


def _action(wijk, pk):
    return get_object_or_404(
        Action.objects.select_related("priority__plan__neighbourhood"), pk=pk, priority__plan__neighbourhood=wijk
    )


def action(request, slug, pk):
    wijk = _wijk(request, slug)
    the_action = _action(wijk, pk)
    _require(request, "areawork.change_action", the_action)
    the_plan = the_action.priority.plan
    form = ActionForm(prefix="action", instance=the_action, plan=the_plan)
    items = [
        i for i in services.linkable_items(wijk) if i.ref not in set(the_action.links.values_list("ref", flat=True))
    ]
    link_form = LinkForm(prefix="link", items=items)
    if request.method == "POST":
        if request.POST.get("what") == "link":
            link_form = LinkForm(request.POST, prefix="link", items=items)
            if link_form.is_valid():
                ok, _made = attempt(
                    request,
                    lambda: services.link(the_action, link_form.cleaned_data["ref"], request.user),
                    form=link_form,
                    field="ref",
                )
                if ok:
                    messages.success(request, _("De koppeling is toegevoegd."))
                    return redirect(the_action.get_absolute_url())
        else:
            form = ActionForm(request.POST, prefix="action", instance=the_action, plan=the_plan)
            if form.is_valid():
                services.save_action(form.save(commit=False), request.user)
                form.save_m2m()
                messages.success(request, _("De actie is bewaard."))
                return redirect("areawork_staff:plan", slug=slug, year=the_plan.year)
    return render(
        request,
        "areawork/staff/action.html",
        {
            "neighbourhood": wijk,
            "action": the_action,
            "plan": the_plan,
            "form": form,
            "link_form": link_form if items else None,
            "links": list(the_action.links.all()),
            "transitions": workflow.ACTION_FLOW.available(the_action, request.user),
            "transition_form": TransitionForm(),
        },
    )


@require_POST
def action_transition(request, slug, pk, name):
    wijk = _wijk(request, slug)
    the_action = _action(wijk, pk)
    _require(request, "areawork.change_action", the_action)
    if name not in workflow.ACTION_FLOW:
        raise Http404
    form = TransitionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    ok, moved = attempt(request, lambda: workflow.move_action(the_action, name, request.user, note))
    if ok:
        messages.success(
            request, _("‘%(title)s’ is nu: %(status)s.") % {"title": moved.title, "status": moved.get_status_display()}
        )
    back = request.POST.get("terug")
    if back == "actie":
        return redirect(the_action.get_absolute_url())
    return redirect(f"{the_action.priority.plan.get_absolute_url()}#actie-{the_action.pk}")


@require_POST
def unlink(request, slug, pk):
    wijk = _wijk(request, slug)
    link = get_object_or_404(
        ActionLink.objects.select_related("action__priority__plan__neighbourhood"),
        pk=pk,
        action__priority__plan__neighbourhood=wijk,
    )
    _require(request, "areawork.change_action", link.action)
    services.unlink(link, request.user)
    messages.success(request, _("De koppeling is verwijderd."))
    return redirect(link.action.get_absolute_url())


# Signals.


def signals(request, slug):
    wijk = _wijk(request, slug)
    _require(request, "areawork.view_signal", wijk)
    form = SignalForm(request.POST or None, neighbourhood=wijk)
    if request.method == "POST":
        _require(request, "areawork.record_signal", wijk)
        if form.is_valid():
            signal = form.save(commit=False)
            signal.neighbourhood = wijk
            ok, _saved = attempt(request, lambda: services.record_signal(signal, request.user), form=form)
            if ok:
                messages.success(request, _("Het signaal is genoteerd."))
                return redirect("areawork_staff:signals", slug=slug)
    status = request.GET.get("status")
    found = Signal.objects.filter(neighbourhood=wijk).select_related("place")
    if status in Signal.Status.values:
        found = found.filter(status=status)
    return render(
        request,
        "areawork/staff/signals.html",
        {
            "neighbourhood": wijk,
            "form": form,
            "signals": list(found[:200]),
            "status": status,
            "statuses": Signal.Status.choices,
            "may_see_overview": can(request.user, "areawork.view_signal_overview", wijk),
        },
    )


def signal(request, slug, pk):
    wijk = _wijk(request, slug)
    the_signal = get_object_or_404(Signal.objects.select_related("place", "neighbourhood"), pk=pk, neighbourhood=wijk)
    _require(request, "areawork.view_signal", the_signal)
    form = SignalTextForm(request.POST or None, instance=the_signal, neighbourhood=wijk)
    if request.method == "POST":
        _require(request, "areawork.change_signal", the_signal)
        if form.is_valid():
            ok, _saved = attempt(
                request,
                lambda: services.change_signal_text(
                    the_signal,
                    request.user,
                    description=form.cleaned_data["description"],
                    follow_up=form.cleaned_data["follow_up"],
                ),
                form=form,
            )
            if ok:
                messages.success(request, _("Het signaal is bewaard."))
                return redirect(the_signal.get_absolute_url())
    return render(
        request,
        "areawork/staff/signal.html",
        {
            "neighbourhood": wijk,
            "signal": the_signal,
            "form": form,
            "transitions": workflow.SIGNAL_FLOW.available(the_signal, request.user),
        },
    )


@require_POST
def signal_transition(request, slug, pk, name):
    wijk = _wijk(request, slug)
    the_signal = get_object_or_404(Signal.objects.select_related("neighbourhood"), pk=pk, neighbourhood=wijk)
    _require(request, "areawork.change_signal", the_signal)
    if name not in workflow.SIGNAL_FLOW:
        raise Http404
    ok, moved = attempt(request, lambda: workflow.move_signal(the_signal, name, request.user))
    if ok:
        messages.success(request, _("Het signaal is nu: %(status)s.") % {"status": moved.get_status_display()})
    return redirect(the_signal.get_absolute_url())


def _months(end: datetime.date, count: int) -> list[datetime.date]:
    """The first days of the `count` months up to and including `end`'s month, oldest first."""
    months = []
    year, month = end.year, end.month
    for _i in range(count):
        months.append(datetime.date(year, month, 1))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(months))


def signal_overview(request):
    """The wijkregisseur's overview: signals per theme and wijk, per month (a table and bars)."""
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    wijken = [
        w
        for w in Neighbourhood.objects.of_team_member(request.user).without_geometry().order_by("name")
        if can(request.user, "areawork.view_signal_overview", w)
    ]
    if not wijken:
        raise PermissionDenied(
            _("Dit overzicht is voor wijkregisseurs: het toont de signalen van de wijken die je regisseert.")
        )
    form = OverviewForm(request.GET or None)
    months_count = (form.cleaned_data.get("months") if form.is_valid() else None) or 12
    months = _months(timezone.localdate(), months_count)
    rows = (
        Signal.objects.in_wijken([w.pk for w in wijken])
        .filter(observed_on__gte=months[0])
        .values("neighbourhood_id", "theme", "observed_on__year", "observed_on__month")
        .annotate(n=Count("pk"))
    )
    per_theme = defaultdict(int)
    per_wijk_theme = defaultdict(int)
    per_month_theme = defaultdict(int)
    for row in rows:
        month = datetime.date(row["observed_on__year"], row["observed_on__month"], 1)
        per_theme[row["theme"]] += row["n"]
        per_wijk_theme[(row["neighbourhood_id"], row["theme"])] += row["n"]
        per_month_theme[(month, row["theme"])] += row["n"]
    themes = [(value, label) for value, label in Signal.Theme.choices if per_theme[value]]
    table = [
        {
            "wijk": w,
            "counts": [per_wijk_theme[(w.pk, t)] for t, _l in themes],
            "total": sum(per_wijk_theme[(w.pk, t)] for t, _l in themes),
        }
        for w in wijken
    ]
    month_table = [
        {
            "month": m,
            "counts": [per_month_theme[(m, t)] for t, _l in themes],
            "total": sum(per_month_theme[(m, t)] for t, _l in themes),
        }
        for m in months
    ]
    bars = charts.bars(
        [(str(label), per_theme[value]) for value, label in themes], title=_("Signalen per thema"), unit=_("signalen")
    )
    month_bars = charts.bars(
        [(m.strftime("%m/%Y"), row["total"]) for m, row in zip(months, month_table, strict=True)],
        title=_("Signalen per maand"),
        unit=_("signalen"),
    )
    return render(
        request,
        "areawork/staff/overview.html",
        {
            "wijken": wijken,
            "form": form,
            "themes": themes,
            "table": table,
            "month_table": month_table,
            "bars": bars,
            "month_bars": month_bars,
            "total": sum(per_theme.values()),
            "months": months,
        },
    )
