"""The embedded default gazetteer's source: which city is a country's capital."""

from __future__ import annotations

from toponym_server.sources.embedded import _capital_ids


def city(geoname_id: int, name: str, country: str, population: int) -> dict[str, object]:
    return {"geonameid": str(geoname_id), "name": name, "countrycode": country, "population": population}


def test_only_the_most_populous_town_of_the_capitals_name_is_the_capital() -> None:
    cities = {
        "1": city(4229546, "Washington", "US", 3981),
        "2": city(4140963, "Washington", "US", 689545),
        "3": city(4281253, "Washington", "US", 1085),
        "4": city(170654, "Damascus", "SY", 1569394),
        "5": city(4994358, "Damascus", "US", 5000),
    }
    assert _capital_ids(cities, {("US", "Washington"), ("SY", "Damascus")}) == {4140963, 170654}
