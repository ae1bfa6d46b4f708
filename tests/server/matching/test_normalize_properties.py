"""Property tests: normalization takes any Unicode text, of any length, and returns in bounded time."""

from __future__ import annotations

import re
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toponym_server.matching.keys import index_keys, query_keys
from toponym_server.matching.normalize import _fold_ascii, _fold_unicode, content_spelling, fold, normalize

# Every code point, surrogates and unassigned ones included: normalization sits behind the
# service's validation, but nothing else guards it when it is called in-process.
ANY_TEXT = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=300)
LONG_TEXT = st.builds(lambda unit, times: unit * times, st.text(min_size=1, max_size=8), st.integers(100, 2_000))
FOLDED = re.compile(r"^(?:[a-z0-9]+(?: [a-z0-9]+)*)?$")
VIEW = re.compile(r"^[a-z0-9 ]*$")
# Bounded time: hypothesis fails an example that takes longer than this (slow CI machines included).
BOUNDED = settings(deadline=timedelta(seconds=2), max_examples=400, suppress_health_check=[HealthCheck.too_slow])


@BOUNDED
@given(ANY_TEXT)
def test_any_text_normalizes_to_lowercase_ascii_words(text: str) -> None:
    normalized = normalize(text)
    assert FOLDED.match(normalized.folded), normalized.folded
    assert all(FOLDED.match(token) for token in normalized.tokens)
    assert normalized.phonetic in normalized.readings
    assert normalized.skeleton.isascii()


@BOUNDED
@given(ANY_TEXT)
def test_the_views_an_index_stores_hold_only_lowercase_ascii_letters_digits_and_spaces(text: str) -> None:
    # The index reader packs these four into one string with a separator they cannot hold.
    normalized = normalize(text)
    views = (normalized.folded, normalized.phonetic, normalized.skeleton, content_spelling(normalized.folded))
    assert all(VIEW.match(view) for view in views), views


@BOUNDED
@given(ANY_TEXT)
def test_normalizing_folded_text_changes_nothing(text: str) -> None:
    folded = normalize(text).folded
    assert normalize(folded).folded == folded


@settings(deadline=timedelta(seconds=5), max_examples=50, suppress_health_check=[HealthCheck.too_slow])
@given(LONG_TEXT)
def test_long_text_normalizes_in_bounded_time(text: str) -> None:
    assert FOLDED.match(normalize(text).folded)


@BOUNDED
@given(ANY_TEXT)
def test_keys_of_any_text_are_strings(text: str) -> None:
    normalized = normalize(text)
    keys = query_keys(normalized)
    groups = (keys.exact, keys.phonetic, keys.skeleton, keys.partial, keys.fuzzy)
    assert all(isinstance(key, str) and key.isascii() for group in groups for key in group)
    assert all(isinstance(key, str) and key.isascii() for key in index_keys(normalized))


ASCII_TEXT = st.text(alphabet=st.characters(max_codepoint=0x7F, exclude_categories=()), max_size=80)


@BOUNDED
@given(ASCII_TEXT)
def test_ascii_text_folds_as_the_full_steps_fold_it(text: str) -> None:
    # fold takes a short way for ASCII; it must give what NFKC, case folding, marks and
    # transliteration give.
    assert _fold_ascii(text) == _fold_unicode(text)


def test_each_ascii_character_folds_as_the_full_steps_fold_it() -> None:
    for code in range(0x80):
        for text in (chr(code), f"Ab{chr(code)}cD", f"{chr(code)}{chr(code)} x"):
            assert fold(text) == _fold_unicode(text), repr(text)
