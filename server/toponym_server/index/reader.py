"""Open an index file read-only and answer the lookups the resolver needs.

The file is opened with SQLite's ``immutable`` flag: no locks, no journal, pages shared with
every other process reading the same file through the operating system's page cache. Each
thread gets its own connection, opened lazily, so gRPC worker threads never contend on one.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from toponym_server.index.schema import APPLICATION_ID, FORMAT_VERSION

_PLACE_COLUMNS = (
    "id, name, ascii_name, latitude, longitude, feature_class, feature_code, country_code, "
    "admin1_code, admin2_code, population, prominence"
)


class IndexFileError(Exception):
    """The index file is missing, damaged, foreign or of another format version."""


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """A place as stored in the index."""

    geoname_id: int
    name: str
    ascii_name: str
    latitude: float
    longitude: float
    feature_class: str
    feature_code: str
    country_code: str
    admin1_code: str
    admin2_code: str
    population: int
    prominence: float


@dataclass(frozen=True, slots=True)
class NameRow:
    """A name as stored in the index."""

    name_id: int
    place_id: int
    text: str
    lang: str
    flags: int
    folded: str
    phonetic: str
    skeleton: str


class IndexReader:
    """Read-only access to one index file; safe to share between threads."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._uri = f"file:{quote(str(self.path.resolve()))}?mode=ro&immutable=1"
        self.meta = self._check()

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self._uri, uri=True, check_same_thread=False)
        conn.execute("PRAGMA query_only = ON")
        conn.execute("PRAGMA cache_size = -16384")
        conn.execute("PRAGMA mmap_size = 1073741824")
        return conn

    @property
    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
        return conn

    def _check(self) -> dict[str, str]:
        if not self.path.is_file():
            raise IndexFileError(f"index file {self.path} does not exist: build it with `toponym index build`")
        try:
            conn = self._connect()
            (app_id,) = conn.execute("PRAGMA application_id").fetchone()
            if app_id != APPLICATION_ID:
                raise IndexFileError(f"{self.path} is not a toponym index file")
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            (pages,) = conn.execute("PRAGMA page_count").fetchone()
            (page_size,) = conn.execute("PRAGMA page_size").fetchone()
        except sqlite3.DatabaseError as err:
            raise IndexFileError(f"{self.path} is damaged or not a toponym index: {err}") from err
        # A size check costs nothing at any gazetteer size and catches truncated copies.
        if pages * page_size != self.path.stat().st_size:
            raise IndexFileError(f"{self.path} is truncated or damaged: rebuild it")
        version = meta.get("format_version")
        if version != FORMAT_VERSION:
            raise IndexFileError(
                f"{self.path} has index format {version}, this server reads format {FORMAT_VERSION}: rebuild it"
            )
        self._local.conn = conn
        return meta

    @property
    def place_count(self) -> int:
        """Number of places in the index."""
        return int(self.meta.get("places", 0))

    @property
    def name_count(self) -> int:
        """Number of names in the index."""
        return int(self.meta.get("names", 0))

    def lookup(self, key: str, limit: int) -> list[tuple[int, int]]:
        """Return up to ``limit`` (name_id, place_id) pairs stored under ``key``, most prominent first."""
        rows = self._conn.execute("SELECT name_id, place_id FROM keys WHERE key = ? LIMIT ?", (key, limit))
        return rows.fetchall()

    def lookup_in_countries(self, key: str, countries: Sequence[str], limit: int) -> list[tuple[int, int]]:
        """Like :meth:`lookup`, but only places in the given countries (ISO codes)."""
        marks = ",".join("?" * len(countries))
        rows = self._conn.execute(
            "SELECT k.name_id, k.place_id FROM keys AS k JOIN places AS p ON p.id = k.place_id "
            f"WHERE k.key = ? AND p.country_code IN ({marks}) LIMIT ?",
            (key, *countries, limit),
        )
        return rows.fetchall()

    def names_by_id(self, name_ids: Sequence[int]) -> list[NameRow]:
        """Return the names with these IDs, in no particular order."""
        if not name_ids:
            return []
        marks = ",".join("?" * len(name_ids))
        rows = self._conn.execute(
            f"SELECT id, place_id, text, lang, flags, folded, phonetic, skeleton FROM names WHERE id IN ({marks})",
            tuple(name_ids),
        )
        return [NameRow(*row) for row in rows]

    def places_by_id(self, place_ids: Sequence[int]) -> dict[int, PlaceRow]:
        """Return the places with these IDs, keyed by ID; unknown IDs are absent."""
        if not place_ids:
            return {}
        marks = ",".join("?" * len(place_ids))
        rows = self._conn.execute(f"SELECT {_PLACE_COLUMNS} FROM places WHERE id IN ({marks})", tuple(place_ids))
        return {row[0]: PlaceRow(*row) for row in rows}

    def names_of_place(self, place_id: int) -> list[NameRow]:
        """Return every name of a place, canonical names first."""
        rows = self._conn.execute(
            "SELECT id, place_id, text, lang, flags, folded, phonetic, skeleton FROM names "
            "WHERE place_id = ? ORDER BY id",
            (place_id,),
        )
        return [NameRow(*row) for row in rows]

    def admin_name(self, code: str) -> str:
        """Return the name of the admin division with GeoNames code ``code`` (``CC.A1``), or ``""``."""
        row = self._conn.execute("SELECT name FROM admin_divisions WHERE code = ?", (code,)).fetchone()
        return str(row[0]) if row else ""

    def localized_name(self, place_id: int, language: str) -> str:
        """Return the place's name in ``language`` (preferred names first), or ``""``."""
        base = language.split("-")[0].lower()
        row = self._conn.execute(
            "SELECT text FROM names WHERE place_id = ? AND (lang = ? OR lang = ? OR lang LIKE ?) "
            "ORDER BY (lang = ?) DESC, (flags & 1) DESC, id LIMIT 1",
            (place_id, language, base, base + "-%", language),
        ).fetchone()
        return str(row[0]) if row else ""

    def close(self) -> None:
        """Close this thread's connection."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None


def open_index(path: Path) -> IndexReader:
    """Open and check an index file; raise :class:`IndexFileError` with a clear message if unusable."""
    return IndexReader(path)
