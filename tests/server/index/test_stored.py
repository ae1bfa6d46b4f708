"""The stored answers' tables: keys, writing them into an unpublished file, reading them back."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from toponym_server.index.build import build_index
from toponym_server.index.reader import open_index
from toponym_server.index.stored import ANSWERS_FINGERPRINT, answer_key, write_stored_answers

from .conftest import ListSource
from .test_reader import springfields


def test_a_transliterated_name_has_a_key_of_its_own() -> None:
    assert answer_key("halab", False) != answer_key("halab", True)
    assert answer_key("halab", False) == answer_key("halab", False)
    # Names in Chinese characters folded alike are kept apart by their characters.
    assert answer_key("ba li", True, "巴黎") != answer_key("ba li", True, "巴里")
    assert answer_key("ba li", True, "巴黎") not in (answer_key("ba li", True), answer_key("ba li", False))


def test_stored_answers_are_read_back_by_key(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite"

    def store(unpublished: Path) -> None:
        rows = [(answer_key("springfield", False), b"\x01first"), (answer_key("shelbyville", False), b"\x02second")]
        rows.append((answer_key("springfield", False), b"a later answer under the same key"))
        assert write_stored_answers(unpublished, rows, ["a reason", "another"], "these rules") == 2

    build_index(ListSource(springfields()), path, progress=False, finish=store)
    reader = open_index(path)
    assert reader.has_stored_answers()
    assert reader.meta[ANSWERS_FINGERPRINT] == "these rules"
    assert reader.stored_answer(answer_key("springfield", False)) == b"\x01first"
    assert reader.stored_answer(answer_key("shelbyville", False)) == b"\x02second"
    assert reader.stored_answer(answer_key("shelbyville", True)) is None
    assert reader.answer_reasons() == ["a reason", "another"]
    reader.verify()  # the checksum covers the answers: they were written before it
    reader.close()


@pytest.fixture(scope="module")
def plain_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of :func:`springfields` built with no finish step: its answer tables are empty."""
    path = tmp_path_factory.mktemp("plain") / "index.sqlite"
    build_index(ListSource(springfields()), path, progress=False)
    return path


def _copy_with(index: Path, copy: Path, *statements: str) -> Path:
    shutil.copyfile(index, copy)
    with sqlite3.connect(copy) as conn:
        for statement in statements:
            conn.execute(statement)
    conn.close()
    return copy


def test_an_index_of_an_older_format_has_no_stored_answers(plain_index: Path, tmp_path: Path) -> None:
    older = _copy_with(
        plain_index,
        tmp_path / "format-11.sqlite",
        "DROP TABLE stored_answers",
        "DROP TABLE answer_reasons",
        "UPDATE meta SET value = '11' WHERE key = 'format_version'",
    )
    reader = open_index(older)
    assert not reader.has_stored_answers()
    assert reader.answer_reasons() == []
    reader.close()


def test_a_count_of_stored_answers_that_is_no_number_means_none(plain_index: Path, tmp_path: Path) -> None:
    many = "INSERT OR REPLACE INTO meta VALUES ('stored_answers', 'many')"
    odd = _copy_with(plain_index, tmp_path / "odd.sqlite", many)
    reader = open_index(odd)
    assert not reader.has_stored_answers()
    reader.close()
