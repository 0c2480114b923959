import random

import pytest

from bench.distribution import AGE_BANDS, allocate, geometry_area, weights, year_of_birth


def square(lon, lat, size):
    return [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]


def test_area_of_a_polygon_in_square_metres():
    # 0.01° × 0.01° at Genk's latitude: 1,112 m north-south × 701 m east-west.
    area = geometry_area({"type": "Polygon", "coordinates": [square(5.5, 50.96, 0.01)]})
    assert area == pytest.approx(1_112.3 * 701.3, rel=0.005)


def test_area_subtracts_holes_and_adds_up_multipolygons():
    outer, hole = square(5.5, 50.96, 0.02), square(5.505, 50.965, 0.01)
    with_hole = geometry_area({"type": "Polygon", "coordinates": [outer, hole]})
    assert with_hole == pytest.approx(0.75 * geometry_area({"type": "Polygon", "coordinates": [outer]}))
    multi = {"type": "MultiPolygon", "coordinates": [[square(5.5, 50.96, 0.01)], [square(5.6, 50.96, 0.01)]]}
    assert geometry_area(multi) == pytest.approx(
        2 * geometry_area({"type": "Polygon", "coordinates": [square(5.5, 50.96, 0.01)]})
    )
    assert geometry_area(None) == 0


def test_allocate_adds_up_exactly_and_stays_within_one_of_the_share():
    shares = {"a": 1.0, "b": 2.0, "c": 3.5, "d": 0.25}
    parts = allocate(1_001, shares)
    assert sum(parts.values()) == 1_001
    for key, weight in shares.items():
        assert abs(parts[key] - 1_001 * weight / 6.75) < 1


def test_allocate_refuses_zero_weights():
    with pytest.raises(ValueError):
        allocate(10, {"a": 0})


def test_weights_use_population_where_known_and_area_for_the_rest():
    population = {"a": 6_000, "b": None, "c": None}
    area = {"a": 5.0, "b": 1.0, "c": 3.0}
    result, basis = weights(population, area, city_population=10_000)
    assert basis == {"a": "population", "b": "area", "c": "area"}
    # b and c share the 4,000 people not in a's figure, 1:3 by area.
    assert result == {"a": 6_000, "b": 1_000, "c": 3_000}


def test_weights_without_any_population_are_the_areas():
    result, basis = weights({"a": None, "b": None}, {"a": 2.0, "b": 6.0}, city_population=10_000)
    assert set(basis.values()) == {"area"}
    assert allocate(100, result) == {"a": 25, "b": 75}


def test_years_of_birth_follow_the_age_bands():
    rng = random.Random(1)
    ages = [2026 - year_of_birth(rng, 2026) for _ in range(20_000)]
    assert min(ages) >= 12 and max(ages) <= 99
    for low, high, share in AGE_BANDS:
        in_band = sum(low <= age <= high for age in ages) / len(ages)
        assert in_band == pytest.approx(share / 100, abs=0.015)
