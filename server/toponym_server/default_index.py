"""Where the embedded default index lives, and building it when it is missing or stale.

The index is kept in a data directory (``$TOPONYM_DATA_DIR``, else ``$XDG_DATA_HOME/toponym``,
else ``~/.local/share/toponym``) and reused across starts. It is rebuilt only when the
packages it comes from, the seed files, the index format or the matching rules change (the rules
that work out the answers it stores included). A file lock makes
several processes starting at once build it only once. The build runs in a process of its own, so
that a server starting for the first time does not keep the build's memory while it serves.
"""

from __future__ import annotations

import fcntl
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from toponym_server import LOG_FORMAT
from toponym_server.index.build import build_index, expected_fingerprint
from toponym_server.index.reader import IndexFileError, IndexReader, open_index
from toponym_server.index.stored import ANSWERS_FINGERPRINT, DEFAULT_STORED_ANSWERS
from toponym_server.resolver.stored import answers_fingerprint, store_answers
from toponym_server.sources.area_codes import AreaCode
from toponym_server.sources.crosswalk import CrosswalkLink
from toponym_server.sources.custom import CustomGazetteer
from toponym_server.sources.embedded import EmbeddedSource
from toponym_server.sources.seeds import seed_area_abbreviations, seed_crosswalk, seed_custom_places

logger = logging.getLogger(__name__)
EMBEDDED_INDEX_NAME = "embedded.sqlite"


def data_dir() -> Path:
    """The directory toponym keeps its built indexes in."""
    if explicit := os.environ.get("TOPONYM_DATA_DIR"):
        return Path(explicit)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "toponym"


def embedded_index_path() -> Path:
    """The path of the embedded default index."""
    return data_dir() / EMBEDDED_INDEX_NAME


def _is_current(path: Path, fingerprint: str, answers: str | None) -> bool:
    try:
        reader = open_index(path)
    except IndexFileError:
        return False
    current = reader.meta.get("fingerprint") == fingerprint and (
        answers is None or reader.meta.get(ANSWERS_FINGERPRINT) == answers
    )
    reader.close()
    return current


