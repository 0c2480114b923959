"""Property-based checks of the rules that decide: quorum, vote results, agenda order."""

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.extra.django import TestCase  # noqa: E402

from participation.councils import services  # noqa: E402
from participation.councils.models import Council, Vote  # noqa: E402


@given(voting=st.integers(min_value=0, max_value=200), percentage=st.integers(min_value=1, max_value=100))
def test_quorum_is_the_share_rounded_up(voting, percentage):
    council = Council(quorum_percentage=percentage)
    required = council.quorum_required(voting)
    assert 1 <= required <= max(voting, 1)
    if voting:
        # `required` members are enough, one fewer is not.
        assert required * 100 >= voting * percentage
        assert (required - 1) * 100 < voting * percentage or required == 1


@given(st.integers(min_value=0, max_value=100), st.integers(min_value=0, max_value=100))
def test_adopted_exactly_when_more_for_than_against(votes_for, votes_against):
    result = Vote.result_for(votes_for, votes_against)
    assert (result == Vote.Result.ADOPTED) == (votes_for > votes_against)


class AgendaOrderTests(TestCase):
    @settings(max_examples=25, deadline=None)
    @given(
        moves=st.lists(st.tuples(st.integers(min_value=0, max_value=5), st.sampled_from(["up", "down"])), max_size=12)
    )
    def test_moves_keep_positions_one_to_n(self, moves):
        from tests.councils.factories import AgendaItemFactory, MeetingFactory, MembershipFactory

        membership = MembershipFactory(role="secretary")
        meeting = MeetingFactory(council=membership.council)
        items = [AgendaItemFactory(meeting=meeting, position=n + 1) for n in range(6)]
        order = [i.pk for i in items]
        for index, direction in moves:
            item = meeting.items.get(pk=order[index])
            services.move_item(item, membership.user, direction)
            target = index - 1 if direction == "up" else index + 1
            if 0 <= target < len(order):
                order[index], order[target] = order[target], order[index]
        rows = list(meeting.items.order_by("position").values_list("position", "pk"))
        assert [p for p, _ in rows] == list(range(1, 7))
        assert [pk for _, pk in rows] == order
