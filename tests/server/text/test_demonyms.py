"""A country's adjective before a kind of place and *of*: which country it names."""

from __future__ import annotations

import pytest

from toponym_server.text.demonyms import COUNTRY_OF_ADJECTIVE, country_before


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ("The French port of ", ("France", False)),
        ("Clashes shook the Lebanese city of ", ("Lebanon", False)),
        ("Storms hit the US state of ", ("United States", True)),
        ("Storms hit the U.S. state of ", ("United States", True)),
        ("in the South African city of ", ("South Africa", False)),
        ("The Syrian border town of ", ("Syria", False)),
        ("the Mexican state of ", ("Mexico", True)),
        # Russian: the adjective right before the name, in any case, or before a kind's word.
        ("Французский ", ("France", False)),
        ("Протесты прошли в сирийском городе ", ("Syria", False)),
        ("в американском штате ", ("United States", True)),
    ],
)
def test_an_adjective_a_kind_of_place_and_of_name_a_country(before: str, expected: tuple[str, bool]) -> None:
    assert country_before(before + "Brest said", len(before)) == expected


@pytest.mark.parametrize(
    "before",
    [
        "The French president of ",  # no kind of place
        "the Dutch of ",  # no kind of place
        "The Ancient city of ",  # no country's adjective
        "the French port, ",  # no *of*
        "the french port of ",  # not capitalised
        "в Московской области ",  # no country's adjective
        "Французский президент посетил ",  # an adjective, but of another word
    ],
)
def test_other_words_before_a_name_name_no_country(before: str) -> None:
    assert country_before(before + "Brest said", len(before)) is None


def test_the_adjectives_are_lower_case_and_their_countries_named_in_full() -> None:
    assert all(adjective == adjective.lower() for adjective in COUNTRY_OF_ADJECTIVE)
    assert all(country[0].isupper() and len(country) > 3 for country in COUNTRY_OF_ADJECTIVE.values())
