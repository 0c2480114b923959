"""Staff pages (/beheer/burgerbudget/): set-up, review, paper ballots, results, implementation,
exports. Every page needs the staff area (civil servant with MFA, or administrator)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from genk.core import audit
from genk.core.forms import add_errors
from genk.core.permissions import can, require, staff_required
from genk.core.refusals import NotAllowed, attempt
from neighbourhoods.models import District

from . import exports, services, workflow
from .forms import (
    CycleForm,
    DistrictHeadingsForm,
    HeadingForm,
    OverrideForm,
    PaperBallotForm,
    PaperVoterForm,
    PhasesForm,
    ReviewForm,
    ThemeForm,
    UpdateForm,
)
from .models import Ballot, Cycle, Heading, ProjectResult, Proposal, Theme, VoterRecord
from .phases import timeline
from .results import published_results

PAGE_SIZE = 25
PAPER_ONLY_WHILE_VOTING = _lazy("Stembrieven op papier invoeren kan alleen tijdens de stemming.")


def _cycle(slug) -> Cycle:
    return get_object_or_404(Cycle.objects.for_page(), slug=slug)


@staff_required
def cycle_list(request):
    cycles = Cycle.objects.with_phases().annotate(
        n_proposals=Count("proposals", distinct=True),
        n_to_review=Count("proposals", filter=Q(proposals__status=Proposal.Status.SUBMITTED), distinct=True),
    )
    return render(request, "budgets/staff/cycle_list.html", {"cycles": cycles, "themes": Theme.objects.all()})


@staff_required
def cycle_create(request):
    form = CycleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cycle = services.save_cycle(form, request.user)
        messages.success(request, _("De ronde is aangemaakt. Voeg nu deelbudgetten en fasen toe."))
        return redirect("budgets_staff:cycle", slug=cycle.slug)
    return render(request, "budgets/staff/cycle_form.html", {"form": form, "cycle": None})


@staff_required
def cycle_edit(request, slug):
    cycle = _cycle(slug)
    locked = Ballot.objects.filter(heading__cycle=cycle).exists()
    form = CycleForm(request.POST or None, instance=cycle, locked=locked)
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
    cycle = _cycle(slug)
    counts = Proposal.objects.filter(cycle=cycle).aggregate(
        total=Count("pk"),
        to_review=Count("pk", filter=Q(status=Proposal.Status.SUBMITTED)),
        feasible=Count("pk", filter=Q(status=Proposal.Status.FEASIBLE)),
    )
    ballots = Ballot.objects.filter(heading__cycle=cycle).aggregate(
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
            "ballots": ballots,
            "problems": [] if cycle.is_published else services.publication_problems(cycle),
            "history": audit.history(cycle)[:10],
            "can_enter_paper": can(request.user, "budgets.enter_paper_ballot", cycle),
            "can_publish_results": can(request.user, "budgets.publish_results", cycle),
        },
    )


@staff_required
def cycle_phases(request, slug):
    cycle = _cycle(slug)
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
    cycle = _cycle(slug)
    form = HeadingForm(request.POST or None, initial={"order": cycle.headings.count() + 1})
    district_form = DistrictHeadingsForm(request.POST or None, prefix="districts")
    if request.method == "POST" and "districts-amount" in request.POST:
        form = HeadingForm(initial={"order": 1})
        if district_form.is_valid():
            created = services.create_district_headings(
                cycle,
                request.user,
                amount=district_form.cleaned_data["amount"],
                districts=District.objects.prefetch_related("neighbourhoods"),
            )
            messages.success(request, _("%(n)s deelbudgetten aangemaakt.") % {"n": len(created)})
            return redirect("budgets_staff:headings", slug=cycle.slug)
    elif request.method == "POST":
        district_form = DistrictHeadingsForm(prefix="districts")
        form.instance.cycle = cycle
        if form.is_valid():
            heading = form.save()
            audit.record(request.user, "budgets.heading.create", heading, after=audit.snapshot(heading))
            messages.success(request, _("Deelbudget toegevoegd."))
            return redirect("budgets_staff:headings", slug=cycle.slug)
    return render(
        request,
        "budgets/staff/headings.html",
        {"cycle": cycle, "form": form, "district_form": district_form, "headings": cycle.headings.all()},
    )


@staff_required
def heading_edit(request, slug, pk):
    cycle = _cycle(slug)
    heading = get_object_or_404(Heading, cycle=cycle, pk=pk)
    before = audit.snapshot(heading)
    form = HeadingForm(request.POST or None, instance=heading)
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
    cycle = _cycle(slug)
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


# Review ------------------------------------------------------------------------------------


@staff_required
def review_list(request, slug):
    cycle = _cycle(slug)
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
    cycle = _cycle(slug)
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


# Paper ballots -----------------------------------------------------------------------------


@staff_required
def paper_identify(request, slug):
    cycle = _cycle(slug)
    require(request.user, "budgets.enter_paper_ballot", cycle, message=PAPER_ONLY_WHILE_VOTING)
    form = PaperVoterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record = services.register_paper_voter(
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
    cycle = _cycle(slug)
    require(request.user, "budgets.enter_paper_ballot", cycle, message=PAPER_ONLY_WHILE_VOTING)
    record = get_object_or_404(VoterRecord.objects.select_related("neighbourhood__district"), cycle=cycle, pk=record)
    rows = []
    ballots = {
        b.heading_id: b
        for b in Ballot.objects.filter(
            Q(voter_record=record) | Q(voter_id=record.user_id, voter__isnull=False), heading__cycle=cycle
        )
    }
    for heading in cycle.headings.all():
        rows.append(
            {
                "heading": heading,
                "problem": services.paper_voter_problem(record, heading),
                "ballot": ballots.get(heading.pk),
            }
        )
    return render(request, "budgets/staff/paper_voter.html", {"cycle": cycle, "record": record, "rows": rows})


@staff_required
def paper_ballot(request, slug, record, heading):
    cycle = _cycle(slug)
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
            lambda: services.enter_paper_ballot(request.user, heading, record, form.cleaned_data["proposals"]),
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


# Results -----------------------------------------------------------------------------------


@staff_required
def results(request, slug):
    cycle = _cycle(slug)
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
    cycle = _cycle(slug)
    services.publish_results(cycle, request.user)
    messages.success(request, _("De resultaten zijn gepubliceerd. Indieners en kiezers krijgen bericht."))
    return redirect("budgets_staff:results", slug=cycle.slug)


@staff_required
def result_override(request, slug, pk):
    cycle = _cycle(slug)
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
    cycle = _cycle(slug)
    proposals = (
        Proposal.objects.filter(cycle=cycle)
        .selected()
        .select_related("heading", "theme")
        .order_by("heading__order", "title")
    )
    return render(request, "budgets/staff/implementation.html", {"cycle": cycle, "proposals": proposals})


@staff_required
def update_create(request, slug, pk):
    cycle = _cycle(slug)
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
    cycle = _cycle(slug)
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
    return exports.respond(table, fmt, f"{what}-{cycle.slug}")
