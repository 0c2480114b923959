"""Operations that touch several objects: atomic, audited, notified on commit.

Ballots (online, on paper) and the identities behind them: ballots.py.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import CharField, StringAgg, Value
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from genk.core import audit, outbox
from genk.core.permissions import can
from genk.core.refusals import NotAllowed

from . import counting, workflow
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
)
from .phases import PHASE_ORDER

CYCLE_FIELDS = [
    "name",
    "slug",
    "scope",
    "proposers",
    "proposal_min_age",
    "min_project_cost",
    "max_project_cost",
    "voting_min_age",
    "voting_residence",
    "require_verified_residence",
    "paper_ballots",
    "voting_rule",
    "min_choices",
    "max_choices",
    "min_spend_percent",
    "tie_break_seed",
    "is_published",
]


# Cycle set-up ------------------------------------------------------------------------------


def check_phase_dates(dates: dict) -> None:
    """Phases start in their fixed order: proposals, review, voting, results, implementation."""
    previous = None
    for kind in PHASE_ORDER:
        when = dates.get(kind)
        if when is None:
            raise NotAllowed(_("Geef voor elke fase een begindatum."))
        if previous is not None and when <= previous:
            raise NotAllowed(
                _("De fase '%(phase)s' moet na de vorige fase beginnen.") % {"phase": Phase.Kind(kind).label}
            )
        previous = when


@transaction.atomic
def set_phases(cycle: Cycle, actor, dates: dict) -> None:
    check_phase_dates(dates)
    locked = Cycle.objects.select_for_update().get(pk=cycle.pk)
    before = {p.kind: p.starts_at for p in locked.phases.all()}
    dates = dict(dates)
    for kind, when in before.items():
        # The form shows minutes: a date sent back unchanged keeps its seconds.
        if dates.get(kind) == when.replace(second=0, microsecond=0):
            dates[kind] = when
    if Ballot.objects.filter(heading__cycle=locked).exists():
        voting = before.get(Phase.Kind.VOTING)
        if voting and dates[Phase.Kind.VOTING] != voting:
            raise NotAllowed(_("Er is al gestemd: het begin van de stemming ligt vast."))
    for kind in PHASE_ORDER:
        Phase.objects.update_or_create(cycle=locked, kind=kind, defaults={"starts_at": dates[kind]})
    audit.record(actor, "budgets.cycle.phases", locked, before=before, after=dict(dates.items()))


def save_cycle(form, actor) -> Cycle:
    """Create or change a cycle from the staff form, audited."""
    with transaction.atomic():
        creating = form.instance.pk is None
        stored = None if creating else Cycle.objects.select_for_update().get(pk=form.instance.pk)
        if (
            stored is not None
            and stored.paper_ballots != form.instance.paper_ballots
            and Ballot.objects.filter(heading__cycle=stored).exists()
        ):
            # Online ballots of a cycle with paper ballots carry the voter's record; those of
            # an online-only cycle do not: the setting is fixed once someone voted.
            raise ValidationError({"paper_ballots": _("Vast: er is al gestemd.")})
        before = {} if creating else audit.snapshot(stored, CYCLE_FIELDS)
        if creating:
            form.instance.created_by = actor
        cycle = form.save()
        audit.record(
            actor,
            "budgets.cycle.create" if creating else "budgets.cycle.change",
            cycle,
            before=before,
            after=audit.snapshot(cycle, CYCLE_FIELDS),
        )
    return cycle


def publication_problems(cycle: Cycle) -> list[str]:
    problems = []
    headings = list(cycle.headings.all())
    if not headings:
        problems.append(str(_("Er is nog geen deelbudget.")))
    if cycle.scope == Cycle.Scope.DISTRICT and any(h.district_id is None for h in headings):
        problems.append(str(_("Bij een ronde per stadsdeel hoort elk deelbudget bij een stadsdeel.")))
    if cycle.scope == Cycle.Scope.CITY and len(headings) > 1:
        problems.append(str(_("Een stadsbrede ronde heeft één deelbudget.")))
    if {p.kind for p in cycle.phases.all()} != set(PHASE_ORDER):
        problems.append(str(_("Niet alle fasen hebben een begindatum.")))
    if not cycle.themes.exists():
        problems.append(str(_("Kies minstens één thema.")))
    return problems


@transaction.atomic
def publish_cycle(cycle: Cycle, actor) -> Cycle:
    if not can(actor, "budgets.manage_cycle", cycle):
        raise PermissionDenied
    locked = Cycle.objects.select_for_update().get(pk=cycle.pk)
    problems = publication_problems(locked)
    if problems:
        raise NotAllowed(" ".join(problems))
    locked.is_published = True
    locked.save(update_fields=["is_published", "modified"])
    audit.record(actor, "budgets.cycle.publish", locked, before={"is_published": False}, after={"is_published": True})
    return locked


@transaction.atomic
def create_district_headings(cycle: Cycle, actor, *, amount: Decimal, districts) -> list[Heading]:
    """One heading per district, each with `amount`; the eligible count starts from the district's
    population (staff set the real figure of residents old enough to vote)."""
    if cycle.voting_has_opened():
        raise NotAllowed(_("De stemming is begonnen: je kunt geen deelbudget meer toevoegen."))
    created = []
    existing = set(cycle.headings.values_list("district_id", flat=True))
    for order, district in enumerate(districts, start=1):
        if district.pk in existing:
            continue
        population = sum(n.population or 0 for n in district.neighbourhoods.all())
        created.append(
            Heading.objects.create(
                cycle=cycle,
                district=district,
                name=district.name,
                slug=district.slug,
                amount=amount,
                eligible_count=population,
                order=order,
            )
        )
    audit.record(actor, "budgets.cycle.headings", cycle, after={"created": [h.name for h in created]})
    return created


# Proposals ---------------------------------------------------------------------------------


def check_cost(cycle: Cycle, heading: Heading, cost: Decimal) -> None:
    if cost < cycle.min_project_cost or cost > cycle.max_project_cost:
        raise ValidationError(
            {
                "estimated_cost": _("Een project kost tussen %(min)s en %(max)s euro.")
                % {"min": cycle.min_project_cost, "max": cycle.max_project_cost}
            }
        )
    if cost > heading.amount:
        raise ValidationError(
            {"estimated_cost": _("Dit is meer dan het hele budget van %(heading)s.") % {"heading": heading.name}}
        )


@transaction.atomic
def submit_proposal(form, cycle: Cycle, author) -> Proposal:
    proposal = form.instance
    proposal.cycle = cycle
    proposal.author = author
    if not can(author, "budgets.add_proposal", proposal.heading):
        raise PermissionDenied(_("Je kunt nu geen voorstel indienen in deze ronde."))
    check_cost(cycle, proposal.heading, proposal.estimated_cost)
    proposal = form.save()
    # Proposers hear when the next phases start.
    Follow.objects.get_or_create(cycle=cycle, user=author)
    return proposal


@transaction.atomic
def change_proposal(form, actor) -> Proposal:
    proposal = form.instance
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    locked.cycle = proposal.cycle
    if not can(actor, "budgets.change_proposal", locked):
        raise PermissionDenied(_("Dit voorstel kan niet meer worden gewijzigd."))
    check_cost(proposal.cycle, proposal.heading, proposal.estimated_cost)
    return form.save()


# Results -----------------------------------------------------------------------------------


def ballots_of(heading: Heading):
    """Every confirmed ballot of `heading` as counting.Ballot, streamed from the database.

    One row per ballot with its project ids joined in the database (StringAgg): at city scale
    this reads 100,000 rows instead of half a million."""
    rows = (
        Ballot.objects.filter(heading=heading)
        .annotate(ids=StringAgg(Cast("choices__proposal_id", CharField()), delimiter=Value(",")))
        .values_list("channel", "ids")
        .iterator(chunk_size=20000)
    )
    for channel, ids in rows:
        yield counting.Ballot(channel, tuple(map(int, ids.split(","))) if ids else ())


def compute(heading: Heading) -> counting.Outcome:
    """Count `heading` by the published rule (counting.py). Read-only: nothing is stored."""
    projects = [
        counting.Project(p.pk, p.cost)
        for p in Proposal.objects.filter(heading=heading).on_ballot().only("pk", "estimated_cost", "revised_cost")
    ]
    return counting.count(projects, ballots_of(heading), heading.rule(), seed=heading.cycle.tie_break_seed)


def _store_result(heading: Heading, outcome: counting.Outcome, actor, now) -> HeadingResult:
    HeadingResult.objects.filter(heading=heading).delete()
    result = HeadingResult.objects.create(
        heading=heading,
        computed_at=now,
        computed_by=actor,
        voting_rule=heading.cycle.voting_rule,
        amount=heading.amount,
        seed=outcome.seed,
        ballots_online=outcome.ballots_online,
        ballots_paper=outcome.ballots_paper,
        ballots_invalid=outcome.ballots_invalid,
        eligible_count=heading.eligible_count,
    )
    ProjectResult.objects.bulk_create(
        ProjectResult(
            result=result,
            proposal_id=p.project_id,
            rank=p.rank,
            cost=p.cost,
            votes_online=p.votes_online,
            votes_paper=p.votes_paper,
            reason=p.reason,
            selected_by_rule=p.selected,
            selected=p.selected,
        )
        for p in outcome.projects
    )
    return result


def publish_results(cycle: Cycle, actor) -> list[HeadingResult]:
    """Count every heading by the published rule, store and publish the results, and mark the
    projects selected or not. Only once voting has closed (the phase table allows it only in
    the results and implementation phases)."""
    from .tasks import notify_results

    with transaction.atomic():
        locked = Cycle.objects.select_for_update().get(pk=cycle.pk)
        locked = Cycle.objects.for_page().get(pk=locked.pk)
        if not can(actor, "budgets.publish_results", locked):
            raise PermissionDenied(_("Resultaten publiceren kan alleen na het sluiten van de stemming, één keer."))
        now = timezone.now()
        results = []
        for heading in locked.headings.all():
            outcome = compute(heading)
            results.append(_store_result(heading, outcome, actor, now))
            selected = [p.project_id for p in outcome.projects if p.selected]
            rejected = [p.project_id for p in outcome.projects if not p.selected]
            workflow.apply_results(selected, rejected, now)
            audit.record(
                actor,
                "budgets.results.publish",
                heading,
                after={
                    "ballots_online": outcome.ballots_online,
                    "ballots_paper": outcome.ballots_paper,
                    "invalid": dict(outcome.invalid),
                    "selected": selected,
                    "spent": str(outcome.spent),
                },
            )
        locked.results_published_at = now
        locked.save(update_fields=["results_published_at", "modified"])
        outbox.enqueue(notify_results, cycle_id=locked.pk)
    return results


@transaction.atomic
def override_result(project_result: ProjectResult, actor, *, selected: bool, reason: str) -> ProjectResult:
    """Change the outcome for one project by hand. The reason is required and public."""
    if not reason.strip():
        raise NotAllowed(_("Geef de reden van de aanpassing: ze wordt publiek getoond."))
    locked = (
        ProjectResult.objects.select_for_update()
        .select_related("result__heading__cycle", "proposal")
        .get(pk=project_result.pk)
    )
    cycle = locked.result.heading.cycle
    if not can(actor, "budgets.override_result", cycle):
        raise PermissionDenied
    before = {"selected": locked.selected, "override_reason": locked.override_reason}
    locked.selected = selected
    locked.override_reason = reason.strip()
    locked.overridden_by, locked.overridden_at = actor, timezone.now()
    locked.save()
    workflow.set_result(locked.proposal, selected=selected)
    audit.record(
        actor,
        "budgets.results.override",
        locked.proposal,
        before=before,
        after={"selected": selected, "override_reason": locked.override_reason},
        reason=reason,
    )
    return locked


# Implementation ----------------------------------------------------------------------------


@transaction.atomic
def post_update(
    proposal: Proposal, actor, *, progress: int, text: str, photo=None, photo_alt: str = ""
) -> ProjectUpdate:
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    locked.cycle = proposal.cycle
    if not can(actor, "budgets.post_update", locked):
        raise PermissionDenied(_("Alleen gekozen projecten krijgen een stand van uitvoering, in de uitvoeringsfase."))
    update = ProjectUpdate.objects.create(
        proposal=locked, author=actor, progress=progress, text=text, photo=photo or "", photo_alt=photo_alt
    )
    before = {"progress": locked.progress, "status": locked.status}
    workflow.record_progress(locked, progress)
    audit.record(
        actor, "budgets.proposal.update", locked, before=before, after={"progress": progress, "status": locked.status}
    )
    return update


# Following ---------------------------------------------------------------------------------


def follow(cycle: Cycle, user, *, remind_to_vote: bool) -> Follow:
    follow, _created = Follow.objects.update_or_create(
        cycle=cycle, user=user, defaults={"remind_to_vote": remind_to_vote}
    )
    return follow


def unfollow(cycle: Cycle, user) -> None:
    Follow.objects.filter(cycle=cycle, user=user).delete()
