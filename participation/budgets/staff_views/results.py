"""Staff pages: results (preview, publish, override), implementation updates and exports."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from genk.core.exports import respond
from genk.core.permissions import can, require, staff_required
from genk.core.refusals import attempt

from .. import exports, services
from ..forms import (
    OverrideForm,
    UpdateForm,
)
from ..models import ProjectResult, Proposal
from ..results import published_results
from .common import get_cycle

# Results -----------------------------------------------------------------------------------


@staff_required
def results(request, slug):
    cycle = get_cycle(request, slug)
    previews = []
    can_publish = can(request.user, "budgets.publish_results", cycle)
    if can_publish:
        titles = dict(Proposal.objects.filter(cycle=cycle).values_list("pk", "title"))
        for heading in cycle.headings.all():
            outcome = services.compute(heading)
            previews.append({"heading": heading, "outcome": outcome, "titles": titles})
    return render(
        request,
        "budgets/staff/results.html",
        {
            "cycle": cycle,
            "previews": previews,
            "can_publish": can_publish,
            "results": published_results(cycle) if cycle.results_published else [],
            "voting_closed": cycle.spec().publish_results,
        },
    )


@staff_required
@require_POST
def results_publish(request, slug):
    cycle = get_cycle(request, slug)
    services.publish_results(cycle, request.user)
    messages.success(request, _("De resultaten zijn gepubliceerd. Indieners en kiezers krijgen bericht."))
    return redirect("budgets_staff:results", slug=cycle.slug)


@staff_required
def result_override(request, slug, pk):
    cycle = get_cycle(request, slug)
    project_result = get_object_or_404(
        ProjectResult.objects.select_related("proposal", "result__heading"), result__heading__cycle=cycle, pk=pk
    )
    require(
        request.user,
        "budgets.override_result",
        cycle,
        message=_("Aanpassen kan alleen na publicatie van de resultaten."),
    )
    form = OverrideForm(request.POST or None, initial={"selected": "0" if project_result.selected else "1"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done, _result = attempt(
            request,
            lambda: services.override_result(
                project_result, request.user, selected=data["selected"], reason=data["reason"]
            ),
            form=form,
        )
        if done:
            messages.success(request, _("De uitkomst is aangepast; de reden staat publiek bij de resultaten."))
            return redirect("budgets_staff:results", slug=cycle.slug)
    return render(
        request, "budgets/staff/override.html", {"cycle": cycle, "project_result": project_result, "form": form}
    )


# Implementation ----------------------------------------------------------------------------


@staff_required
def implementation(request, slug):
    cycle = get_cycle(request, slug)
    proposals = (
        Proposal.objects.filter(cycle=cycle)
        .selected()
        .select_related("heading", "theme")
        .order_by("heading__order", "title")
    )
    return render(request, "budgets/staff/implementation.html", {"cycle": cycle, "proposals": proposals})


@staff_required
def update_create(request, slug, pk):
    cycle = get_cycle(request, slug)
    proposal = get_object_or_404(Proposal.objects.for_list(), cycle=cycle, pk=pk)
    proposal.cycle = cycle
    require(
        request.user,
        "budgets.post_update",
        proposal,
        message=_("Alleen gekozen projecten, tijdens de uitvoeringsfase."),
    )
    form = UpdateForm(request.POST or None, request.FILES or None, initial={"progress": proposal.progress})
    if request.method == "POST" and form.is_valid():
        services.post_update(proposal, request.user, **form.cleaned_data)
        messages.success(request, _("De stand van uitvoering is gepubliceerd."))
        return redirect(proposal)
    return render(request, "budgets/staff/update_form.html", {"cycle": cycle, "proposal": proposal, "form": form})


# Exports -----------------------------------------------------------------------------------


@staff_required
def export(request, slug, what, fmt):
    cycle = get_cycle(request, slug)
    require(request.user, "budgets.export_cycle", cycle, message=_("Alleen voor medewerkers."))
    if what == "voorstellen":
        table = exports.proposals_table(cycle)
    elif what == "stemmen":
        if not cycle.spec().publish_results:
            raise PermissionDenied(_("Stemmen per project zijn pas te zien als de stemming gesloten is."))
        table = exports.votes_table(cycle)
    elif what == "resultaten":
        if fmt == "json":
            return exports.results_json(cycle)
        table = exports.results_table(cycle)
    else:
        raise PermissionDenied
    return respond(table, fmt, f"{what}-{cycle.slug}")
