"""Indicators, GDPR and demo data of language buddies."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from genk.core import gdpr
from genk.core.indicators import Period, registered
from tests.factories import NeighbourhoodFactory
from volunteers.buddies import workflow
from volunteers.buddies.models import Buddy, Learner, Meeting, Pair

pytestmark = pytest.mark.django_db


def indicator(key):
    return next(i for i in registered() if i.key == key)


def active_pair(learner, buddy, coordinator):
    pair = workflow.propose(learner, buddy, coordinator)
    workflow.accept(pair, learner.user)
    workflow.accept(pair, buddy.user)
    return pair


def test_indicators_per_wijk_of_the_learner(learner, buddy, coordinator):
    wijk = NeighbourhoodFactory()
    Learner.objects.filter(pk=learner.pk).update(neighbourhood=wijk)
    learner.refresh_from_db()
    pair = active_pair(learner, buddy, coordinator)
    today = timezone.localdate()
    a = workflow.log_meeting(pair, buddy.user, date=today, minutes=90)
    workflow.log_meeting(pair, buddy.user, date=today, minutes=30)  # not approved: not counted
    workflow.decide_meeting(a, coordinator, approve=True)
    month = Period(today - timedelta(days=30), today + timedelta(days=1))
    assert indicator("buddies.active_pairs").by_neighbourhood(month) == {wijk.pk: 1}
    assert indicator("buddies.meeting_hours").by_neighbourhood(month) == {wijk.pk: 1.5}
    earlier = Period(today - timedelta(days=400), today - timedelta(days=300))
    assert indicator("buddies.active_pairs").by_neighbourhood(earlier) == {}
    assert indicator("buddies.meeting_hours").by_neighbourhood(earlier) == {}


def test_gdpr_export_and_erasure_ends_the_pair_and_anonymises(learner, buddy, coordinator, programme):
    pair = active_pair(learner, buddy, coordinator)
    meeting = workflow.log_meeting(pair, buddy.user, date=timezone.localdate(), minutes=60, note="markt")
    workflow.decide_meeting(meeting, coordinator, approve=True)
    data = gdpr.export_sections(learner.user)["buddies"]
    assert data["registrations"][0]["level"] == "A2"
    assert data["registrations"][0]["role"] == "learner"
    assert data["pairs"][0]["meetings"][0]["minutes"] == 60
    assert gdpr.export_sections(buddy.user)["buddies"]["pairs"][0]["role"] == "buddy"
    gdpr.erase_all(learner.user)
    pair.refresh_from_db()
    assert pair.status == Pair.Status.ENDED and pair.end_reason
    learner.refresh_from_db()
    assert learner.availability == [] and learner.interests == "" and learner.withdrawn_at
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.APPROVED and meeting.note == ""  # the hours stay
    assert Buddy.objects.get(pk=buddy.pk).withdrawn_at is None  # the buddy can be matched again


def test_erasure_declines_a_proposed_pair(learner, buddy, coordinator):
    pair = workflow.propose(learner, buddy, coordinator)
    gdpr.erase_all(buddy.user)
    pair.refresh_from_db()
    assert pair.status == Pair.Status.DECLINED


@pytest.mark.django_db(transaction=True)
def test_demo_has_an_active_pair_with_meetings_and_a_proposed_one():
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    active = Pair.objects.get(status=Pair.Status.ACTIVE)
    assert active.meetings.filter(status=Meeting.Status.APPROVED).count() == 2
    assert active.meetings.filter(status=Meeting.Status.LOGGED).count() == 1
    assert Pair.objects.filter(status__in=Pair.PROPOSED_STATES).count() == 1
    assert all("(voorbeeld)" in x.user.display_name for x in Learner.objects.select_related("user"))


def test_dashboard_item_for_coordinators_and_the_desk(
    learner, buddy, coordinator, desk_staff, other_coordinator, resident
):
    from genk.core.portal import dashboard_items

    def counts(user):
        return [i.count for i in dashboard_items(user) if i.label == "Taalmaatjes koppelen"]

    pair = active_pair(learner, buddy, coordinator)
    workflow.log_meeting(pair, buddy.user, date=timezone.localdate(), minutes=60)
    assert counts(coordinator) == [1]
    assert counts(desk_staff) == [1]
    assert counts(other_coordinator) == []
    assert counts(resident) == []
