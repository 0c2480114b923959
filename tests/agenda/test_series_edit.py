"""Editing an activity of a series: only this one, this and following, or the whole series.
A new hour stays on the same wall clock across the daylight-saving change, and the registrants
of every occurrence whose time or place changed are told."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from genk.core.models import Notification
from neighbourhoods.agenda import services
from neighbourhoods.agenda.models import Activity

from .factories import ActivityFactory, RegistrationFactory

BRUSSELS = ZoneInfo("Europe/Brussels")
pytestmark = pytest.mark.django_db


@pytest.fixture
def series(organising_servant, culture):
    """A weekly Wednesday 19:00–21:00, four times, across the change to summer time (28 March 2027)."""
    template = ActivityFactory.build(
        department=culture,
        neighbourhood=None,
        title="Taalcafé",
        starts_at=datetime(2027, 3, 17, 19, 0, tzinfo=BRUSSELS),
        ends_at=datetime(2027, 3, 17, 21, 0, tzinfo=BRUSSELS),
    )
    made = services.create_activity(organising_servant, template, frequency="weekly", count=4)
    Activity.objects.filter(pk__in=[a.pk for a in made]).update(status=Activity.Status.PUBLISHED)
    return list(Activity.objects.order_by("starts_at"))


def local(moment):
    return moment.astimezone(BRUSSELS).strftime("%d/%m %H:%M")


def post_edit(client, activity, **changes):
    start = changes.pop("start", activity.starts_at.astimezone(BRUSSELS))
    end = changes.pop("end", activity.ends_at.astimezone(BRUSSELS))
    data = {
        "title": activity.title,
        "description": activity.description,
        "address": activity.address,
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": end.strftime("%Y-%m-%dT%H:%M"),
        "price": "0",
        "registration_enabled": "on",
        "capacity": str(activity.capacity),
        "waiting_list_enabled": "on",
        "themes": activity.themes,
        "scope": "one",
    }
    data.update(changes)
    return client.post(reverse("agenda:edit", args=[activity.pk]), data)


def test_the_whole_series_moves_to_20h_on_the_wall_clock_across_summer_time(
    client, organising_servant, series, resident, django_capture_on_commit_callbacks
):
    RegistrationFactory(activity=series[3], user=resident)
    client.force_login(organising_servant)
    page = client.get(reverse("agenda:edit", args=[series[1].pk])).content.decode()
    assert "de hele reeks" in page and "deze en de volgende keren" in page and "alleen deze keer" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = post_edit(
            client,
            series[1],
            start=datetime(2027, 3, 24, 20, 0),
            end=datetime(2027, 3, 24, 22, 0),
            scope="all",
        )
    assert response.status_code == 302
    rows = list(Activity.objects.order_by("starts_at"))
    assert [local(r.starts_at) for r in rows] == ["17/03 20:00", "24/03 20:00", "31/03 20:00", "07/04 20:00"]
    assert [local(r.ends_at) for r in rows] == ["17/03 22:00", "24/03 22:00", "31/03 22:00", "07/04 22:00"]
    # In UTC the hour differs: the wall clock is what stays.
    assert [r.starts_at.astimezone(ZoneInfo("UTC")).hour for r in rows] == [19, 19, 18, 18]
    # The registrant of 7 April is told.
    notification = Notification.objects.get(recipient=resident)
    assert "Taalcafé" in notification.subject and "gewijzigd" in notification.subject
    assert "20:00" in notification.body


def test_this_and_following_changes_from_this_one_on(client, organising_servant, series, resident):
    RegistrationFactory(activity=series[0], user=resident)
    client.force_login(organising_servant)
    response = post_edit(
        client, series[2], title="Taalcafé (nieuwe plek)", address="Bibliotheek, Stadsplein 1", scope="following"
    )
    assert response.status_code == 302
    rows = list(Activity.objects.order_by("starts_at"))
    assert [r.title for r in rows] == ["Taalcafé", "Taalcafé", "Taalcafé (nieuwe plek)", "Taalcafé (nieuwe plek)"]
    assert [r.address for r in rows][2:] == ["Bibliotheek, Stadsplein 1"] * 2
    assert [local(r.starts_at) for r in rows] == ["17/03 19:00", "24/03 19:00", "31/03 19:00", "07/04 19:00"]
    assert not Notification.objects.filter(recipient=resident).exists()  # 17 March did not change


def test_only_this_one_leaves_the_others(client, organising_servant, series):
    client.force_login(organising_servant)
    post_edit(client, series[1], start=datetime(2027, 3, 24, 18, 0), end=datetime(2027, 3, 24, 20, 0), scope="one")
    rows = list(Activity.objects.order_by("starts_at"))
    assert [local(r.starts_at) for r in rows] == ["17/03 19:00", "24/03 18:00", "31/03 19:00", "07/04 19:00"]


def test_a_cancelled_occurrence_stays_as_it_was(client, organising_servant, series):
    Activity.objects.filter(pk=series[2].pk).update(status=Activity.Status.CANCELLED)
    client.force_login(organising_servant)
    post_edit(client, series[0], title="Taalcafé XL", scope="all")
    assert list(Activity.objects.order_by("starts_at").values_list("title", flat=True)) == [
        "Taalcafé XL",
        "Taalcafé XL",
        "Taalcafé",
        "Taalcafé XL",
    ]


def test_the_autumn_change_too(organising_servant, culture):
    template = ActivityFactory.build(
        department=culture,
        neighbourhood=None,
        starts_at=datetime(2027, 10, 20, 19, 0, tzinfo=BRUSSELS),
        ends_at=datetime(2027, 10, 20, 20, 30, tzinfo=BRUSSELS),
    )
    first, *_rest = services.create_activity(organising_servant, template, frequency="weekly", count=3)
    before = services.snapshot(first)
    first.starts_at += timedelta(minutes=30)
    first.ends_at += timedelta(minutes=30)
    services.update_activity(organising_servant, first, before, scope=services.Scope.ALL)
    rows = list(Activity.objects.order_by("starts_at"))
    assert [local(r.starts_at) for r in rows] == ["20/10 19:30", "27/10 19:30", "03/11 19:30"]
