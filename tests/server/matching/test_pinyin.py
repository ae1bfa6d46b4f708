"""GeoNames' pinyin romanisations of Chinese names, told from Latin names."""

from __future__ import annotations

import pytest

from toponym_server.matching.pinyin import is_pinyin_romanisation


@pytest.mark.parametrize("text", ["ba li", "ka shan", "li ba nen", "a le po", "xiang gang", "lv liang"])
def test_lower_case_syllables_of_pinyin_are_a_romanisation(text: str) -> None:
    assert is_pinyin_romanisation(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ba Li",  # written as a Latin name is
        "Bali",
        "bali",  # one word: a syllable pair or a name, nothing tells
        "li",
        "la paz",  # "paz" is no syllable
        "al hasakah",
        "kalyfwrnya",
        "xi'an",
        "ba  li",
        "",
    ],
)
def test_other_names_are_not(text: str) -> None:
    assert not is_pinyin_romanisation(text)
