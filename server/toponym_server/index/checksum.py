"""The index file's checksum: a CRC-32 of every page after the first, kept in SQLite's header.

The header of page 1 has a spare 32-bit field, ``user_version``, outside the pages the checksum
covers, so the file carries its own checksum without it having to cover itself.
"""

from __future__ import annotations

import sqlite3
import zlib
from pathlib import Path

from toponym_server.index.unpublished import connect_unpublished


def file_checksum(path: Path, page_size: int) -> int:
    """The CRC-32 of every page of an SQLite file after the first."""
    crc = 0
    with Path(path).open("rb") as handle:
        handle.seek(page_size)
        while chunk := handle.read(1 << 22):
            crc = zlib.crc32(chunk, crc)
    return crc


def write_checksum(path: Path) -> None:
    """Compute the checksum of a finished index file and store it in the file's header.

    Raises :class:`sqlite3.OperationalError` if there is no file at ``path``, rather than create one.
    """
    conn = connect_unpublished(path)
    try:
        (page_size,) = conn.execute("PRAGMA page_size").fetchone()
        crc = file_checksum(path, page_size)
        conn.execute(f"PRAGMA user_version = {crc - (1 << 32) if crc >= 1 << 31 else crc}")
    finally:
        conn.close()


def stored_checksum(conn: sqlite3.Connection) -> int:
    """The checksum stored in an open index file's header, as an unsigned 32-bit value."""
    (stored,) = conn.execute("PRAGMA user_version").fetchone()
    return int(stored) & 0xFFFFFFFF
