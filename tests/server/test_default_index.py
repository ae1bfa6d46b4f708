"""The embedded default index: reused while current, built in a process of its own when not."""

from __future__ import annotations

import fcntl
import logging
import os
import sys
import threading
from pathlib import Path

import pytest

from toponym_server import default_index
from toponym_server.default_index import ensure_embedded_index
from toponym_server.index import IndexReader
from toponym_server.index.reader import IndexFileError
from toponym_server.index.stored import DEFAULT_STORED_ANSWERS

from .index.conftest import copy_with_answers_of_other_rules


def test_a_current_index_is_opened_without_a_build(
    embedded_index: IndexReader, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_build(*args: object, **kwargs: object) -> None:
        raise AssertionError("a current index was built again")

    monkeypatch.setattr(default_index, "_run_build", no_build)
    # As the suite opens it: a change to the rules since it was built does not make it stale.
    reader = ensure_embedded_index(embedded_index.path, progress=False, refresh_answers=False)
    assert reader.place_count == embedded_index.place_count


def test_an_index_whose_answers_other_rules_stored_is_built_again(
    embedded_index: IndexReader, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = copy_with_answers_of_other_rules(embedded_index.path, tmp_path / "embedded.sqlite")
    builds: list[list[str]] = []

    def record(command: list[str]) -> int:
        builds.append(command)
        return 3

    monkeypatch.setattr(default_index, "_run_build", record)
    # Kept as it is when asked to (the tests' own copy), ...
    ensure_embedded_index(copy, progress=False, refresh_answers=False).close()
    assert builds == []
    # ... built again otherwise: its answers would not be read.
    with pytest.raises(IndexFileError, match="failed"):
        ensure_embedded_index(copy, progress=False)
    assert len(builds) == 1
    assert f"stored_answers={DEFAULT_STORED_ANSWERS}" in builds[0][-1]


def test_a_missing_index_is_asked_of_another_python_process_tied_to_this_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What that process runs is the real build: the suite's own embedded index is built by it
    # whenever pytest's cache holds none (as in CI).
    commands: list[list[str]] = []

    def record(command: list[str]) -> int:
        commands.append(command)
        return 3

    monkeypatch.setattr(default_index, "_run_build", record)
    target = tmp_path / "data" / "embedded.sqlite"
    with pytest.raises(IndexFileError, match=r"embedded\.sqlite failed \(exit code 3\)"):
        ensure_embedded_index(target, progress=False)
    [command] = commands
    assert command[:3] == [sys.executable, "-P", "-c"]
    assert "build_embedded_index" in command[-1] and str(target) in command[-1]
    assert f"exit_with({os.getpid()})" in command[-1]
    assert not target.exists()


def test_a_build_that_fails_in_its_process_is_an_index_file_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    failing = tmp_path / "python"
    failing.write_text("#!/bin/sh\necho 'no space left on device' >&2\nexit 1\n")
    failing.chmod(0o755)
    monkeypatch.setattr(default_index.sys, "executable", str(failing))
    with pytest.raises(IndexFileError, match="failed \\(exit code 1\\): see the messages above"):
        ensure_embedded_index(tmp_path / "embedded.sqlite", progress=False)


def test_a_replica_waiting_for_anothers_build_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # Before, a second replica said nothing for the minutes the first one's build took.
    target = tmp_path / "data" / "embedded.sqlite"
    target.parent.mkdir()
    waited: list[bool] = []

    def record(command: list[str]) -> int:
        waited.append("waiting for another process" in caplog.text)
        return 3

    monkeypatch.setattr(default_index, "_run_build", record)
    with (target.parent / ".embedded.sqlite.lock").open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as another replica building it holds it
        releaser = threading.Timer(0.5, fcntl.flock, (held, fcntl.LOCK_UN))
        releaser.start()
        with (
            caplog.at_level(logging.INFO, logger="toponym_server.default_index"),
            pytest.raises(IndexFileError, match="failed"),
        ):
            ensure_embedded_index(target, progress=False)
        releaser.join()
    assert waited == [True]
