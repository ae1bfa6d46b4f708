"""Index keys: how a query reaches the names it should without scanning the index."""

from __future__ import annotations

import pytest

from toponym_server.matching.keys import (
    DELETION,
    EXACT,
    PHONETIC,
    SKELETON,
    QueryKeys,
    exact_key,
    exact_keys,
    index_keys,
    name_keys,
    naming_keys,
    query_keys,
)
from toponym_server.matching.normalize import normalize


def keys_of(query: str) -> QueryKeys:
    return query_keys(normalize(query))


def strong_keys(query: str) -> set[str]:
    found = keys_of(query)
    return {*found.exact, *found.phonetic, *found.skeleton}


def test_every_key_is_prefixed_by_its_kind() -> None:
    keys = name_keys("az-Zabadani")
    assert {k[0] for k in keys} <= {EXACT, PHONETIC, SKELETON, DELETION}
    assert EXACT + "azzabadani" in keys
    assert PHONETIC + normalize("az-Zabadani").phonetic in keys
    assert SKELETON + normalize("az-Zabadani").skeleton in keys


def test_query_exact_key_equals_the_name_exact_key() -> None:
    assert keys_of("Al Ḩasakah").exact == (EXACT + "alhasakah",)
    assert exact_key(normalize("Al Ḩasakah")) == EXACT + "alhasakah"
    assert EXACT + "alhasakah" in name_keys("Al-Hasakah")


def test_a_query_describing_a_name_with_a_generic_word_looks_up_that_names_exact_key_too() -> None:
    # Beirut city reaches the places named Beirut as surely as Beirut does.
    assert exact_keys(normalize("Beirut city")) == (EXACT + "beirutcity", EXACT + "beirut")
    assert keys_of("Beirut city").exact == exact_keys(normalize("Beirut city"))
    assert EXACT + "beirut" in name_keys("Beirut")
    assert exact_keys(normalize("Beirut")) == (EXACT + "beirut",)
    assert exact_keys(normalize("Ciudad Juárez")) == (EXACT + "ciudadjuarez",)


@pytest.mark.parametrize(
    ("name", "queries"),
    [
        ("Al-Hasakah", ["Hasakeh", "Hassakeh", "Al Hasaka", "Haseke", "Хасеке", "الحسكة"]),
        ("Deir ez-Zor", ["Dayr az Zawr", "Deir Ezzor", "Deir al-Zour", "دير الزور"]),
        ("Homs", ["Hims", "حمص"]),
        ("Ar-Raqqah", ["Raqqa", "Rakka", "الرقة"]),
        ("Kobanî", ["Kobane", "كوباني", "کۆبانی"]),
        ("Ayn al-Arab", ["عين العرب"]),
    ],
)
def test_a_name_and_its_spelling_variants_share_a_key(name: str, queries: list[str]) -> None:
    stored = name_keys(name)
    for query in queries:
        assert strong_keys(query) & stored, query


@pytest.mark.parametrize(
    ("name", "query"),
    [("As Samawah", "Samaoua"), ("Shaqlawah", "Chaqlaoua"), ("Halawah", "Haloua"), ("Wadi Barada", "Ouadi Barada")],
)
def test_a_french_spelling_of_a_w_and_the_name_share_a_phonetic_key(name: str, query: str) -> None:
    # French writes Samawa Samaoua: its ou before a vowel is a w.
    assert set(keys_of(query).phonetic) & name_keys(name)
    assert set(keys_of(name).phonetic) & name_keys(query)  # and the other way round


@pytest.mark.parametrize(
    ("name", "query"),
    [("Jindires", "Cindirês"), ("Khanaqin", "Xaneqîn"), ("Erciş", "Эрджиш"), ("Erciş", "Erdzhish")],
)
def test_a_name_in_the_turkish_or_kurdish_alphabet_and_other_romanisations_share_a_phonetic_key(
    name: str, query: str
) -> None:
    # The Kurdish press writes Jindires Cindirês; Russian writes Erciş Эрджиш.
    assert set(keys_of(query).phonetic) & name_keys(name)


