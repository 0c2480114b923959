"""Staff pages: setting up a cycle (the cycle, its phases, headings and themes) and putting it online."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from genk.core import audit
from genk.core.forms import add_errors
from genk.core.permissions import can, staff_required
from genk.core.refusals import attempt
from neighbourhoods.models import District
from participation.ownership import managed_by

from .. import services
from ..forms import (
    FROZEN_WHILE_VOTING,
    CycleForm,
    DistrictHeadingsForm,
    HeadingForm,
    PhasesForm,
    ThemeForm,
)
from ..models import Ballot, Cycle, Heading, Proposal, Theme
from ..phases import timeline
from .common import get_cycle


@staff_required
def cycle_list(request):
    cycles = managed_by(Cycle.objects.with_phases(), request.user).annotate(
        n_proposals=Count("proposals", distinct=True),
        n_to_review=Count("proposals", filter=Q(proposals__status=Proposal.Status.SUBMITTED), distinct=True),
    )
    return render(request, "budgets/staff/cycle_list.html", {"cycles": cycles, "themes": Theme.objects.all()})


@staff_required
def cycle_create(request):
    form = CycleForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        cycle = services.save_cycle(form, request.user)
        messages.success(request, _("De ronde is aangemaakt. Voeg nu deelbudgetten en fasen toe."))
        return redirect("budgets_staff:cycle", slug=cycle.slug)
    return render(request, "budgets/staff/cycle_form.html", {"form": form, "cycle": None})


@staff_required
def cycle_edit(request, slug):
    cycle = get_cycle(request, slug)
    locked = Ballot.objects.filter(heading__cycle=cycle).exists()
    form = CycleForm(request.POST or None, instance=cycle, locked=locked, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            cycle = services.save_cycle(form, request.user)
        except ValidationError as exc:  # someone voted since the form was shown
            add_errors(form, exc)
        else:
            messages.success(request, _("De ronde is bewaard."))
            return redirect("budgets_staff:cycle", slug=cycle.slug)
    return render(request, "budgets/staff/cycle_form.html", {"form": form, "cycle": cycle})


@staff_required
def cycle_detail(request, slug):
    cycle = get_cycle(request, slug)
    counts = Proposal.objects.filter(cycle=cycle).aggregate(
        total=Count("pk"),
        to_review=Count("pk", filter=Q(status=Proposal.Status.SUBMITTED)),
        feasible=Count("pk", filter=Q(status=Proposal.Status.FEASIBLE)),
    )
    ballot_counts = Ballot.objects.filter(heading__cycle=cycle).aggregate(
        online=Count("pk", filter=Q(channel=Ballot.Channel.ONLINE)),
        paper=Count("pk", filter=Q(channel=Ballot.Channel.PAPER)),
    )
    return render(
        request,
        "budgets/staff/cycle_detail.html",
        {
            "cycle": cycle,
            "spec": cycle.spec(),
            "timeline": timeline(cycle),
            "counts": counts,
            "ballots": ballot_counts,
            "problems": [] if cycle.is_published else services.publication_problems(cycle),
            "history": audit.history(cycle)[:10],
            "can_enter_paper": can(request.user, "budgets.enter_paper_ballot", cycle),
            "can_publish_results": can(request.user, "budgets.publish_results", cycle),
        },
    )


@staff_required
def cycle_phases(request, slug):
    cycle = get_cycle(request, slug)
    form = PhasesForm(request.POST or None, cycle=cycle)
    if request.method == "POST" and form.is_valid():
        done, _nothing = attempt(
            request, lambda: services.set_phases(cycle, request.user, form.cleaned_data), form=form
        )
        if done:
            messages.success(request, _("De fasen zijn bewaard."))
            return redirect("budgets_staff:cycle", slug=cycle.slug)
    return render(request, "budgets/staff/phases_form.html", {"form": form, "cycle": cycle})


@staff_required
def cycle_headings(request, slug):
    cycle = get_cycle(request, slug)
    form = HeadingForm(request.POST or None, initial={"order": cycle.headings.count() + 1}, cycle=cycle)
    district_form = DistrictHeadingsForm(request.POST or None, prefix="districts")
    if request.method == "POST" and "districts-amount" in request.POST:
        form = HeadingForm(initial={"order": 1}, cycle=cycle)
        if district_form.is_valid():
            done, created = attempt(
                request,
                lambda: services.create_district_headings(
                    cycle,
                    request.user,
                    amount=district_form.cleaned_data["amount"],
                    districts=District.objects.prefetch_related("neighbourhoods"),
                ),
                form=district_form,
            )
            if done:
                messages.success(request, _("%(n)s deelbudgetten aangemaakt.") % {"n": len(created)})
                return redirect("budgets_staff:headings", slug=cycle.slug)
    elif request.method == "POST":
        district_form = DistrictHeadingsForm(prefix="districts")
        if form.is_valid():
            heading = form.save()
            audit.record(request.user, "budgets.heading.create", heading, after=audit.snapshot(heading))
            messages.success(request, _("Deelbudget toegevoegd."))
            return redirect("budgets_staff:headings", slug=cycle.slug)
    return render(
        request,
        "budgets/staff/headings.html",
        {
            "cycle": cycle,
            "form": form,
            "district_form": district_form,
            "headings": cycle.headings.all(),
            "frozen_reason": FROZEN_WHILE_VOTING,
        },
    )


@staff_required
def heading_edit(request, slug, pk):
    cycle = get_cycle(request, slug)
    heading = get_object_or_404(Heading, cycle=cycle, pk=pk)
    before = audit.snapshot(heading)
    form = HeadingForm(request.POST or None, instance=heading, cycle=cycle)
    if Ballot.objects.filter(heading=heading).exists():
        form.fields["amount"].disabled = True
        form.fields["amount"].help_text = _("Vast: er is al gestemd.")
    if request.method == "POST" and form.is_valid():
        heading = form.save()
        audit.record(request.user, "budgets.heading.change", heading, before=before, after=audit.snapshot(heading))
        messages.success(request, _("Deelbudget bewaard."))
        return redirect("budgets_staff:headings", slug=cycle.slug)
    return render(request, "budgets/staff/heading_form.html", {"cycle": cycle, "form": form, "heading": heading})


@staff_required
@require_POST
def cycle_publish(request, slug):
    cycle = get_cycle(request, slug)
    done, _cycle_now = attempt(request, lambda: services.publish_cycle(cycle, request.user))
    if done:
        messages.success(request, _("De ronde staat nu online."))
    return redirect("budgets_staff:cycle", slug=cycle.slug)


@staff_required
def theme_list(request):
    form = ThemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        theme = form.save()
        audit.record(request.user, "budgets.theme.create", theme, after=audit.snapshot(theme))
        messages.success(request, _("Thema toegevoegd."))
        return redirect("budgets_staff:themes")
    return render(request, "budgets/staff/themes.html", {"form": form, "themes": Theme.objects.all()})
