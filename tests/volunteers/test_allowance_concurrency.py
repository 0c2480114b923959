"""Two organisations recording flat-rate allowances for one volunteer at the same moment, on real
PostgreSQL connections: together they cannot pass a cap, because both wait on the lock of the
volunteer's year. Without the lock the same race passes the cap (the test proves the guard)."""

import time
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection

from genk.core.refusals import NotAllowed
from tests.concurrency import run_concurrently
from tests.factories import OrganisationFactory, UserFactory
from volunteers import allowances
from volunteers.models import Allowance, AllowanceCap, SignUp, VolunteerYear

from .factories import OpportunityFactory, ShiftFactory, coordinator_of

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]
DAY = date(2025, 3, 10)


@pytest.fixture
def setting():
    AllowanceCap.objects.update_or_create(
        year=2025,
        category="general",
        defaults={"per_day": Decimal("42.31"), "per_year": Decimal("1692.51"), "source": "t"},
    )
    volunteer = UserFactory()
    organisations = []
    for name in ("Buurtwerk", "Sportclub"):
        organisation = OrganisationFactory(name=name)
        shift = ShiftFactory(opportunity=OpportunityFactory(organisation=organisation))
        SignUp.objects.create(shift=shift, volunteer=volunteer, status=SignUp.Status.ATTENDED)
        organisations.append((organisation, coordinator_of(organisation)))
    return volunteer, organisations


def both_at_once(volunteer, organisations, amount, day=DAY):
    return run_concurrently(
        *[
            lambda o=o, c=c: allowances.record_allowance(
                o, c, volunteer=volunteer, day=day, system=Allowance.System.FLAT_RATE, amount=Decimal(amount)
            )
            for o, c in organisations
        ],
        timeout=60,
    )


def flat_total(volunteer, **filters):
    return sum(a.amount for a in Allowance.objects.filter(volunteer=volunteer, **filters))


@pytest.mark.parametrize("year_row_exists", [False, True])
def test_two_organisations_at_once_stay_within_the_daily_cap(setting, year_row_exists):
    volunteer, organisations = setting
    if year_row_exists:
        VolunteerYear.objects.create(volunteer=volunteer, year=2025)
    results = both_at_once(volunteer, organisations, "30.00")
    refused = [r for r in results if isinstance(r, NotAllowed)]
    assert len(refused) == 1 and "dagmaximum" in str(refused[0])
    assert flat_total(volunteer, day=DAY) == Decimal("30.00")


def test_two_organisations_at_once_stay_within_the_yearly_cap(setting):
    volunteer, organisations = setting
    first, _coordinator = organisations[0]
    Allowance.objects.bulk_create(
        Allowance(
            volunteer=volunteer,
            organisation=first,
            day=date(2025, 1 + n // 28, 1 + n % 28),
            system=Allowance.System.FLAT_RATE,
            amount=Decimal("42.00"),
        )
        for n in range(40)
    )  # 1,680.00: 12.51 left this year
    results = both_at_once(volunteer, organisations, "10.00", day=date(2025, 11, 3))
    assert len([r for r in results if isinstance(r, NotAllowed)]) == 1
    assert flat_total(volunteer) == Decimal("1690.00")
    assert VolunteerYear.objects.filter(volunteer=volunteer, year=2025).count() == 1


def test_without_the_lock_the_cap_is_passed(setting, monkeypatch):
    """Replace the lock by a plain read (and widen the window between summing and writing):
    both organisations pass the check and together exceed the daily cap."""
    volunteer, organisations = setting
    VolunteerYear.objects.create(volunteer=volunteer, year=2025)  # an earlier allowance made it
    original = allowances.flat_rate_totals

    def slow_totals(volunteer_id, day):
        totals = original(volunteer_id, day)
        time.sleep(0.3)
        return totals

    def plain_read(volunteer_id, year):
        VolunteerYear.objects.bulk_create([VolunteerYear(volunteer_id=volunteer_id, year=year)], ignore_conflicts=True)
        return VolunteerYear.objects.get(volunteer_id=volunteer_id, year=year)

    monkeypatch.setattr(allowances, "lock_volunteer_year", plain_read)
    monkeypatch.setattr(allowances, "flat_rate_totals", slow_totals)
    both_at_once(volunteer, organisations, "30.00")
    assert flat_total(volunteer, day=DAY) > Decimal("42.31")
