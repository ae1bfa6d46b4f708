"""Open the file a build is writing, which must already exist: never a new, empty one in its place."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote


def connect_unpublished(path: Path) -> sqlite3.Connection:
    """Open the unpublished index file at ``path`` for writing, in autocommit mode.

    Raises :class:`sqlite3.OperationalError` if there is no file at ``path``: a plain
    ``sqlite3.connect`` would create an empty one, which a build could then publish.
    """
    return sqlite3.connect(f"file:{quote(str(Path(path).resolve()))}?mode=rw", uri=True, isolation_level=None)
