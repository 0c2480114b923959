"""Operations on Genk's wijken and districts: loading the reference data.

Both loaders are idempotent: the demo, the bench seed and `make demo` run them every time.
"""

import csv
import json
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from . import maps
from .models import District, Neighbourhood

DATA_DIR = Path(__file__).resolve().parent / "data"
WIJKEN_FILE = DATA_DIR / "genk_wijken_2025.geojson"
SECTORS_FILE = DATA_DIR / "genk_statistical_sectors_2025.csv"

# The fields the loader owns. Population, description and district are people's to edit:
# the loader never touches them.
LOADED_FIELDS = ["name", "slug", "boundary", "statistical_sectors"]


def read_wijken(path: Path = WIJKEN_FILE) -> list[dict]:
    """The features of the GeoJSON file as {code, name, geometry}, in file order."""
    with open(path, encoding="utf-8") as fh:
        collection = json.load(fh)
    return [
        {
            "code": feature["properties"]["code"],
            "name": feature["properties"]["name"].strip(),
            "geometry": feature["geometry"],
        }
        for feature in collection["features"]
    ]


def read_sectors(path: Path = SECTORS_FILE) -> dict[str, list[dict]]:
    """Statistical sectors per wijk code: {wijk_code: [{code, name}, ...]}, sorted by name.

    The "niet te lokaliseren" sector (71016ZZZZ) belongs to no wijk and is left out."""
    sectors: dict[str, list[dict]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["sector_code"].endswith("ZZZZ"):
                continue
            sectors.setdefault(row["wijk_code"], []).append({"code": row["sector_code"], "name": row["sector_name"]})
    return {code: sorted(rows, key=lambda r: r["name"]) for code, rows in sectors.items()}


@transaction.atomic
def load_neighbourhoods(path: Path = WIJKEN_FILE, sectors_path: Path | None = SECTORS_FILE) -> tuple[int, int]:
    """Create or update Genk's wijken from the GeoJSON file, matched by code.

    Sets name, slug (`slugify(name)`), boundary and statistical sectors; leaves population,
    description and district alone, deletes nothing (other apps point at wijken), and saves
    only what changed: a second run updates nothing. Returns (created, updated).
    """
    features = read_wijken(path)
    sectors = read_sectors(sectors_path) if sectors_path else {}
    existing = Neighbourhood.objects.in_bulk([f["code"] for f in features], field_name="code")
    created, changed = [], []
    for feature in features:
        values = {
            "name": feature["name"],
            "slug": slugify(feature["name"]),
            "boundary": feature["geometry"],
            "statistical_sectors": sectors.get(feature["code"], []),
        }
        wijk = existing.get(feature["code"])
        if wijk is None:
            created.append(Neighbourhood(code=feature["code"], **values))
            continue
        if any(getattr(wijk, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(wijk, name, value)
            changed.append(wijk)
    if created:
        Neighbourhood.objects.bulk_create(created)
    if changed:
        # bulk_update skips auto_now: set `modified` by hand so the change is visible.
        now = timezone.now()
        for wijk in changed:
            wijk.modified = now
        Neighbourhood.objects.bulk_update(changed, [*LOADED_FIELDS, "modified"])
    if created or changed:
        maps.invalidate()
    return len(created), len(changed)


# An example grouping of the 31 wijken into 8 districts. The city has 8 districts
# (stadsdelen) but has not published their names or composition, so these are made up and
# say so in their name. Each group is a contiguous area (neighbouring polygons, checked in
# tests/neighbourhoods/test_services.py) named after its position from the city centre.
EXAMPLE_DISTRICTS: list[tuple[str, str, list[str]]] = [
    # (name, description, wijk codes)
    (
        "Stadsdeel Centrum (voorbeeld)",
        "Het stadscentrum en de wijken er vlak rond: Genk-Centrum, Genk-Centrum-Noord, Molenblook en Vlakveld.",
        ["71016W06", "71016W07", "71016W15", "71016W25"],
    ),
    (
        "Stadsdeel Noord (voorbeeld)",
        "Zwartberg, Nieuwe Kempen en Driehoeven, in het noorden van de stad.",
        ["71016W30", "71016W31", "71016W20", "71016W17", "71016W04"],
    ),
    (
        "Stadsdeel Noordoost (voorbeeld)",
        "Waterschei-Noord, Waterschei-Zuid, Nieuw-Texas en Hoevenzavel.",
        ["71016W26", "71016W27", "71016W19", "71016W09"],
    ),
    (
        "Stadsdeel Oost (voorbeeld)",
        "Oud-Waterschei, Bret en Gelieren, in het oosten van de stad.",
        ["71016W23", "71016W03", "71016W05"],
    ),
    (
        "Stadsdeel Noordwest (voorbeeld)",
        "Winterslag en het industrieterrein Genk-Noord.",
        ["71016W24", "71016W28", "71016W29", "71016W10"],
    ),
    (
        "Stadsdeel West (voorbeeld)",
        "Boxbergheide, Hasseltweg en Bokrijk, in het westen van de stad.",
        ["71016W02", "71016W08", "71016W01"],
    ),
    (
        "Stadsdeel Zuidwest (voorbeeld)",
        "Oud- en Nieuw-Termien en Kolderbos.",
        ["71016W18", "71016W22", "71016W13"],
    ),
    (
        "Stadsdeel Zuid (voorbeeld)",
        "Kattevenne, Langerlo, Sledderlo en het industrieterrein Genk-Zuid.",
        ["71016W12", "71016W14", "71016W21", "71016W16", "71016W11"],
    ),
]


@transaction.atomic
def load_example_districts() -> tuple[int, int]:
    """Create the 8 example districts and put each wijk without a district in one.

    Districts are matched by slug and marked `is_example`; a wijk that already has a district
    (set by a person, or by an earlier run) keeps it, so a second run changes nothing and an
    official grouping entered later is never overwritten. Wijken that are not loaded yet are
    skipped. Returns (districts created, wijken assigned).
    """
    districts_created = assigned = 0
    wijken = Neighbourhood.objects.in_bulk(
        [code for _name, _description, codes in EXAMPLE_DISTRICTS for code in codes], field_name="code"
    )
    for name, description, codes in EXAMPLE_DISTRICTS:
        district, was_created = District.objects.get_or_create(
            slug=slugify(name),
            defaults={"name": name, "description": description, "is_example": True},
        )
        districts_created += was_created
        without = [wijken[code].pk for code in codes if code in wijken and wijken[code].district_id is None]
        if without:
            assigned += Neighbourhood.objects.filter(pk__in=without, district__isnull=True).update(district=district)
    if districts_created or assigned:
        maps.invalidate()
    return districts_created, assigned
