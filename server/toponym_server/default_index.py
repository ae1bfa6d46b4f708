"""Where the embedded default index lives, and building it when it is missing or stale.

The index is kept in a data directory (``$TOPONYM_DATA_DIR``, else ``$XDG_DATA_HOME/toponym``,
else ``~/.local/share/toponym``) and reused across starts. It is rebuilt only when the
packages it comes from, the seed files, the index format or the matching rules change. A file lock makes
several processes starting at once build it only once.
"""

from __future__ import annotations

import fcntl
import logging
import os
from pathlib import Path

from toponym_server.index.build import build_index, expected_fingerprint
from toponym_server.index.reader import IndexFileError, IndexReader, open_index
from toponym_server.sources.embedded import EmbeddedSource
from toponym_server.sources.seeds import seed_crosswalk, seed_custom_places

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


def _is_current(path: Path, fingerprint: str) -> bool:
    try:
        reader = open_index(path)
    except IndexFileError:
        return False
    current = reader.meta.get("fingerprint") == fingerprint
    reader.close()
    return current


def ensure_embedded_index(path: Path | None = None, *, progress: bool = True) -> IndexReader:
    """Open the embedded default index, building it first if it is missing or stale."""
    path = path or embedded_index_path()
    source = EmbeddedSource()
    custom = seed_custom_places()
    links, links_fingerprint = seed_crosswalk()
    fingerprint = expected_fingerprint(source, custom, links_fingerprint)
    if not _is_current(path, fingerprint):
        path.parent.mkdir(parents=True, exist_ok=True)
        with (path.parent / f".{path.name}.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not _is_current(path, fingerprint):  # another process may have built it meanwhile
                logger.info("building the embedded default index at %s (once; about two minutes)", path)
                summary = build_index(
                    source,
                    path,
                    custom=custom,
                    crosswalk=links,
                    crosswalk_fingerprint=links_fingerprint,
                    progress=progress,
                )
                logger.info("built %d places, %d names in %.0f s", summary.places, summary.names, summary.seconds)
    return open_index(path)
