"""Query counts of "Mijn vrijwilligerswerk" and the coordinator's page of an opportunity stay the
same however many sign-ups, hours, commitments, meetings and allowances there are."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.buddies.factories import BuddyFactory, PairFactory, ProgrammeFactory
from volunteers.buddies.models import Meeting, Pair
from volunteers.models import Commitment, FlexibleHours, HourEntry, NoticeAcknowledgement, Opportunity, SignUp

from .factories import NoticeFactory, OpportunityFactory, ShiftFactory

pytestmark = pytest.mark.django_db
S = SignUp.Status
NOW = timezone.now()


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def past_shift(opportunity, days):
    start = NOW - timedelta(days=days)
    return ShiftFactory(opportunity=opportunity, start=start, end=start + timedelta(hours=2))


def volunteer_work(volunteer, n):
    """`n` of everything "Mijn vrijwilligerswerk" lists, at `n` new organisations."""
    for i in range(n):
        opportunity = OpportunityFactory()
        notice = NoticeFactory(organisation=opportunity.organisation)
        NoticeAcknowledgement.objects.create(user=volunteer, notice=notice)
        NoticeFactory(organisation=opportunity.organisation, version=2)  # a notice to read
        coming = ShiftFactory(opportunity=opportunity, start=NOW + timedelta(days=10 + i))
        SignUp.objects.create(shift=coming, volunteer=volunteer, status=(S.ACCEPTED, S.WAITING, S.REQUESTED)[i % 3])
        done = SignUp.objects.create(shift=past_shift(opportunity, 3 + i), volunteer=volunteer, status=S.ATTENDED)
        HourEntry.objects.create(signup=done, hours=Decimal(2), status=HourEntry.Status.APPROVED, logged_by=volunteer)
        flexible = OpportunityFactory(organisation=opportunity.organisation, kind=Opportunity.Kind.FLEXIBLE)
        commitment = Commitment.objects.create(
            opportunity=flexible, volunteer=volunteer, status=Commitment.Status.ACCEPTED
        )
        FlexibleHours.objects.create(
            commitment=commitment,
            day=timezone.localdate() - timedelta(days=1 + i),
            hours=Decimal(1),
            status=FlexibleHours.Status.APPROVED,
            logged_by=volunteer,
        )
        programme = ProgrammeFactory(organisation=opportunity.organisation)
        pair = PairFactory(
            opportunity=programme,
            buddy=BuddyFactory(opportunity=programme, user=volunteer),
            status=Pair.Status.ACTIVE,
            started_at=NOW - timedelta(days=30),
        )
        Meeting.objects.create(
            pair=pair, date=timezone.localdate() - timedelta(days=1 + i), minutes=60, status=Meeting.Status.APPROVED
        )


def test_my_page_query_count_stays_constant_as_my_work_grows(client, volunteer):
    client.force_login(volunteer)
    volunteer_work(volunteer, 1)
    few = queries(client, reverse("volunteers:mine"))
    volunteer_work(volunteer, 6)
    assert queries(client, reverse("volunteers:mine")) == few
    assert few <= 17  # 21 before: the sign-ups, notices to read and hours each in one query (+1: proofs)


def test_the_coordinators_page_query_count_stays_constant(client, opportunity, coordinator, notice):
    client.force_login(coordinator)
    url = reverse("volunteers_staff:opportunity", args=[opportunity.pk])

    def add(n):
        for _ in range(n):
            shift = past_shift(opportunity, 2 + len(opportunity.shifts.all()))
            for status in (S.ATTENDED, S.ACCEPTED, S.NO_SHOW):
                signup = SignUp.objects.create(shift=shift, volunteer=BuddyFactory().user, status=status)
                if status == S.ATTENDED:
                    HourEntry.objects.create(signup=signup, hours=Decimal(2), logged_by=signup.volunteer)
            coming = ShiftFactory(
                opportunity=opportunity, start=NOW + timedelta(days=5 + len(opportunity.shifts.all()))
            )
            for status in (S.ACCEPTED, S.WAITING, S.REQUESTED):
                SignUp.objects.create(shift=coming, volunteer=BuddyFactory().user, status=status)

    add(1)
    few = queries(client, url)
    add(5)
    assert queries(client, url) == few
    assert few <= 11  # the opportunity loaded once; no query per sign-up for its rules
