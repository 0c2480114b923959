from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from worldcitizenship import tagging
from worldcitizenship.models import Goal

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")


@pytest.fixture
def registered():
    """Register providers for the test only; unregister them afterwards."""
    providers = []

    def add(func):
        providers.append(tagging.register(func))
        return func

    yield add
    for func in providers:
        tagging.unregister(func)


def test_nothing_is_registered_by_default(sdgs):
    assert tagging.tagged_items(Goal.objects.get(number=11)) == []


def test_a_registered_item_shows_on_its_goal_page_only(client, sdgs, registered):
    @registered
    def initiatives(goal):
        if goal.number != 11:
            return []
        return [
            tagging.TaggedItem(
                kind="Initiatief",
                title="Deelfietsen in Winterslag",
                url="/initiatieven/deelfietsen-winterslag/",
                when=datetime(2026, 3, 14, 10, 0, tzinfo=BRUSSELS),
            )
        ]

    html = client.get("/wereldburgerschap/sdg/11/").content.decode()
    assert '<a href="/initiatieven/deelfietsen-winterslag/">Deelfietsen in Winterslag</a>' in html
    assert '<span class="sdg-tagged-kind">Initiatief:</span>' in html
    assert '<time datetime="2026-03-14T10:00:00+01:00">14 maart 2026</time>' in html
    assert "Nog niets gekoppeld aan dit doel." not in html

    other = client.get("/wereldburgerschap/sdg/12/").content.decode()
    assert "Deelfietsen in Winterslag" not in other
    assert "Nog niets gekoppeld aan dit doel." in other


def test_items_from_all_providers_newest_first(sdgs, registered):
    goal = Goal.objects.get(number=13)

    @registered
    def initiatives(goal):
        return [
            tagging.TaggedItem("Initiatief", "Oud", "/a/", datetime(2025, 1, 5, 9, 0, tzinfo=BRUSSELS)),
            tagging.TaggedItem("Initiatief", "Zonder datum", "/b/"),
        ]

    @registered
    def volunteering(goal):
        return [
            tagging.TaggedItem("Vrijwilligerswerk", "Nieuw", "/c/", date(2026, 6, 1)),
            tagging.TaggedItem(
                "Vrijwilligerswerk", "Midden", "/d/", datetime(2025, 6, 1, 23, 30, tzinfo=ZoneInfo("UTC"))
            ),
        ]

    assert [item.title for item in tagging.tagged_items(goal)] == ["Nieuw", "Midden", "Oud", "Zonder datum"]


def test_registering_twice_shows_an_item_once(client, sdgs, registered):
    def provider(goal):
        return [tagging.TaggedItem("Project", "Waterput in Francistown", "/wereldburgerschap/projecten/1/")]

    registered(provider)
    registered(provider)
    html = client.get("/wereldburgerschap/sdg/6/").content.decode()
    assert html.count("Waterput in Francistown") == 1


def test_unregister_removes_the_provider(sdgs):
    def provider(goal):
        return [tagging.TaggedItem("Project", "Tijdelijk", "/x/")]

    tagging.register(provider)
    tagging.unregister(provider)
    tagging.unregister(provider)  # harmless
    assert tagging.tagged_items(Goal.objects.get(number=1)) == []


@pytest.mark.parametrize("count", [1, 30])
def test_goal_page_query_count_with_tagged_items(client, sdgs, registered, django_assert_num_queries, count):
    with CaptureQueriesContext(connection) as baseline:
        client.get("/wereldburgerschap/sdg/4/")

    @registered
    def provider(goal):
        return [tagging.TaggedItem("Initiatief", f"Initiatief {i}", f"/i/{i}/") for i in range(count)]

    with django_assert_num_queries(len(baseline.captured_queries)):
        response = client.get("/wereldburgerschap/sdg/4/")
    assert response.content.decode().count('<span class="sdg-tagged-kind">') == min(
        count, 5
    )  # the first five of a kind
