"""Who may propose and who may vote, with the reason when the answer is no.

The rules (rules.py) ask whether a reason exists; pages show the reason to the user.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Ballot, Cycle, Heading


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


def voter_problem(user, heading: Heading):
    """Why `user` may not vote online in `heading` (None: they may). Ignores the phase.

    The age counts in the year voting closes (we only keep the year of birth)."""
    cycle = heading.cycle
    if not user.is_authenticated:
        return _("Meld je aan om te stemmen.")
    if not has_verified_email(user):
        return _("Bevestig eerst je e-mailadres.")
    if user.neighbourhood_id is None:
        return _("Vul op je profiel in in welke wijk je woont: alleen inwoners van Genk stemmen.")
    if cycle.require_verified_residence and user.residency_verified_at is None:
        return _(
            "Voor deze ronde moet je woonplaats bevestigd zijn: meld je aan met eID of itsme, "
            "of ga langs in een dienstencentrum."
        )
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
    return None


def paper_ballot_of(user, heading: Heading):
    """The paper ballot entered for `user` in `heading`, if any (then they cannot vote online)."""
    return Ballot.objects.filter(heading=heading, voter=user, channel=Ballot.Channel.PAPER).first()


def voting_headings(user, cycle: Cycle) -> list[Heading]:
    """The headings `user` may vote in (ignoring the phase)."""
    return [h for h in cycle.headings.all() if voter_problem(user, h) is None]
