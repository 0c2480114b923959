from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from genk.core import indicators
from genk.core.indicators import Period
from neighbourhoods.dashboards import periods, services
from neighbourhoods.dashboards.models import DailyFigure

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted(wijken):
    """A figure registered by the test: 1 on every day for the first wijk, 2 for the second,
    as if a new app had declared it."""
    first, second = wijken[0].pk, wijken[1].pk
    indicators.register("testapp.things", label="Dingen", unit="dingen")(lambda period: _per_day(period, first, second))
    yield first, second
    indicators.unregister("testapp.things")


def _per_day(period, first, second):
    days = (period.end - period.start).days + 1
    return {first: days, second: 2 * days}


def test_refresh_is_an_idempotent_upsert(counted):
    day = date(2026, 3, 4)
    services.refresh(day, keys={"testapp.things"})
    services.refresh(day, keys={"testapp.things"})
    rows = DailyFigure.objects.filter(indicator="testapp.things", day=day)
    assert sorted(rows.values_list("value", flat=True)) == [Decimal("1.00"), Decimal("2.00")]


def test_refresh_removes_values_that_went_back_to_zero(counted, wijken):
    day = date(2026, 3, 4)
    services.refresh(day, keys={"testapp.things"})
    indicators.register("testapp.things", label="Dingen")(lambda period: {wijken[0].pk: 5})
    services.refresh(day, keys={"testapp.things"})
    assert dict(
        DailyFigure.objects.filter(day=day, indicator="testapp.things").values_list("neighbourhood", "value")
    ) == {wijken[0].pk: Decimal("5.00")}


def test_backfill_command_and_reading_back_month_sums(counted):
    call_command("dashboards_backfill", "--from", "2026-01-01", "--to", "2026-02-28", "--figure", "testapp.things")
    call_command("dashboards_backfill", "--from", "2026-01-10", "--to", "2026-01-20", "--figure", "testapp.things")
    first, second = counted
    figure = indicators.get("testapp.things")
    choice = periods.Choice("month", periods.month(2026, 2))
    values = services.read([figure], [choice.previous, choice.period], today=date(2026, 6, 1))
    assert values.of("testapp.things", 0) == {first: Decimal("31.00"), second: Decimal("62.00")}
    assert values.of("testapp.things", 1) == {first: Decimal("28.00"), second: Decimal("56.00")}


def test_today_is_read_live(counted):
    first, _second = counted
    today = date(2026, 2, 10)
    services.backfill(date(2026, 2, 1), date(2026, 2, 9), keys={"testapp.things"})
    figure = indicators.get("testapp.things")
    values = services.read([figure], [periods.month(2026, 2)], today=today)
    assert values.of("testapp.things", 0)[first] == Decimal("10.00")  # nine stored days and today


def test_last_figures_take_the_value_of_the_last_day(wijken, residents_of):
    residents_of(wijken[0], 3, date_joined=timezone.now() - timedelta(days=30))
    figure = indicators.get("neighbourhoods.registered_residents")
    yesterday = date.today() - timedelta(days=1)
    services.refresh(yesterday, keys={figure.key})
    values = services.read([figure], [Period(yesterday - timedelta(days=5), yesterday)])
    assert values.of(figure.key, 0) == {wijken[0].pk: Decimal("3.00")}


def test_periods():
    choice = periods.Choice("quarter", periods.quarter(2026, 1))
    assert choice.previous == Period(date(2025, 10, 1), date(2025, 12, 31))
    assert len(choice.trend()) == 12 and choice.trend()[0].start == date(2023, 4, 1)
    free = periods.Choice("range", Period(date(2026, 1, 8), date(2026, 1, 14)))
    assert free.previous == Period(date(2026, 1, 1), date(2026, 1, 7))
    assert periods.Choice("month", periods.month(2026, 1)).previous == periods.month(2025, 12)
