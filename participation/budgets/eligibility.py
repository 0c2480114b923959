"""Who may propose and who may vote, with the reason when the answer is no.

The rules (rules.py) ask whether a reason exists; pages show the reason to the user.
"""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Ballot, Cycle, Heading, VoterRecord
from .validators import birth_year_from_national_number, validate_national_number

# The claims in which an OpenID Connect provider gives the national register number: `rrn`
# at the Flemish government's login (ACM/IDM, scope "rrn"), `national_identification_number`
# at some eID brokers. Override with the BUDGETS_NATIONAL_NUMBER_CLAIMS setting.
NATIONAL_NUMBER_CLAIMS = ("rrn", "national_identification_number")


def has_verified_email(user) -> bool:
    cached = getattr(user, "_budgets_verified_email", None)
    if cached is None:
        from allauth.account.models import EmailAddress

        cached = user._budgets_verified_email = EmailAddress.objects.filter(user=user, verified=True).exists()
    return cached


def _district_id(user):
    neighbourhood = user.neighbourhood
    return neighbourhood.district_id if neighbourhood else None


def _age_problem(user, min_age: int, year: int):
    if not min_age:
        return None
    age = user.age_in(year)
    if age is None:
        return _("Vul je geboortejaar in op je profiel: je moet minstens %(age)s jaar zijn.") % {"age": min_age}
    if age < min_age:
        return _("Je moet minstens %(age)s jaar zijn (of worden in %(year)s).") % {"age": min_age, "year": year}
    return None


def proposer_problem(user, cycle: Cycle, heading: Heading | None = None):
    """Why `user` may not propose in `cycle` (None: they may). Ignores the phase."""
    if not user.is_authenticated:
        return _("Meld je aan om een voorstel in te dienen.")
    if not has_verified_email(user):
        return _("Bevestig eerst je e-mailadres.")
    if cycle.proposers == Cycle.Proposers.ACCOUNTS:
        return None
    if user.neighbourhood_id is None:
        return _("Vul op je profiel in in welke wijk je woont: alleen inwoners van Genk dienen voorstellen in.")
    problem = _age_problem(user, cycle.proposal_min_age, timezone.localdate().year)
    if problem:
        return problem
    if (
        cycle.proposers == Cycle.Proposers.DISTRICT_RESIDENTS
        and heading is not None
        and heading.district_id is not None
        and heading.district_id != _district_id(user)
    ):
        return _("Voor dit stadsdeel dienen alleen inwoners van het stadsdeel voorstellen in.")
    return None


# The two reasons a resident cannot vote online *yet*: they can, after confirming who they are
# (eID/itsme), or vote on paper in a service centre. The ballot pages answer them with guidance.
RESIDENCE_NEEDED = _(
    "Voor deze ronde moet je woonplaats bevestigd zijn: meld je aan met eID of itsme, of ga langs in een dienstencentrum."
)
IDENTITY_NEEDED = _(
    "In deze ronde kun je ook op papier stemmen. Daarom bevestig je eerst wie je bent: meld je aan "
    "met eID of itsme, of laat je identiteitskaart zien in een dienstencentrum."
)


def needs_identity(problem) -> bool:
    """Whether `problem` (from `voter_problem`) is solved by confirming one's identity."""
    return problem is not None and str(problem) in (str(RESIDENCE_NEEDED), str(IDENTITY_NEEDED))


def identity_provider_id() -> str | None:
    """The provider id of the configured eID/itsme login (OpenID Connect), or None."""
    return next(iter(sorted(_identity_provider_ids())), None)


def voter_problem(user, heading: Heading, *, identity: bool = True):
    """Why `user` may not vote online in `heading` (None: they may). Ignores the phase.

    The age counts in the year voting closes (we only keep the year of birth). In a cycle
    with paper ballots the voter must also have a verified identity (`identity_problem`);
    `identity=False` leaves that out (for the reminder to vote)."""
    cycle = heading.cycle
    if not user.is_authenticated:
        return _("Meld je aan om te stemmen.")
    if not has_verified_email(user):
        return _("Bevestig eerst je e-mailadres.")
    if user.neighbourhood_id is None:
        return _("Vul op je profiel in in welke wijk je woont: alleen inwoners van Genk stemmen.")
    if cycle.require_verified_residence and user.residency_verified_at is None:
        return RESIDENCE_NEEDED
    closes = cycle.voting_closes_at or timezone.now()
    problem = _age_problem(user, cycle.voting_min_age, timezone.localdate(closes).year)
    if problem:
        return problem
    if (
        cycle.voting_residence == Cycle.Residence.DISTRICT
        and heading.district_id is not None
        and heading.district_id != _district_id(user)
    ):
        return _("Je stemt alleen voor het budget van het stadsdeel waar je woont.")
    if cycle.paper_ballots and identity:
        return identity_problem(user, cycle)
    return None


