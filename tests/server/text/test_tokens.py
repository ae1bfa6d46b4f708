"""Words, their offsets, and what their spelling says."""

from __future__ import annotations

import unicodedata

import pytest

from toponym_server.text.tokens import tokenize


def test_words_keep_inner_hyphens_and_apostrophes_and_their_offsets() -> None:
    text = "Near al-Tanf and Al Qa'im, Kobanî."
    words = tokenize(text)
    assert [w.text for w in words] == ["Near", "al-Tanf", "and", "Al", "Qa'im", "Kobanî"]
    assert all(text[w.start : w.end] == w.text for w in words)


def test_an_acronym_written_with_points_is_one_word_its_points_included() -> None:
    # Split at its points, *U.S.* was two words of one letter, which name nothing.
    text = "The U.S. and the U.A.E. met in D.C. at 5 p.m. on U-boats."
    words = tokenize(text)
    assert [w.text for w in words] == [
        *("The", "U.S.", "and", "the", "U.A.E.", "met", "in", "D.C.", "at", "p", "m", "on", "U-boats")
    ]
    assert all(text[w.start : w.end] == w.text for w in words)
    assert not words[2].sentence_start  # the point of U.S. ends no sentence


def test_capitals_are_read_past_an_arabic_article_and_a_french_elision() -> None:
    tanf, attaque, alep = tokenize("al-Tanf l'attaque d'Alep")
    assert tanf.capitalized and not attaque.capitalized and alep.capitalized
    assert (attaque.elided, alep.elided, tanf.elided) == (2, 2, 0)


def test_sentence_starts_are_marked() -> None:
    words = tokenize("Fighting went on. Aleppo (AFP) said\nHoms")
    assert [w.text for w in words if w.sentence_start] == ["Fighting", "Aleppo", "AFP", "Homs"]


def test_a_hyphen_between_spaces_is_a_dash_before_a_sentence() -> None:
    # Before, *Voters* went on the dateline's sentence and, met fuzzily, was Walters (US).
    words = tokenize("MANILA, Aug 11 (Reuters) - Voters lined up; well-known e-mail")
    assert [w.text for w in words if w.sentence_start] == ["MANILA", "Reuters", "Voters"]


def test_a_hyphen_after_a_stop_is_a_dash_before_a_sentence() -> None:
    # Before, *Una* (a) went on the EFE dateline's sentence and was the Spanish village Uña.
    words = tokenize("ZARAGOZA, 11 mar (EFE).- Una empresa; Tel-Aviv")
    assert [w.text for w in words if w.sentence_start] == ["ZARAGOZA", "EFE", "Una"]


def test_a_word_after_a_semicolon_opens_no_sentence() -> None:
    # The clause after a semicolon goes on in lower case: a capital there is a name's.
    words = tokenize("Shops were flooded; Halifax was spared")
    assert [w.text for w in words if w.sentence_start] == ["Shops"]


def test_scripts_without_case_are_told_apart() -> None:
    arabic, latin = tokenize("حلب Aleppo")
    assert not arabic.cased and latin.cased


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            unicodedata.normalize("NFD", "Protests in Zürich and Montréal"),
            [unicodedata.normalize("NFD", w) for w in ["Protests", "in", "Zürich", "and", "Montréal"]],
        ),
        ("قصف في حَلَبَ ودِمَشق", ["قصف", "في", "حَلَبَ", "ودِمَشق"]),
        ("मैं दिल्ली और मुंबई गया", ["मैं", "दिल्ली", "और", "मुंबई", "गया"]),
        ("He lives in Ale\u00adppo, Mehr\u200cabad.", ["He", "lives", "in", "Ale\u00adppo", "Mehr\u200cabad"]),
        ("In Ale\u200bppo, Ho\u2060ms, \ufeffIdlib", ["In", "Ale\u200bppo", "Ho\u2060ms", "Idlib"]),
    ],
    ids=["decomposed", "vowelled-arabic", "devanagari", "soft-hyphen-and-joiner", "zero-width-space-and-word-joiner"],
)
def test_combining_marks_and_invisible_joiners_stay_inside_a_word(text: str, words: list[str]) -> None:
    tokens = tokenize(text)
    assert [t.text for t in tokens] == words
    assert all(text[t.start : t.end] == t.text for t in tokens)


def test_a_zero_width_space_still_parts_words_of_a_script_written_without_spaces() -> None:
    # Thai marks its word breaks with it: กรุงเทพ | มหานคร are two words.
    assert [t.text for t in tokenize("กรุงเทพ\u200bมหานคร")] == ["กรุงเทพ", "มหานคร"]


def test_a_word_is_looked_up_in_the_cue_lists_without_its_elided_article() -> None:
    # l'Observatoire is the word observatoire (an organisation's), not l'observatoire.
    observatory, aleppo = tokenize("l'Observatoire d'Alep")
    assert (observatory.word, observatory.elided) == ("observatoire", 2)
    assert (aleppo.word, aleppo.elided) == ("alep", 2)


def test_longer_french_and_italian_elisions_are_left_out_of_the_word() -> None:
    # Before, qu'Ottawa and dell'Iran were words of their own, no name after them.
    ottawa, iran, ukraine = tokenize("qu'Ottawa dell'Iran nell’Ucraina")
    assert (ottawa.word, ottawa.elided, ottawa.capitalized) == ("ottawa", 3, True)
    assert (iran.word, iran.elided) == ("iran", 5)
    assert (ukraine.word, ukraine.elided) == ("ucraina", 5)
