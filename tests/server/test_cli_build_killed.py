"""An index build killed midway (SIGKILL: no clean-up code runs) leaves the previous index intact."""

from __future__ import annotations

import errno
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from toponym_server.index import open_index


def _row(geoname_id: int, name: str) -> str:
    """One line of a GeoNames dump (19 tab-separated columns)."""
    columns = [str(geoname_id), name, name, f"{name}a,{name}o", "35.1", "36.7", "P", "PPL", "SY", "", "10"]
    return "\t".join([*columns, "", "", "", str(1000 + geoname_id), "", "0", "Asia/Damascus", "2024-01-01"])


def _rows(start: int, count: int) -> str:
    return "".join(_row(i, f"Town{i}") + "\n" for i in range(start, start + count))


def _build(dump: Path, output: Path) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "toponym_server.cli", "index", "build", "--geonames", str(dump)]
    return subprocess.Popen(
        [*command, "--output", str(output), "--quiet", "--no-seeds"], stderr=subprocess.PIPE, text=True
    )


def _open_writer(fifo: Path, process: subprocess.Popen[str], timeout: float = 60) -> int:
    """Open the FIFO for writing once the build has opened it for reading."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            return os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as err:
            if err.errno != errno.ENXIO or process.poll() is not None:
                raise
            time.sleep(0.01)
    raise AssertionError("the build never opened its input")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_build_killed_midway_leaves_the_previous_index_intact(tmp_path: Path) -> None:
    first_dump = tmp_path / "first.txt"
    first_dump.write_text(_rows(1, 200), encoding="utf-8")
    output = tmp_path / "index.sqlite"
    assert _build(first_dump, output).wait(timeout=120) == 0
    before = hashlib.sha256(output.read_bytes()).hexdigest()
    places = open_index(output).place_count
    assert places == 200

    # The second build reads its dump from a pipe, so it is surely midway when it is killed:
    # it has written part of its new index and waits for the rest of its input.
    fifo = tmp_path / "second.txt"
    os.mkfifo(fifo)
    build = _build(fifo, output)
    try:
        writer = _open_writer(fifo, build)
        os.set_blocking(writer, True)
        os.write(writer, _rows(1000, 300).encode())
        temporary = list(tmp_path.glob(f".{output.name}.{build.pid}.building"))
        deadline = time.monotonic() + 60
        while not (temporary and temporary[0].stat().st_size) and time.monotonic() < deadline:
            time.sleep(0.01)
            temporary = list(tmp_path.glob(f".{output.name}.{build.pid}.building"))
        assert temporary, "the build did not start writing its new index"
        build.send_signal(signal.SIGKILL)
        assert build.wait(timeout=30) == -signal.SIGKILL
        os.close(writer)
    finally:
        if build.poll() is None:
            build.kill()

    assert hashlib.sha256(output.read_bytes()).hexdigest() == before
    reopened = open_index(output)
    assert reopened.place_count == places
    assert reopened.places_by_id([1])[1].name == "Town1"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_build_stopped_with_sigterm_cleans_up_after_itself(tmp_path: Path) -> None:
    fifo = tmp_path / "dump.txt"
    os.mkfifo(fifo)
    output = tmp_path / "index.sqlite"
    build = _build(fifo, output)
    try:
        writer = _open_writer(fifo, build)
        os.set_blocking(writer, True)
        os.write(writer, _rows(1, 300).encode())
        deadline = time.monotonic() + 60
        while not list(tmp_path.glob(f".{output.name}.{build.pid}.*")) and time.monotonic() < deadline:
            time.sleep(0.01)
        build.send_signal(signal.SIGTERM)
        assert build.wait(timeout=30) == 128 + signal.SIGTERM
        os.close(writer)
    finally:
        if build.poll() is None:
            build.kill()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dump.txt"]
