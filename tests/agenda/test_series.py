"""Series: the same local hour across the daylight-saving change; no series of more than 52."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from genk.core.refusals import NotAllowed
from neighbourhoods.agenda import services
from neighbourhoods.agenda.models import Activity, Series

from .factories import ActivityFactory

BRUSSELS = ZoneInfo("Europe/Brussels")
UTC = ZoneInfo("UTC")


def test_weekly_at_19_stays_at_19_across_the_spring_change():
    # Summer time starts on Sunday 28 March 2027.
    start = datetime(2027, 3, 17, 19, 0, tzinfo=BRUSSELS)
    times = services.occurrences(start, datetime(2027, 3, 17, 21, 0, tzinfo=BRUSSELS), Series.Frequency.WEEKLY, 4)
    assert [s.astimezone(BRUSSELS).strftime("%d/%m %H:%M") for s, _e in times] == [
        "17/03 19:00",
        "24/03 19:00",
        "31/03 19:00",
        "07/04 19:00",
    ]
    # In UTC the hour moves: 18:00 in winter, 17:00 in summer.
    assert [s.astimezone(UTC).hour for s, _e in times] == [18, 18, 17, 17]
    assert all((e - s).total_seconds() == 2 * 3600 for s, e in times)


def test_biweekly_across_the_autumn_change():
    # Winter time starts on Sunday 31 October 2027.
    start = datetime(2027, 10, 20, 19, 0, tzinfo=BRUSSELS)
    times = services.occurrences(start, datetime(2027, 10, 20, 20, 30, tzinfo=BRUSSELS), "biweekly", 2)
    assert [s.astimezone(BRUSSELS).hour for s, _e in times] == [19, 19]
    assert [s.astimezone(UTC).hour for s, _e in times] == [17, 18]


def test_monthly_keeps_the_day_and_hour():
    start = datetime(2027, 1, 15, 14, 0, tzinfo=BRUSSELS)
    times = services.occurrences(start, datetime(2027, 1, 15, 16, 0, tzinfo=BRUSSELS), "monthly", 12)
    assert {(s.astimezone(BRUSSELS).day, s.astimezone(BRUSSELS).hour) for s, _e in times} == {(15, 14)}


def test_an_over_long_series_is_refused():
    start = datetime(2027, 1, 15, 14, 0, tzinfo=BRUSSELS)
    with pytest.raises(NotAllowed, match="hoogstens 52"):
        services.occurrences(start, start.replace(hour=16), "weekly", 53)


@pytest.mark.django_db
def test_a_series_is_saved_as_occurrences_in_the_database(organising_servant, culture):
    template = ActivityFactory.build(
        department=culture,
        neighbourhood=None,
        status=Activity.Status.DRAFT,
        published_at=None,
        starts_at=datetime(2027, 3, 17, 19, 0, tzinfo=BRUSSELS),
        ends_at=datetime(2027, 3, 17, 21, 0, tzinfo=BRUSSELS),
        registration_deadline=datetime(2027, 3, 16, 12, 0, tzinfo=BRUSSELS),
    )
    made = services.create_activity(organising_servant, template, frequency="weekly", count=3)
    rows = list(Activity.objects.order_by("starts_at"))
    assert len(rows) == 3 and len({r.series_id for r in rows}) == 1
    assert [r.starts_at.astimezone(BRUSSELS).hour for r in rows] == [19, 19, 19]
    # The deadline keeps its distance to the start.
    assert [r.starts_at - r.registration_deadline for r in rows] == [
        made[0].starts_at - made[0].registration_deadline
    ] * 3
