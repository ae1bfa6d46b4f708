"""Generic words: words that name a kind of place rather than the place."""

from __future__ import annotations

import pytest

from toponym_server.matching.generic_words import (
    ADMIN_WORDS,
    LINK_WORDS,
    PLACE_WORDS,
    SUBDIVISION_WORDS,
    asks_for_subdivision,
    kind_of,
)
from toponym_server.matching.normalize import normalize


@pytest.mark.parametrize(
    "word",
    [
        "governorate",
        "muhafazat",
        "province",
        "provinz",
        "district",
        "oblast",
        "wilayah",
        "amphoe",
        "qada",
        "countryside",
        "parish",  # Jamaica's, Barbados's, Louisiana's
    ],
)
def test_admin_words(word: str) -> None:
    assert kind_of(word) == "admin"


@pytest.mark.parametrize("word", ["city", "town", "village", "madinat", "ville", "stadt", "camp"])
def test_place_words(word: str) -> None:
    assert kind_of(word) == "place"


@pytest.mark.parametrize("word", ["raqqa", "hama", "of", "al", "", "Governorate"])
def test_other_words_are_not_generic(word: str) -> None:
    # kind_of() sees folded words: upper case never reaches it
    assert kind_of(word) is None


def test_the_word_lists_do_not_overlap() -> None:
    assert not ADMIN_WORDS & PLACE_WORDS
    assert not (ADMIN_WORDS | PLACE_WORDS) & LINK_WORDS


@pytest.mark.parametrize("word", sorted((ADMIN_WORDS | PLACE_WORDS) - {"ostan-e"}))
def test_every_generic_word_is_dropped_from_a_name(word: str) -> None:
    views = normalize(f"Hama {word}")
    assert views.tokens == ("hama",)
    assert views.generic_kind == kind_of(normalize(word).folded)


@pytest.mark.parametrize(
    ("name", "kind"),
    [("провинция Идлиб", "admin"), ("мухафаза Бекаа", "admin"), ("район Африн", "admin"), ("город Идлиб", "place")],
)
def test_russian_generic_words_are_dropped_as_romanised(name: str, kind: str) -> None:
    views = normalize(name)
    assert len(views.tokens) == 1
    assert views.generic_kind == kind


def test_persian_ostan_e_is_dropped() -> None:
    assert normalize("Ostan-e Tehran").tokens == ("tehran",)


@pytest.mark.parametrize(("query", "kind"), [("Governorate of Idlib", "admin"), ("Town of Hama", "place")])
def test_generic_word_before_the_name(query: str, kind: str) -> None:
    views = normalize(query)
    assert views.generic_kind == kind
    assert len(views.tokens) == 1


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("Kao-yu-hsien", "Kao-yu"),  # Wade-Giles county
        ("Xiacun Zhen", "Xiacun"),  # pinyin town
        ("Lungsod ng Tagaytay", "Tagaytay"),  # Filipino "city of"
        ("Kalmar stad", "Kalmar"),  # Swedish
        ("Chelak Shahri", "Chelak"),  # Uzbek
        ("Makakilo City CDP", "Makakilo"),  # US census-designated place
        ("Junin Siti", "Junin"),  # "City" as Russian transcribes it
        ("Gaza-urbo", "Gaza"),  # Esperanto
        ("Shampini na Marni", "Shampini Marni"),  # Russian "on" of a river town
        ("Savin'i-sjur-Orzh", "Savin'i Orzh"),  # French "sur" as Russian transcribes it
        ("Harrow i London", "Harrow London"),  # Scandinavian "in"
    ],
)
def test_generic_and_link_words_of_more_languages_do_not_stop_a_match(query: str, name: str) -> None:
    assert normalize(query).tokens == normalize(name).tokens


def test_the_words_of_subdivisions_are_admin_words() -> None:
    assert SUBDIVISION_WORDS <= ADMIN_WORDS


@pytest.mark.parametrize(
    ("folded", "expected"),
    [
        ("donetsk region", False),
        ("idlib governorate", False),
        ("oblast donetsk", False),
        ("kharkiv raion", True),
        ("afrin district", True),
        ("district of columbia", True),
        ("donetsk", False),
        ("idlib countryside", False),  # the rural governorate, not a district of it
    ],
)
def test_asks_for_subdivision(folded: str, expected: bool) -> None:
    assert asks_for_subdivision(folded) is expected


def test_a_governorates_countryside_in_arabic_asks_for_an_admin_area() -> None:
    assert normalize("ريف إدلب").generic_kind == "admin"
