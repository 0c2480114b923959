"""Awareness activities of the world-citizenship programmes: agenda activities tagged with a
programme show on the partnership page and the FairTrade overview, with a way to register."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from neighbourhoods.agenda.models import Activity
from tests.agenda.factories import ActivityFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def page(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_the_partnership_page_lists_the_programmes_coming_activities(client, partnership):
    talk = ActivityFactory(title="Avond over Francistown", programme="francistown")
    RegistrationFactory(activity=talk)
    ActivityFactory(title="Fairtrade-ontbijt", programme="fairtrade")
    ActivityFactory(title="Nog een ontwerp", programme="francistown", status=Activity.Status.DRAFT)
    past = timezone.now() - timedelta(days=3)
    ActivityFactory(title="Voorbij", programme="francistown", starts_at=past, ends_at=past + timedelta(hours=2))

    html, _queries = page(client, "/wereldburgerschap/francistown/")
    assert f'<a href="{talk.get_absolute_url()}">Avond over Francistown</a>' in html
    assert "Je schrijft je in op de pagina van de activiteit." in html
    for hidden in ("Fairtrade-ontbijt", "Nog een ontwerp", "Voorbij"):
        assert hidden not in html


def test_the_fairtrade_overview_lists_its_own_programme(client):
    ActivityFactory(title="Fairtrade-ontbijt", programme="fairtrade")
    ActivityFactory(title="Avond over Francistown", programme="francistown")
    html, _queries = page(client, "/wereldburgerschap/fairtrade/")
    assert "Fairtrade-ontbijt" in html and "Avond over Francistown" not in html


def test_without_activities_the_page_says_so_and_the_count_does_not_grow(client, rendered, partnership):
    html, empty = page(client, "/wereldburgerschap/francistown/")
    assert "Er staan nu geen activiteiten van dit programma in de agenda." in html
    ActivityFactory(programme="francistown")
    _html, one = page(client, "/wereldburgerschap/francistown/")
    for _ in range(5):
        RegistrationFactory(activity=ActivityFactory(programme="francistown"))
    _html, many = page(client, "/wereldburgerschap/francistown/")
    assert one == many <= empty + 1
