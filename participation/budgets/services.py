"""Operations that touch several objects: atomic, audited, notified on commit.

Casting a ballot is the one that matters most: see `cast_ballot`.
"""

import hashlib
import hmac
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import CharField, StringAgg, Value
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from genk.core import audit, notifications

from . import counting
from .models import (
    Ballot,
    BallotChoice,
    Cycle,
    Follow,
    Heading,
    HeadingResult,
    Phase,
    ProjectResult,
    ProjectUpdate,
    Proposal,
    VoterRecord,
)
from .phases import PHASE_ORDER
from .rules import can

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
    "voting_rule",
    "min_choices",
    "max_choices",
    "min_spend_percent",
    "tie_break_seed",
    "is_published",
]


class BallotError(ValidationError):
    """A ballot that cannot be accepted; the message is for the voter."""


# Cycle set-up ------------------------------------------------------------------------------


def check_phase_dates(dates: dict) -> None:
    """Phases start in their fixed order: proposals, review, voting, results, implementation."""
    previous = None
    for kind in PHASE_ORDER:
        when = dates.get(kind)
        if when is None:
            raise ValidationError(_("Geef voor elke fase een begindatum."))
        if previous is not None and when <= previous:
            raise ValidationError(
                _("De fase '%(phase)s' moet na de vorige fase beginnen.") % {"phase": Phase.Kind(kind).label}
            )
        previous = when


@transaction.atomic
def set_phases(cycle: Cycle, actor, dates: dict) -> None:
    check_phase_dates(dates)
    locked = Cycle.objects.select_for_update().get(pk=cycle.pk)
    before = {p.kind: p.starts_at for p in locked.phases.all()}
    if Ballot.objects.filter(heading__cycle=locked).exists():
        voting = before.get(Phase.Kind.VOTING)
        if voting and dates[Phase.Kind.VOTING] != voting:
            raise ValidationError(_("Er is al gestemd: het begin van de stemming ligt vast."))
    for kind in PHASE_ORDER:
        Phase.objects.update_or_create(cycle=locked, kind=kind, defaults={"starts_at": dates[kind]})
    audit.record(actor, "budgets.cycle.phases", locked, before=before, after=dict(dates.items()))


def save_cycle(form, actor) -> Cycle:
    """Create or change a cycle from the staff form, audited."""
    with transaction.atomic():
        creating = form.instance.pk is None
        before = {} if creating else audit.snapshot(Cycle.objects.get(pk=form.instance.pk), CYCLE_FIELDS)
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
        raise ValidationError(problems)
    locked.is_published = True
    locked.save(update_fields=["is_published", "modified"])
    audit.record(actor, "budgets.cycle.publish", locked, before={"is_published": False}, after={"is_published": True})
    return locked


@transaction.atomic
def create_district_headings(cycle: Cycle, actor, *, amount: Decimal, districts) -> list[Heading]:
    """One heading per district, each with `amount`; the eligible count starts from the district's
    population (staff set the real figure of residents old enough to vote)."""
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


# Ballots -----------------------------------------------------------------------------------


def _closes_text(cycle: Cycle) -> str:
    closes = cycle.voting_closes_at
    return date_format(timezone.localtime(closes), "j F Y H:i") if closes else ""


def validate_choices(heading: Heading, proposal_ids: Iterable[int]) -> tuple[list[Proposal], Decimal]:
    try:
        ids = [int(i) for i in proposal_ids]
    except (TypeError, ValueError) as exc:
        raise BallotError(_("Een van je keuzes is ongeldig."), code="invalid") from exc
    cycle = heading.cycle
    rule = heading.rule()
    proposals = list(
        Proposal.objects.filter(heading=heading, status=Proposal.Status.FEASIBLE, pk__in=ids).only(
            "pk", "estimated_cost", "revised_cost"
        )
    )
    costs = {p.pk: int(p.cost * 100) for p in proposals}
    problem = counting.ballot_problem(tuple(ids), costs, rule, int(heading.amount * 100))
    messages = {
        counting.INVALID_DUPLICATE: _("Elk project kan maar één keer op je stembrief."),
        counting.INVALID_UNKNOWN: _("Een van je keuzes staat niet (meer) op de stembrief van dit deelbudget."),
        counting.INVALID_TOO_FEW: _("Kies minstens %(n)s project(en).") % {"n": cycle.min_choices},
        counting.INVALID_TOO_MANY: _("Kies hoogstens %(n)s projecten.") % {"n": cycle.max_choices},
        counting.INVALID_OVER_AMOUNT: _("Je keuze kost meer dan het budget van %(amount)s euro.")
        % {"amount": heading.amount},
        counting.INVALID_UNDER_MINIMUM: _("Besteed minstens %(pct)s%% van het budget.")
        % {"pct": cycle.min_spend_percent},
    }
    if problem:
        raise BallotError(messages[problem], code=problem)
    return proposals, sum((p.cost for p in proposals), Decimal(0))


