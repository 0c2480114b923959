"""Public pages: the list with filters, search and sorting, the detail page, the feed."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from initiatives.models import Initiative
from tests.factories import DistrictFactory, NeighbourhoodFactory

from .factories import CommentFactory, InitiativeFactory, SupportFactory, ThemeFactory, UpdateFactory, in_state

pytestmark = pytest.mark.django_db
S = Initiative.Status


def html_of(response) -> str:
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "style=" not in html
    return html


def test_urls_are_dutch():
    assert reverse("initiatives:list") == "/initiatieven/"
    assert reverse("initiatives:create") == "/initiatieven/nieuw/"
    assert reverse("initiatives:feed") == "/initiatieven/feed/"
    assert reverse("initiatives:detail", kwargs={"pk": 7, "slug": "repair-cafe"}) == "/initiatieven/7-repair-cafe/"
    assert (
        reverse("initiatives:edit", kwargs={"pk": 7, "step": "afbeelding"}) == "/initiatieven/7/schrijven/afbeelding/"
    )
    assert reverse("initiatives_staff:queue") == "/beheer/initiatieven/"


def test_the_list_shows_public_initiatives_only(client):
    in_state(S.COLLECTING, title="Repair Café Winterslag")
    in_state(S.REALISED, title="Straatvoetbaltornooi Waterschei")
    in_state(S.DRAFT, title="Geheime kladversie")
    in_state(S.SUBMITTED, title="Wacht op moderatie")
    in_state(S.WITHDRAWN, title="Ingetrokken initiatief")
    html = html_of(client.get("/initiatieven/"))
    assert "Repair Café Winterslag" in html
    assert "Straatvoetbaltornooi Waterschei" in html
    for hidden in ("Geheime kladversie", "Wacht op moderatie", "Ingetrokken initiatief"):
        assert hidden not in html
    assert "2 initiatieven" in html
    html = html_of(client.get("/initiatieven/?status=withdrawn"))
    assert "Ingetrokken initiatief" in html and "Repair Café" not in html


def test_filters_by_neighbourhood_district_theme_help_and_kind(client):
    district = DistrictFactory(name="Stadsdeel Noord", slug="noord")
    zwartberg = NeighbourhoodFactory(name="Zwartberg-Noord", slug="zwartberg-noord", district=district)
    winterslag = NeighbourhoodFactory(name="Winterslag 1", slug="winterslag-1")
    green = ThemeFactory(name="Groen", slug="groen")
    moestuin = in_state(S.COLLECTING, title="Buurtmoestuin Zwartberg", neighbourhood=zwartberg, help_subsidy=True)
    moestuin.themes.add(green)
    in_state(S.COLLECTING, title="Repair Café Winterslag", neighbourhood=winterslag, help_venue=True)
    in_state(S.COLLECTING, title="Zitbanken Stiemerbeek", neighbourhood=None, city_wide=True, kind="proposal")

    def titles(query):
        html = html_of(client.get("/initiatieven/" + query))
        return {t for t in ("Buurtmoestuin Zwartberg", "Repair Café Winterslag", "Zitbanken Stiemerbeek") if t in html}

    assert titles("?wijk=zwartberg-noord") == {"Buurtmoestuin Zwartberg"}
    assert titles("?stadsdeel=noord") == {"Buurtmoestuin Zwartberg"}
    assert titles("?thema=groen") == {"Buurtmoestuin Zwartberg"}
    assert titles("?hulp=venue") == {"Repair Café Winterslag"}
    assert titles("?hulp=subsidy") == {"Buurtmoestuin Zwartberg"}
    assert titles("?soort=proposal") == {"Zitbanken Stiemerbeek"}
    assert titles("?wijk=bestaat-niet") == {
        "Buurtmoestuin Zwartberg",
        "Repair Café Winterslag",
        "Zitbanken Stiemerbeek",
    }
    html = html_of(client.get("/initiatieven/?wijk=zwartberg-noord"))
    assert '<option value="zwartberg-noord" selected>Zwartberg-Noord</option>' in html
    assert "Alle filters wissen" in html


def test_search_in_dutch_finds_word_forms_and_ranks_the_title_first(client):
    in_state(
        S.COLLECTING,
        title="Bloemen voor de Vennestraat",
        summary="Bloembakken in de straat.",
        description="Later misschien ook een kleine moestuin achter het buurthuis, met wandelen in het park erbij.",
    )
    in_state(S.COLLECTING, title="Wandelingen langs de Stiemerbeek", summary="Elke week samen op pad.")
    in_state(S.COLLECTING, title="Taalcafé Genk-Centrum", summary="Nederlands oefenen.")
    html = html_of(client.get("/initiatieven/?q=moestuinen"))  # plural finds the singular
    assert "Bloemen voor de Vennestraat" in html
    assert "Taalcafé" not in html and "Stiemerbeek" not in html
    html = html_of(client.get("/initiatieven/?q=wandelen"))  # "wandelingen" and "wandelen": one stem
    assert html.index("Wandelingen langs de Stiemerbeek") < html.index("Bloemen voor de Vennestraat")
    assert "2 initiatieven" in html
    html = html_of(client.get("/initiatieven/?q=wandelen+-stiemerbeek"))  # web search syntax
    assert "Stiemerbeek" not in html.split("resultaten-titel", 1)[1]
    html = html_of(client.get("/initiatieven/?q=zwembad"))
    assert "Geen initiatieven gevonden." in html


def test_search_ignores_accents(client):
    """ "taalcafe" finds "Taalcafé", "creche" finds "crèche" (PostgreSQL: `dutch_unaccent`, whose
    Dutch stemmer alone folds only some accents; SQLite: folded words)."""
    in_state(S.COLLECTING, title="Taalcafé Genk-Centrum", summary="Nederlands oefenen in een café.")
    in_state(S.COLLECTING, title="Een crèche in Zwartberg", summary="Opvang voor de kleinsten.")
    in_state(S.COLLECTING, title="Wandelingen langs de Stiemerbeek", summary="Elke week samen op pad.")
    html = html_of(client.get("/initiatieven/?q=taalcafe"))
    assert "Taalcafé Genk-Centrum" in html and "Stiemerbeek" not in html
    html = html_of(client.get("/initiatieven/?q=creche"))
    assert "Een crèche in Zwartberg" in html and "Taalcafé" not in html


def test_sorting(client):
    now = timezone.now()
    old = in_state(
        S.COLLECTING,
        title="Oudste",
        published_at=now - timedelta(days=30),
        supports_close_at=now + timedelta(days=20),
        support_count=40,
        counted_support_count=40,
    )
    new = in_state(
        S.COLLECTING,
        title="Nieuwste",
        published_at=now - timedelta(days=1),
        supports_close_at=now + timedelta(days=80),
        support_count=2,
        counted_support_count=2,
    )
    soon = in_state(
        S.COLLECTING,
        title="Sluit bijna",
        published_at=now - timedelta(days=10),
        supports_close_at=now + timedelta(days=1),
        support_count=10,
        counted_support_count=10,
    )

    def order(query):
        html = html_of(client.get("/initiatieven/" + query))
        return sorted((html.index(i.title), i.title) for i in (old, new, soon))

    assert [t for _p, t in order("")] == ["Nieuwste", "Sluit bijna", "Oudste"]
    assert [t for _p, t in order("?sorteer=meeste-steun")] == ["Oudste", "Sluit bijna", "Nieuwste"]
    assert [t for _p, t in order("?sorteer=sluit-binnenkort")] == ["Sluit bijna", "Oudste", "Nieuwste"]


def test_pagination_keeps_the_filters(client):
    hood = NeighbourhoodFactory(slug="bret", name="Bret")
    for n in range(14):
        in_state(S.COLLECTING, title=f"Speelstraat {n}", neighbourhood=hood)
    html = html_of(client.get("/initiatieven/?wijk=bret"))
    assert "14 initiatieven" in html
    assert 'href="?wijk=bret&amp;pagina=2"' in html
    html = html_of(client.get("/initiatieven/?wijk=bret&pagina=2"))
    assert "Pagina 2 van 2" in html


def test_detail_shows_counter_progress_answer_updates_and_comments(client, initiator):
    initiative = in_state(
        S.ANSWERED,
        created_by=initiator,
        title="Buurtmoestuin Zwartberg",
        support_count=53,
        counted_support_count=53,
        answer_text="De stad geeft het terrein in bruikleen en levert de bakken.",
    )
    UpdateFactory(initiative=initiative, title="De grond is vrijgemaakt")
    CommentFactory(initiative=initiative, body="Ik doe mee!")
    CommentFactory(
        initiative=initiative, body="Iets beledigends", hidden_at=timezone.now(), hidden_reason="Beledigend."
    )
    html = html_of(client.get(initiative.get_absolute_url()))
    assert "<h1>Buurtmoestuin Zwartberg</h1>" in html
    assert "<strong>53</strong>" in html
    assert "van de 50 steunbetuigingen nodig" in html
    assert re.search(r'<progress id="steun-voortgang"\s+max="50"\s+value="50"', html)  # at most its max (valid HTML)
    assert "Het antwoord van de stad" in html
    assert "aanvaard: de stad helpt" in html
    assert "De stad geeft het terrein in bruikleen" in html
    assert "De grond is vrijgemaakt" in html
    assert "Ik doe mee!" in html
    assert "Iets beledigends" not in html
    assert "Deze reactie werd verborgen door een moderator." in html
    assert "Annelies Jacobs" in html


def test_detail_redirects_to_the_canonical_url_and_hides_drafts(client, draft):
    published = in_state(S.COLLECTING, title="Repair Café")
    response = client.get(f"/initiatieven/{published.pk}-oude-titel/")
    assert response.status_code == 301 and response["Location"] == published.get_absolute_url()
    assert client.get(f"/initiatieven/{published.pk}/").status_code == 301
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(draft.created_by)
    html = html_of(client.get(draft.get_absolute_url()))
    assert "Dit initiatief is niet openbaar (kladversie)" in html


def test_the_support_box_tells_each_visitor_what_they_can_do(client, resident, supporter):
    initiative = in_state(S.COLLECTING)
    html = html_of(client.get(initiative.get_absolute_url()))
    assert "Meld je aan om dit initiatief te steunen." in html
    assert "Aanmelden om te steunen" in html
    client.force_login(resident)  # no neighbourhood
    html = html_of(client.get(initiative.get_absolute_url()))
    assert "Vul in je profiel in in welke wijk je woont" in html
    client.force_login(supporter)
    html = html_of(client.get(initiative.get_absolute_url()))
    assert "Ik steun dit initiatief" in html
    SupportFactory(initiative=initiative, user=supporter)
    html = html_of(client.get(initiative.get_absolute_url()))
    assert "Je steunt dit initiatief." in html and "Trek mijn steun in" in html


def test_a_burgervoorstel_shows_both_figures(client):
    proposal = in_state(S.COLLECTING, kind="proposal", threshold=557, support_count=240, counted_support_count=231)
    html = html_of(client.get(proposal.get_absolute_url()))
    assert "burgervoorstel" in html
    assert "<strong>231</strong>" in html and "van de 557 steunbetuigingen nodig" in html
    assert "240 steunbetuigingen in totaal" in html
    assert "Nog 326 steunbetuigingen nodig." in html


def test_the_atom_feed_lists_new_initiatives(client):
    in_state(S.COLLECTING, title="Taalcafé Genk-Centrum", summary="Nederlands oefenen bij een koffie.")
    in_state(S.DRAFT, title="Kladversie")
    response = client.get("/initiatieven/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "<title>Taalcafé Genk-Centrum</title>" in body
    assert "Kladversie" not in body
    assert "<feed" in body


def test_home_page_activity_and_sdg_tagging(client):
    from worldcitizenship.models import Goal
    from worldcitizenship.tagging import tagged_items

    goal = Goal.objects.create(
        number=11,
        short_title_nl="Duurzame steden",
        short_title_en="Cities",
        short_title_fr="Villes",
        title_en="x",
        title_fr="y",
    )
    initiative = in_state(S.COLLECTING, title="Geveltuintjes Kolderbos")
    initiative.sdgs.add(goal)
    in_state(S.DRAFT, title="Kladversie").sdgs.add(goal)
    titles = [item.title for item in tagged_items(goal)]
    assert "Geveltuintjes Kolderbos" in titles and "Kladversie" not in titles

    from genk.core.portal import latest_activity

    assert any(item.title == "Geveltuintjes Kolderbos" for item in latest_activity(8))


def test_list_and_feed_work_when_nothing_is_published(client):
    InitiativeFactory()
    html = html_of(client.get("/initiatieven/"))
    assert "Geen initiatieven gevonden." in html
