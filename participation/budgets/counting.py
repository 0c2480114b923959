"""Counting a budget vote. Pure Python: no Django, no database, no clock.

The same function counts the online ballots, the paper ballots entered by staff and
both together; the result page, the exports and the tests all come from here.

The published rule (also on the results page and in README.md):

1. **Valid ballots.** A ballot is counted when it names each project at most once, only
   projects on the ballot of that heading, at least ``min_choices`` of them, and:
   - knapsack rule: the total cost of its projects is at most the heading's amount (and at
     least ``min_spend_percent`` % of it when the cycle asks for a minimum share);
   - choose-up-to-N and approval rules: at most ``max_choices`` projects.
   Invalid ballots are reported (by reason) and not counted. Ballots are checked when they
   are cast, so in practice none are invalid; the check here is the second line of defence.
2. **Votes.** One vote per project named on a valid ballot; online and paper are counted
   separately and added up.
3. **Ranking.** Projects by total votes, most first. Ties: the cheaper project first (it
   leaves more of the amount for others); if the cost is equal too, a draw fixed in advance:
   the SHA-256 hex digest of ``"<seed>:<project id>"``, lowest first. The seed is published on
   the cycle page before voting opens, so anyone can recompute the order.
4. **Selection.** Going down the ranking, a project is selected when its cost fits in what
   is left of the amount; a project that does not fit is skipped and the next one is tried
   (the knapsack skip rule). Projects without any vote are not selected. The same selection
   applies to every voting rule: the amount is always the limit.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

ONLINE = "online"
PAPER = "paper"
CHANNELS = (ONLINE, PAPER)

KNAPSACK = "knapsack"
CHOOSE_N = "choose_n"
APPROVAL = "approval"
RULES = (KNAPSACK, CHOOSE_N, APPROVAL)

# Why a project ended where it did.
SELECTED = "selected"
DOES_NOT_FIT = "does_not_fit"
NO_VOTES = "no_votes"

# Why a ballot was not counted.
INVALID_DUPLICATE = "duplicate"
INVALID_UNKNOWN = "unknown_project"
INVALID_TOO_FEW = "too_few"
INVALID_TOO_MANY = "too_many"
INVALID_OVER_AMOUNT = "over_amount"
INVALID_UNDER_MINIMUM = "under_minimum"
INVALID_CHANNEL = "unknown_channel"


@dataclass(frozen=True)
class Project:
    id: int
    cost: Decimal


@dataclass(frozen=True)
class Rule:
    kind: str
    amount: Decimal
    max_choices: int | None = None
    min_choices: int = 1
    min_spend_percent: int | None = None

    def __post_init__(self):
        if self.kind not in RULES:
            raise ValueError(f"unknown voting rule {self.kind!r}")
        if self.amount < 0:
            raise ValueError("the amount cannot be negative")
        if self.kind in (CHOOSE_N, APPROVAL) and not self.max_choices:
            raise ValueError(f"the {self.kind} rule needs max_choices")


class Ballot(NamedTuple):
    channel: str
    choices: tuple[int, ...]


@dataclass(frozen=True)
class ProjectOutcome:
    project_id: int
    cost: Decimal
    votes_online: int
    votes_paper: int
    rank: int
    selected: bool
    reason: str

    @property
    def votes(self) -> int:
        return self.votes_online + self.votes_paper


@dataclass(frozen=True)
class Outcome:
    rule: Rule
    seed: str
    projects: tuple[ProjectOutcome, ...]  # in rank order
    ballots_online: int
    ballots_paper: int
    invalid: Mapping[str, int] = field(default_factory=dict)

    @property
    def ballots(self) -> int:
        return self.ballots_online + self.ballots_paper

    @property
    def ballots_invalid(self) -> int:
        return sum(self.invalid.values())

    @property
    def selected(self) -> tuple[ProjectOutcome, ...]:
        return tuple(p for p in self.projects if p.selected)

    @property
    def spent(self) -> Decimal:
        return sum((p.cost for p in self.projects if p.selected), Decimal(0))

    @property
    def remaining(self) -> Decimal:
        return self.rule.amount - self.spent


@dataclass
class Tally:
    """Votes per project id and counted ballots, per channel."""

    online: Counter = field(default_factory=Counter)
    paper: Counter = field(default_factory=Counter)
    ballots_online: int = 0
    ballots_paper: int = 0
    invalid: Counter = field(default_factory=Counter)

    def merge(self, other: Tally) -> Tally:
        """Paper and online counted apart (or in batches) and added up."""
        return Tally(
            online=self.online + other.online,
            paper=self.paper + other.paper,
            ballots_online=self.ballots_online + other.ballots_online,
            ballots_paper=self.ballots_paper + other.ballots_paper,
            invalid=self.invalid + other.invalid,
        )


def _cents(amount: Decimal) -> int:
    # Exact: costs and amounts are euros with at most two decimals.
    return int((Decimal(amount) * 100).to_integral_value())


def ballot_problem(choices: tuple[int, ...], costs: Mapping[int, int], rule: Rule, amount_cents: int) -> str | None:
    """Why a ballot cannot be counted (None when it is valid). Costs and amount in cents."""
    n = len(choices)
    if len(set(choices)) != n:
        return INVALID_DUPLICATE
    if n < rule.min_choices:
        return INVALID_TOO_FEW
    if rule.max_choices is not None and n > rule.max_choices:
        return INVALID_TOO_MANY
    try:
        total = sum(costs[c] for c in choices)
    except KeyError:
        return INVALID_UNKNOWN
    if rule.kind == KNAPSACK:
        if total > amount_cents:
            return INVALID_OVER_AMOUNT
        if rule.min_spend_percent and total * 100 < amount_cents * rule.min_spend_percent:
            return INVALID_UNDER_MINIMUM
    return None


def tally(projects: Iterable[Project], ballots: Iterable[Ballot], rule: Rule) -> Tally:
    """Check and count ballots. Linear in the number of choices."""
    costs = {p.id: _cents(p.cost) for p in projects}
    amount_cents = _cents(rule.amount)
    result = Tally()
    online_choices: list[int] = []
    paper_choices: list[int] = []
    problem_of = ballot_problem
    for channel, choices in ballots:
        problem = problem_of(choices, costs, rule, amount_cents)
        if problem is None and channel not in CHANNELS:
            problem = INVALID_CHANNEL
        if problem is not None:
            result.invalid[problem] += 1
        elif channel == ONLINE:
            result.ballots_online += 1
            online_choices.extend(choices)
        else:
            result.ballots_paper += 1
            paper_choices.extend(choices)
    result.online.update(online_choices)
    result.paper.update(paper_choices)
    return result


def tie_break_key(seed: str, project_id: int) -> str:
    return hashlib.sha256(f"{seed}:{project_id}".encode()).hexdigest()


def select(projects: Iterable[Project], counted: Tally, rule: Rule, *, seed: str) -> Outcome:
    """Rank the projects and select them by the published rule (see the module docstring)."""
    projects = list(projects)
    if len({p.id for p in projects}) != len(projects):
        raise ValueError("project ids must be unique")
    online, paper = counted.online, counted.paper

    def order(p: Project):
        return (-(online[p.id] + paper[p.id]), p.cost, tie_break_key(seed, p.id))

    remaining = _cents(rule.amount)
    outcomes = []
    for rank, project in enumerate(sorted(projects, key=order), start=1):
        votes = online[project.id] + paper[project.id]
        cost = _cents(project.cost)
        if votes == 0:
            selected, reason = False, NO_VOTES
        elif cost <= remaining:
            selected, reason = True, SELECTED
            remaining -= cost
        else:
            selected, reason = False, DOES_NOT_FIT
        outcomes.append(
            ProjectOutcome(
                project_id=project.id,
                cost=project.cost,
                votes_online=online[project.id],
                votes_paper=paper[project.id],
                rank=rank,
                selected=selected,
                reason=reason,
            )
        )
    return Outcome(
        rule=rule,
        seed=seed,
        projects=tuple(outcomes),
        ballots_online=counted.ballots_online,
        ballots_paper=counted.ballots_paper,
        invalid=dict(counted.invalid),
    )


def count(projects: Iterable[Project], ballots: Iterable[Ballot], rule: Rule, *, seed: str) -> Outcome:
    """Check and count `ballots`, then select projects: the whole published rule."""
    projects = list(projects)
    return select(projects, tally(projects, ballots, rule), rule, seed=seed)
