"""Operations that touch several objects: atomic, audited, notified on commit.

Casting a ballot is the one that matters most: see `cast_ballot`.
"""

from collections.abc import Iterable
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import CharField, StringAgg, Value
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from genk.core import audit, notifications
from genk.core.permissions import can
from genk.core.refusals import NotAllowed

from . import counting, eligibility, workflow
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
from .validators import birth_year_from_national_number

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


class BallotError(NotAllowed):
    """A ballot that cannot be accepted; the message is for the voter, `code` says why."""

    def __init__(self, message="", *, code: str = ""):
        super().__init__(message)
        self.code = code


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
    two submissions of the same voter (two tabs, a double click) are serialised; the second
    one replaces the first. The database backs this with a unique constraint per voter and
    heading and a check that the total stays within the amount the ballot was cast against.

    In a cycle with paper ballots the ballot also carries the voter's VoterRecord (their
    verified identity; see `online_voter_record`), locked here as a paper entry locks it:
    one ballot per record and heading is a unique constraint, so the same person never has
    a paper and an online ballot.
    """
    User = get_user_model()
    cycle = heading.cycle
    try:
        with transaction.atomic():
            # FOR NO KEY UPDATE: serialises this voter's submissions, yet lets a paper entry that
            # holds the voter's record insert a ballot pointing at this user (a foreign key
            # check takes KEY SHARE, which FOR UPDATE would block: a deadlock).
            User.objects.select_for_update(no_key=True).only("pk").get(pk=voter.pk)
            if not can(voter, "budgets.vote_in_heading", heading):
                reason = eligibility.voter_problem(voter, heading) if cycle.spec().vote else None
                raise BallotError(reason or _("Je kunt nu niet stemmen voor dit deelbudget."), code="not_allowed")
            record = online_voter_record(voter, cycle) if cycle.paper_ballots else None
            if record is not None:
                problem = record_age_problem(record, cycle)
                if problem:
                    raise BallotError(problem, code="not_eligible")
            proposals, total = validate_choices(heading, proposal_ids)
            mine = Ballot.objects.filter(heading=heading)
            existing = (mine.filter(voter_record=record) if record else mine.filter(voter=voter)).first()
            if existing is not None and existing.channel == Ballot.Channel.PAPER:
                raise BallotError(_("Je stem op papier is al geteld; online stemmen kan niet meer."), code="paper")
            ballot = _store(
                existing,
                heading,
                proposals,
                total,
                voter=voter,
                voter_record=record,
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


identity_hash = eligibility.identity_hash


def _initials(name: str) -> str:
    return " ".join(f"{part[0]}." for part in name.split() if part[:1].isalpha())[:80] or "–"


def _link(record: VoterRecord, user, actor) -> None:
    """Link `record` to `user`'s account: the person's ballots, paper ones included, now sit on
    the account too. Call with both rows locked."""
    record.user = user
    record.save(update_fields=["user", "modified"])
    Ballot.objects.filter(voter_record=record, voter__isnull=True).update(voter=user)
    audit.record(actor, "budgets.voter_record.link", record, before={"user": None}, after={"user": user.pk})


def online_voter_record(voter, cycle: Cycle) -> VoterRecord:
    """The verified identity `voter` votes with in a cycle with paper ballots, locked.

    Their account's linked record; else the record of the national register number their
    eID/itsme login gave (created, or found when staff registered the person, and then
    linked to this account). Call inside a transaction that has locked the voter's row."""
    record = VoterRecord.objects.select_for_update().filter(cycle=cycle, user=voter).first()
    if record is not None:
        return record
    number = eligibility.oidc_national_number(voter)
    if number is None:
        raise BallotError(eligibility.identity_problem(voter, cycle), code="identity")
    digest = identity_hash(number)
    record = VoterRecord.objects.select_for_update().filter(cycle=cycle, identity_hash=digest).first()
    if record is None:
        try:
            with transaction.atomic():  # a savepoint: staff may register the same person right now
                record = VoterRecord.objects.create(
                    cycle=cycle,
                    user=voter,
                    identity_hash=digest,
                    label=_initials(voter.display_name),
                    year_of_birth=birth_year_from_national_number(number),
                    neighbourhood_id=voter.neighbourhood_id,
                    document=VoterRecord.Document.ONLINE,
                    verified_by=None,
                )
        except IntegrityError:
            record = VoterRecord.objects.select_for_update().get(cycle=cycle, identity_hash=digest)
        else:
            audit.record(
                voter,
                "budgets.voter_record.create",
                record,
                after={"document": record.document, "year_of_birth": record.year_of_birth, "user": voter.pk},
            )
            return record
    if record.user_id is not None and record.user_id != voter.pk:
        raise BallotError(
            _("Met jouw identiteit is in deze ronde al een ander account verbonden. Stem met dat account."),
            code="identity",
        )
    if record.user_id is None:
        _link(record, voter, actor=voter)
    return record