def ensure_embedded_index(
    path: Path | None = None,
    *,
    progress: bool = True,
    stored_answers: int = DEFAULT_STORED_ANSWERS,
    refresh_answers: bool = True,
) -> IndexReader:
    """Open the embedded default index, building it first if it is missing or stale.

    A build stores the answers to up to ``stored_answers`` names
    (:func:`~toponym_server.resolver.stored.store_answers`). With ``refresh_answers``, an index
    whose stored answers another version of the matching rules worked out is stale too (its
    answers would not be read); without, it is used as it is (the tests' own copy: any change
    to the rules would otherwise rebuild it).

    Raises :class:`~toponym_server.index.reader.IndexFileError` if the build fails.
    """
    path = path or embedded_index_path()
    inputs = _EmbeddedInputs.read()
    fingerprint = expected_fingerprint(inputs.source, inputs.custom, inputs.links_fingerprint, inputs.codes_fingerprint)
    answers = answers_fingerprint() if refresh_answers and stored_answers > 0 else None
    if not _is_current(path, fingerprint, answers):
        path.parent.mkdir(parents=True, exist_ok=True)
        with (path.parent / f".{path.name}.lock").open("w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                # Another replica is building it: say so, or this one looks hung for minutes.
                logger.info("waiting for another process building the embedded default index at %s", path)
                fcntl.flock(lock, fcntl.LOCK_EX)
            if not _is_current(path, fingerprint, answers):  # another process may have built it meanwhile
                logger.info("building the embedded default index at %s (once; five to ten minutes on two cores)", path)
                started = time.monotonic()
                _build_in_a_child(path, progress, stored_answers)
                reader = open_index(path)
                logger.info(
                    "built %d places, %d names in %.0f s",
                    reader.place_count,
                    reader.name_count,
                    time.monotonic() - started,
                )
                return reader
    return open_index(path)


def _build_in_a_child(path: Path, progress: bool, stored_answers: int) -> None:
    """Run :func:`build_embedded_index` in a new Python process and wait for it.

    The build of the embedded gazetteer peaks above 900 MiB, and a process does not give all of
    its freed memory back: built in the serving process, some 600 MiB of it stayed with the server.
    """
    level = logging.getLogger("toponym_server").getEffectiveLevel()
    # The child ends with this process (a server killed during its first start stops the build),
    # named by its ID here: had this process ended before the child got going, the child's parent
    # would already be another. It logs as this process would. -P: nothing is imported from the
    # working directory.
    code = (
        "import logging, sys\n"
        "from toponym_server.index.build import exit_with\n"
        f"exit_with({os.getpid()})\n"
        f"logging.basicConfig(level={level!r}, format={LOG_FORMAT!r}, stream=sys.stderr)\n"
        "from toponym_server.stopping import unwind_on_stop_signals\n"
        "unwind_on_stop_signals()\n"
        "from toponym_server.default_index import build_embedded_index\n"
        f"build_embedded_index({str(path)!r}, progress={progress!r}, stored_answers={stored_answers!r})\n"
    )
    returncode = _run_build([sys.executable, "-P", "-c", code])
    if returncode != 0:
        raise IndexFileError(
            f"building the embedded default index at {path} failed (exit code {returncode}): see the messages above"
        )


def _run_build(command: list[str]) -> int:
    """Run the build's ``command`` and return its exit code; stopped meanwhile, stop the build first.

    On SIGTERM (an exception raised here while waiting) the build gets SIGTERM and removes its
    temporary files before it ends (it runs
    :func:`~toponym_server.stopping.unwind_on_stop_signals`). Killed outright, this process could
    not wait for that; the next build removes them instead. Ctrl-C reaches the build itself (the
    terminal signals the whole foreground group), so this process leaves SIGINT to it while it
    waits, as a shell does, and raises KeyboardInterrupt once the build has ended on it: had both
    processes taken it, this one could find the build ended (exit code 130) before its own
    KeyboardInterrupt came, and report a failed build.
    """
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if in_main_thread else None
    try:
        child = subprocess.Popen(command)
        try:
            returncode = child.wait()
        except BaseException:
            logger.info("stopping the build of the embedded default index: removing its temporary files")
            child.send_signal(signal.SIGTERM)
            try:
                child.wait(timeout=STOP_BUILD_SECONDS)
            except subprocess.TimeoutExpired:
                child.kill()
            raise
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    if returncode == 128 + signal.SIGINT:
        raise KeyboardInterrupt
    if returncode == 128 + signal.SIGTERM:
        raise SystemExit(returncode)
    return returncode


STOP_BUILD_SECONDS = 60.0
"""How long a stopped server waits for its first build to remove its temporary files."""


def build_embedded_index(
    path: str | Path, *, progress: bool = True, stored_answers: int = DEFAULT_STORED_ANSWERS
) -> None:
    """Build the embedded default index at ``path`` here (:func:`ensure_embedded_index` has a child do it)."""
    inputs = _EmbeddedInputs.read()
    build_index(
        inputs.source,
        Path(path),
        custom=inputs.custom,
        crosswalk=inputs.links,
        crosswalk_fingerprint=inputs.links_fingerprint,
        area_codes=inputs.codes,
        area_codes_fingerprint=inputs.codes_fingerprint,
        progress=progress,
        finish=partial(store_answers, limit=stored_answers, progress=progress),
    )


@dataclass(frozen=True, slots=True)
class _EmbeddedInputs:
    """What the embedded default index is built from: the packaged gazetteer and the seed files."""

    source: EmbeddedSource
    custom: CustomGazetteer
    links: tuple[CrosswalkLink, ...]
    links_fingerprint: str
    codes: tuple[AreaCode, ...]
    codes_fingerprint: str

    @classmethod
    def read(cls) -> _EmbeddedInputs:
        """Read the seed files; the gazetteer is read when it is built from."""
        links, links_fingerprint = seed_crosswalk()
        codes, codes_fingerprint = seed_area_abbreviations()
        return cls(EmbeddedSource(), seed_custom_places(), links, links_fingerprint, codes, codes_fingerprint)
