"""Public pages of budget cycles. What a page offers follows the active phase (phases.py)
through the rules; views stay thin and call services for every change."""

from datetime import datetime
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.contrib.postgres.aggregates import JSONBAgg
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import JSONObject
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from genk.core import pagecache
from genk.core.exports import respond
from genk.core.forms import add_errors
from genk.core.permissions import can, require
from genk.core.refusals import NotAllowed
from neighbourhoods.models import District, Neighbourhood

from . import ballots, caching, eligibility, exports, services, workflow
from .draft import Draft
from .filters import ProposalFilter
from .forms import FollowForm, ProposalForm
from .models import (
    Ballot,
    Cycle,
    Follow,
    Heading,
    HeadingResult,
    Phase,
    ProjectResult,
    ProjectUpdate,
    Proposal,
    Theme,
)
from .phases import timeline
from .querysets import ProposalQuerySet
from .results import published_results

PAGE_SIZE = 20


def _cycle(request, slug) -> Cycle:
    cycle = get_object_or_404(Cycle.objects.for_page(), slug=slug)
    if not can(request.user, "budgets.view_cycle", cycle):
        raise Http404
    return cycle


# The public pages a visitor sees are kept whole (genk.core.pagecache.public_page) under the
# versions of the tables they show; they also change when a cycle's next phase starts.
CYCLE_TABLES = [Cycle, Cycle.themes.through, Phase, Heading]
PROJECT_TABLES = [*CYCLE_TABLES, Proposal, Theme, Neighbourhood, District]
RESULT_TABLES = [*PROJECT_TABLES, HeadingResult, ProjectResult]
# A proposer's public name on a project page (accounts_user is written at every login): at
# most this many seconds late after a change of name or an erasure.
NAME_LAG_SECONDS = 60


def _until_next_phase(response, cycles):
    """The page shows the cycles' phases: keep a copy no longer than the next phase start."""
    now = timezone.now()
    starts = [p.starts_at for cycle in cycles for p in cycle.phase_list if p.starts_at > now]
    return pagecache.keep_until(response, min(starts) if starts else None)


@pagecache.public_page("budgets", "index", tables=CYCLE_TABLES)
def index(request):
    cycles = list(Cycle.objects.published().with_phases().prefetch_related("headings"))
    return _until_next_phase(render(request, "budgets/index.html", {"cycles": cycles}), cycles)


def cycle_detail(request, slug):
    cycle = _cycle(request, slug)
    spec = cycle.spec()
    user = request.user
    counts = Proposal.objects.filter(cycle=cycle).aggregate(
        public=Count("pk", filter=Q(status__in=ProposalQuerySet.PUBLIC)),
        on_ballot=Count("pk", filter=Q(status__in=ProposalQuerySet.ON_BALLOT)),
        to_review=Count("pk", filter=Q(status=Proposal.Status.SUBMITTED)),
    )
    context = {
        "cycle": cycle,
        "spec": spec,
        "timeline": timeline(cycle),
        "headings": cycle.headings.all(),
        "counts": counts,
        "follow": Follow.objects.filter(cycle=cycle, user=user).first() if user.is_authenticated else None,
        "follow_form": FollowForm(),
        "can_propose": can(user, "budgets.add_proposal", cycle),
        "propose_problem": eligibility.proposer_problem(user, cycle) if spec.propose else None,
        "voting": [],
        "results": [],
        "implementation": [],
    }
    if spec.vote:
        voting = []
        for heading in cycle.headings.all():
            voting.append(
                {
                    "heading": heading,
                    "can_vote": can(user, "budgets.vote_in_heading", heading),
                    "problem": eligibility.voter_problem(user, heading),
                }
            )
        mine = (
            {
                b.heading_id: b
                for b in Ballot.objects.filter(heading__cycle=cycle).filter(eligibility.ballots_of(user, cycle))
            }
            if user.is_authenticated
            else {}
        )
        for row in voting:
            row["ballot"] = mine.get(row["heading"].pk)
        context["voting"] = voting
    if spec.show_results and cycle.results_published:
        context["results"] = published_results(cycle)
    if spec.post_updates:
        context["implementation"] = (
            Proposal.objects.filter(cycle=cycle)
            .selected()
            .select_related("heading", "theme")
            .order_by("heading__order", "title")
        )
    return render(request, "budgets/cycle.html", context)


