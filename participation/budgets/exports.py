"""Exports: proposals, votes per project and results as CSV or XLSX; results as JSON."""

from django.db.models import Count, Q
from django.http import JsonResponse
from django.utils.translation import gettext as _

from .counting import ONLINE, PAPER
from .models import Cycle, HeadingResult, ProjectResult, Proposal
from .phases import spec_for


def proposals_table(cycle: Cycle):
    headers = [
        _("nummer"),
        _("titel"),
        _("deelbudget"),
        _("thema"),
        _("wijk"),
        _("plaats"),
        _("status"),
        _("geschatte kost"),
        _("herziene kost"),
        _("toelichting haalbaarheid"),
        _("samengevoegd met"),
        _("indiener"),
        _("ingediend op"),
    ]
    rows = [
        [
            p.pk,
            p.title,
            p.heading.name,
            p.theme.name,
            p.neighbourhood.name if p.neighbourhood else "",
            p.location,
            str(p.get_status_display()),
            p.estimated_cost,
            p.revised_cost,
            p.feasibility_note,
            p.merged_into_id or "",
            p.author.public_name if p.author else "",
            p.created.date().isoformat(),
        ]
        for p in Proposal.objects.filter(cycle=cycle).for_list().order_by("heading__order", "pk")
    ]
    return headers, rows


def votes_table(cycle: Cycle):
    """Votes per project per channel, counted live from the confirmed ballots."""
    headers = [_("nummer"), _("titel"), _("deelbudget"), _("kost"), _("online"), _("op papier"), _("totaal")]
    proposals = (
        Proposal.objects.filter(cycle=cycle)
        .on_ballot()
        .select_related("heading")
        .annotate(
            online=Count("ballot_choices", filter=Q(ballot_choices__ballot__channel=ONLINE)),
            paper=Count("ballot_choices", filter=Q(ballot_choices__ballot__channel=PAPER)),
        )
        .order_by("heading__order", "-online", "pk")
    )
    rows = [[p.pk, p.title, p.heading.name, p.cost, p.online, p.paper, p.online + p.paper] for p in proposals]
    return headers, rows


def results_table(cycle: Cycle):
    headers = [
        _("deelbudget"),
        _("plaats"),
        _("nummer"),
        _("titel"),
        _("kost"),
        _("stemmen online"),
        _("stemmen op papier"),
        _("stemmen totaal"),
        _("gekozen"),
        _("uitkomst volgens de regel"),
        _("reden van aanpassing"),
    ]
    rows = [
        [
            r.result.heading.name,
            r.rank,
            r.proposal_id,
            r.proposal.title,
            r.cost,
            r.votes_online,
            r.votes_paper,
            r.votes,
            _("ja") if r.selected else _("nee"),
            str(r.get_reason_display()),
            r.override_reason,
        ]
        for r in ProjectResult.objects.filter(result__heading__cycle=cycle)
        .select_related("result__heading", "proposal")
        .order_by("result__heading__order", "result__heading__name", "rank")
    ]
    return headers, rows


def results_json(cycle: Cycle) -> JsonResponse:
    headings = []
    results = (
        HeadingResult.objects.filter(heading__cycle=cycle)
        .select_related("heading__district")
        .prefetch_related("project_results__proposal")
        .order_by("heading__order", "heading__name")
    )
    for result in results:
        headings.append(
            {
                "heading": result.heading.name,
                "district": result.heading.district.name if result.heading.district else None,
                "amount": str(result.amount),
                "voting_rule": result.voting_rule,
                "tie_break_seed": result.seed,
                "eligible": result.eligible_count,
                "ballots": {
                    "online": result.ballots_online,
                    "paper": result.ballots_paper,
                    "total": result.voters,
                    "invalid": result.ballots_invalid,
                },
                "turnout_percent": str(result.turnout_percent) if result.turnout_percent is not None else None,
                "projects": [
                    {
                        "id": r.proposal_id,
                        "title": r.proposal.title,
                        "rank": r.rank,
                        "cost": str(r.cost),
                        "votes": {"online": r.votes_online, "paper": r.votes_paper, "total": r.votes},
                        "selected": r.selected,
                        "selected_by_rule": r.selected_by_rule,
                        "outcome": r.reason,
                        "override_reason": r.override_reason or None,
                    }
                    for r in sorted(result.project_results.all(), key=lambda r: r.rank)
                ],
            }
        )
    data = {
        "cycle": cycle.name,
        "slug": cycle.slug,
        "published_at": cycle.results_published_at.isoformat() if cycle.results_published_at else None,
        "is_example": cycle.is_example,
        "headings": headings,
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})


def voting_closed(cycle: Cycle) -> bool:
    return spec_for(cycle.active_phase().kind).publish_results if cycle.active_phase() else False
