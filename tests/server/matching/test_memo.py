"""The string memo: results as the function gives them, a bounded store, nothing for the garbage collector."""

from __future__ import annotations

import gc
import pickle

import pytest

from toponym_server.matching.memo import StringMemo, limit_memos, string_memo
from toponym_server.matching.normalize import spelling
from toponym_server.matching.transliterate import to_ascii


def test_results_are_the_functions_and_each_is_computed_once() -> None:
    calls: list[str] = []

    def shout(text: str) -> str:
        calls.append(text)
        return text.upper()

    memo = StringMemo(shout, maxsize=10)
    assert [memo("a"), memo("b"), memo("a")] == ["A", "B", "A"]
    assert calls == ["a", "b"]


def test_a_full_store_is_emptied_and_never_grows_past_its_size() -> None:
    memo = StringMemo(str.upper, maxsize=3)
    for text in "abcdefg":
        memo(text)
        assert len(memo) <= 3
    assert memo("g") == "G"


def test_the_store_is_invisible_to_the_garbage_collector() -> None:
    memo = string_memo(maxsize=100)(str.lower)
    for number in range(50):
        memo(f"Name {number}")
    assert not gc.is_tracked(memo._kept)


def test_matching_keeps_its_spellings_in_string_memos() -> None:
    assert isinstance(spelling, StringMemo) and isinstance(to_ascii, StringMemo)
    assert spelling("Qamishli") == spelling.__wrapped__("Qamishli")


def test_a_memoised_function_keeps_its_name_and_pickles_as_itself() -> None:
    assert spelling.__name__ == "spelling"
    assert "consonants written one way" in (spelling.__doc__ or "")
    assert pickle.loads(pickle.dumps(spelling)) is spelling
    assert pickle.loads(pickle.dumps(to_ascii)) is to_ascii


def test_a_limit_lowers_the_store_and_empties_one_that_holds_more() -> None:
    memo = StringMemo(str.upper, maxsize=100)
    for text in "abcdef":
        memo(text)
    memo.limit(10)
    assert len(memo) == 6 and memo.maxsize == 10  # within the new limit: kept
    memo.limit(4)
    assert len(memo) == 0
    for text in "abcdefgh":
        assert memo(text) == text.upper()
        assert len(memo) <= 4


@pytest.mark.usefixtures("memo_sizes_restored")
def test_limit_memos_lowers_every_memo_alive_and_never_raises_one() -> None:
    large = StringMemo(str.upper, maxsize=1_000)
    small = StringMemo(str.lower, maxsize=8)
    limit_memos(64)
    assert (large.maxsize, small.maxsize, spelling.maxsize, to_ascii.maxsize) == (64, 8, 64, 64)
    assert spelling("Qamishli") == spelling.__wrapped__("Qamishli")