# Identity: in a cycle with paper ballots, online voters are the same people as paper voters ---


def _identity_provider_ids() -> set[str]:
    apps = settings.SOCIALACCOUNT_PROVIDERS.get("openid_connect", {}).get("APPS", [])
    return {app["provider_id"] for app in apps if app.get("provider_id")}


def oidc_national_number(user) -> str | None:
    """The national register number the configured eID/itsme login (OpenID Connect) gave for
    `user`'s account, if any: the claim as allauth stored it at the last login, checked with
    its mod-97 digit. Cached on the user object for the request."""
    if not user.is_authenticated:
        return None
    if hasattr(user, "_budgets_national_number"):
        return user._budgets_national_number
    number = None
    providers = _identity_provider_ids()
    if providers:
        from allauth.socialaccount.models import SocialAccount

        claims = getattr(settings, "BUDGETS_NATIONAL_NUMBER_CLAIMS", NATIONAL_NUMBER_CLAIMS)
        for account in SocialAccount.objects.filter(user=user, provider__in=providers).order_by("pk"):
            data = account.extra_data or {}
            sources = [data.get("id_token") or {}, data.get("userinfo") or {}, data]
            values = [source.get(claim) for source in sources if isinstance(source, dict) for claim in claims]
            for value in filter(None, values):
                try:
                    number = validate_national_number(str(value))
                except ValidationError:
                    continue
                break
            if number:
                break
    user._budgets_national_number = number
    return number


def identity_hash(national_number: str) -> str:
    """A keyed hash of a national register number: recognises a person, cannot be reversed."""
    return hmac.new(settings.SECRET_KEY.encode(), f"rrn:{national_number}".encode(), hashlib.sha256).hexdigest()


def identity_hash_of(user) -> str | None:
    number = oidc_national_number(user)
    return identity_hash(number) if number else None


def linked_record(user, cycle: Cycle) -> VoterRecord | None:
    if not user.is_authenticated:
        return None
    return VoterRecord.objects.filter(cycle=cycle, user=user).first()


def _record_year(user, cycle: Cycle) -> int | None:
    """The verified year of birth of the record linked to `user`'s account in `cycle` (None:
    no record); from `load_voter` when it read it for this request."""
    known = getattr(user, "_budgets_record_years", {})
    if cycle.pk in known:
        return known[cycle.pk]
    record = linked_record(user, cycle)
    return record.year_of_birth if record is not None else None


def identity_problem(user, cycle: Cycle):
    """Why `user` cannot vote online in a cycle with paper ballots for lack of an identity
    (None: their account is linked to a verified record, or the eID/itsme login gave their
    national register number and no other account holds it)."""
    born = _record_year(user, cycle)
    if born is None:
        number = oidc_national_number(user)
        if number is None:
            return IDENTITY_NEEDED
        if VoterRecord.objects.filter(cycle=cycle, identity_hash=identity_hash(number), user__isnull=False).exists():
            return _("Met jouw identiteit is in deze ronde al een ander account verbonden. Stem met dat account.")
        born = birth_year_from_national_number(number)
    # The age rule once more, on the verified year of birth rather than the profile's.
    year = timezone.localdate(cycle.voting_closes_at or timezone.now()).year
    if cycle.voting_min_age and year - born < cycle.voting_min_age:
        return _("Je moet minstens %(age)s jaar zijn (of worden in %(year)s).") % {
            "age": cycle.voting_min_age,
            "year": year,
        }
    return None


