"""A country's adjective before a kind of place and *of*: which country it names, and the kind's sort."""

from __future__ import annotations

import pytest

from toponym_server.text.demonyms import COUNTRY_OF_ADJECTIVE, country_before
from toponym_server.text.demonyms_arabic import COUNTRY_OF_ARABIC_ADJECTIVE, arabic_country_after
from toponym_server.text.demonyms_romance import COUNTRY_OF_ROMANCE_ADJECTIVE, romance_country_after


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ("The French port of ", ("France", False, True)),
        ("Clashes shook the Lebanese city of ", ("Lebanon", False, True)),
        ("Storms hit the US state of ", ("United States", True, False)),
        ("Storms hit the U.S. state of ", ("United States", True, False)),
        ("in the South African city of ", ("South Africa", False, True)),
        ("The Syrian border town of ", ("Syria", False, True)),
        ("the Mexican state of ", ("Mexico", True, False)),
        # Russian: the adjective right before the name, in any case, or before a kind's word.
        ("Французский ", ("France", False, False)),
        ("Протесты прошли в сирийском городе ", ("Syria", False, True)),
        ("в американском штате ", ("United States", True, False)),
        # French, Spanish, Italian and Portuguese: the adjective after the kind's word, before *de*.
        ("dans la ville française de ", ("France", False, True)),
        ("la ville portuaire française de ", ("France", False, True)),
        ("la province syrienne d'", ("Syria", True, False)),
        ("l'État américain de ", ("United States", True, False)),
        ("les villes ukrainiennes de ", ("Ukraine", False, True)),
        ("la ciudad venezolana de ", ("Venezuela", False, True)),
        ("el estado mexicano de ", ("Mexico", True, False)),
        ("la ciudad alemana de ", ("Germany", False, True)),
        ("nella città libica di ", ("Libya", False, True)),
        ("lo stato americano della ", ("United States", True, False)),
        ("le città tedesche di ", ("Germany", False, True)),
        ("a cidade libanesa de ", ("Lebanon", False, True)),
        ("a cidade alemã de ", ("Germany", False, True)),
        ("o estado americano da ", ("United States", True, False)),
        # German: the declined adjective before the kind's word, or before the name.
        ("Die französische Hafenstadt ", ("France", False, True)),
        ("in der ukrainischen Region ", ("Ukraine", True, False)),
        ("im libanesischen ", ("Lebanon", False, False)),
        ("im US-amerikanischen Bundesstaat ", ("United States", True, False)),
        ("die ukrainischen Städte ", ("Ukraine", False, True)),
        ("die Schweizer Stadt ", ("Switzerland", False, True)),  # an adjective that declines not
        ("im nordungarischen ", ("Hungary", False, False)),  # a part of the country
        ("die südostpolnische Stadt ", ("Poland", False, True)),
        # A region's adjective names the state that holds the region, or the country where it spreads
        # over several.
        ("im niedersächsischen ", ("Niedersachsen", False, False)),
        ("ins badische ", ("Baden-Württemberg", False, False)),
        ("im steirischen ", ("Steiermark", False, False)),
        ("im schwäbischen ", ("Germany", False, False)),
        # Before, none: *ost* and *west* were taken for two directions, and *dem* for an adjective before a kind.
        ("aus dem ostwestfälischen ", ("Nordrhein-Westfalen", False, False)),
        ("im nordböhmischen ", ("Czechia", False, False)),
        ("im brandenburgischen Städtchen ", ("Brandenburg", False, True)),
    ],
)
def test_an_adjective_and_a_kind_of_place_name_a_country(before: str, expected: tuple[str, bool, bool]) -> None:
    assert country_before(before + "Brest said", len(before)) == expected


@pytest.mark.parametrize(
    "before",
    [
        "The French president of ",  # no kind of place
        "die südamerikanische Stadt ",  # a continent's part, not the United States
        "die nordirische Stadt ",  # Northern Ireland, not Ireland
        "the Dutch of ",  # no kind of place
        "The Ancient city of ",  # no country's adjective
        "the French port, ",  # no *of*
        "the french port of ",  # not capitalised
        "в Московской области ",  # no country's adjective
        "Французский президент посетил ",  # an adjective, but of another word
        "le président français de ",  # no kind of place before the adjective
        "la ville de ",  # no adjective
        "la ville natale de ",  # an adjective of no country
        "der französische Präsident ",  # another word than a kind's between the adjective and the name
        "in der Stadt ",  # no adjective
        "nach Angaben der ukrainischen ",  # an article with no preposition before it: a noun's (*Marine*)
    ],
)
def test_other_words_before_a_name_name_no_country(before: str) -> None:
    assert country_before(before + "Brest said", len(before)) is None


def test_the_adjectives_are_lower_case_and_their_countries_named_in_full() -> None:
    assert all(adjective == adjective.lower() for adjective in COUNTRY_OF_ADJECTIVE)
    assert all(country[0].isupper() and len(country) > 3 for country in COUNTRY_OF_ADJECTIVE.values())


@pytest.mark.parametrize(
    ("adjective", "country"),
    [
        ("syriennes", "Syria"),  # French: *-ien*, *-ienne*, and their plurals
        ("turque", "Turkey"),
        ("libanaises", "Lebanon"),
        ("alemanas", "Germany"),  # Spanish: *-án*, *-ana*
        ("iraquíes", "Iraq"),
        ("libiche", "Libya"),  # Italian: *-co*, *-che*
        ("tedeschi", "Germany"),
        ("alemães", "Germany"),  # Portuguese: *-ão*, *-ães*
        ("espanhóis", "Spain"),
    ],
)
def test_the_romance_adjectives_come_in_all_their_forms(adjective: str, country: str) -> None:
    assert COUNTRY_OF_ROMANCE_ADJECTIVE[adjective] == country


def test_a_romance_adjective_after_a_name_names_its_country() -> None:
    text = "Les producteurs du Jura français et de Guadalajara española, en Guinea Ecuatorial."
    assert romance_country_after(text, text.index("Jura") + 4) == "France"
    assert romance_country_after(text, text.index("Guadalajara") + 11) == "Spain"
    # A capitalised word is a name's own.
    assert romance_country_after(text, text.index("Guinea") + 6) is None


def test_the_french_du_links_a_kind_and_a_countrys_adjective_to_a_name() -> None:
    # Before, *du* was no link: the canton's country was not read.
    text = "dans le canton suisse du "
    assert country_before(text, len(text)) == ("Switzerland", True, False)


def test_an_arabic_adjective_after_a_name_names_its_country() -> None:
    text = "في مدينة البيضاء الليبية ومنطقة الجوف السعودية وبلدة الرمثا الاردنية وشارع الحمرا الرئيسي"
    assert arabic_country_after(text, text.index("البيضاء") + len("البيضاء")) == "Libya"
    assert arabic_country_after(text, text.index("الجوف") + len("الجوف")) == "Saudi Arabia"
    assert arabic_country_after(text, text.index("الرمثا") + len("الرمثا")) == "Jordan"  # the alef without its hamza
    # Main (الرئيسي) is an adjective of no country.
    assert arabic_country_after(text, text.index("الحمرا") + len("الحمرا")) is None


def test_the_arabic_adjectives_name_the_countries_the_other_tables_name() -> None:
    named = set(COUNTRY_OF_ADJECTIVE.values()) | set(COUNTRY_OF_ROMANCE_ADJECTIVE.values())
    assert set(COUNTRY_OF_ARABIC_ADJECTIVE.values()) <= named
