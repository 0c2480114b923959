"""Every areawork rule, per persona (README: Permissions)."""

import pytest

from genk.core.permissions import can
from neighbourhoods.areawork.models import Plan

from .conftest import PERSONAS

pytestmark = pytest.mark.django_db

YES_TEAM = {"team_member", "director", "admin_user"}
YES_DIRECTOR = {"director", "admin_user"}
TEAM_ONLY = {"team_member", "director"}

MATRIX = {
    "areawork.view_plan": YES_TEAM,
    "areawork.change_plan": YES_TEAM,
    "areawork.change_action": YES_TEAM,
    "areawork.publish_plan": YES_DIRECTOR,
    "areawork.record_signal": TEAM_ONLY,
    "areawork.view_signal": TEAM_ONLY,
    "areawork.change_signal": TEAM_ONLY,
    "areawork.view_signal_overview": {"director"},
    "areawork.view_team": YES_TEAM,
    "areawork.change_wijk_page": YES_DIRECTOR,
    "areawork.follow_wijk": set(PERSONAS) - {"visitor"},
}

OBJECTS = {
    "areawork.view_plan": ["wijk", "plan", "priority", "action"],
    "areawork.change_plan": ["wijk", "plan"],
    "areawork.change_action": ["action", "priority"],
    "areawork.publish_plan": ["plan"],
    "areawork.record_signal": ["wijk"],
    "areawork.view_signal": ["wijk", "signal"],
    "areawork.change_signal": ["signal"],
    "areawork.view_signal_overview": ["wijk"],
    "areawork.view_team": ["wijk"],
    "areawork.change_wijk_page": ["wijk"],
    "areawork.follow_wijk": ["wijk"],
}


@pytest.mark.parametrize("perm", sorted(MATRIX))
@pytest.mark.parametrize("persona", PERSONAS)
def test_rule_per_persona(request, perm, persona, action, signal):
    user = request.getfixturevalue(persona)
    for name in OBJECTS[perm]:
        obj = request.getfixturevalue(name)
        assert can(user, perm, obj) == (persona in MATRIX[perm]), (perm, persona, name)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_public_plan_is_for_everyone_once_published(request, persona, plan):
    user = request.getfixturevalue(persona)
    assert not can(user, "areawork.view_public_plan", plan)
    plan.status = Plan.Status.PUBLISHED
    assert can(user, "areawork.view_public_plan", plan)


def test_a_membership_that_ended_gives_no_rights(wijk, team_member):
    import datetime

    from neighbourhoods.models import TeamMembership

    TeamMembership.objects.filter(user=team_member).update(end=datetime.date(2020, 1, 1))
    assert not can(team_member, "areawork.change_plan", wijk)
    assert not can(team_member, "areawork.record_signal", wijk)
