"""The cached dashboards (neighbourhoods/dashboards/caching.py): a second request reads the
stored figures from the cache, and every write to them, or a new live value, shows on the
next request (real PostgreSQL and Redis)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from genk.core import indicators
from genk.core.indicators import Period
from neighbourhoods.dashboards import services
from neighbourhoods.dashboards.models import DailyFigure

pytestmark = pytest.mark.django_db

KEY = "testapp.things"


@pytest.fixture
def things(wijk):
    """A public figure of a test app: stored days, and a live value for today we can change."""
    live = {}
    indicators.register(KEY, label="Dingen (test)", unit="dingen", public=True)(lambda period: dict(live))
    yield live
    indicators.unregister(KEY)


def _days():
    today = timezone.localdate()
    return today - timedelta(days=2), today - timedelta(days=1)


def _get(client, wijk, **extra):
    """The public figures of `wijk` for the last two days before today (or `extra`'s period)."""
    first, last = _days()
    params = {"soort": "range", "van": first.isoformat(), "tot": last.isoformat(), **extra}
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("dashboards:public", args=[wijk.slug]), params).content.decode()
    return page, [q["sql"] for q in queries.captured_queries]


def _figures(page):
    """The figures' table and charts (the rest of the page holds a form token)."""
    return page[page.index('id="cijfers-titel"') : page.index("</main>")]


def _store(wijk, *values):
    return [
        DailyFigure.objects.create(indicator=KEY, neighbourhood=wijk, day=day, value=value)
        for day, value in zip(_days(), values, strict=True)
    ]


def test_a_second_request_reads_the_stored_figures_from_the_cache(client, wijk, things):
    _store(wijk, 3, 4)
    page, first = _get(client, wijk)
    assert f"{wijk.name}: 7 dingen" in page
    again, second = _get(client, wijk)
    assert _figures(again) == _figures(page) and "grafiek-testapp-things" in _figures(page)
    assert len(second) < len(first)
    assert any("dashboards_dailyfigure" in sql for sql in first)
    assert not any("dashboards_dailyfigure" in sql for sql in second)


WRITES = {
    "save": lambda rows, wijk: (setattr(rows[1], "value", 6), rows[1].save()),
    "delete": lambda rows, wijk: rows[0].delete(),
    "bulk update": lambda rows, wijk: DailyFigure.objects.filter(pk=rows[1].pk).update(value=6),
    "bulk delete": lambda rows, wijk: DailyFigure.objects.filter(indicator=KEY, day=_days()[0]).delete(),
    "upsert": lambda rows, wijk: DailyFigure.objects.bulk_create(
        [DailyFigure(indicator=KEY, neighbourhood=wijk, day=_days()[1], value=6)],
        update_conflicts=True,
        unique_fields=["indicator", "neighbourhood", "day"],
        update_fields=["value"],
    ),
}
AFTER = {"save": "9", "delete": "4", "bulk update": "9", "bulk delete": "4", "upsert": "9"}


@pytest.mark.parametrize("write", WRITES)
def test_a_write_to_the_stored_figures_shows_on_the_next_request(client, wijk, things, write):
    rows = _store(wijk, 3, 4)
    page, _queries = _get(client, wijk)
    assert f"{wijk.name}: 7 dingen" in page
    WRITES[write](rows, wijk)
    page, _queries = _get(client, wijk)
    assert f"{wijk.name}: {AFTER[write]} dingen" in page


def test_the_nightly_refresh_shows_on_the_next_request(client, wijk, things):
    _store(wijk, 3, 4)
    assert f"{wijk.name}: 7 dingen" in _get(client, wijk)[0]
    things[wijk.pk] = 10  # what the figure's source now says for any day
    services.refresh(_days()[1], keys={KEY})
    assert f"{wijk.name}: 13 dingen" in _get(client, wijk)[0]


def test_todays_live_value_shows_on_every_request(client, wijk, things):
    """The rendered figures are cached, but under a key that holds today's live values."""
    _store(wijk, 3, 4)
    today = timezone.localdate().isoformat()
    period = {"van": _days()[0].isoformat(), "tot": today}
    assert f"{wijk.name}: 7 dingen" in _get(client, wijk, **period)[0]
    things[wijk.pk] = 5
    assert f"{wijk.name}: 12 dingen" in _get(client, wijk, **period)[0]
    things[wijk.pk] = 1
    assert f"{wijk.name}: 8 dingen" in _get(client, wijk, **period)[0]


def test_a_new_population_shows_on_the_next_request(client, director, wijk, things):
    _store(wijk, 3, 4)
    client.force_login(director)
    url = reverse("dashboards_staff:wijk", args=[wijk.slug])
    first, last = _days()
    params = {"soort": "range", "van": first.isoformat(), "tot": last.isoformat()}
    assert "Inwonertal niet bekend voor" in client.get(url, params).content.decode()
    services.record_population(wijk, 1000, first, source="Statbel")
    response = client.get(url, params)
    page = response.content.decode()
    assert "Inwonertal niet bekend voor" not in page and "Bron: Statbel" in page


def test_period_figures_are_computed_once_for_the_past_periods(wijk, things):
    """A figure that does not add up ("period"): its past periods in one batch, kept with the
    stored part; the period that holds today is computed on every read."""
    calls = {"batch": 0, "single": []}

    def single(period):
        calls["single"].append(period)
        return {wijk.pk: 2}

    def batch(periods):
        calls["batch"] += 1
        return [{wijk.pk: 1} for _p in periods]

    indicators.register("testapp.people", label="Mensen (test)", over_time="period")(single)
    indicators.periods_for("testapp.people")(batch)
    try:
        figure = indicators.get("testapp.people")
        today = timezone.localdate()
        periods = [
            Period(today - timedelta(days=30), today - timedelta(days=21)),
            Period(today - timedelta(days=20), today - timedelta(days=11)),
            Period(today - timedelta(days=10), today),
        ]
        for _read in range(2):
            values = services.read([figure], periods, today)
            assert [values.of("testapp.people", i) for i in range(3)] == [
                {wijk.pk: Decimal(1)},
                {wijk.pk: Decimal(1)},
                {wijk.pk: Decimal(2)},
            ]
        assert calls["batch"] == 1
        assert calls["single"] == [periods[2], periods[2]]
        # Overlapping periods are not batched: each is computed alone.
        assert figure.by_periods([periods[0], periods[0]]) == [{wijk.pk: 2}, {wijk.pk: 2}]
    finally:
        indicators.unregister("testapp.people")


def test_the_dashboards_work_when_the_cache_is_down(client, settings, director, wijk, things):
    from genk.core import cache as fail_open

    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": "redis://127.0.0.1:1/0"}}
    reset = getattr(fail_open, "reset_outage", lambda: None)
    reset()
    try:
        rows = _store(wijk, 3, 4)
        assert f"{wijk.name}: 7 dingen" in _get(client, wijk)[0]
        DailyFigure.objects.filter(pk=rows[1].pk).update(value=6)  # moving the version fails open
        assert f"{wijk.name}: 9 dingen" in _get(client, wijk)[0]
        client.force_login(director)
        response = client.get(reverse("dashboards_staff:wijk", args=[wijk.slug]), {"soort": "year"})
        assert response.status_code == 200 and "grafiek-testapp-things" in response.content.decode()
    finally:
        reset()
