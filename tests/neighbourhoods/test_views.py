import datetime
import re

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from neighbourhoods import maps
from neighbourhoods.models import District, Neighbourhood, TeamMembership
from tests.factories import DistrictFactory, NeighbourhoodFactory, TeamMembershipFactory, UserFactory

from .factories import PlaceFactory, square

pytestmark = pytest.mark.django_db


def html_of(response) -> str:
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "style=" not in html
    assert "<script" not in html
    return html


def map_links(html: str) -> list[str]:
    svg = re.search(r"<svg .*?</svg>", html, re.S).group(0)
    return re.findall(r'<a href="([^"]+)" class="wijk-link', svg)


def test_urls_are_dutch_and_keep_their_names():
    assert reverse("neighbourhoods:index") == "/wijken/"
    assert reverse("neighbourhoods:district", kwargs={"slug": "stadsdeel-noord-voorbeeld"}) == (
        "/wijken/stadsdelen/stadsdeel-noord-voorbeeld/"
    )
    assert reverse("neighbourhoods:detail", kwargs={"slug": "waterschei-noord"}) == "/wijken/waterschei-noord/"


# The index.


def test_index_shows_the_map_and_every_wijk_as_a_link_grouped_by_district(client, wijken):
    html = html_of(client.get("/wijken/"))
    assert "<h1>Wijken en stadsdelen</h1>" in html
    assert "Genk telt 31 wijken." in html
    assert '<link rel="stylesheet" href="/static/neighbourhoods/map.css">' in html
    assert html.count("/static/neighbourhoods/map.css") == 1
    # The map: 31 links.
    assert len(map_links(html)) == 31
    # The text alternative: every wijk as a link in the list, under its district.
    list_part = html[html.index('id="list-heading"') :]
    for wijk in Neighbourhood.objects.with_district():
        assert f'<a href="{wijk.get_absolute_url()}">{wijk.name}</a>' in list_part
    for district in District.objects.all():
        assert f'<a href="{district.get_absolute_url()}">{district.name}</a>' in list_part
    noord = list_part.index("Stadsdeel Noord (voorbeeld)</a>")
    noordoost = list_part.index("Stadsdeel Noordoost (voorbeeld)</a>")
    assert noord < list_part.index(">Zwartberg-Noord</a>") < noordoost
    # The grouping is an example, and the page says so.
    assert "De indeling in stadsdelen op deze pagina is een voorbeeld." in html
    # Legend: the 8 districts with their colour.
    assert html.count('class="wijk-swatch district-') == 8
    # Attribution.
    assert (
        "Wijken voor omgevingsanalyse</a>. © gemeentebesturen, verzameld door Data &amp; Analyse van de Vlaamse provincies"
        in html
    )
    assert "Modellicentie Gratis Hergebruik v1.0" in html
    assert "Statbel (Algemene Directie Statistiek), statistische sectoren 2025" in html


def test_index_without_example_districts_has_no_example_note(client):
    official = DistrictFactory(name="Stadsdeel A", slug="a")
    NeighbourhoodFactory(name="Wijk A", slug="wijk-a", district=official, boundary=square())
    NeighbourhoodFactory(name="Wijk B", slug="wijk-b", district=None, boundary=square(5.5))
    html = html_of(client.get("/wijken/"))
    assert "voorbeeld" not in html
    assert "Genk telt 2 wijken." in html
    assert "<h3>Nog niet bij een stadsdeel</h3>" in html
    assert (
        html.index('href="/wijken/wijk-a/">Wijk A')
        < html.index("Nog niet bij een stadsdeel")
        < html.index('href="/wijken/wijk-b/">Wijk B')
    )


def test_index_before_loading(client):
    html = html_of(client.get("/wijken/"))
    assert "De wijken zijn nog niet geladen." in html


# A district.


def test_district_page_lists_its_wijken_and_highlights_them_on_the_map(client, wijken):
    district = District.objects.get(slug="stadsdeel-oost-voorbeeld")
    html = html_of(client.get(district.get_absolute_url()))
    assert "<h1>Stadsdeel Oost (voorbeeld)</h1>" in html
    assert "Dit stadsdeel hoort bij een voorbeeldindeling." in html
    assert "3 wijken in dit stadsdeel" in html
    for name, slug in [("Bret", "bret"), ("Gelieren", "gelieren"), ("Oud-Waterschei", "oud-waterschei")]:
        assert f'<a href="/wijken/{slug}/">{name}</a>' in html
    assert "Genk-Centrum</a>" not in html.split("<svg")[0]
    highlighted = re.findall(r'<a href="([^"]+)" class="wijk-link wijk-highlight"', html)
    assert sorted(highlighted) == ["/wijken/bret/", "/wijken/gelieren/", "/wijken/oud-waterschei/"]
    assert len(map_links(html)) == 31


