"""Ballots: an online vote, a paper ballot entered by staff, and the verified identity behind
both in a cycle with paper ballots. Atomic and locked as described per function; audited
where staff act; the voter is notified on commit.

Casting a ballot is the one that matters most: see `cast_ballot`.
"""

from collections.abc import Iterable
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.postgres.aggregates import ArrayAgg
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from genk.core import audit, notifications
from genk.core.permissions import can
from genk.core.refusals import NotAllowed

from . import counting, eligibility
from .models import (
    Ballot,
    BallotChoice,
    Cycle,
    Heading,
    Proposal,
    VoterRecord,
)
from .validators import birth_year_from_national_number


class BallotError(NotAllowed):
    """A ballot that cannot be accepted; the message is for the voter, `code` says why."""

    def __init__(self, message="", *, code: str = ""):
        super().__init__(message)
        self.code = code


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
            # What the request read about the voter before this lock (eligibility.load_voter)
            # is read again under it: their record and their ballots.
            eligibility.forget(voter)
            linked = UNREAD
            if cycle.paper_ballots:
                # The record linked to the account, locked now rather than after the checks
                # (the same order: the user row, then the record); the checks read its year.
                linked = VoterRecord.objects.select_for_update().filter(cycle=cycle, user=voter).first()
                voter._budgets_record_years = {cycle.pk: linked.year_of_birth if linked else None}
            if not can(voter, "budgets.vote_in_heading", heading):
                reason = eligibility.voter_problem(voter, heading) if cycle.spec().vote else None
                raise BallotError(reason or _("Je kunt nu niet stemmen voor dit deelbudget."), code="not_allowed")
            record = online_voter_record(voter, cycle, linked=linked) if cycle.paper_ballots else None
            if record is not None:
                problem = record_age_problem(record, cycle)
                if problem:
                    raise BallotError(problem, code="not_eligible")
            proposals, total = validate_choices(heading, proposal_ids)
            mine = Ballot.objects.filter(heading=heading)
            mine = mine.filter(voter_record=record) if record else mine.filter(voter=voter)
            if connection.vendor == "postgresql":
                mine = mine.annotate(
                    chosen=ArrayAgg("choices__proposal_id", filter=Q(choices__isnull=False), default=[])
                )
            existing = mine.first()
            if existing is not None and not hasattr(existing, "chosen"):  # the SQLite demo
                existing.chosen = list(existing.choices.values_list("proposal_id", flat=True))
            if existing is not None and existing.channel == Ballot.Channel.PAPER:
                raise BallotError(_("Je stem op papier is al geteld; online stemmen kan niet meer."), code="paper")
            if existing is not None and set(existing.chosen) == {p.pk for p in proposals}:
                # The same choices again (a double click, a second tab): nothing changes, no new email.
                return existing
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
            # One notification per change of what the ballot holds (the revision changes with it).
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
    finally:
        eligibility.forget(voter)  # what the transaction read about the voter may have changed since


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


UNREAD = object()


def online_voter_record(voter, cycle: Cycle, *, linked=UNREAD) -> VoterRecord:
    """The verified identity `voter` votes with in a cycle with paper ballots, locked.

    Their account's linked record; else the record of the national register number their
    eID/itsme login gave (created, or found when staff registered the person, and then
    linked to this account). Call inside a transaction that has locked the voter's row;
    `linked` is the account's record (or None) when the caller locked it already."""
    record = (
        VoterRecord.objects.select_for_update().filter(cycle=cycle, user=voter).first() if linked is UNREAD else linked
    )
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