@login_required
@require_POST
def follow(request, slug):
    cycle = _cycle(request, slug)
    require(request.user, "budgets.follow_cycle", cycle, message=_("Meld je aan om deze ronde te volgen."))
    if request.POST.get("stop"):
        services.unfollow(cycle, request.user)
        messages.success(request, _("Je volgt deze ronde niet meer."))
    else:
        form = FollowForm(request.POST)
        form.is_valid()
        services.follow(cycle, request.user, remind_to_vote=form.cleaned_data.get("remind_to_vote", False))
        messages.success(request, _("Je volgt deze ronde: je hoort het als een nieuwe fase begint."))
    return redirect(cycle)


@pagecache.public_page("budgets", "proposals", tables=PROJECT_TABLES, params={*ProposalFilter.base_filters, "pagina"})
def proposal_list(request, slug):
    cycle = _cycle(request, slug)
    queryset = Proposal.objects.filter(cycle=cycle).public().for_list()
    filterset = ProposalFilter(request.GET or None, queryset=queryset, cycle=cycle)
    proposals = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
    page = Paginator(proposals, PAGE_SIZE).get_page(request.GET.get("pagina"))
    response = render(
        request,
        "budgets/proposal_list.html",
        {
            "cycle": cycle,
            "spec": cycle.spec(),
            "filter": filterset,
            "page": page,
            "can_propose": can(request.user, "budgets.add_proposal", cycle),
        },
    )
    return _until_next_phase(response, [cycle])


@login_required
def propose(request, slug):
    cycle = _cycle(request, slug)
    if not can(request.user, "budgets.add_proposal", cycle):
        raise PermissionDenied(
            eligibility.proposer_problem(request.user, cycle)
            if cycle.spec().propose
            else _("Voorstellen indienen kan alleen in de fase 'voorstellen indienen'.")
        )
    form = ProposalForm(request.POST or None, request.FILES or None, cycle=cycle)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.submit_proposal(form, cycle, request.user)
        except ValidationError as exc:
            add_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc) or _("Je kunt in dit stadsdeel geen voorstel indienen."))
        else:
            messages.success(
                request, _("Bedankt! Je voorstel is ingediend. Je kunt het aanpassen tot de fase eindigt.")
            )
            return redirect(proposal)
    return render(request, "budgets/proposal_form.html", {"cycle": cycle, "form": form, "proposal": None})


def _proposal(request, slug, pk) -> Proposal:
    cycle = _cycle(request, slug)
    proposal = get_object_or_404(Proposal.objects.for_list(), cycle=cycle, pk=pk)
    proposal.cycle = cycle
    return proposal


@pagecache.public_page(
    "budgets", "proposal", tables=[*RESULT_TABLES, ProjectUpdate], lag={get_user_model(): NAME_LAG_SECONDS}
)
def proposal_detail(request, slug, pk):
    proposal = _proposal(request, slug, pk)
    cycle = proposal.cycle
    if proposal.status == Proposal.Status.WITHDRAWN and proposal.author_id != request.user.pk:
        raise Http404
    result = None
    if can(request.user, "budgets.view_results", cycle):
        result = ProjectResult.objects.filter(proposal=proposal).select_related("result").first()
    response = render(
        request,
        "budgets/proposal_detail.html",
        {
            "cycle": cycle,
            "proposal": proposal,
            "result": result,
            "updates": ProjectUpdate.objects.filter(proposal=proposal),
            "merged": Proposal.objects.filter(merged_into=proposal).only("pk", "title", "cycle_id"),
            "can_edit": can(request.user, "budgets.change_proposal", proposal),
            "can_review": can(request.user, "budgets.review_proposal", proposal),
            "can_update": can(request.user, "budgets.post_update", proposal),
        },
    )
    return _until_next_phase(response, [cycle])