def record_age_problem(record: VoterRecord, cycle: Cycle):
    """The age rule checked on the verified birth year (from the document or the national number)."""
    closes = cycle.voting_closes_at or timezone.now()
    year = timezone.localdate(closes).year
    if cycle.voting_min_age and year - record.year_of_birth < cycle.voting_min_age:
        return _("Deze persoon is jonger dan %(age)s jaar.") % {"age": cycle.voting_min_age}
    return None


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
    """Record (or find again) a person identified at a service centre, and link their account
    if they name one (then they may also vote online instead of on paper). Audited; the
    account holder is notified of the link.

    Locks the account's row first, then the record: the same order as online voting."""
    User = get_user_model()
    with transaction.atomic():
        if not can(actor, "budgets.enter_paper_ballot", cycle):
            raise PermissionDenied
        if user is not None:
            User.objects.select_for_update(no_key=True).only("pk").get(pk=user.pk)
            claimed = eligibility.oidc_national_number(user)
            if claimed and claimed != national_number:
                raise ValidationError(
                    {"account_email": _("Dit account is met eID of itsme aangemeld als een andere persoon.")}
                )
        digest = identity_hash(national_number)
        record = VoterRecord.objects.select_for_update().filter(cycle=cycle, identity_hash=digest).first()
        if record is not None:
            if user is None or record.user_id == user.pk:
                return record
            if record.user_id is not None:
                raise ValidationError({"account_email": _("Deze persoon is al gekoppeld aan een ander account.")})
        if user is not None and VoterRecord.objects.filter(cycle=cycle, user=user).exists():
            raise ValidationError({"account_email": _("Dit account is al gekoppeld aan een andere kiezer.")})
        if record is not None:
            _link(record, user, actor)
        else:
            try:
                with transaction.atomic():  # a savepoint: the person may be logging in with eID right now
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
            except IntegrityError as exc:
                raise NotAllowed(_("Deze persoon werd net ook geregistreerd. Probeer opnieuw.")) from exc
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
        if user is not None:
            notifications.notify(
                "budgets.identity_linked",
                [user],
                key=f"budgets:identity:{record.pk}:{user.pk}",
                context={"cycle": cycle.name, "when": date_format(timezone.localtime(), "j F Y H:i")},
                url=cycle.get_absolute_url(),
            )
    return record


def paper_voter_problem(record: VoterRecord, heading: Heading):
    """Why this person may not vote for `heading` (the cycle's age and residence rules)."""
    cycle = heading.cycle
    problem = record_age_problem(record, cycle)
    if problem:
        return problem
    if (
        cycle.voting_residence == Cycle.Residence.DISTRICT
        and heading.district_id is not None
        and record.neighbourhood.district_id != heading.district_id
    ):
        return _("Deze persoon woont niet in dit stadsdeel.")
    return None


def enter_paper_ballot(actor, heading: Heading, record: VoterRecord, proposal_ids: Iterable[int]) -> Ballot:
    """Staff enter (or correct) the paper ballot of an identified person. Audited.

    Locks the person's record, the row online voting locks too in a cycle with paper
    ballots; every ballot of the person carries the record, and the database allows one per
    record and heading, so a paper entry and an online vote cannot both succeed."""
    try:
        with transaction.atomic():
            record = (
                VoterRecord.objects.select_for_update(of=("self",)).select_related("neighbourhood").get(pk=record.pk)
            )
            if record.cycle_id != heading.cycle_id:
                raise BallotError(_("Deze kiezer hoort bij een andere budgetronde."))
            if not can(actor, "budgets.enter_paper_ballot", heading.cycle):
                raise PermissionDenied(_("Stembrieven op papier invoeren kan alleen tijdens de stemming."))
            problem = paper_voter_problem(record, heading)
            if problem:
                raise BallotError(problem, code="not_eligible")
            proposals, total = validate_choices(heading, proposal_ids)
            existing = Ballot.objects.filter(heading=heading, voter_record=record).first()
            if existing is not None and existing.channel == Ballot.Channel.ONLINE:
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
        transaction.on_commit(lambda: notify_results.delay(locked.pk))
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
