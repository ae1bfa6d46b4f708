"""Arabic-script clean-up: the text stays Arabic but spelling variants converge."""

from __future__ import annotations

import pytest

from toponym_server.matching.generic_words import asks_for_subdivision
from toponym_server.matching.normalize import fold
from toponym_server.matching.script import clean_arabic, has_arabic


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("دير الزور", True),
        ("کۆبانی", True),  # Kurdish letters are in the Arabic block too
        ("ﻻ", True),  # presentation forms
        ("Deir ez-Zor", False),
        ("Хасеке", False),
        ("", False),
    ],
)
def test_has_arabic(text: str, expected: bool) -> None:
    assert has_arabic(text) is expected


def test_harakat_are_removed() -> None:
    assert clean_arabic("حَلَب") == "حلب"
    assert clean_arabic("حِمْص") == "حمص"
    assert clean_arabic("الرَّقَّة") == clean_arabic("الرقة")


def test_tatweel_is_removed() -> None:
    assert clean_arabic("حلـــب") == "حلب"


@pytest.mark.parametrize("alef", ["أ", "إ", "آ", "ٱ"])
def test_alef_forms_are_unified(alef: str) -> None:
    assert clean_arabic(f"{alef}دلب") == "ادلب"


def test_hamza_carriers_are_unified_and_bare_hamza_dropped() -> None:
    assert clean_arabic("مؤته") == clean_arabic("موته")
    assert clean_arabic("بئر") == "بير"
    assert clean_arabic("سماء") == "سما"


def test_ta_marbuta_and_final_ha_read_as_a_vowel() -> None:
    # ta marbuta and a final ha both end in the same vowel and meet the spelling with alef
    assert clean_arabic("حماة") == clean_arabic("حماه") == "حماا"
    assert clean_arabic("حسكة") == "حسكا"
    # a ha inside a word is a consonant and stays
    assert clean_arabic("نهر") == "نهر"


def test_alef_maqsura_is_written_ya() -> None:
    assert clean_arabic("مستشفى") == "مستشفي"


def test_persian_and_kurdish_letters_map_to_arabic() -> None:
    assert clean_arabic("ک ی ۆ") == "ك ي و"
    assert clean_arabic("کۆبانی") == clean_arabic("كوباني")


@pytest.mark.parametrize(
    ("urdu", "arabic"),
    [
        ("تونسہ", "تونسه"),  # Urdu's final he: Taunsa, read as a vowel's end, not Tunis
        ("اوکاڑہ", "اوکاڑه"),
        ("کندیاں", "کندیان"),  # noon ghunna, a nasal n that ICU would drop
    ],
)
def test_urdu_letters_map_to_the_arabic_ones_of_their_sound(urdu: str, arabic: str) -> None:
    assert clean_arabic(urdu) == clean_arabic(arabic)
    assert fold(clean_arabic(urdu)) == fold(clean_arabic(arabic))


def test_a_generic_word_is_one_in_dari_and_in_pashto_spelling() -> None:
    # Pashto writes the district ولسوالۍ, Dari ولسوالی: a name stored in one and asked in the other
    # must lose the word on both sides, or they no longer meet.
    assert clean_arabic("د مقر ولسوالۍ").split()[-1] == "district"
    assert clean_arabic("د مقر ولسوالی").split()[-1] == "district"


def test_article_is_split_off_its_word() -> None:
    assert clean_arabic("الحسكة") == "ال حسكا"
    assert clean_arabic("دير الزور") == "دير ال زور"
    assert clean_arabic("تل أبيض") == "تل ابيض"
    assert clean_arabic("رأس العين") == "راس ال اين"


def test_short_word_starting_with_alef_lam_is_not_an_article() -> None:
    # "ال" followed by a single letter is not split: nothing would be left of the word
    assert clean_arabic("الم") == "الم"


def test_generic_words_become_their_latin_equivalents() -> None:
    assert clean_arabic("محافظة الرقة") == "governorate " + clean_arabic("الرقة")
    assert clean_arabic("مدينة حلب") == "city حلب"
    assert clean_arabic("ولاية الخرطوم").startswith("governorate ")


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("قضاء كربلاء", "district"),  # Iraq's and Lebanon's qada
        ("ناحية عين عيسى", "district"),
        ("شهرستان بوشهر", "district"),  # Iran's counties, below its provinces
        ("مديرية المكلا", "district"),  # Yemen's districts
        ("محافظة كربلاء", "governorate"),
        ("استان بوشهر", "governorate"),
        ("ولاية صور", "governorate"),
        ("إقليم كردستان", "region"),  # Iraq's Kurdistan Region, not Iran's province (استان کردستان)
        ("ريف إدلب", "countryside"),  # Idlib's countryside, the rural governorate
        ("لواء الإسكندرون", "governorate"),  # a hamza the letters' clean-up drops
        ("مقاطعة الحسكة", "governorate"),  # an ayn the clean-up writes as a vowel
        ("صوبہ سندھ", "governorate"),  # Pakistan's provinces
        ("ولایت بلخ", "governorate"),  # Afghanistan's
        ("ضلع کوئٹہ", "district"),  # Pakistan's districts and tehsils
        ("تحصیل لیہ", "district"),
        ("ولسوالی بلخ", "district"),  # Afghanistan's districts
        ("روستای بالا ده", "city"),  # a Persian village
    ],
)
def test_a_districts_word_asks_for_a_lower_level_than_a_provinces(text: str, word: str) -> None:
    # قضاء كربلاء is Karbala District, not the governorate, and قضاء صور is not Oman's wilaya of Sur.
    cleaned = clean_arabic(text)
    assert cleaned.split()[0] == word
    assert asks_for_subdivision(cleaned) is (word == "district")


def test_the_ayn_is_written_as_a_vowel() -> None:
    # A Latin spelling has a vowel where the ayn is (Afrin, Ma'an, Ain Issa).
    assert clean_arabic("عفرين") == "افرين"
    assert clean_arabic("عين عيسى") == "اين ايسي"


def test_an_ayn_keeps_names_apart_that_differ_by_it() -> None:
    # Ma'an is not Amman, al-Arish not Ellrich's Arabic name: dropped, the ayn made them one
    assert fold("معان") != fold("عمان")
    assert fold("العريش") != fold("الريش")


def test_iraqs_kurdistan_region_is_not_irans_kurdistan_province() -> None:
    assert clean_arabic("إقليم كردستان") != clean_arabic("استان کردستان")


def test_a_generic_word_alone_is_the_name_and_stays_in_arabic_script() -> None:
    assert clean_arabic("ولاية") == "ولايا"  # ta marbuta ends in a vowel
    assert clean_arabic("مدينة") == "مدينا"