@login_required
def proposal_edit(request, slug, pk):
    proposal = _proposal(request, slug, pk)
    require(
        request.user,
        "budgets.change_proposal",
        proposal,
        message=_("Je kunt dit voorstel niet (meer) wijzigen: alleen de indiener, tijdens de indienfase."),
    )
    form = ProposalForm(request.POST or None, request.FILES or None, instance=proposal, cycle=proposal.cycle)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_proposal(form, request.user)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Je voorstel is aangepast."))
            return redirect(proposal)
    return render(request, "budgets/proposal_form.html", {"cycle": proposal.cycle, "form": form, "proposal": proposal})


@login_required
def proposal_withdraw(request, slug, pk):
    proposal = _proposal(request, slug, pk)
    require(
        request.user, "budgets.withdraw_proposal", proposal, message=_("Je kunt dit voorstel niet (meer) intrekken.")
    )
    if request.method == "POST":
        workflow.withdraw(proposal, request.user)
        messages.success(request, _("Je voorstel is ingetrokken."))
        return redirect("budgets:proposals", slug=proposal.cycle.slug)
    return render(request, "budgets/proposal_withdraw.html", {"cycle": proposal.cycle, "proposal": proposal})


# Voting ------------------------------------------------------------------------------------


def vote_index(request, slug):
    cycle = _cycle(request, slug)
    if not cycle.spec().vote:
        raise PermissionDenied(_("Stemmen kan alleen tijdens de stemfase."))
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    headings = [h for h in cycle.headings.all() if can(request.user, "budgets.vote_in_heading", h)]
    if len(headings) == 1:
        return redirect(headings[0].get_ballot_url())
    if not headings:
        problems = {str(eligibility.voter_problem(request.user, h) or "") for h in cycle.headings.all()} - {""}
        guided = next((p for p in problems if eligibility.needs_identity(p)), None)
        if guided:
            return how_to_vote(request, cycle, guided)
        raise PermissionDenied(" ".join(sorted(problems)) or _("Je stemde al op papier."))
    return render(request, "budgets/vote_index.html", {"cycle": cycle, "headings": headings})


def _require_ballot(request, cycle, heading):
    """None when the person may vote for `heading` now; a page that shows how they can when
    they first have to confirm who they are; else PermissionDenied with the reason."""
    user = request.user
    if can(user, "budgets.vote_in_heading", heading):
        return None
    if not cycle.spec().vote:
        raise PermissionDenied(_("Stemmen kan alleen tijdens de stemfase."))
    problem = eligibility.voter_problem(user, heading)
    if eligibility.needs_identity(problem):
        return how_to_vote(request, cycle, problem)
    raise PermissionDenied(problem or _("Je stem op papier is al geteld; online stemmen kan niet meer."))


def how_to_vote(request, cycle, problem):
    """Guidance, not a refusal: why online voting is not possible yet and how the person can vote:
    the eID/itsme login when it is configured, else the service centres where they vote on paper."""
    from neighbourhoods import hours
    from neighbourhoods.models import Place, Weekday

    provider = eligibility.identity_provider_id()
    centres = []
    if provider is None or cycle.paper_ballots:
        for place in (
            Place.objects.filter(kind=Place.Kind.SERVICE_CENTRE)
            .select_related("neighbourhood")
            .defer("neighbourhood__boundary")
            .prefetch_related("hours")
            .order_by("name")
        ):
            week = [
                {"label": label, "ranges": [hours.range_label(r) for r in hours.weekly_ranges(place.hours.all(), day)]}
                for day, label in Weekday.choices
            ]
            centres.append({"place": place, "week": [row for row in week if row["ranges"]]})
    return render(
        request,
        "budgets/how_to_vote.html",
        {
            "cycle": cycle,
            "problem": problem,
            "provider": provider,
            "centres": centres,
            "paper": cycle.paper_ballots,
            "closes_at": cycle.voting_closes_at,
        },
    )


