"""``toponym serve`` stopped during its first start's build of the embedded index: nothing is left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .test_cli_build_killed import _open_writer, _rows

# Makes the "embedded" gazetteer the GeoNames-format file $TOPONYM_TEST_EMBEDDED_DUMP, in the server
# and in the process it builds the index in: a named pipe, so that the build waits midway for input.
SITECUSTOMIZE = """
import os
if os.environ.get("TOPONYM_TEST_EMBEDDED_DUMP"):
    from pathlib import Path
    from toponym_server import default_index
    from toponym_server.sources.custom import CustomGazetteer
    from toponym_server.sources.geonames import GeoNamesDumpSource

    def read(cls):
        source = GeoNamesDumpSource([Path(os.environ["TOPONYM_TEST_EMBEDDED_DUMP"])])
        return cls(source, CustomGazetteer(), (), "", (), "")

    default_index._EmbeddedInputs.read = classmethod(read)
"""

pytestmark = pytest.mark.skipif(
    not hasattr(os, "mkfifo") or not Path("/proc/self/task").exists(), reason="needs named pipes and Linux's /proc"
)


def _children(pid: int) -> list[int]:
    """The processes ``pid`` started that are still running."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found.extend(int(child) for child in (task / "children").read_text().split())
    return found


@pytest.fixture()
def first_start(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], Path, int]]:
    """A ``toponym serve`` midway through its first build: the process, its data directory, the build's PID."""
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    data = tmp_path / "data"
    fifo = tmp_path / "dump.txt"
    os.mkfifo(fifo)
    path = [str(tmp_path / "site"), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(path),
        "TOPONYM_TEST_EMBEDDED_DUMP": str(fifo),
        "TOPONYM_DATA_DIR": str(data),
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "toponym_server.cli", "serve", "--port", "0", "--no-read-ahead"],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # a group of its own, as a terminal's foreground job
    )
    writer = -1
    try:
        writer = _open_writer(fifo, server)
        os.set_blocking(writer, True)
        os.write(writer, _rows(1, 300).encode())
        deadline = time.monotonic() + 60
        while not list(data.glob(".embedded.sqlite.*.building")):
            assert time.monotonic() < deadline, "the build never started writing"
            time.sleep(0.01)
        [build] = _children(server.pid)
        yield server, data, build
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
        server.wait()
        if writer >= 0:
            os.close(writer)


def _gone(pid: int, timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def test_a_sigterm_during_the_first_build_ends_the_build_and_removes_its_files(
    first_start: tuple[subprocess.Popen[str], Path, int],
) -> None:
    # Before, the server ended at once and its build, ending with it, left its files behind.
    server, data, build = first_start
    server.send_signal(signal.SIGTERM)
    _, errors = server.communicate(timeout=60)
    assert server.returncode == 128 + signal.SIGTERM
    assert _gone(build)
    assert "removing its temporary files" in errors and "Traceback" not in errors
    assert sorted(p.name for p in data.iterdir()) == [".embedded.sqlite.lock"]


def test_a_ctrl_c_during_the_first_build_is_one_line_and_leaves_nothing(
    first_start: tuple[subprocess.Popen[str], Path, int],
) -> None:
    # Before, both processes printed a KeyboardInterrupt traceback.
    server, data, build = first_start
    os.killpg(server.pid, signal.SIGINT)  # what a terminal's Ctrl-C does
    _, errors = server.communicate(timeout=60)
    assert server.returncode == 128 + signal.SIGINT
    assert _gone(build)
    assert "Traceback" not in errors and errors.rstrip().endswith("ERROR toponym: interrupted")
    assert sorted(p.name for p in data.iterdir()) == [".embedded.sqlite.lock"]
