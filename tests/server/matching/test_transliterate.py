"""Transliteration of other scripts to ASCII Latin."""

from __future__ import annotations

import threading

import pytest

from toponym_server.matching.transliterate import to_ascii


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Москва", "Moskva"),
        ("Хасеке", "Khaseke"),
        ("Αθήνα", "Athena"),
        ("Θεσσαλονίκη", "Thessalonike"),
        ("حمص", "hms"),
        ("دمشق", "dmshq"),
        ("서울", "seoul"),
        ("부산", "busan"),
    ],
)
def test_other_scripts_reach_ascii(text: str, expected: str) -> None:
    result = to_ascii(text)
    assert result.isascii()
    assert result == expected


@pytest.mark.parametrize("text", ["Paris", "Deir ez-Zor", "Ma'arrat al-Nu'man", "", "123 Main St."])
def test_ascii_is_returned_unchanged(text: str) -> None:
    assert to_ascii(text) == text


@pytest.mark.parametrize(("text", "expected"), [("Zürich", "Zurich"), ("Łódź", "Lodz"), ("Ḩasakah", "Hasakah")])
def test_latin_diacritics_are_stripped(text: str, expected: str) -> None:
    assert to_ascii(text) == expected


@pytest.mark.parametrize("text", ["عين العرب", "سماء"])
def test_arabic_with_ayn_or_hamza_reaches_ascii(text: str) -> None:
    assert to_ascii(text).isascii()


def test_each_thread_gets_a_working_transliterator() -> None:
    results: dict[str, str] = {}

    def work(text: str) -> None:
        results[text] = to_ascii.__wrapped__(text)  # bypass the cache to exercise the thread's own instance

    threads = [threading.Thread(target=work, args=(t,)) for t in ("Москва", "Αθήνα", "서울")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == {"Москва": "Moskva", "Αθήνα": "Athena", "서울": "seoul"}


@pytest.mark.parametrize(("text", "rest"), [("𐀀ゝ", ""), ("Halab 𐀀ゝ", "Halab "), ("𐀀ゝحلب", "حلب")])
def test_text_icu_refuses_whole_is_transliterated_a_character_at_a_time(text: str, rest: str) -> None:
    # ICU raises on a character outside the Basic Multilingual Plane followed by the kana
    # iteration mark; the rest of the text still comes through.
    assert to_ascii(text) == to_ascii(rest)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ярославль", "Yaroslavl'"),  # ICU's scholarly Cyrillic drops the y: Aroslavl'
        ("Хан-Шейхун", "Khan-Sheykhun"),
        ("Джалавла", "Dzhalavla"),
        ("Щёлково", "Shchelkovo"),
        ("Нижний Новгород", "Nizhniy Novgorod"),
        ("Эль-Майадин", "El'-Mayadin"),  # BGN/PCGN's middle dot (May·adin) is dropped
        ("Объячево", "Obyachevo"),  # and its hard sign, which would split the word
        ("Запоріжжя", "Zaporizhzhya"),  # Ukrainian letters Russian lacks go on through Any-Latin
    ],
)
def test_cyrillic_is_romanised_as_geonames_romanises_russian(text: str, expected: str) -> None:
    assert to_ascii(text) == expected


@pytest.mark.parametrize(("text", "expected"), [("Ђевђелија", "Devdelija"), ("Чачак Јагодина", "Cacak Jagodina")])
def test_serbian_and_macedonian_keep_their_own_latin_alphabets(text: str, expected: str) -> None:
    assert to_ascii(text) == expected