def _store(ballot: Ballot | None, heading: Heading, proposals: list[Proposal], total: Decimal, **fields) -> Ballot:
    cycle = heading.cycle
    limits = {
        "total_cost": total,
        "choice_count": len(proposals),
        "max_total": heading.amount if cycle.is_knapsack else None,
        "max_choices": cycle.max_choices,
        "confirmed_at": timezone.now(),
    }
    if ballot is None:
        ballot = Ballot.objects.create(heading=heading, **limits, **fields)
    else:
        for name, value in {**limits, **fields}.items():
            setattr(ballot, name, value)
        ballot.revision += 1
        ballot.save()
        ballot.choices.all().delete()
    BallotChoice.objects.bulk_create([BallotChoice(ballot=ballot, proposal=p) for p in proposals])
    return ballot


def cast_ballot(voter, heading: Heading, proposal_ids: Iterable[int]) -> Ballot:
    """Confirm `voter`'s online ballot for `heading`, replacing an earlier one.

    Integrity: the voter's row is locked (`select_for_update`) for the whole transaction, so
    two submissions of the same voter (two tabs, a double click, a paper entry at the same
    moment) are serialised; the second one replaces the first. The database backs this
    with a unique constraint per voter and heading and a check that the total stays within
    the amount the ballot was cast against.
    """
    User = get_user_model()
    try:
        with transaction.atomic():
            User.objects.select_for_update().only("pk").get(pk=voter.pk)
            if not can(voter, "budgets.vote_in_heading", heading):
                raise BallotError(_("Je kunt nu niet stemmen voor dit deelbudget."), code="not_allowed")
            proposals, total = validate_choices(heading, proposal_ids)
            existing = Ballot.objects.filter(heading=heading, voter=voter).first()
            if existing is not None and existing.channel == Ballot.Channel.PAPER:
                raise BallotError(_("Je stem op papier is al geteld; online stemmen kan niet meer."), code="paper")
            ballot = _store(
                existing,
                heading,
                proposals,
                total,
                voter=voter,
                channel=Ballot.Channel.ONLINE,
                neighbourhood_id=voter.neighbourhood_id,
            )
            notifications.notify(
                "budgets.ballot_confirmed",
                [voter],
                key=f"budgets:ballot:{ballot.pk}:{ballot.revision}",
                context={"heading": heading.name, "count": len(proposals), "closes": _closes_text(heading.cycle)},
                url=heading.get_ballot_url(),
            )
            return ballot
    except IntegrityError as exc:
        raise BallotError(
            _("Je stem is al geregistreerd. Vernieuw de pagina en probeer opnieuw."), code="integrity"
        ) from exc


