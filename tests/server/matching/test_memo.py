"""The string memo: results as the function gives them, a bounded store, nothing for the garbage collector."""

from __future__ import annotations

import gc
import pickle

from toponym_server.matching.memo import StringMemo, string_memo
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