def ballots_of(user, cycle: Cycle):
    """A filter for the ballots of `user` in `cycle`: their account's, and in a cycle with paper
    ballots also those of their identity (a paper ballot entered before the account was linked)."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    query = Q(voter=user)
    if cycle.paper_ballots:
        digest = identity_hash_of(user)
        if digest:
            query |= Q(voter_record__identity_hash=digest, voter_record__cycle=cycle)
    return query


def paper_ballot_of(user, heading: Heading):
    """The paper ballot counted for `user` in `heading`, if any (then they cannot vote online)."""
    return (
        Ballot.objects.filter(heading=heading, channel=Ballot.Channel.PAPER)
        .filter(ballots_of(user, heading.cycle))
        .first()
    )


def voting_headings(user, cycle: Cycle) -> list[Heading]:
    """The headings `user` may vote in (ignoring the phase)."""
    return [h for h in cycle.headings.all() if voter_problem(user, h) is None]


# What one request knows about its voter -----------------------------------------------------


@dataclass(frozen=True)
class OwnBallot:
    """The voter's confirmed ballot for a heading, as the ballot pages show it."""

    pk: int
    confirmed_at: datetime
    proposal_ids: tuple[int, ...]


def load_voter(user, heading: Heading) -> None:
    """Read in one query what the ballot pages ask about `user` for `heading`: a verified
    e-mail address, the record linked to the account (a cycle with paper ballots), a paper
    ballot counted for them, and their confirmed ballot with its choices. Kept on the user
    object for this request (`has_verified_email`, `identity_problem`, `predicates.voted_on_paper`,
    `own_ballot` read it); `forget` drops what a locked transaction must read afresh."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.contrib.postgres.aggregates import ArrayAgg
    from django.db import connection
    from django.db.models import Exists, OuterRef, Subquery

    from .models import BallotChoice

    if not user.is_authenticated:
        return
    cycle = heading.cycle
    postgres = connection.vendor == "postgresql"  # the SQLite demo reads the choices apart
    own = Ballot.objects.filter(heading=heading, voter=OuterRef("pk")).order_by("pk")
    in_one_query = {}
    if postgres:
        in_one_query["choices"] = Subquery(
            # One ballot per voter and heading (a unique constraint).
            BallotChoice.objects.filter(ballot__heading=heading, ballot__voter=OuterRef("pk"))
            .order_by()
            .values("ballot")
            .annotate(ids=ArrayAgg("proposal_id", order_by="proposal_id"))
            .values("ids")[:1]
        )
    row = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .values(
            verified=Exists(EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)),
            record_year=Subquery(
                VoterRecord.objects.filter(cycle=cycle, user=OuterRef("pk")).values("year_of_birth")[:1]
            ),
            paper=Exists(
                Ballot.objects.filter(heading=heading, channel=Ballot.Channel.PAPER).filter(ballots_of(user, cycle))
            ),
            ballot_pk=Subquery(own.values("pk")[:1]),
            ballot_at=Subquery(own.values("confirmed_at")[:1]),
            **in_one_query,
        )
        .get()
    )
    if not postgres and row["ballot_pk"] is not None:
        row["choices"] = sorted(
            BallotChoice.objects.filter(ballot_id=row["ballot_pk"]).values_list("proposal_id", flat=True)
        )
    user._budgets_verified_email = row["verified"]
    user._budgets_record_years = {**getattr(user, "_budgets_record_years", {}), cycle.pk: row["record_year"]}
    user._budgets_paper = {**getattr(user, "_budgets_paper", {}), heading.pk: row["paper"]}
    ballot = None
    if row["ballot_pk"] is not None:
        ballot = OwnBallot(row["ballot_pk"], row["ballot_at"], tuple(row["choices"] or ()))
    user._budgets_own_ballots = {**getattr(user, "_budgets_own_ballots", {}), heading.pk: ballot}


def forget(user) -> None:
    """Drop what `load_voter` read but a transaction that locked the voter must read afresh
    (their record and their ballots; a verified e-mail address stays)."""
    for name in ("_budgets_record_years", "_budgets_paper", "_budgets_own_ballots"):
        if hasattr(user, name):  # `request.user` is a lazy object: no `__dict__` of the user's own
            delattr(user, name)


def known_paper_ballot(user, heading: Heading) -> bool | None:
    """Whether a paper ballot counts for `user` in `heading`, if `load_voter` read it (else None)."""
    return getattr(user, "_budgets_paper", {}).get(heading.pk)


def own_ballot(user, heading: Heading) -> OwnBallot | None:
    """`user`'s confirmed ballot for `heading` (any channel), with its choices."""
    if not user.is_authenticated:
        return None
    known = getattr(user, "_budgets_own_ballots", {})
    if heading.pk not in known:
        load_voter(user, heading)
        known = user._budgets_own_ballots
    return known[heading.pk]
