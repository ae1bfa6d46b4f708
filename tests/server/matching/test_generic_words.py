"""Generic words: words that name a kind of place rather than the place."""

from __future__ import annotations

import pytest

from toponym_server.matching.generic_words import ADMIN_WORDS, LINK_WORDS, PLACE_WORDS, kind_of
from toponym_server.matching.normalize import normalize


@pytest.mark.parametrize(
    "word", ["governorate", "muhafazat", "province", "provinz", "district", "oblast", "wilayah", "amphoe", "qada"]
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


def test_persian_ostan_e_is_dropped() -> None:
    assert normalize("Ostan-e Tehran").tokens == ("tehran",)


@pytest.mark.parametrize(("query", "kind"), [("Governorate of Idlib", "admin"), ("Town of Hama", "place")])
def test_generic_word_before_the_name(query: str, kind: str) -> None:
    views = normalize(query)
    assert views.generic_kind == kind
    assert len(views.tokens) == 1
