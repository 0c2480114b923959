"""Staff pages: paper ballots (identify the person at a service centre, then enter their ballot)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from genk.core.forms import add_errors
from genk.core.permissions import require, staff_required
from genk.core.refusals import NotAllowed, attempt

from .. import ballots
from ..forms import (
    PaperBallotForm,
    PaperVoterForm,
)
from ..models import Ballot, Proposal, VoterRecord
from .common import PAPER_ONLY_WHILE_VOTING, get_cycle

# Paper ballots -----------------------------------------------------------------------------


@staff_required
def paper_identify(request, slug):
    cycle = get_cycle(request, slug)
    require(request.user, "budgets.enter_paper_ballot", cycle, message=PAPER_ONLY_WHILE_VOTING)
    form = PaperVoterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record = ballots.register_paper_voter(
                cycle,
                request.user,
                national_number=data["national_number"],
                label=data["label"],
                year_of_birth=data["year_of_birth"],
                neighbourhood=data["neighbourhood"],
                document=data["document"],
                user=data["account_email"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        except NotAllowed as refusal:
            form.add_error(None, str(refusal))
        else:
            return redirect("budgets_staff:paper_voter", slug=cycle.slug, record=record.pk)
    recent = VoterRecord.objects.filter(cycle=cycle, verified_by=request.user).order_by("-created")[:10]
    return render(request, "budgets/staff/paper_identify.html", {"cycle": cycle, "form": form, "recent": recent})


@staff_required
def paper_voter(request, slug, record):
    cycle = get_cycle(request, slug)
    require(request.user, "budgets.enter_paper_ballot", cycle, message=PAPER_ONLY_WHILE_VOTING)
    record = get_object_or_404(VoterRecord.objects.select_related("neighbourhood__district"), cycle=cycle, pk=record)
    rows = []
    existing = {
        b.heading_id: b
        for b in Ballot.objects.filter(
            Q(voter_record=record) | Q(voter_id=record.user_id, voter__isnull=False), heading__cycle=cycle
        )
    }
    for heading in cycle.headings.all():
        rows.append(
            {
                "heading": heading,
                "problem": ballots.paper_voter_problem(record, heading),
                "ballot": existing.get(heading.pk),
            }
        )
    return render(request, "budgets/staff/paper_voter.html", {"cycle": cycle, "record": record, "rows": rows})


@staff_required
def paper_ballot(request, slug, record, heading):
    cycle = get_cycle(request, slug)
    require(request.user, "budgets.enter_paper_ballot", cycle, message=PAPER_ONLY_WHILE_VOTING)
    record = get_object_or_404(VoterRecord.objects.select_related("neighbourhood"), cycle=cycle, pk=record)
    heading = next((h for h in cycle.headings.all() if h.slug == heading), None)
    if heading is None:
        raise PermissionDenied(_("Onbekend deelbudget."))
    projects = list(Proposal.objects.filter(heading=heading, status=Proposal.Status.FEASIBLE).order_by("pk"))
    existing = Ballot.objects.filter(heading=heading, voter_record=record).first()
    initial = {"proposals": list(existing.choices.values_list("proposal_id", flat=True))} if existing else None
    form = PaperBallotForm(request.POST or None, projects=projects, initial=initial)
    if request.method == "POST" and form.is_valid():
        done, _ballot = attempt(
            request,
            lambda: ballots.enter_paper_ballot(request.user, heading, record, form.cleaned_data["proposals"]),
            form=form,
        )
        if done:
            messages.success(request, _("De stembrief op papier is geregistreerd."))
            return redirect("budgets_staff:paper", slug=cycle.slug)
    return render(
        request,
        "budgets/staff/paper_ballot.html",
        {"cycle": cycle, "record": record, "heading": heading, "form": form, "existing": existing},
    )
