"""Small named checks that rules.py combines. Objects may be a cycle, a heading or a proposal."""

import rules

from genk.core.permissions import has_mfa, is_administrator
from participation.ownership import owned_by

from . import eligibility
from .models import Ballot, Cycle, Heading, Proposal


def cycle_of(obj) -> Cycle | None:
    if isinstance(obj, Cycle):
        return obj
    if isinstance(obj, Heading | Proposal):
        return obj.cycle
    return None


# Staff rights are scoped by department: members (with MFA) of the department that owns the
# cycle or of a helping one manage it (participation/ownership.py); administrators (with MFA) too.
manages_cycle, _owns_cycle = owned_by(cycle_of)
is_budget_staff = manages_cycle | (is_administrator & has_mfa)


def phase_allows(capability: str):
    """A predicate: the active phase of the object's cycle allows `capability` (see phases.py)."""

    @rules.predicate(name=f"phase_allows_{capability}")
    def predicate(_user, obj):
        cycle = cycle_of(obj)
        return cycle is not None and getattr(cycle.spec(), capability)

    return predicate


@rules.predicate
def is_published_cycle(_user, obj):
    cycle = cycle_of(obj)
    return cycle is not None and cycle.is_published


@rules.predicate
def results_published(_user, obj):
    cycle = cycle_of(obj)
    return cycle is not None and cycle.results_published


@rules.predicate
def is_author(user, proposal):
    return user.is_authenticated and isinstance(proposal, Proposal) and proposal.author_id == user.pk


@rules.predicate
def proposal_is_open(_user, proposal):
    """Still as submitted: not yet reviewed, merged or withdrawn."""
    return isinstance(proposal, Proposal) and proposal.status == Proposal.Status.SUBMITTED


@rules.predicate
def proposal_is_reviewable(_user, proposal):
    if isinstance(proposal, Cycle):
        return True
    return isinstance(proposal, Proposal) and proposal.status in (
        Proposal.Status.SUBMITTED,
        Proposal.Status.FEASIBLE,
        Proposal.Status.NOT_FEASIBLE,
    )


@rules.predicate
def proposal_is_selected(_user, proposal):
    return isinstance(proposal, Proposal) and proposal.status in (Proposal.Status.SELECTED, Proposal.Status.COMPLETED)


@rules.predicate
def may_propose(user, obj):
    cycle = cycle_of(obj)
    heading = obj if isinstance(obj, Heading) else None
    return cycle is not None and eligibility.proposer_problem(user, cycle, heading) is None


@rules.predicate
def is_eligible_voter(user, heading):
    return isinstance(heading, Heading) and eligibility.voter_problem(user, heading) is None


@rules.predicate
def voted_on_paper(user, heading):
    """A paper ballot counts for this person: entered for their linked account, or, in a cycle
    with paper ballots, for the identity their eID/itsme login gave (not yet linked)."""
    if not user.is_authenticated or not isinstance(heading, Heading):
        return False
    known = eligibility.known_paper_ballot(user, heading)
    if known is not None:
        return known
    return (
        Ballot.objects.filter(heading=heading, channel=Ballot.Channel.PAPER)
        .filter(eligibility.ballots_of(user, heading.cycle))
        .exists()
    )


@rules.predicate
def accepts_paper_ballots(_user, obj):
    cycle = cycle_of(obj)
    return cycle is not None and cycle.paper_ballots
