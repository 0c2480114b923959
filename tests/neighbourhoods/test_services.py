import hashlib
import json
import math
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from neighbourhoods.models import District, Neighbourhood
from neighbourhoods.services import (
    EXAMPLE_DISTRICTS,
    SECTORS_FILE,
    WIJKEN_FILE,
    load_example_districts,
    load_neighbourhoods,
)
from tests.factories import DistrictFactory

pytestmark = pytest.mark.django_db

SHARED = Path("/work/shared/data")


# The data in the project.


@pytest.mark.parametrize("path", [WIJKEN_FILE, SECTORS_FILE])
def test_data_files_are_copies_of_the_shared_data_with_attribution(path):
    readme = (path.parent / "README.md").read_text(encoding="utf-8")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert f"{digest}  {path.name}" in readme
    if (SHARED / path.name).exists():
        assert (SHARED / path.name).read_bytes() == path.read_bytes()
    assert (
        "Wijken voor omgevingsanalyse. © gemeentebesturen, verzameld door Data & Analyse van de Vlaamse provincies"
        in readme
    )
    assert "github.com/provinciesincijfers/gebiedsniveaus/blob/master/gemeente_statsec_wijken/readme.md" in readme
    assert "Statbel (Algemene Directie Statistiek), statistische sectoren 2025" in readme
    assert "Modellicentie Gratis Hergebruik v1.0" in readme


# The loader.


def test_loader_creates_the_31_wijken_with_codes_names_slugs_and_boundaries():
    assert load_neighbourhoods() == (31, 0)
    wijken = Neighbourhood.objects.order_by("code")
    assert [w.code for w in wijken] == [f"71016W{number:02d}" for number in range(1, 32)]
    for wijk in wijken:
        assert wijk.boundary["type"] == "Polygon"
        ring = wijk.boundary["coordinates"][0]
        assert len(ring) >= 4 and ring[0] == ring[-1]
        for lon, lat in ring:
            assert 5.35 < lon < 5.65 and 50.90 < lat < 51.05  # Genk, in WGS84
        assert wijk.population is None  # the data has no population figures
    by_code = {w.code: w for w in wijken}
    assert (by_code["71016W26"].name, by_code["71016W26"].slug) == ("Waterschei-Noord", "waterschei-noord")
    assert (by_code["71016W29"].name, by_code["71016W29"].slug) == ("Winterslag 2 en 4", "winterslag-2-en-4")
    assert by_code["71016W06"].get_absolute_url() == "/wijken/genk-centrum/"


def test_loader_stores_the_statistical_sectors_of_each_wijk():
    load_neighbourhoods()
    oud_winterslag = Neighbourhood.objects.get(code="71016W24")
    assert oud_winterslag.statistical_sectors == [
        {"code": "71016A31K", "name": "Oud-Winterslag C-Mine"},
        {"code": "71016A37K", "name": "Winterslag Terril"},
    ]
    assert oud_winterslag.sector_names == ["Oud-Winterslag C-Mine", "Winterslag Terril"]
    total = sum(len(w.statistical_sectors) for w in Neighbourhood.objects.all())
    assert total == 59  # every sector but "niet te lokaliseren"
    assert all(w.statistical_sectors for w in Neighbourhood.objects.all())


def test_loader_is_idempotent():
    load_neighbourhoods()
    before = {w.code: (w.name, w.slug, w.boundary, w.modified) for w in Neighbourhood.objects.all()}
    assert load_neighbourhoods() == (0, 0)
    after = {w.code: (w.name, w.slug, w.boundary, w.modified) for w in Neighbourhood.objects.all()}
    assert after == before
    assert Neighbourhood.objects.count() == 31


def test_loader_repairs_what_changed_and_keeps_what_people_entered(wijken):
    wijk = Neighbourhood.objects.get(code="71016W01")
    district = wijk.district
    wijk.name, wijk.slug, wijk.boundary = "Bokrijk (oud)", "bokrijk-oud", None
    wijk.population, wijk.population_year, wijk.description = 1234, 2024, "Een groene wijk."
    wijk.save()
    assert load_neighbourhoods() == (0, 1)
    wijk.refresh_from_db()
    assert (wijk.name, wijk.slug, wijk.boundary["type"]) == ("Bokrijk", "bokrijk", "Polygon")
    assert (wijk.population, wijk.population_year, wijk.description, wijk.district) == (
        1234,
        2024,
        "Een groene wijk.",
        district,
    )


