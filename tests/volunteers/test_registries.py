"""Indicators, GDPR and demo data of volunteer work."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from genk.core import gdpr
from genk.core.indicators import Period, registered
from tests.factories import NeighbourhoodFactory, UserFactory
from volunteers.models import Opportunity, Shift, SignUp

from .factories import OpportunityFactory, ShiftFactory

pytestmark = pytest.mark.django_db
S = SignUp.Status


def indicator(key):
    return next(i for i in registered() if i.key == key)


def test_indicators_per_neighbourhood(organisation):
    wijk = NeighbourhoodFactory()
    opportunity = OpportunityFactory(organisation=organisation, neighbourhood=wijk)
    past = ShiftFactory(
        opportunity=opportunity,
        start=timezone.now() - timedelta(days=2),
        end=timezone.now() - timedelta(days=2, hours=-3),
    )
    coming = ShiftFactory(opportunity=opportunity, capacity=4)
    a, b = UserFactory.create_batch(2)
    SignUp.objects.create(shift=past, volunteer=a, status=S.ATTENDED)
    SignUp.objects.create(shift=past, volunteer=b, status=S.NO_SHOW)
    SignUp.objects.create(shift=coming, volunteer=a, status=S.ACCEPTED)
    ShiftFactory(opportunity=OpportunityFactory(neighbourhood=wijk, status="draft"))  # not public: no open places
    year = Period(timezone.localdate() - timedelta(days=30), timezone.localdate() + timedelta(days=30))
    assert indicator("volunteers.active").by_neighbourhood(year) == {wijk.pk: 1}
    assert indicator("volunteers.hours_attended").by_neighbourhood(year) == {wijk.pk: 3.0}
    assert indicator("volunteers.open_places").by_neighbourhood(year) == {wijk.pk: 5 + 3}


def test_gdpr_export_and_erasure(shift, volunteer, notice, opportunity):
    from volunteers import workflow

    signup = workflow.sign_up(volunteer, shift, acknowledged_version=1, message="Graag!")
    waiting = [workflow.sign_up(UserFactory(), shift, acknowledged_version=1) for _ in range(2)]
    assert waiting[1].status == S.WAITING
    past = ShiftFactory(
        opportunity=opportunity,
        start=timezone.now() - timedelta(days=3),
        end=timezone.now() - timedelta(days=3, hours=-2),
    )
    SignUp.objects.create(shift=past, volunteer=volunteer, status=S.ATTENDED)
    data = gdpr.export_sections(volunteer)["volunteers"]
    assert {s["message"] for s in data["signups"]} == {"Graag!", ""}
    assert data["notice_acknowledgements"][0]["version"] == 1
    gdpr.erase_all(volunteer)
    signup.refresh_from_db()
    assert signup.status == S.CANCELLED
    assert SignUp.objects.get(pk=waiting[1].pk).status == S.ACCEPTED  # the freed place went on
    assert SignUp.objects.get(shift=past).status == S.ATTENDED  # the record of work stays


@pytest.mark.django_db(transaction=True)
def test_demo_data_loads_twice(settings):
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    assert Opportunity.objects.filter(status="published").count() == 4  # one of them flexible work
    assert set(Opportunity.objects.values_list("status", flat=True)) == set(Opportunity.Status.values)
    full = Shift.objects.with_places().filter(waiting__gt=0).get()
    assert full.accepted == full.capacity


def test_portal_items(opportunity, coordinator, desk_staff, resident):
    from genk.core.portal import dashboard_items, latest_activity

    assert [i.label for i in dashboard_items(resident) if i.section == "Vrijwilligerswerk"] == []
    assert [i.count for i in dashboard_items(desk_staff) if i.section == "Vrijwilligerswerk"] == [0]
    assert [i.count for i in dashboard_items(coordinator) if i.section == "Vrijwilligerswerk"] == [None]
    assert opportunity.title in [a.title for a in latest_activity(50)]


def test_hours_approved_indicator(organisation):
    from volunteers.models import HourEntry

    wijk = NeighbourhoodFactory()
    opportunity = OpportunityFactory(organisation=organisation, neighbourhood=wijk)
    start = timezone.now() - timedelta(days=2)
    shift = ShiftFactory(opportunity=opportunity, start=start, end=start + timedelta(hours=3))
    people = UserFactory.create_batch(3)
    for person, hours, status in zip(people, ("2.5", "1", "4"), ("approved", "approved", "logged"), strict=True):
        signup = SignUp.objects.create(shift=shift, volunteer=person, status=S.ATTENDED)
        HourEntry.objects.create(signup=signup, hours=hours, status=status)
    period = Period(timezone.localdate() - timedelta(days=30), timezone.localdate() + timedelta(days=30))
    assert indicator("volunteers.hours_approved").by_neighbourhood(period) == {wijk.pk: 3.5}


def test_gdpr_allowances_and_certificates_stay_on_erasure(organisation, opportunity, volunteer):
    from datetime import date
    from decimal import Decimal

    from volunteers import certificates
    from volunteers.models import Allowance, Certificate, HourEntry

    start = timezone.now() - timedelta(days=1)
    shift = ShiftFactory(opportunity=opportunity, start=start, end=start + timedelta(hours=2))
    signup = SignUp.objects.create(shift=shift, volunteer=volunteer, status=S.ATTENDED)
    HourEntry.objects.create(signup=signup, hours=Decimal("2"), status="approved")
    Allowance.objects.create(
        volunteer=volunteer, organisation=organisation, day=date(2025, 5, 1), system="flat_rate", amount=Decimal("20")
    )
    issued = certificates.issue(volunteer, organisation, timezone.localtime(start).year, volunteer)
    data = gdpr.export_sections(volunteer)["volunteers"]
    assert data["allowances"][0]["amount"] == "20.00"
    assert data["certificates"][0]["code"] == issued.code
    from genk.accounts.services import erase_user

    erase_user(volunteer)
    volunteer.refresh_from_db()
    assert volunteer.erased_at is not None
    assert Allowance.objects.get().volunteer_id == volunteer.pk  # the organisation's legal record stays
    assert HourEntry.objects.get().status == "approved"
    assert Certificate.objects.get().hours == Decimal("2")
    assert volunteer.public_name == "voormalige inwoner"


def test_active_volunteers_for_several_periods_in_one_query(organisation, django_assert_num_queries):
    """The batch the dashboards use for their twelve periods counts as the figure does for
    each period alone (a volunteer counted once per period, in the period of the shift)."""
    wijk = NeighbourhoodFactory()
    opportunity = OpportunityFactory(organisation=organisation, neighbourhood=wijk)
    now = timezone.now()
    old = ShiftFactory(opportunity=opportunity, start=now - timedelta(days=40), end=now - timedelta(days=40, hours=-2))
    recent = ShiftFactory(opportunity=opportunity, start=now - timedelta(days=5), end=now - timedelta(days=5, hours=-2))
    other = ShiftFactory(opportunity=opportunity, start=now - timedelta(days=4), end=now - timedelta(days=4, hours=-2))
    a, b = UserFactory.create_batch(2)
    SignUp.objects.create(shift=old, volunteer=a, status=S.ATTENDED)
    SignUp.objects.create(shift=recent, volunteer=a, status=S.ATTENDED)
    SignUp.objects.create(shift=other, volunteer=a, status=S.ACCEPTED)
    SignUp.objects.create(shift=other, volunteer=b, status=S.ATTENDED)
    today = timezone.localdate()
    periods = [
        Period(today - timedelta(days=60), today - timedelta(days=31)),
        Period(today - timedelta(days=30), today - timedelta(days=1)),
        Period(today, today),
    ]
    figure = indicator("volunteers.active")
    with django_assert_num_queries(1):
        batched = figure.by_periods(periods)
    assert batched == [figure.by_neighbourhood(p) for p in periods] == [{wijk.pk: 1}, {wijk.pk: 2}, {}]
