"""The counting function on its own: no database."""

import hashlib
from decimal import Decimal

import pytest

from participation.budgets import counting as c

D = Decimal


def projects(*costs):
    return [c.Project(i, D(cost)) for i, cost in enumerate(costs, start=1)]


def online(*choices):
    return c.Ballot(c.ONLINE, tuple(choices))


def paper(*choices):
    return c.Ballot(c.PAPER, tuple(choices))


KNAPSACK_100 = c.Rule(c.KNAPSACK, D(100))


def selected_ids(outcome):
    return [p.project_id for p in outcome.selected]


def test_projects_are_selected_by_votes_while_the_amount_allows():
    outcome = c.count(
        projects(60, 30, 20), [online(1, 2), online(1, 2), online(1, 3), online(2)], KNAPSACK_100, seed="s"
    )
    # Votes: 1 → 3, 2 → 3, 3 → 1. Tie 1/2: cheaper (2) first.
    assert [p.project_id for p in outcome.projects] == [2, 1, 3]
    assert selected_ids(outcome) == [2, 1]
    assert outcome.spent == D(90)
    assert outcome.remaining == D(10)
    assert outcome.projects[2].reason == c.DOES_NOT_FIT


def test_skip_rule_a_project_that_does_not_fit_is_skipped_and_the_next_one_tried():
    # 1: 70 (5 votes), 2: 50 (4 votes), 3: 30 (3 votes): 1 fits, 2 does not, 3 does.
    ballots = [online(1)] * 5 + [online(2)] * 4 + [online(3)] * 3
    outcome = c.count(projects(70, 50, 30), ballots, KNAPSACK_100, seed="s")
    assert selected_ids(outcome) == [1, 3]
    reasons = {p.project_id: p.reason for p in outcome.projects}
    assert reasons == {1: c.SELECTED, 2: c.DOES_NOT_FIT, 3: c.SELECTED}
    assert outcome.spent == D(100)


def test_amount_exactly_at_the_limit_is_selected():
    outcome = c.count(projects(60, 40), [online(1, 2)], KNAPSACK_100, seed="s")
    assert sorted(selected_ids(outcome)) == [1, 2]
    assert outcome.remaining == D(0)


def test_one_cent_over_the_limit_does_not_fit():
    outcome = c.count(projects("60", "40.01"), [online(1), online(1), online(2)], KNAPSACK_100, seed="s")
    assert selected_ids(outcome) == [1]


def test_ballot_exactly_at_the_amount_is_valid_and_one_cent_over_is_not():
    p = projects("60", "40", "40.01")
    outcome = c.count(p, [online(1, 2), online(1, 3)], KNAPSACK_100, seed="s")
    assert outcome.ballots == 1
    assert outcome.invalid == {c.INVALID_OVER_AMOUNT: 1}


def test_a_single_project_costing_the_whole_amount_is_selected():
    outcome = c.count(projects(100), [online(1)], KNAPSACK_100, seed="s")
    assert selected_ids(outcome) == [1]


def test_projects_without_votes_are_not_selected():
    outcome = c.count(projects(10, 10), [online(1)], KNAPSACK_100, seed="s")
    assert selected_ids(outcome) == [1]
    assert outcome.projects[1].reason == c.NO_VOTES


def test_tie_on_votes_goes_to_the_cheaper_project():
    outcome = c.count(projects(80, 60), [online(1), online(2)], KNAPSACK_100, seed="s")
    assert selected_ids(outcome) == [2]
    assert outcome.projects[1].reason == c.DOES_NOT_FIT


def test_full_tie_is_broken_by_the_published_draw():
    seed = "burgerbudget-2026"
    keys = {pid: hashlib.sha256(f"{seed}:{pid}".encode()).hexdigest() for pid in (1, 2)}
    expected_first = min(keys, key=keys.get)
    outcome = c.count(projects(60, 60), [online(1), online(2)], KNAPSACK_100, seed=seed)
    assert selected_ids(outcome) == [expected_first]
    assert c.tie_break_key(seed, 1) == keys[1]


def test_draw_depends_on_the_seed_and_is_reproducible():
    orders = set()
    for seed in ("a", "b", "c", "d", "e", "f"):
        first = c.count(projects(10, 10, 10), [online(1, 2, 3)], KNAPSACK_100, seed=seed)
        again = c.count(projects(10, 10, 10), [online(1, 2, 3)], KNAPSACK_100, seed=seed)
        assert first == again
        orders.add(tuple(p.project_id for p in first.projects))
    assert len(orders) > 1