def test_unknown_district_and_wijk_are_404(client, wijken):
    assert client.get("/wijken/stadsdelen/bestaat-niet/").status_code == 404
    assert client.get("/wijken/bestaat-niet/").status_code == 404


# A wijk.


def test_wijk_page_shows_name_code_district_population_and_its_place_on_the_map(client, wijken):
    html = html_of(client.get("/wijken/waterschei-noord/"))
    assert "<h1>Waterschei-Noord</h1>" in html
    assert re.search(r"<dt>Wijkcode</dt>\s*<dd>\s*71016W26\s*</dd>", html)
    assert '<a href="/wijken/stadsdelen/stadsdeel-noordoost-voorbeeld/">Stadsdeel Noordoost (voorbeeld)</a>' in html
    assert "(voorbeeldindeling)" in html
    assert re.search(r"<dt>Inwoners</dt>\s*<dd>\s*niet bekend\s*</dd>", html)  # no figure in the data
    assert "Noord Waterschei" in html  # its statistical sector
    assert re.findall(
        r'<a href="([^"]+)" class="wijk-link wijk-highlight" aria-label="([^"]+)" aria-current="page"', html
    ) == [("/wijken/waterschei-noord/", "Waterschei-Noord")]
    assert "Kaart van de wijken van Genk, met Waterschei-Noord gemarkeerd" in html
    assert "Voor deze wijk is nog geen wijkregisseur bekend." in html
    assert "Er zijn nog geen plekken in deze wijk opgenomen." in html


def test_wijk_page_shows_a_known_population_with_its_year(client):
    NeighbourhoodFactory(name="Testwijk", slug="testwijk", population=4321, population_year=2024)
    html = html_of(client.get("/wijken/testwijk/"))
    assert "4.321 (in 2024)" in html
    assert "niet bekend" not in html


def test_wijk_page_shows_the_director_contact_and_the_team_by_role(client, wijken):
    wijk = Neighbourhood.objects.get(slug="oud-winterslag")
    TeamMembershipFactory(
        neighbourhood=wijk,
        user=UserFactory(display_name="Nadia El Amrani"),
        public_email="wijkregie.winterslag@genk.be",
        public_phone="089 65 44 00",
    )
    TeamMembershipFactory(
        neighbourhood=wijk,
        user=UserFactory(display_name="Koen Claes"),
        role=TeamMembership.Role.COMMUNITY_WORK,
        public_email="buurtwerk@example.be",
        public_phone="",
    )
    TeamMembershipFactory(
        neighbourhood=wijk, user=UserFactory(display_name="Sara Peeters"), role=TeamMembership.Role.STREET_WORK
    )
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    TeamMembershipFactory(neighbourhood=wijk, user=UserFactory(display_name="Vroeger Lid"), end=yesterday)
    TeamMembershipFactory(
        neighbourhood=Neighbourhood.objects.get(slug="bret"), user=UserFactory(display_name="Andere Regisseur")
    )
    PlaceFactory(neighbourhood=wijk, name="Dienstencentrum Voorbeeld", address="Voorbeeldstraat 1, 3600 Genk")

    html = html_of(client.get("/wijken/oud-winterslag/"))
    director = html[html.index('id="director-heading"') : html.index('id="team-heading"')]
    assert "Wijkregisseur" in director
    assert "Nadia El Amrani" in director
    assert '<a href="mailto:wijkregie.winterslag@genk.be">wijkregie.winterslag@genk.be</a>' in director
    assert '<a href="tel:089654400">089 65 44 00</a>' in director
    team = html[html.index('id="team-heading"') : html.index('id="places-heading"')]
    assert team.index("<h3>Buurtwerk</h3>") < team.index("Koen Claes") < team.index("<h3>Straathoekwerk</h3>")
    assert team.index("<h3>Straathoekwerk</h3>") < team.index("Sara Peeters")
    assert "buurtwerk@example.be" in team
    assert "Vroeger Lid" not in html
    assert "Andere Regisseur" not in html
    assert "Dienstencentrum Voorbeeld" in html
    assert "Voorbeeldstraat 1, 3600 Genk" in html


