"""The wijk page as a hub (the wijk_content registry) and the notifications to followers."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from genk.core import portal
from genk.core.models import Notification
from neighbourhoods.areawork import news
from neighbourhoods.areawork.models import Follow
from tests.agenda.factories import ActivityFactory
from tests.budgets.factories import ProposalFactory
from tests.councils.factories import MeetingFactory
from tests.factories import UserFactory
from tests.initiatives.factories import InitiativeFactory
from tests.neighbourhoods.factories import PlaceFactory
from tests.volunteers.factories import OpportunityFactory

pytestmark = pytest.mark.django_db


def fill(wijk, place, n):
    for _i in range(n):
        InitiativeFactory(neighbourhood=wijk, published=True)
        ActivityFactory(neighbourhood=wijk, published_at=timezone.now())
        OpportunityFactory(neighbourhood=wijk)
        MeetingFactory(place=place)
        ProposalFactory(neighbourhood=wijk)


def count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_the_wijk_page_shows_what_happens_in_the_wijk_in_constant_queries(client, resident, wijk, other_wijk):
    place = PlaceFactory(neighbourhood=wijk)
    fill(wijk, place, 1)
    client.force_login(resident)
    url = f"/wijken/{wijk.slug}/"
    client.get(url)  # the map drawn and cached
    few, page = count(client, url)
    for heading in (
        "Initiatief",
        "Activiteit",
        "Vrijwilligerswerk",
        "Vergadering van een adviesraad",
        "Burgerbudgetproject",
    ):
        assert heading in page, heading
    fill(wijk, place, 14)
    fill(other_wijk, PlaceFactory(neighbourhood=other_wijk), 3)
    many, page = count(client, url)
    if many != few:
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        print("\n".join(q["sql"][:300] for q in ctx.captured_queries))
    assert many == few
    assert page.count('class="wijk-happening"') == 5
    assert page.count("Buurtinitiatief") <= 6 + 1  # at most 6 per kind


def test_a_new_app_appears_on_the_hub_without_touching_it(client, wijk, monkeypatch):
    def gardens(ids, *, since=None, limit=20):
        return [
            portal.WijkItem(
                neighbourhood_id=ids[0],
                kind="garden",
                kind_label="Samentuin",
                title="De Groene Hoek",
                url="/tuinen/1/",
                when=timezone.now(),
                ref="gardens.garden:1",
            )
        ]

    monkeypatch.setattr(portal, "_wijk", [*portal._wijk, gardens])
    page = client.get(f"/wijken/{wijk.slug}/").content.decode()
    assert "Samentuin" in page and "De Groene Hoek" in page


def test_followers_are_told_once_what_is_new(wijk, other_wijk, django_capture_on_commit_callbacks, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    now = timezone.now()
    immediate = UserFactory(display_name="Meteen")
    daily = UserFactory(display_name="Dagelijks")
    late = UserFactory(display_name="Te laat")
    Follow.objects.create(user=immediate, neighbourhood=wijk)
    Follow.objects.create(user=daily, neighbourhood=wijk, frequency=Follow.Frequency.DAILY)
    now = timezone.now()
    initiative = InitiativeFactory(
        neighbourhood=wijk, published=True, published_at=now, title="Bloembakken in de straat"
    )
    InitiativeFactory(neighbourhood=other_wijk, published=True, published_at=now, title="Elders")
    Follow.objects.create(user=late, neighbourhood=wijk)
    Follow.objects.filter(user=late).update(created=now + datetime.timedelta(seconds=5))
    with django_capture_on_commit_callbacks(execute=True):
        assert news.notify_new(now + datetime.timedelta(minutes=1)) == 1
    assert [n.recipient for n in Notification.objects.all()] == [immediate]
    assert len(mail.outbox) == 1
    assert "Bloembakken in de straat" in mail.outbox[0].subject and "Kolderbos" in mail.outbox[0].subject
    assert initiative.get_absolute_url() in mail.outbox[0].body
    # A rerun over an overlapping window sends nothing again.
    with django_capture_on_commit_callbacks(execute=True):
        news.notify_new(now + datetime.timedelta(minutes=2))
    assert len(mail.outbox) == 1 and Notification.objects.count() == 1
    # The daily follower: one message for the day, once.
    day = timezone.localdate(now)
    with django_capture_on_commit_callbacks(execute=True):
        assert news.send_daily(day) == 1
        news.send_daily(day)
    daily_notes = Notification.objects.filter(recipient=daily)
    assert daily_notes.count() == 1
    assert "Bloembakken in de straat" in daily_notes.get().body
    assert len(mail.outbox) == 2


def test_a_daily_digest_user_gets_the_news_in_the_digest(wijk, django_capture_on_commit_callbacks):
    from genk.core import notifications

    user = UserFactory(notification_frequency="daily")
    Follow.objects.create(user=user, neighbourhood=wijk)
    InitiativeFactory(neighbourhood=wijk, published=True, published_at=timezone.now(), title="Een speeltuin")
    with django_capture_on_commit_callbacks(execute=True):
        news.notify_new(timezone.now() + datetime.timedelta(minutes=1))
    assert mail.outbox == []
    notifications.send_digest(user, timezone.localdate())
    assert len(mail.outbox) == 1 and "Een speeltuin" in mail.outbox[0].body