def test_paper_and_online_are_counted_apart_and_together():
    ballots = [online(1), online(1, 2), paper(2), paper(2), paper(1)]
    outcome = c.count(projects(10, 10), ballots, KNAPSACK_100, seed="s")
    votes = {p.project_id: (p.votes_online, p.votes_paper, p.votes) for p in outcome.projects}
    assert votes == {1: (2, 1, 3), 2: (1, 2, 3)}
    assert (outcome.ballots_online, outcome.ballots_paper, outcome.ballots) == (2, 3, 5)


def test_merging_tallies_gives_the_same_outcome_as_counting_everything_at_once():
    p = projects(30, 30, 50)
    online_ballots = [online(1, 3), online(2), online(3)]
    paper_ballots = [paper(1), paper(1, 2), paper(3)]
    together = c.count(p, online_ballots + paper_ballots, KNAPSACK_100, seed="s")
    merged = c.tally(p, online_ballots, KNAPSACK_100).merge(c.tally(p, paper_ballots, KNAPSACK_100))
    assert c.select(p, merged, KNAPSACK_100, seed="s") == together


def test_choose_n_rule_limits_the_number_of_choices_not_the_cost():
    rule = c.Rule(c.CHOOSE_N, D(100), max_choices=2)
    outcome = c.count(projects(90, 90, 90), [online(1, 2), online(1, 2, 3), online(1)], rule, seed="s")
    assert outcome.ballots == 2
    assert outcome.invalid == {c.INVALID_TOO_MANY: 1}
    # The amount still limits what is selected.
    assert selected_ids(outcome) == [1]


def test_approval_rule_with_a_maximum():
    rule = c.Rule(c.APPROVAL, D(100), max_choices=3)
    ballots = [online(1, 2, 3), online(2, 3), online(3), online(1, 2, 3, 4)]
    outcome = c.count(projects(40, 30, 30, 10), ballots, rule, seed="s")
    assert outcome.invalid == {c.INVALID_TOO_MANY: 1}
    assert [p.project_id for p in outcome.projects][:3] == [3, 2, 1]
    assert selected_ids(outcome) == [3, 2, 1]


def test_minimum_share_to_spend():
    rule = c.Rule(c.KNAPSACK, D(100), min_spend_percent=50)
    outcome = c.count(projects(40, 50), [online(1), online(2), online(1, 2)], rule, seed="s")
    assert outcome.invalid == {c.INVALID_UNDER_MINIMUM: 1}
    assert outcome.ballots == 2


@pytest.mark.parametrize(
    ("ballot", "reason"),
    [
        (online(1, 1), c.INVALID_DUPLICATE),
        (online(9), c.INVALID_UNKNOWN),
        (online(), c.INVALID_TOO_FEW),
        (c.Ballot("fax", (1,)), c.INVALID_CHANNEL),
    ],
)
def test_invalid_ballots_are_reported_and_not_counted(ballot, reason):
    outcome = c.count(projects(10), [ballot, online(1)], KNAPSACK_100, seed="s")
    assert outcome.invalid == {reason: 1}
    assert outcome.projects[0].votes == 1


def test_rules_that_need_a_maximum_refuse_without_one():
    with pytest.raises(ValueError):
        c.Rule(c.CHOOSE_N, D(100))
    with pytest.raises(ValueError):
        c.Rule("borda", D(100))


def test_duplicate_project_ids_are_refused():
    with pytest.raises(ValueError):
        c.count([c.Project(1, D(1)), c.Project(1, D(2))], [], KNAPSACK_100, seed="s")


def test_no_ballots_selects_nothing():
    outcome = c.count(projects(10, 20), [], KNAPSACK_100, seed="s")
    assert outcome.selected == ()
    assert outcome.ballots == 0


def test_counting_100000_ballots_takes_less_than_a_second():
    import random
    import time

    rng = random.Random(7)
    p = [c.Project(i, D(rng.randrange(5000, 100_001, 500))) for i in range(1, 301)]
    ids = [x.id for x in p]
    ballots = [
        c.Ballot(c.PAPER if rng.random() < 0.1 else c.ONLINE, tuple(rng.sample(ids, rng.randint(1, 10))))
        for _ in range(100_000)
    ]
    rule = c.Rule(c.KNAPSACK, D(1_500_000))
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        outcome = c.count(p, ballots, rule, seed="bench")
        best = min(best, time.perf_counter() - started)
    assert outcome.ballots == 100_000
    assert outcome.spent <= rule.amount
    assert best < 1.0, f"counting took {best:.2f}s"
