"""Approved language-buddy meetings are volunteer hours: the buddy's, at the organisation that
runs the programme, in its certificate of hours and in "Mijn vrijwilligerswerk"."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import OrganisationFactory
from tests.volunteers.factories import ShiftFactory
from volunteers import certificates
from volunteers.buddies.models import Meeting, Pair
from volunteers.models import HourEntry, SignUp

from .factories import PairFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
YEAR = TODAY.year


@pytest.fixture
def pair(programme, learner, buddy):
    if TODAY.month == 1 and TODAY.day < 8:
        pytest.skip("the meetings would fall in the previous year")
    return PairFactory(
        opportunity=programme, learner=learner, buddy=buddy, status=Pair.Status.ACTIVE, started_at=timezone.now()
    )


def meet(pair, minutes, status=Meeting.Status.APPROVED, days_ago=1):
    return Meeting.objects.create(
        pair=pair, date=TODAY - timedelta(days=days_ago), minutes=minutes, status=status, logged_by=pair.buddy.user
    )


@pytest.fixture
def meetings(pair):
    meet(pair, 90)
    meet(pair, 45, days_ago=2)
    meet(pair, 60, status=Meeting.Status.LOGGED, days_ago=3)  # not approved yet: not counted
    meet(pair, 30, status=Meeting.Status.REJECTED, days_ago=4)  # rejected: not counted


def test_approved_meetings_count_in_the_buddys_certificate(meetings, organisation, buddy_user, learner_user):
    certificate = certificates.issue(buddy_user, organisation, YEAR, buddy_user)
    assert certificate.hours == Decimal("2.25")  # 90 + 45 minutes
    assert certificates.approved_hours(learner_user.pk, organisation.pk, YEAR) == 0  # the learner is no volunteer
    assert certificates.approved_hours(buddy_user.pk, OrganisationFactory().pk, YEAR) == 0


def test_meetings_add_up_with_shift_hours_and_a_new_approval_makes_a_new_certificate(
    meetings, organisation, buddy_user
):
    start = timezone.now() - timedelta(days=1)
    shift = ShiftFactory(
        opportunity=ProgrammeFactory(organisation=organisation), start=start, end=start + timedelta(hours=3)
    )
    signup = SignUp.objects.create(shift=shift, volunteer=buddy_user, status=SignUp.Status.ATTENDED)
    HourEntry.objects.create(signup=signup, hours=Decimal("3"), status=HourEntry.Status.APPROVED, logged_by=buddy_user)
    first = certificates.issue(buddy_user, organisation, YEAR, buddy_user)
    assert first.hours == Decimal("5.25")
    Meeting.objects.filter(status=Meeting.Status.LOGGED).update(status=Meeting.Status.APPROVED)
    second = certificates.issue(buddy_user, organisation, YEAR, buddy_user)
    assert second.hours == Decimal("6.25") and second.code != first.code


def test_the_buddy_sees_the_hours_and_prints_the_certificate(client, meetings, organisation, buddy_user):
    client.force_login(buddy_user)
    mine = client.get(reverse("volunteers:mine")).content.decode()
    assert f"Goedgekeurde uren in {YEAR}: 2,25" in mine
    url = reverse("volunteers:certificate", args=[organisation.slug, YEAR])
    assert url in mine
    page = client.get(url).content.decode()
    assert "2,25" in page and "Jan Maatje" in page


def test_the_coordinator_lists_the_buddy_for_a_certificate(client, meetings, organisation, coordinator, buddy_user):
    client.force_login(coordinator)
    listing = client.get(reverse("volunteers_staff:certificates", args=[organisation.slug])).content.decode()
    assert "Jan Maatje" in listing
    assert reverse("volunteers_staff:certificate", args=[organisation.slug, YEAR, buddy_user.pk]) in listing
    assert "Amina Leerder" not in listing