def test_loader_reads_another_file(tmp_path):
    path = tmp_path / "wijken.geojson"
    data = json.loads(WIJKEN_FILE.read_text(encoding="utf-8"))
    data["features"] = data["features"][:2]
    path.write_text(json.dumps(data), encoding="utf-8")
    assert load_neighbourhoods(path, sectors_path=None) == (2, 0)
    assert Neighbourhood.objects.get(code="71016W01").statistical_sectors == []


def test_command_loads_the_wijken_and_optionally_the_example_districts():
    out = StringIO()
    call_command("load_neighbourhoods", stdout=out)
    assert "31 in the database (31 new, 0 updated)" in out.getvalue()
    assert District.objects.count() == 0
    out = StringIO()
    call_command("load_neighbourhoods", "--example-districts", stdout=out)
    assert "31 in the database (0 new, 0 updated)" in out.getvalue()
    assert "Example districts: 8 new, 31 wijken assigned" in out.getvalue()
    out = StringIO()
    call_command("load_example_districts", stdout=out)
    assert "Example districts: 0 new, 0 wijken assigned" in out.getvalue()


# The example districts.


def test_example_districts_group_the_31_wijken_in_8_marked_districts():
    load_neighbourhoods()
    assert load_example_districts() == (8, 31)
    districts = District.objects.all()
    assert districts.count() == 8
    for district in districts:
        assert district.is_example
        assert district.name.startswith("Stadsdeel ") and district.name.endswith(" (voorbeeld)")
        assert district.neighbourhoods.count() >= 3
        assert district.get_absolute_url() == f"/wijken/stadsdelen/{district.slug}/"
    assert not Neighbourhood.objects.filter(district=None).exists()
    assert sum(d.neighbourhoods.count() for d in districts) == 31
    assert District.objects.get(slug="stadsdeel-noord-voorbeeld").neighbourhoods.filter(name="Zwartberg-Noord").exists()


def test_example_mapping_names_each_wijk_exactly_once():
    codes = [code for _name, _description, codes in EXAMPLE_DISTRICTS for code in codes]
    assert sorted(codes) == [f"71016W{number:02d}" for number in range(1, 32)]
    assert len(EXAMPLE_DISTRICTS) == 8


def test_example_districts_are_idempotent(wijken):
    before = dict(Neighbourhood.objects.values_list("code", "district_id"))
    assert load_example_districts() == (0, 0)
    assert dict(Neighbourhood.objects.values_list("code", "district_id")) == before
    assert District.objects.count() == 8


def test_example_districts_leave_a_wijk_that_has_a_district_alone():
    load_neighbourhoods()
    official = DistrictFactory(name="Officieel stadsdeel", slug="officieel")
    Neighbourhood.objects.filter(code="71016W06").update(district=official)
    assert load_example_districts() == (8, 30)
    assert Neighbourhood.objects.get(code="71016W06").district == official


def test_example_districts_before_the_wijken_are_loaded_assign_later():
    assert load_example_districts() == (8, 0)
    load_neighbourhoods()
    assert load_example_districts() == (0, 31)


# "Geographically sensible": each example district is one connected area.


def _ring_metres(ring):
    k = math.cos(math.radians(50.96))
    return [(lon * 111_320 * k, lat * 111_230) for lon, lat in ring]


def _distance_to_segment(point, a, b):
    (px, py), (ax, ay), (bx, by) = point, a, b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / ((dx * dx + dy * dy) or 1)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def _touch(a, b, tolerance=30):
    """Two rings touch when a vertex of one lies within `tolerance` metres of the other."""
    return any(_distance_to_segment(p, b[i], b[i + 1]) < tolerance for p in a for i in range(len(b) - 1))


def test_each_example_district_is_one_connected_area(wijken):
    rings = {w.code: _ring_metres(w.boundary["coordinates"][0]) for w in Neighbourhood.objects.all()}
    for name, _description, codes in EXAMPLE_DISTRICTS:
        reached, todo = {codes[0]}, [codes[0]]
        while todo:
            code = todo.pop()
            for other in codes:
                if other not in reached and (_touch(rings[code], rings[other]) or _touch(rings[other], rings[code])):
                    reached.add(other)
                    todo.append(other)
        assert reached == set(codes), name
