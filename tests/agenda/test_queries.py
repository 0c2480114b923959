"""Query counts do not grow with the number of activities or registrations."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import UserFactory

from .factories import ActivityFactory, PlaceFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def make(n, wijk, place):
    for i in range(n):
        # Every third with an image (versions named as the task names them): no query more.
        image = {"image": f"agenda/2027/a{i}-page.jpg", "image_width": 1600, "image_height": 1200} if i % 3 else {}
        activity = ActivityFactory(
            neighbourhood=wijk,
            place=place if i % 2 else None,
            sdgs=[4],
            themes=["culture"],
            image_alt="Een tekening" if image else "",
            **image,
        )
        RegistrationFactory(activity=activity)


@pytest.mark.parametrize("url", ["/agenda/", "/agenda/?thema=culture&sdg=4&wijk=winterslag&gratis=on"])
def test_agenda_list(client, wijk, url):
    place = PlaceFactory(neighbourhood=wijk)
    make(10, wijk, place)
    few = count(client, url)
    make(30, wijk, place)
    assert count(client, url) == few
    assert "a1-small.jpg 640w" in client.get(url).content.decode() or "?" in url


def test_activity_page(client, activity, resident):
    client.force_login(resident)
    RegistrationFactory(activity=activity, user=resident)
    few = count(client, activity.get_absolute_url())
    for _ in range(30):
        RegistrationFactory(activity=activity, user=UserFactory())
    assert count(client, activity.get_absolute_url()) == few


def test_registrations_page(client, activity, organising_servant):
    client.force_login(organising_servant)
    RegistrationFactory(activity=activity)
    url = f"/agenda/{activity.pk}/inschrijvingen/"
    few = count(client, url)
    for _ in range(15):
        RegistrationFactory(activity=activity)
    assert count(client, url) == few
