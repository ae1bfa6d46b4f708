"""Prominence: the prior weight of a place before its name is looked at."""

from __future__ import annotations

import pytest

from toponym_server.matching.features import Kind, kind_of_feature
from toponym_server.matching.prominence import as_populated, prominence


def test_country_capital_big_city_village_are_ordered() -> None:
    country = prominence("A", "PCLI", 18_000_000)
    capital = prominence("P", "PPLC", 2_000_000)
    big_city = prominence("P", "PPL", 500_000)
    small_village = prominence("P", "PPL", 150)
    assert country > capital > big_city > small_village


def test_a_small_capital_still_outranks_a_bigger_ordinary_city() -> None:
    assert prominence("P", "PPLC", 30_000) > prominence("P", "PPL", 500_000)


def test_country_prominence_does_not_depend_on_population() -> None:
    assert prominence("A", "PCLI", 0) == prominence("A", "PCLI", 300_000_000) == 1.0
    assert prominence("A", "PCLD", 50_000) == 1.0
    assert prominence("A", "TERR", 0) == 1.0


def test_population_orders_places_of_one_kind() -> None:
    values = [prominence("P", "PPL", population) for population in (0, 100, 10_000, 1_000_000)]
    assert values == sorted(values)
    assert len(set(values)) == len(values)


def test_first_level_divisions_and_seats_have_floors() -> None:
    assert prominence("A", "ADM1", 0) >= 0.7
    assert prominence("A", "ADM1", 0) > prominence("A", "ADM2", 0) > prominence("A", "ADM3", 0)
    assert prominence("P", "PPLA", 1_000) > prominence("P", "PPL", 1_000)


def test_a_division_counts_less_than_a_city_of_the_same_population() -> None:
    assert prominence("A", "ADM3", 1_000_000) < prominence("P", "PPL", 1_000_000)


def test_an_unpopulated_natural_feature_is_not_zero() -> None:
    assert 0.3 <= prominence("H", "STM", 0) < prominence("P", "PPL", 1_000_000)


@pytest.mark.parametrize(
    ("feature_class", "feature_code", "population"),
    [
        ("A", "PCLI", 0),
        ("P", "PPLC", 10**10),
        ("P", "PPL", 10**10),
        ("P", "PPL", 0),
        ("P", "PPL", -5),
        ("A", "ADM1", 10**10),
        ("H", "STM", 10**10),
        ("T", "MT", 0),
        ("", "", 0),
    ],
)
def test_values_lie_in_the_unit_interval(feature_class: str, feature_code: str, population: int) -> None:
    assert 0.0 <= prominence(feature_class, feature_code, population) <= 1.0


@pytest.mark.parametrize(
    ("feature_class", "feature_code", "kind"),
    [
        ("A", "PCLI", Kind.COUNTRY),
        ("A", "PCLD", Kind.COUNTRY),
        ("A", "TERR", Kind.COUNTRY),
        ("A", "ADM1", Kind.ADMIN_AREA),
        ("A", "ADM2", Kind.ADMIN_AREA),
        ("A", "ZN", Kind.OTHER),
        ("P", "PPLC", Kind.POPULATED_PLACE),
        ("P", "PPLX", Kind.POPULATED_PLACE),
        ("H", "STM", Kind.OTHER),
    ],
)
def test_feature_kinds(feature_class: str, feature_code: str, kind: Kind) -> None:
    assert kind_of_feature(feature_class, feature_code) is kind


def test_a_place_named_in_many_ways_outranks_a_namesake_of_its_size() -> None:
    famous = prominence("P", "PPL", 50_000, name_count=120)
    obscure = prominence("P", "PPL", 50_000, name_count=3)
    assert famous > obscure > prominence("P", "PPL", 50_000)
    assert prominence("P", "PPL", 50_000, name_count=10_000) < prominence("A", "PCLI", 0) == 1.0


def test_a_seat_weighs_at_least_as_its_level_and_a_seat_of_no_known_level_as_the_lowest() -> None:
    assert prominence("P", "PPLA", 0) > prominence("P", "PPLA2", 0) > prominence("P", "PPLA3", 0)
    assert prominence("P", "PPLA3", 0) > prominence("P", "PPLA4", 0) > prominence("P", "PPL", 0)
    assert prominence("P", "PPL", 0, seat=True) == prominence("P", "PPLA4", 0)
    assert prominence("P", "PPL", 200_000, seat=True) == prominence("P", "PPL", 200_000)


def test_a_capital_as_populated_loses_only_what_its_floor_added() -> None:
    tiny = prominence("P", "PPLC", 902, name_count=30)
    assert as_populated(tiny, "PPLC", 902) == pytest.approx(prominence("P", "PPL", 902, name_count=30))
    big = prominence("P", "PPLC", 2_000_000, name_count=30)
    assert as_populated(big, "PPLC", 2_000_000) == big
