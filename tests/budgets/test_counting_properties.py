"""Property-based tests of the counting function (hypothesis)."""

from decimal import Decimal

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from participation.budgets import counting as c  # noqa: E402

costs = st.integers(min_value=1, max_value=200_000).map(lambda cents: Decimal(cents) / 100)


@st.composite
def elections(draw):
    n = draw(st.integers(min_value=1, max_value=12))
    projects = [c.Project(i, draw(costs)) for i in range(1, n + 1)]
    kind = draw(st.sampled_from(c.RULES))
    amount = Decimal(draw(st.integers(min_value=0, max_value=500_000))) / 100
    max_choices = draw(st.integers(min_value=1, max_value=n)) if kind != c.KNAPSACK else None
    rule = c.Rule(kind, amount, max_choices=max_choices)
    ids = [p.id for p in projects]
    ballots = draw(
        st.lists(
            st.builds(
                c.Ballot,
                st.sampled_from(c.CHANNELS),
                st.lists(st.sampled_from(ids), max_size=n, unique=True).map(tuple),
            ),
            max_size=40,
        )
    )
    seed = draw(st.text(min_size=0, max_size=10))
    return projects, ballots, rule, seed


@settings(max_examples=300, deadline=None)
@given(elections())
def test_selected_projects_never_exceed_the_amount(election):
    projects, ballots, rule, seed = election
    outcome = c.count(projects, ballots, rule, seed=seed)
    assert outcome.spent <= rule.amount
    assert outcome.remaining >= 0


@settings(max_examples=300, deadline=None)
@given(elections())
def test_counting_is_deterministic_and_independent_of_ballot_and_project_order(election):
    projects, ballots, rule, seed = election
    first = c.count(projects, ballots, rule, seed=seed)
    again = c.count(list(reversed(projects)), list(reversed(ballots)), rule, seed=seed)
    assert first == again


@settings(max_examples=200, deadline=None)
@given(elections())
def test_votes_add_up_and_no_unvoted_or_skippable_project_is_left_out(election):
    projects, ballots, rule, seed = election
    outcome = c.count(projects, ballots, rule, seed=seed)
    counted_choices = sum(p.votes for p in outcome.projects)
    assert counted_choices == sum(
        len(b.choices)
        for b in ballots
        if c.ballot_problem(b.choices, {p.id: int(p.cost * 100) for p in projects}, rule, int(rule.amount * 100))
        is None
    )
    # Greedy maximality: every unselected project with votes did not fit in what remained after it.
    remaining = rule.amount
    for p in outcome.projects:
        if p.selected:
            remaining -= p.cost
        elif p.reason == c.DOES_NOT_FIT:
            assert p.cost > remaining
        else:
            assert p.votes == 0
    # Ranking is by votes, descending.
    votes = [p.votes for p in outcome.projects]
    assert votes == sorted(votes, reverse=True)


@settings(max_examples=100, deadline=None)
@given(elections())
def test_splitting_paper_and_online_and_merging_gives_the_same_result(election):
    projects, ballots, rule, seed = election
    online = [b for b in ballots if b.channel == c.ONLINE]
    paper = [b for b in ballots if b.channel == c.PAPER]
    merged = c.tally(projects, online, rule).merge(c.tally(projects, paper, rule))
    assert c.select(projects, merged, rule, seed=seed) == c.count(projects, ballots, rule, seed=seed)
