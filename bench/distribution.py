"""How many seeded residents live in each wijk, and how old they are. Pure functions."""

import math
import random
from collections.abc import Mapping

# Metres per degree around Genk (50.96° N): good to a fraction of a percent for areas the
# size of a wijk, which is all a weight needs.
GENK_LATITUDE = 50.96
_M_PER_DEG_LAT = 111_230.0
_M_PER_DEG_LON = 111_320.0 * math.cos(math.radians(GENK_LATITUDE))


def _ring_area(ring) -> float:
    """Shoelace area (m²) of one closed ring of [lon, lat] points."""
    total = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        total += (x1 * _M_PER_DEG_LON) * (y2 * _M_PER_DEG_LAT) - (x2 * _M_PER_DEG_LON) * (y1 * _M_PER_DEG_LAT)
    return abs(total) / 2


def geometry_area(geometry: Mapping | None) -> float:
    """The area in m² of a GeoJSON Polygon or MultiPolygon (holes subtracted); 0 if none."""
    if not geometry:
        return 0.0
    if geometry.get("type") == "Feature":
        geometry = geometry.get("geometry") or {}
    kind, coordinates = geometry.get("type"), geometry.get("coordinates") or []
    polygons = [coordinates] if kind == "Polygon" else coordinates if kind == "MultiPolygon" else []
    area = 0.0
    for rings in polygons:
        if rings:
            area += _ring_area(rings[0]) - sum(_ring_area(hole) for hole in rings[1:])
    return area


def weights(population: Mapping, area: Mapping, city_population: int) -> tuple[dict, dict]:
    """Weights per wijk for spreading residents, and the basis of each ("population" or "area").

    A wijk's known population is its weight. The wijken without one share the rest of the
    city's population (`city_population` minus the known figures) in proportion to their
    area. With no figure known at all, the weight is the area alone.
    """
    known = {key: value for key, value in population.items() if value}
    unknown = [key for key in area if key not in known]
    result = {key: float(value) for key, value in known.items()}
    basis = dict.fromkeys(known, "population")
    if unknown:
        unknown_area = sum(area[key] for key in unknown)
        rest = max(city_population - sum(known.values()), 0) if known else unknown_area
        for key in unknown:
            result[key] = rest * area[key] / unknown_area if unknown_area else 0.0
            basis[key] = "area"
    return result, basis


def allocate(total: int, weights: Mapping) -> dict:
    """Split `total` into whole numbers proportional to `weights` (largest remainder, ties by
    key order): the parts add up to `total` exactly and each is within 1 of its share."""
    weight_sum = sum(weights.values())
    if not weights or weight_sum <= 0:
        raise ValueError("Need at least one positive weight")
    exact = {key: total * w / weight_sum for key, w in weights.items()}
    parts = {key: math.floor(value) for key, value in exact.items()}
    short = total - sum(parts.values())
    for key in sorted(exact, key=lambda k: (parts[k] - exact[k], str(k)))[:short]:
        parts[key] += 1
    return parts


# Age bands of people with an account, from 12 (children's panels, youth councils) up:
# an approximation of Genk's population pyramid (Statbel, 1 January 2024: a younger city than
# the Flemish average), not an official breakdown.
AGE_BANDS = [
    # (youngest, oldest, share in %)
    (12, 17, 8),
    (18, 24, 10),
    (25, 34, 15),
    (35, 44, 15),
    (45, 54, 15),
    (55, 64, 15),
    (65, 74, 12),
    (75, 84, 7),
    (85, 99, 3),
]


def year_of_birth(rng: random.Random, this_year: int) -> int:
    low, high, _share = rng.choices(AGE_BANDS, weights=[band[2] for band in AGE_BANDS])[0]
    return this_year - rng.randint(low, high)
