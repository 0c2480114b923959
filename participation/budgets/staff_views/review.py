"""Staff pages: the feasibility review of proposals (feasible, not feasible, merged)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from genk.core import audit
from genk.core.permissions import require, staff_required
from genk.core.refusals import attempt

from .. import workflow
from ..forms import (
    ReviewForm,
)
from ..models import Proposal
from .common import PAGE_SIZE, get_cycle

# Review ------------------------------------------------------------------------------------


@staff_required
def review_list(request, slug):
    cycle = get_cycle(request, slug)
    status = request.GET.get("status", Proposal.Status.SUBMITTED)
    proposals = Proposal.objects.filter(cycle=cycle).for_list().order_by("created", "pk")
    if status in Proposal.Status.values:
        proposals = proposals.filter(status=status)
    page = Paginator(proposals, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "budgets/staff/review_list.html",
        {"cycle": cycle, "page": page, "status": status, "statuses": Proposal.Status.choices},
    )


@staff_required
def review(request, slug, pk):
    cycle = get_cycle(request, slug)
    proposal = get_object_or_404(Proposal.objects.for_list(), cycle=cycle, pk=pk)
    proposal.cycle = cycle
    require(
        request.user,
        "budgets.review_proposal",
        proposal,
        message=_(
            "Beoordelen kan tijdens de indienfase en het haalbaarheidsonderzoek, voor voorstellen die nog niet gekozen zijn."
        ),
    )
    form = ReviewForm(request.POST or None, proposal=proposal)
    if request.method == "POST" and form.is_valid():
        done, _proposal = attempt(request, lambda: _review(proposal, request.user, form.cleaned_data), form=form)
        if done:
            messages.success(request, _("De beoordeling is bewaard en de indiener is verwittigd."))
            return redirect(reverse("budgets_staff:review_list", kwargs={"slug": cycle.slug}))
    return render(
        request,
        "budgets/staff/review.html",
        {"cycle": cycle, "proposal": proposal, "form": form, "history": audit.history(proposal)[:10]},
    )


def _review(proposal, user, data):
    if data["decision"] == ReviewForm.FEASIBLE:
        return workflow.mark_feasible(proposal, user, revised_cost=data["revised_cost"], note=data["note"])
    if data["decision"] == ReviewForm.NOT_FEASIBLE:
        return workflow.mark_not_feasible(proposal, user, reason=data["note"])
    return workflow.merge(proposal, user, into=data["merge_into"], note=data["note"])