def test_erased_or_inactive_team_members_are_not_shown(client):
    membership = TeamMembershipFactory(
        user=UserFactory(display_name="Weg"), neighbourhood__slug="w", neighbourhood__name="W"
    )
    membership.user.is_active = False
    membership.user.save()
    html = html_of(client.get("/wijken/w/"))
    assert "Weg" not in html
    assert "Voor deze wijk is nog geen wijkregisseur bekend." in html


def test_two_directors_are_both_shown(client):
    first = TeamMembershipFactory(
        user=UserFactory(display_name="Eerste"), neighbourhood__slug="w", neighbourhood__name="W"
    )
    TeamMembershipFactory(user=UserFactory(display_name="Tweede"), neighbourhood=first.neighbourhood)
    html = html_of(client.get("/wijken/w/"))
    assert "Wijkregisseurs" in html
    assert "Eerste" in html and "Tweede" in html


# Query counts: the same with 31 wijken as with a few.


def _few_wijken():
    district = DistrictFactory(name="Stadsdeel X", slug="x")
    for number in range(2):
        wijk = NeighbourhoodFactory(
            name=f"Wijk {number}", slug=f"wijk-{number}", district=district, boundary=square(5.5 + number / 100)
        )
        TeamMembershipFactory(neighbourhood=wijk)
        PlaceFactory(neighbourhood=wijk)
    return district, wijk


def _many_wijken():
    from neighbourhoods.services import load_example_districts, load_neighbourhoods

    load_neighbourhoods()
    load_example_districts()
    wijk = Neighbourhood.objects.get(slug="oud-winterslag")
    for role in TeamMembership.Role.values:
        for _ in range(3):
            TeamMembershipFactory(neighbourhood=wijk, role=role)
    for _ in range(5):
        PlaceFactory(neighbourhood=wijk)
    return wijk.district, wijk


@pytest.mark.parametrize("make", [_few_wijken, _many_wijken], ids=["few", "31"])
@pytest.mark.parametrize("cached", [False, True], ids=["map-drawn", "map-cached"])
def test_query_counts_do_not_depend_on_the_number_of_wijken(client, db, django_assert_num_queries, make, cached):
    from genk.core import portal

    district, wijk = make()
    hub = len(portal._wijk) + 2  # areawork's hub: one query per wijk_content provider, the wijkplan, the photos
    # A visitor's page is kept: when the wijk content changes by time alone (an activity ends).
    changes = sum(1 for func in portal._wijk if portal._wijk_changes.get(func))
    pages = [
        ("/wijken/", 3),  # wijken, districts, places on the map
        (district.get_absolute_url(), 2),  # district, its wijken
        (wijk.get_absolute_url(), 4 + hub + changes),  # wijk with district, team, places, partners; the hub
    ]
    for url, queries in pages:
        if cached:
            maps.map_data()
        else:
            maps.invalidate()
        with django_assert_num_queries(queries + (0 if cached else 1)):  # (+ drawing the map)
            html_of(client.get(url))
        with django_assert_num_queries(0):  # the next visitor: the kept page
            html_of(Client().get(url))


# Strict settings, production-like settings.


def test_pages_render_with_debug_off(client, wijken):
    with override_settings(DEBUG=False):
        for url in ("/", "/wijken/", "/wijken/stadsdelen/stadsdeel-west-voorbeeld/", "/wijken/bokrijk/"):
            response = client.get(url)
            assert response.status_code == 200, url
        assert client.get("/wijken/onbekend/").status_code == 404


def test_home_page_shows_the_map_of_all_wijken(client, wijken):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert len(map_links(html)) == 31
    assert "/static/neighbourhoods/map.css" in html
    assert (
        'aria-labelledby="wijkenkaart"><title id="wijkenkaart">' in html and 'role="group"' not in html
    )  # valid HTML: no role on <svg>


def test_pages_for_a_signed_in_resident(client, resident, wijken):
    client.force_login(resident)
    for url in ("/wijken/", "/wijken/stadsdelen/stadsdeel-west-voorbeeld/", "/wijken/bokrijk/"):
        html_of(client.get(url))