def test_unrelated_names_share_no_strong_key() -> None:
    assert not strong_keys("Homs") & name_keys("Hama")
    assert not strong_keys("Raqqa") & name_keys("Idlib")


def test_a_query_one_consonant_away_meets_the_name_through_the_fuzzy_keys() -> None:
    stored = name_keys("Zabadani")
    for typo in ("Zamadani", "Zabadanik", "Zabani", "Zbadamni"):
        keys = keys_of(typo)
        assert not {*keys.exact, *keys.phonetic, *keys.skeleton} & stored, typo
        assert set(keys.fuzzy) & stored, typo


def test_a_query_two_consonants_away_does_not_meet_the_name() -> None:
    stored = name_keys("Zabadani")
    keys = keys_of("Zamalaki")
    assert not {*keys.exact, *keys.phonetic, *keys.skeleton, *keys.fuzzy} & stored


def test_short_skeletons_get_no_deletion_keys() -> None:
    # "Hama" has a two-consonant skeleton: deleting one would reach half the gazetteer
    assert not {k for k in name_keys("Hama") if k.startswith(DELETION)}
    assert keys_of("Hama").fuzzy == ()


def test_joined_article_alternative() -> None:
    keys = keys_of("Alhasakah")
    assert PHONETIC + normalize("Hasakah").phonetic in keys.phonetic
    assert SKELETON + normalize("Hasakah").skeleton in keys.skeleton
    # the reading as written comes first
    assert keys.phonetic[0] == PHONETIC + normalize("Alhasakah").phonetic
    assert strong_keys("Alhasakah") & name_keys("Al-Hasakah")
    assert strong_keys("Elkhalil") & name_keys("Khalil")


def test_short_words_starting_with_al_are_not_split() -> None:
    # "Alep" is too short to be article + name
    assert keys_of("Alep").phonetic == (PHONETIC + normalize("Alep").phonetic,)


def test_both_ch_readings_are_indexed_and_looked_up() -> None:
    stored = name_keys("Chechnya")
    assert PHONETIC + normalize("Khekhnya").phonetic in stored
    assert PHONETIC + normalize("Sheshnya").phonetic in stored
    assert strong_keys("Sheshnya") & stored


def test_a_romanised_arabic_name_reads_its_j_as_j_only() -> None:
    # The j of Fujairah's Persian name (fjyra) is a jim: read as y it would be Vera's fyra
    j_as_y = PHONETIC + normalize("fyra").phonetic
    assert j_as_y not in name_keys("فجیره")
    assert j_as_y not in query_keys(normalize("فجیره")).phonetic
    assert PHONETIC + normalize("Jamagata").readings[1] in name_keys("Jamagata")


def test_index_keys_matches_name_keys() -> None:
    assert index_keys(normalize("Deir ez-Zor")) == name_keys("Deir ez-Zor")


def test_query_key_groups_have_no_duplicates() -> None:
    keys = keys_of("Alhasakah Governorate")
    for group in (keys.exact, keys.phonetic, keys.skeleton, keys.fuzzy):
        assert len(group) == len(set(group))


@pytest.mark.parametrize("query", ["Al Ḩasakah", "Alhasakah", "Deir ez-Zor", "الحسكة", "Springfield"])
def test_naming_keys_are_the_exact_and_phonetic_keys_in_order(query: str) -> None:
    found = keys_of(query)
    assert naming_keys(normalize(query)) == (*found.exact, *found.phonetic)


def test_naming_keys_grow_with_the_query_not_with_its_square() -> None:
    # One long made-up word of a text: its fuzzy keys alone would be some n² characters.
    word = "X" + "bcdfgklmnprstvz" * 200
    keys = naming_keys(normalize(word))
    assert sum(map(len, keys)) <= 10 * len(word)