def _ballot_context(request, cycle, heading, draft: Draft, projects):
    """The ballot as this voter sees it: the shared project cards (`projects`, from
    `caching.ballot_cards`) with the voter's own choices, what they spent and what fits."""
    chosen = [projects[pk] for pk in draft.ids if pk in projects]
    spent = sum((p.cost for p in chosen), Decimal(0))
    remaining = heading.amount - spent
    max_choices = cycle.max_choices
    choices_left = None if max_choices is None else max_choices - len(chosen)
    selected_ids = set(draft.ids)
    room = choices_left is None or choices_left > 0
    knapsack = cycle.is_knapsack

    def state(card) -> str:
        if card.pk in selected_ids:
            return caching.SELECTED
        return caching.FITS if room and (not knapsack or card.cost <= remaining) else caching.FULL

    return {
        "cycle": cycle,
        "heading": heading,
        # The confirmation's projects carry no HTML (caching.ballot_projects): nothing to join.
        "cards": mark_safe("".join(card.html.get(state(card), "") for card in projects.values())),
        "chosen": chosen,
        "spent": spent,
        "remaining": remaining,
        "choices_left": choices_left,
        "spent_percent": int(spent * 100 / heading.amount) if heading.amount else 0,
        "ballot": draft.confirmed,
        "draft_changed": draft.changed,
        "closes_at": cycle.voting_closes_at,
    }


def _ballot_heading(request, slug, heading_slug) -> Heading:
    """The heading of a ballot page with its cycle and phases (one query: the phases come as
    JSON with the row), and what the ballot pages ask about the voter
    (`eligibility.load_voter`: one query)."""
    postgres = connection.vendor == "postgresql"  # the SQLite demo reads the phases apart
    headings = Heading.objects.select_related("cycle")
    heading = get_object_or_404(
        headings.annotate(phase_rows=_phase_rows()) if postgres else headings,
        cycle__slug=slug,
        slug=heading_slug,
    )
    if postgres:
        _attach_phases(heading.cycle, heading.phase_rows or [])
    if not can(request.user, "budgets.view_cycle", heading.cycle):
        raise Http404
    eligibility.load_voter(request.user, heading)
    return heading


PHASE_FIELDS = ("id", "kind", "starts_at", "start_notified_at")


def _phase_rows():
    """The phases of the row's cycle as one JSON array (ordered by start)."""
    return Subquery(
        Phase.objects.filter(cycle=OuterRef("cycle"))
        .order_by()
        .values("cycle")
        .annotate(rows=JSONBAgg(JSONObject(**{f: f for f in PHASE_FIELDS}), order_by="starts_at"))
        .values("rows")
    )


def _attach_phases(cycle, rows) -> None:
    """Put the phases read as JSON where `cycle.phases.all()` finds them, as a prefetch would."""
    phases = [
        Phase(
            id=row["id"],
            cycle=cycle,
            kind=row["kind"],
            starts_at=datetime.fromisoformat(row["starts_at"]),
            start_notified_at=datetime.fromisoformat(row["start_notified_at"]) if row["start_notified_at"] else None,
        )
        for row in rows
    ]
    for phase in phases:
        phase._state.adding, phase._state.db = False, cycle._state.db
    queryset = cycle.phases.all()
    queryset._result_cache, queryset._prefetch_done = phases, True
    cycle._prefetched_objects_cache = {**getattr(cycle, "_prefetched_objects_cache", {}), "phases": queryset}


