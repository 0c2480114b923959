import re
import xml.etree.ElementTree as ET

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from neighbourhoods import maps
from neighbourhoods.models import District, Neighbourhood
from tests.factories import DistrictFactory, NeighbourhoodFactory

from .factories import square

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    """The <svg> element of a rendered map (the markup must be well-formed XML)."""
    return ET.fromstring(re.search(r"<svg .*</svg>", str(svg), re.S).group(0))


def links(svg_root: ET.Element) -> list[ET.Element]:
    return svg_root.findall(f".//{SVG}a")


# Pure functions.


def test_fit_projects_with_latitude_scaling_into_the_viewbox():
    geometry = square(west=5.0, south=51.0, size=0.1)
    projection = maps.fit([geometry], width=200, padding=0)
    assert projection(5.0, 51.1) == pytest.approx((0, 0))
    # Degrees of longitude are shorter than degrees of latitude by cos(51.05°): the square is taller than wide.
    x, y = projection(5.1, 51.0)
    assert x == pytest.approx(200)
    assert y == pytest.approx(200 / 0.6289, rel=1e-3)
    assert projection.height == round(y, 1)


def test_path_data_for_polygons_with_holes_and_multipolygons():
    projection = maps.fit([square(0, 0, 1)], width=10, padding=0)
    assert maps.path_data(square(0, 0, 1), projection) == "M0,10 10,10 10,0 0,0Z"
    with_hole = {
        "type": "Polygon",
        "coordinates": [
            [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]],
            [[0.25, 0.25], [0.75, 0.25], [0.75, 0.75], [0.25, 0.25]],
        ],
    }
    assert maps.path_data(with_hole, projection).count("M") == 2
    multi = {
        "type": "MultiPolygon",
        "coordinates": [square(0, 0, 0.5)["coordinates"], square(0.5, 0.5, 0.5)["coordinates"]],
    }
    assert maps.path_data(multi, projection) == "M0,10 5,10 5,5 0,5ZM5,5 10,5 10,0 5,0Z"
    assert maps.path_data(None, projection) == ""
    # Points that round to the same position are dropped; a degenerate ring disappears.
    tiny = {"type": "Polygon", "coordinates": [[[0, 0], [0.00001, 0], [0, 0.00001], [0, 0]]]}
    assert maps.path_data(tiny, projection) == ""


def test_render_svg_is_accessible_and_escapes_names():
    wijken = [
        {
            "slug": "a",
            "name": "A & <B>",
            "url": "/wijken/a/",
            "boundary": square(0, 0, 1),
            "district_slug": "n",
            "district_name": "Noord",
        },
        {"slug": "b", "name": "Bee", "url": "/wijken/b/", "boundary": square(1, 0, 1)},
        {"slug": "c", "name": "Zonder grens", "url": "/wijken/c/", "boundary": None},
    ]
    data = maps.build_map(wijken)
    assert [s.slug for s in data.shapes] == ["a", "b"]
    assert data.legend == (maps.LegendEntry(slug="n", name="Noord", colour=1),)
    svg = maps.render_svg(data, title="De kaart", title_id="kaart-1", highlight={"b"}, current="b")
    root = parse(svg)
    assert root.get("role") is None  # the Nu Html Checker refuses role="group" on <svg>; its name comes from <title>
    assert root.get("aria-labelledby") == "kaart-1"
    assert root.find(f"{SVG}title").get("id") == "kaart-1"
    assert root.find(f"{SVG}title").text == "De kaart"
    first, second = links(root)
    assert first.get("href") == "/wijken/a/"
    assert first.get("aria-label") == "A & <B>"
    assert first.find(f"{SVG}title").text == "A & <B> – Noord"
    assert first.get("class") == "wijk-link district-1"
    assert first.get("aria-current") is None
    assert second.get("class") == "wijk-link wijk-highlight"
    assert second.get("aria-current") == "page"
    assert second.find(f"{SVG}path").get("class") == "wijk-shape"
    assert "style=" not in svg
    assert "<script" not in svg
    # The highlighted wijk is drawn again on top, out of the accessibility tree.
    outlines = root.find(f"{SVG}g[@class='wijk-outlines']")
    assert outlines.get("aria-hidden") == "true"
    assert len(outlines) == 1


def test_districts_get_colours_1_to_8_in_name_order():
    wijken = [
        {
            "slug": f"w{i}",
            "name": f"W{i}",
            "url": f"/wijken/w{i}/",
            "boundary": square(i, 0, 1),
            "district_slug": f"d{i}",
            "district_name": f"D{i}",
        }
        for i in range(9)
    ]
    data = maps.build_map(wijken)
    assert [s.colour for s in data.shapes] == [1, 2, 3, 4, 5, 6, 7, 8, 1]
    svg = maps.render_svg(data, title="t", title_id="t", colour_by_district=False)
    assert "district-" not in svg


# The map of Genk's wijken from the database.


