"""Which script a name is written in, and whether its place's country writes names so."""

from __future__ import annotations

import pytest

from toponym_server.matching.local_script import is_local_script, script_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("بيت لحم", "ARABIC"),
        ("کۆبانی", "ARABIC"),
        ("בית לחם", "HEBREW"),
        ("Хасеке", "CYRILLIC"),
        ("東京", "CJK"),
        ("とうきょう", "HIRAGANA"),
        ("서울", "HANGUL"),
        ("Aleppo", "LATIN"),
        ("1 Алеппо", "CYRILLIC"),  # the first letter, not the first character
        ("", ""),
        ("123 -", ""),
    ],
)
def test_script_of_names_the_first_letters_script(text: str, expected: str) -> None:
    assert script_of(text) == expected


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("بيت لحم", "PS", True),
        ("بيت لحم", "US", False),
        ("בית לחם", "PS", True),
        ("Москва", "RU", True),
        ("Москва", "US", False),
        ("تهران", "IR", True),
        ("서울", "KR", True),
        ("東京", "JP", True),
        ("Bethlehem", "US", False),  # Latin says nothing of a country
        ("Bethlehem", "PS", False),
        ("", "PS", False),
    ],
)
def test_is_local_script(text: str, country: str, expected: bool) -> None:
    assert is_local_script(text, country) is expected