def identity_hash(national_number: str) -> str:
    """A keyed hash of a national register number: recognises a person, cannot be reversed."""
    return hmac.new(settings.SECRET_KEY.encode(), f"rrn:{national_number}".encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def register_paper_voter(
    cycle: Cycle,
    actor,
    *,
    national_number: str,
    label: str,
    year_of_birth: int,
    neighbourhood,
    document: str,
    user=None,
) -> VoterRecord:
    """Record (or find again) a person identified at a service centre. Audited."""
    if not can(actor, "budgets.enter_paper_ballot", cycle):
        raise PermissionDenied
    digest = identity_hash(national_number)
    record = VoterRecord.objects.select_for_update().filter(cycle=cycle, identity_hash=digest).first()
    if record is not None:
        if user is not None and record.user_id not in (None, user.pk):
            raise ValidationError(_("Deze persoon is al gekoppeld aan een ander account."))
        return record
    if user is not None and VoterRecord.objects.filter(cycle=cycle, user=user).exists():
        raise ValidationError(_("Dit account is al gekoppeld aan een andere kiezer op papier."))
    record = VoterRecord.objects.create(
        cycle=cycle,
        user=user,
        identity_hash=digest,
        label=label,
        year_of_birth=year_of_birth,
        neighbourhood=neighbourhood,
        document=document,
        verified_by=actor,
    )
    audit.record(
        actor,
        "budgets.voter_record.create",
        record,
        after={
            "label": label,
            "year_of_birth": year_of_birth,
            "neighbourhood": neighbourhood.pk,
            "document": document,
            "user": user.pk if user else None,
        },
    )
    return record


def paper_voter_problem(record: VoterRecord, heading: Heading):
    """Why this person may not vote for `heading` (the cycle's age and residence rules)."""
    cycle = heading.cycle
    closes = cycle.voting_closes_at or timezone.now()
    year = timezone.localdate(closes).year
    if cycle.voting_min_age and year - record.year_of_birth < cycle.voting_min_age:
        return _("Deze persoon is jonger dan %(age)s jaar.") % {"age": cycle.voting_min_age}
    if (
        cycle.voting_residence == Cycle.Residence.DISTRICT
        and heading.district_id is not None
        and record.neighbourhood.district_id != heading.district_id
    ):
        return _("Deze persoon woont niet in dit stadsdeel.")
    return None


def enter_paper_ballot(actor, heading: Heading, record: VoterRecord, proposal_ids: Iterable[int]) -> Ballot:
    """Staff enter (or correct) the paper ballot of an identified person. Audited.

    Locks the linked account first (the same lock as online voting), then the record, so a
    paper entry and an online vote for the same person cannot both succeed."""
    User = get_user_model()
    try:
        with transaction.atomic():
            if record.user_id:
                User.objects.select_for_update().only("pk").get(pk=record.user_id)
            record = VoterRecord.objects.select_for_update().select_related("neighbourhood").get(pk=record.pk)
            if record.cycle_id != heading.cycle_id:
                raise BallotError(_("Deze kiezer hoort bij een andere budgetronde."))
            if not can(actor, "budgets.enter_paper_ballot", heading.cycle):
                raise PermissionDenied(_("Stembrieven op papier invoeren kan alleen tijdens de stemming."))
            problem = paper_voter_problem(record, heading)
            if problem:
                raise BallotError(problem, code="not_eligible")
            proposals, total = validate_choices(heading, proposal_ids)
            existing = Ballot.objects.filter(heading=heading, voter_record=record).first()
            if existing is None and record.user_id:
                online = Ballot.objects.filter(heading=heading, voter_id=record.user_id).first()
                if online is not None:
                    raise BallotError(
                        _("Deze persoon heeft al online gestemd; een stembrief op papier kan niet meer."),
                        code="online",
                    )
            before = {"choices": sorted(existing.choices.values_list("proposal_id", flat=True))} if existing else {}
            ballot = _store(
                existing,
                heading,
                proposals,
                total,
                voter_id=record.user_id,
                voter_record=record,
                channel=Ballot.Channel.PAPER,
                entered_by=actor,
                neighbourhood=record.neighbourhood,
            )
            audit.record(
                actor,
                "budgets.paper_ballot.change" if existing else "budgets.paper_ballot.enter",
                ballot,
                before=before,
                after={"voter_record": record.pk, "choices": sorted(p.pk for p in proposals), "total": str(total)},
            )
            return ballot
    except IntegrityError as exc:
        raise BallotError(_("Voor deze persoon is al een stembrief geregistreerd."), code="integrity") from exc


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
            Proposal.objects.filter(pk__in=selected, status=Proposal.Status.FEASIBLE).update(
                status=Proposal.Status.SELECTED, modified=now
            )
            Proposal.objects.filter(pk__in=rejected, status=Proposal.Status.FEASIBLE).update(
                status=Proposal.Status.NOT_SELECTED, modified=now
            )
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
        transaction.on_commit(lambda: notify_results.delay(locked.pk))
    return results


@transaction.atomic
def override_result(project_result: ProjectResult, actor, *, selected: bool, reason: str) -> ProjectResult:
    """Change the outcome for one project by hand. The reason is required and public."""
    if not reason.strip():
        raise ValidationError(_("Geef de reden van de aanpassing: ze wordt publiek getoond."))
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
    proposal = locked.proposal
    if proposal.status != Proposal.Status.COMPLETED:
        proposal.status = Proposal.Status.SELECTED if selected else Proposal.Status.NOT_SELECTED
        proposal.save(update_fields=["status", "modified"])
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
    locked.progress = progress
    if progress == 100 and locked.status == Proposal.Status.SELECTED:
        locked.status = Proposal.Status.COMPLETED
    locked.save(update_fields=["progress", "status", "modified"])
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
