import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from worldcitizenship.models import Goal

pytestmark = pytest.mark.django_db


def html_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_urls_are_dutch_and_fixed():
    assert reverse("worldcitizenship:goals") == "/wereldburgerschap/sdg/"
    assert reverse("worldcitizenship:goal", kwargs={"number": 8}) == "/wereldburgerschap/sdg/8/"


def test_overview_shows_the_17_goals_as_coloured_tiles(client, sdgs):
    html = html_of(client.get("/wereldburgerschap/sdg/"))
    assert html.count("<h1>") == 1
    assert "<h1>Duurzame ontwikkelingsdoelen</h1>" in html
    assert '<link rel="stylesheet" href="/static/worldcitizenship/sdg.css">' in html
    assert html.count('class="sdg-tile"') == 17
    for number in range(1, 18):
        assert f'<li class="sdg-{number}">' in html
        assert f'href="/wereldburgerschap/sdg/{number}/"' in html
    assert "Waardig werk en economische groei" in html
    assert "Partnerschap om doelstellingen te bereiken" in html
    assert "open-sdg/sdg-translations (MIT-licentie)" in html
    assert "style=" not in html


def test_overview_before_loading_says_so(client, db):
    html = html_of(client.get("/wereldburgerschap/sdg/"))
    assert "De duurzame ontwikkelingsdoelen zijn nog niet geladen." in html


def test_goal_page_in_dutch(client, sdgs):
    html = html_of(client.get("/wereldburgerschap/sdg/8/"))
    assert html.count("<h1>") == 1
    assert "SDG 8: Waardig werk en economische groei" in html
    assert 'class="sdg-goal-header sdg-8"' in html
    # No official Dutch full title: a note, and the English one marked as English.
    assert "De volledige Nederlandse titel van dit doel is nog niet beschikbaar." in html
    assert '<q lang="en">Promote sustained, inclusive and sustainable economic growth' in html
    # The 12 targets, English, marked as such.
    assert "12 subdoelen" in html
    assert '<span class="sdg-target-code">8.1</span>' in html
    assert '<span class="sdg-target-code">8.b</span>' in html
    assert '<span lang="en">Sustain per capita economic growth' in html
    assert "De subdoelen zijn alleen in het Engels beschikbaar." in html
    assert "Wat Genk doet voor dit doel" in html
    assert "Nog niets gekoppeld aan dit doel." in html
    assert "style=" not in html


def test_goal_page_links_to_the_previous_and_next_goal(client, sdgs):
    html = html_of(client.get("/wereldburgerschap/sdg/8/"))
    assert '<a href="/wereldburgerschap/sdg/7/" rel="prev">' in html
    assert "Vorig doel: SDG 7 – Betaalbare en duurzame energie" in html
    assert '<a href="/wereldburgerschap/sdg/9/" rel="next">' in html
    assert "Volgend doel: SDG 9 – Industrie, innovatie en infrastructuur" in html

    first = html_of(client.get("/wereldburgerschap/sdg/1/"))
    assert 'rel="prev"' not in first
    assert '<a href="/wereldburgerschap/sdg/2/" rel="next">' in first
    last = html_of(client.get("/wereldburgerschap/sdg/17/"))
    assert '<a href="/wereldburgerschap/sdg/16/" rel="prev">' in last
    assert 'rel="next"' not in last
    assert "19 subdoelen" in last


def test_goal_page_in_english_via_the_language_cookie(client, sdgs):
    client.cookies["samengenk_language"] = "en"
    html = html_of(client.get("/wereldburgerschap/sdg/8/"))
    assert '<html lang="en">' in html
    assert "Decent work and economic growth" in html
    assert (
        '<p class="sdg-full-title">Promote sustained, inclusive and sustainable economic growth, '
        "full and productive employment and decent work for all</p>"
    ) in html
    assert "Waardig werk" not in html
    # On an English page the English targets need no lang attribute.
    assert '<span lang="en">' not in html
    assert "<span>Sustain per capita economic growth" in html


def test_goal_page_in_french(client, sdgs):
    client.cookies["samengenk_language"] = "fr"
    html = html_of(client.get("/wereldburgerschap/sdg/8/"))
    assert '<html lang="fr">' in html
    assert "Travail décent et croissance économique" in html
    assert "Travaux décent" not in html
    assert "Promouvoir une croissance économique soutenue, partagée et durable" in html
    assert '<span lang="en">Sustain per capita economic growth' in html


def test_overview_in_each_language(client, sdgs):
    for language, title in [
        ("nl", "Klimaatactie"),
        ("en", "Climate action"),
        ("fr", "Mesures relatives à la lutte contre les changements climatiques"),
    ]:
        client.cookies["samengenk_language"] = language
        html = html_of(client.get("/wereldburgerschap/sdg/"))
        assert f'<span class="sdg-tile-title">{title}</span>' in html


def test_a_signed_in_users_profile_language_wins(client, sdgs, resident):
    resident.language = "en"
    resident.save(update_fields=["language"])
    client.force_login(resident)
    assert "Decent work and economic growth" in html_of(client.get("/wereldburgerschap/sdg/8/"))


def test_titles_with_translation_override(sdgs):
    goal = Goal.objects.get(number=11)
    with translation.override("en"):
        assert goal.short_title == "Sustainable cities and communities"
    with translation.override("fr"):
        assert goal.short_title == "Villes et communautés durables"


@pytest.mark.parametrize(
    "path", ["/wereldburgerschap/sdg/0/", "/wereldburgerschap/sdg/18/", "/wereldburgerschap/sdg/99999/"]
)
def test_numbers_outside_1_to_17_are_404(client, sdgs, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("path", ["/wereldburgerschap/sdg/-1/", "/wereldburgerschap/sdg/acht/"])
def test_non_numbers_are_404(client, sdgs, path):
    assert client.get(path).status_code == 404


def test_goal_page_is_404_before_loading(client, db):
    assert client.get("/wereldburgerschap/sdg/8/").status_code == 404


def test_overview_query_count(client, rendered, sdgs, django_assert_max_num_queries):
    from worldcitizenship import tagging

    client.get("/wereldburgerschap/sdg/")  # warms the content-type cache
    # The goals, then one query per counted provider (all 17 goals at once).
    with django_assert_max_num_queries(1 + len(tagging.providers())):
        assert client.get("/wereldburgerschap/sdg/").status_code == 200


@pytest.mark.parametrize("number", [7, 13, 17])  # 5, 5 and 19 targets
def test_goal_page_query_count_is_constant(client, rendered, sdgs, django_assert_num_queries, number):
    # 2 queries of its own and 1 for the indicators, plus per provider a count and (when there is
    # something) a page of items: the same for every goal when nothing is tagged.
    with CaptureQueriesContext(connection) as baseline:
        client.get("/wereldburgerschap/sdg/1/")
    from worldcitizenship import tagging

    assert len(baseline.captured_queries) <= 3 + len(tagging.providers())
    with django_assert_num_queries(len(baseline.captured_queries)):
        assert client.get(f"/wereldburgerschap/sdg/{number}/").status_code == 200
