"""Double clicks at the same moment: ten "volg deze wijk" give one follow; ten team members
opening this year's wijkplan give one plan; ten "klaar" on one action move it once."""

import pytest

from genk.core.refusals import Refusal
from neighbourhoods.areawork import services, workflow
from neighbourhoods.areawork.models import Action, Follow, Plan
from tests.concurrency import run_concurrently

from .factories import ActionFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_following_ten_times_at_once_gives_one_follow(resident, wijk):
    results = run_concurrently(*[lambda: services.follow_wijk(resident, wijk, "daily")] * 10)
    assert not [r for r in results if isinstance(r, Exception)]
    assert Follow.objects.filter(user=resident, neighbourhood=wijk).count() == 1


def test_opening_the_plan_ten_times_at_once_gives_one_plan(team_member, wijk):
    results = run_concurrently(*[lambda: services.plan_for(wijk, 2027, team_member)] * 10)
    assert not [r for r in results if isinstance(r, Exception)]
    assert Plan.objects.filter(neighbourhood=wijk, year=2027).count() == 1


def test_ten_clicks_on_done_move_the_action_once(team_member, priority):
    action = ActionFactory(priority=priority, status=Action.Status.IN_PROGRESS)
    results = run_concurrently(
        *[lambda: workflow.move_action(Action.objects.get(pk=action.pk), "complete", team_member)] * 10
    )
    moved = [r for r in results if isinstance(r, Action)]
    refused = [r for r in results if isinstance(r, Refusal)]
    assert len(moved) == 1 and len(refused) == 9
    from genk.core.models import AuditLogEntry

    assert AuditLogEntry.objects.filter(action="areawork.action.complete").count() == 1
