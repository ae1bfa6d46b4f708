"""A build never destroys the index it replaces: concurrent builds, empty inputs, over-long names."""

from __future__ import annotations

import fcntl
import logging
import os
import re
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from toponym_server.cli import main
from toponym_server.index.build import MAX_NAME_LENGTH, IndexBuildError, build_index
from toponym_server.index.checksum import write_checksum
from toponym_server.index.reader import open_index
from toponym_server.sources.custom import CustomGazetteer
from toponym_server.sources.records import NameRecord, PlaceRecord

from .conftest import ALEPPO, DAMASCUS, EXPECTED_PLACES, ListSource, write_fixture


def place(geoname_id: int, name: str, *names: NameRecord, ascii_name: str | None = None) -> PlaceRecord:
    ascii_name = name if ascii_name is None else ascii_name
    return PlaceRecord(geoname_id, name, ascii_name, 35.0, 38.0, "P", "PPL", "SY", population=1000, names=names)


class WaitingSource(ListSource):
    """A source that yields its first place, then waits until ``go`` is set: a build midway."""

    def __init__(self, *records: PlaceRecord) -> None:
        super().__init__(records, label="waiting")
        self.started = threading.Event()
        self.go = threading.Event()

    def places(self) -> Iterator[PlaceRecord]:
        yield self.records[0]
        self.started.set()
        assert self.go.wait(60), "the test never let the build go on"
        yield from self.records[1:]


def dot_files(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.startswith("."))


@pytest.fixture
def previous(tmp_path: Path) -> Path:
    """A good index at ``tmp_path / "index.sqlite"``, the one later builds would replace."""
    output = tmp_path / "index.sqlite"
    build_index(write_fixture(tmp_path / "data"), output, progress=False)
    return output


def test_a_second_build_of_the_same_file_fails_while_the_first_runs_and_the_first_publishes(previous: Path) -> None:
    before = previous.read_bytes()
    first = WaitingSource(place(1, "Qamishli"), place(2, "Amuda"))
    outcome: list[object] = []

    def run_first() -> None:
        try:
            outcome.append(build_index(first, previous, progress=False))
        except BaseException as err:  # reported by the assertion below
            outcome.append(err)

    # A thread of this process: the second build has the same process ID, as two containers' builds may.
    thread = threading.Thread(target=run_first)
    thread.start()
    try:
        assert first.started.wait(60)
        with pytest.raises(IndexBuildError, match=re.escape(f"another build of {previous} is running")):
            build_index(ListSource([place(3, "Tell Abyad")]), previous, progress=False)
        assert previous.read_bytes() == before
    finally:
        first.go.set()
        thread.join(60)
    assert not isinstance(outcome[0], BaseException), outcome[0]
    index = open_index(previous)
    assert index.place_count == 2
    assert {i: p.name for i, p in index.places_by_id([1, 2, 3]).items()} == {1: "Qamishli", 2: "Amuda"}
    index.verify()
    assert dot_files(previous.parent) == []


def test_a_build_fails_clearly_while_the_build_lock_is_held(previous: Path) -> None:
    before = previous.read_bytes()
    held = os.open(previous.with_name(f".{previous.name}.build-lock"), os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(IndexBuildError, match="another build"):
            build_index(ListSource([place(1, "Qamishli")]), previous, progress=False)
    finally:
        os.close(held)
    assert previous.read_bytes() == before
    assert dot_files(previous.parent) == [f".{previous.name}.build-lock"]  # the holder's, not touched


def test_leftovers_of_a_killed_build_go_even_when_their_process_id_is_in_use(previous: Path) -> None:
    directory = previous.parent
    # Process IDs that are alive here, as another PID namespace's IDs may be.
    (directory / f".{previous.name}.1.building").write_bytes(b"half an index")
    (directory / f".{previous.name}.{os.getpid()}.spillab12").mkdir()
    (directory / f".{previous.name}.build-lock").write_bytes(b"")  # a killed build held it
    (directory / f".{previous.name}.lock").write_bytes(b"")  # the embedded index's lock: not a build's
    build_index(ListSource([place(1, "Qamishli")]), previous, progress=False)
    assert open_index(previous).place_count == 1
    assert dot_files(directory) == [f".{previous.name}.lock"]


def test_checksumming_a_file_that_is_gone_fails_and_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / ".index.sqlite.1.building"
    with pytest.raises(sqlite3.OperationalError):
        write_checksum(missing)
    assert not missing.exists()


def test_a_source_without_places_publishes_nothing(previous: Path) -> None:
    before = previous.read_bytes()
    # The seeds' custom places are not the source's: the build still has nothing of its own.
    custom = CustomGazetteer(places=(place(1_000_000_000_001, "al-Tanf"),))
    with pytest.raises(IndexBuildError, match="no place read from empty-source"):
        build_index(ListSource([], label="empty-source"), previous, custom=custom, progress=False)
    assert previous.read_bytes() == before
    assert dot_files(previous.parent) == []


@pytest.mark.parametrize(
    ("content", "says"),
    [
        pytest.param("", "no place read from GeoNames dump {dump}", id="empty dump"),
        pytest.param(
            "1\t170654\tar\tدمشق\t1\t\t\t\t\t\n2\t170063\tfr\tAlep\t\t\t\t\t\t\n",
            "{dump}: no line is a GeoNames dump row",
            id="alternate names",
        ),
    ],
)
def test_the_command_line_refuses_a_dump_without_places_in_one_line(
    previous: Path, content: str, says: str, caplog: pytest.LogCaptureFixture
) -> None:
    before = previous.read_bytes()
    dump = previous.parent / "wrong.txt"
    dump.write_text(content, encoding="utf-8")
    argv = ["index", "build", "--geonames", str(dump), "--stored-answers", "0", "--workers", "1", "--quiet"]
    with caplog.at_level(logging.ERROR):
        code = main([*argv, "--output", str(previous)])
    assert code != 0
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1
    assert says.format(dump=dump) in errors[0]
    assert "\n" not in errors[0]
    assert previous.read_bytes() == before
    assert open_index(previous).place_count == EXPECTED_PLACES


def test_over_long_names_are_skipped_with_a_warning_and_the_rest_indexed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    longest = "Tell " + "a" * (MAX_NAME_LENGTH - 5)
    too_long = "Tell " + "b" * (MAX_NAME_LENGTH - 4)
    records = [
        # names come with the place
        place(DAMASCUS, "Damascus", NameRecord(too_long), NameRecord(longest), NameRecord("Dimashq")),
        # only the canonical names: the alternate names come apart
        place(ALEPPO, too_long, ascii_name="Aleppo"),
    ]
    alternates = [(ALEPPO, NameRecord(too_long + "c", lang="fr")), (ALEPPO, NameRecord("Halab", lang="ar"))]
    output = tmp_path / "index.sqlite"
    with caplog.at_level(logging.WARNING):
        summary = build_index(ListSource(records, separate_names=alternates), output, progress=False)
    index = open_index(output)
    assert [n.text for n in index.names_of_place(DAMASCUS)] == ["Damascus", longest, "Dimashq"]
    assert [n.text for n in index.names_of_place(ALEPPO)] == ["Aleppo", "Halab"]
    assert summary.places == 2
    skipped = [r.getMessage() for r in caplog.records if "characters" in r.getMessage()]
    assert len(skipped) == 3
    assert all(f"at most {MAX_NAME_LENGTH}" in message for message in skipped)