def _projects_on_ballot(heading) -> dict:
    """The projects on the ballot by pk, in ballot order: the cached cards (caching.py)."""
    return {card.pk: card for card in caching.ballot_cards(heading)}


@login_required
def ballot(request, slug, heading):
    """The ballot: add or remove projects (one POST each, no JavaScript needed); the page
    shows what is left. Nothing counts until the voter confirms."""
    heading = _ballot_heading(request, slug, heading)
    cycle = heading.cycle
    guidance = _require_ballot(request, cycle, heading)
    if guidance is not None:
        return guidance
    projects = _projects_on_ballot(heading)
    draft = Draft(request, heading, projects)
    if request.method == "POST":
        target = request.POST.get("toevoegen") or request.POST.get("verwijderen")
        try:
            pk = int(target or "")
        except ValueError:
            pk = None
        project = projects.get(pk)
        if project is None:
            messages.error(request, _("Dit project staat niet op de stembrief."))
        elif "toevoegen" in request.POST:
            problem = draft.add_problem(project, projects)
            if problem:
                messages.error(request, problem)
            else:
                draft.add(project.pk)
                messages.success(request, _("Toegevoegd: %(title)s.") % {"title": project.title})
        else:
            draft.remove(project.pk)
            messages.success(request, _("Verwijderd: %(title)s.") % {"title": project.title})
        anchor = f"#project-{pk}" if project else ""
        return redirect(heading.get_ballot_url() + anchor)
    context = _ballot_context(request, cycle, heading, draft, projects)
    return render(request, "budgets/ballot.html", context)


@login_required
def ballot_confirm(request, slug, heading):
    heading = _ballot_heading(request, slug, heading)
    cycle = heading.cycle
    guidance = _require_ballot(request, cycle, heading)
    if guidance is not None:
        return guidance
    # No cards on this page: a confirmation never renders them (caching.ballot_projects).
    projects = {card.pk: card for card in caching.ballot_projects(heading)}
    draft = Draft(request, heading, projects)
    error = None
    if request.method == "POST":
        try:
            ballots.cast_ballot(request.user, heading, draft.ids)
        except NotAllowed as exc:
            error = str(exc)
        else:
            draft.clear()
            messages.success(
                request,
                _("Je stem is bevestigd. Je kunt hem nog wijzigen tot de stemming sluit; je laatste stem telt."),
            )
            return redirect(heading.get_ballot_url())
    else:
        try:
            ballots.validate_choices(heading, draft.ids)
        except NotAllowed as exc:
            error = str(exc)
    context = _ballot_context(request, cycle, heading, draft, projects)
    context["error"] = error
    return render(request, "budgets/ballot_confirm.html", context)


# Results -----------------------------------------------------------------------------------


@pagecache.public_page("budgets", "results", tables=RESULT_TABLES)
def results(request, slug):
    cycle = _cycle(request, slug)
    if not can(request.user, "budgets.view_results", cycle):
        # Not a refusal: the results come later. Say when, if the phases tell.
        results_phase = cycle.phase("results")
        response = render(
            request,
            "budgets/results_pending.html",
            {
                "cycle": cycle,
                "voting_closes_at": cycle.voting_closes_at,
                "results_from": results_phase.starts_at if results_phase else None,
                "voting_closed": cycle.voting_closed(),
            },
        )
        return _until_next_phase(response, [cycle])
    response = render(request, "budgets/results.html", {"cycle": cycle, "results": published_results(cycle)})
    return _until_next_phase(response, [cycle])


def results_export(request, slug, fmt):
    cycle = _cycle(request, slug)
    if not can(request.user, "budgets.view_results", cycle):
        raise PermissionDenied(_("De resultaten zijn nog niet gepubliceerd."))
    if fmt == "json":
        return exports.results_json(cycle)
    return respond(exports.results_table(cycle), fmt, f"resultaten-{cycle.slug}")