@pytest.mark.django_db
def test_map_has_31_links_with_hrefs_and_names(wijken):
    root = parse(maps.neighbourhood_map())
    found = links(root)
    assert len(found) == 31
    expected = {w.get_absolute_url(): w.name for w in Neighbourhood.objects.all()}
    assert {a.get("href"): a.get("aria-label") for a in found} == expected
    assert {a.get("href") for a in found} >= {"/wijken/waterschei-noord/", "/wijken/winterslag-2-en-4/"}
    for a in found:
        assert a.find(f"{SVG}title").text.startswith(a.get("aria-label") + " – Stadsdeel ")
        assert re.fullmatch(r"wijk-link district-[1-8]", a.get("class"))
        assert a.find(f"{SVG}path").get("d").startswith("M")
    assert {a.get("class") for a in found} == {f"wijk-link district-{n}" for n in range(1, 9)}
    assert root.get("viewBox") == "0 0 600 488.7"
    assert root.find(f"{SVG}title").text == "Kaart van de wijken van Genk"


@pytest.mark.django_db
def test_map_highlights_a_wijk_or_the_wijken_of_a_district(wijken):
    wijk = Neighbourhood.objects.get(slug="oud-winterslag")
    root = parse(maps.neighbourhood_map(highlight=wijk))
    marked = [a for a in links(root) if "wijk-highlight" in a.get("class")]
    assert [a.get("href") for a in marked] == ["/wijken/oud-winterslag/"]
    assert marked[0].get("aria-current") == "page"
    assert root.find(f"{SVG}title").text == "Kaart van de wijken van Genk, met Oud-Winterslag gemarkeerd"
    assert not any("district-" in a.get("class") for a in links(root))

    district = wijk.district
    root = parse(maps.neighbourhood_map(highlight=district))
    marked = {a.get("href") for a in links(root) if "wijk-highlight" in a.get("class")}
    assert marked == {w.get_absolute_url() for w in district.neighbourhoods.all()}
    assert len(marked) == 4
    assert not any(a.get("aria-current") for a in links(root))
    assert district.name in root.find(f"{SVG}title").text


@pytest.mark.django_db
def test_map_is_cached_and_redrawn_when_a_wijk_or_district_changes(wijken, django_assert_num_queries):
    maps.neighbourhood_map()
    gelieren = Neighbourhood.objects.with_district().get(slug="gelieren")
    with django_assert_num_queries(0):
        maps.neighbourhood_map()
        maps.neighbourhood_map(highlight=gelieren)
        maps.neighbourhood_map(highlight=gelieren.district)

    district = District.objects.get(slug="stadsdeel-oost-voorbeeld")
    district.name = "Stadsdeel Oosten (voorbeeld)"
    district.save()
    assert "Stadsdeel Oosten (voorbeeld)" in str(maps.neighbourhood_map())

    wijk = Neighbourhood.objects.get(slug="gelieren")
    wijk.name = "Gelieren-Bret"
    wijk.save()
    assert 'aria-label="Gelieren-Bret"' in str(maps.neighbourhood_map())

    wijk.delete()
    assert len(links(parse(maps.neighbourhood_map()))) == 30

    district.delete()
    assert "Stadsdeel Oosten" not in str(maps.neighbourhood_map())


@pytest.mark.django_db
def test_map_without_wijken_says_so():
    assert "De kaart is nog niet beschikbaar" in str(maps.neighbourhood_map())


@pytest.mark.django_db
def test_template_tag_links_the_stylesheet_once_and_gives_each_map_its_own_title_id(wijken):
    request = RequestFactory().get("/")
    html = Template(
        "{% load neighbourhood_maps %}{% neighbourhood_map %}{% neighbourhood_map highlight=wijk %}"
    ).render(Context({"request": request, "wijk": Neighbourhood.objects.get(slug="bret")}))
    assert html.count('<link rel="stylesheet" href="/static/neighbourhoods/map.css">') == 1
    assert 'aria-labelledby="wijkenkaart"' in html
    assert 'aria-labelledby="wijkenkaart-2"' in html
    assert html.count('class="wijk-map-skip" href="#wijkenkaart-na"') == 1
    assert 'id="wijkenkaart-na"' in html

    request = RequestFactory().get("/")
    html = Template(
        "{% load neighbourhood_maps %}{% neighbourhood_map_stylesheet %}<main>{% neighbourhood_map %}</main>"
    ).render(Context({"request": request}))
    assert html.count("map.css") == 1
    assert html.index("map.css") < html.index("<main>")


@pytest.mark.django_db
def test_wijk_from_a_factory_without_boundary_is_left_off_the_map():
    NeighbourhoodFactory(name="Met grens", slug="met-grens", boundary=square())
    NeighbourhoodFactory(name="Zonder grens", slug="zonder-grens", boundary=None, district=DistrictFactory())
    found = links(parse(maps.neighbourhood_map()))
    assert [a.get("href") for a in found] == ["/wijken/met-grens/"]


@pytest.mark.django_db
def test_map_is_fast(wijken):
    import time

    maps.invalidate()
    start = time.perf_counter()
    maps.neighbourhood_map()
    cold = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(20):
        maps.neighbourhood_map()
    warm = (time.perf_counter() - start) / 20
    assert cold < 0.5
    assert warm < 0.02


@pytest.mark.django_db
def test_another_process_reads_the_drawn_map_from_the_shared_cache(wijken, django_assert_num_queries):
    first = maps.map_data()
    maps._last = None  # what a fresh web worker has
    with django_assert_num_queries(0):
        assert maps.map_data() == first
        assert len(links(parse(maps.neighbourhood_map()))) == 31
    # A change made by one process reaches the others through the version in the cache.
    Neighbourhood.objects.filter(slug="bret").update(name="Bret-Noord")
    maps.invalidate()
    assert 'aria-label="Bret-Noord"' in str(maps.neighbourhood_map())
