"""Build the index file from a gazetteer source.

The file is written under a temporary name beside the target and renamed into place only
once complete, so a failed or interrupted build never leaves a half-written index where a
server would open it; the previous index, if any, stays intact.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from toponym_server.index.schema import APPLICATION_ID, FORMAT_VERSION, POST_LOAD, SCHEMA
from toponym_server.matching.keys import EXACT, index_keys
from toponym_server.matching.normalize import normalize
from toponym_server.matching.prominence import prominence
from toponym_server.matching.ranking import (
    FLAG_CANONICAL,
    FLAG_CODE,
    FLAG_COLLOQUIAL,
    FLAG_HISTORIC,
    FLAG_NON_LATIN,
    FLAG_PREFERRED,
    FLAG_SHORT,
)
from toponym_server.matching.rules_version import RULES_VERSION
from toponym_server.sources.base import GazetteerSource
from toponym_server.sources.records import NameRecord, PlaceRecord

logger = logging.getLogger(__name__)
_BATCH = 20_000
_SPELLINGS_PER_KEY = 8


@dataclass(frozen=True, slots=True)
class BuildSummary:
    """What a build produced."""

    path: Path
    places: int
    names: int
    keys: int
    languages: int
    seconds: float
    size_bytes: int


def expected_fingerprint(source: GazetteerSource) -> str:
    """The fingerprint an index built now from ``source`` would carry."""
    return f"{FORMAT_VERSION}:{RULES_VERSION}:{source.fingerprint()}"


def _flags(name: NameRecord) -> int:
    flags = FLAG_PREFERRED if name.is_preferred else 0
    flags |= FLAG_SHORT if name.is_short else 0
    flags |= FLAG_COLLOQUIAL if name.is_colloquial else 0
    flags |= FLAG_HISTORIC if name.is_historic else 0
    return flags


def _looks_like_code(text: str, flags: int) -> bool:
    """Tell an alternate name that is a code (``SRY``, ``LHR``, ``KJFK``) from a name."""
    return not flags & FLAG_CANONICAL and 2 <= len(text) <= 4 and text.isascii() and text.isalpha() and text.isupper()


def _all_names(place: PlaceRecord) -> Iterator[tuple[NameRecord, int]]:
    yield NameRecord(place.name), FLAG_CANONICAL
    if place.ascii_name and place.ascii_name != place.name:
        yield NameRecord(place.ascii_name), FLAG_CANONICAL
    for name in place.names:
        yield name, _flags(name)


class _Writer:
    """Accumulates rows and writes them in batches."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.places: list[tuple[object, ...]] = []
        self.names: list[tuple[object, ...]] = []
        self.keys: list[tuple[str, int, int, int]] = []
        self.next_name_id = 1
        self.seen_places: set[int] = set()
        self.languages: set[str] = set()
        self.counts = {"places": 0, "names": 0, "keys": 0}

    def add(self, place: PlaceRecord) -> None:
        if place.geoname_id in self.seen_places:
            logger.warning("skipped a second record for place %d", place.geoname_id)
            return
        self.seen_places.add(place.geoname_id)
        weight = prominence(place.feature_class, place.feature_code, place.population)
        priority = -round(weight * 1_000_000)
        self.places.append(
            (
                place.geoname_id,
                place.name,
                place.ascii_name,
                place.latitude,
                place.longitude,
                place.feature_class,
                place.feature_code,
                place.country_code,
                place.admin1_code,
                place.admin2_code,
                place.population,
                weight,
            )
        )
        seen_names: dict[tuple[str, str], None] = {}
        # Every distinct spelling under a key gets a row, so the ranker sees the spelling
        # closest to the query, not just the first name that shares its key.
        place_keys: dict[str, dict[str, int]] = {}
        for record, flags in _all_names(place):
            text = record.text.strip()
            if not text or (text, record.lang) in seen_names:
                continue
            seen_names[(text, record.lang)] = None
            views = normalize(text)
            if not views.folded:
                continue
            if views.transliterated:
                flags |= FLAG_NON_LATIN
            if _looks_like_code(text, flags):
                flags |= FLAG_CODE
            name_id = self.next_name_id
            self.next_name_id += 1
            if record.lang:
                self.languages.add(record.lang)
            self.names.append(
                (name_id, place.geoname_id, text, record.lang, flags, views.folded, views.phonetic, views.skeleton)
            )
            # A code is found by its exact spelling only: its letters are not a pronunciation.
            keys = {k for k in index_keys(views) if k.startswith(EXACT)} if flags & FLAG_CODE else index_keys(views)
            for key in keys:
                spellings = place_keys.setdefault(key, {})
                if len(spellings) < _SPELLINGS_PER_KEY:
                    spellings.setdefault(views.folded, name_id)
        self.keys.extend(
            (key, priority, name_id, place.geoname_id)
            for key, spellings in place_keys.items()
            for name_id in spellings.values()
        )
        if len(self.names) >= _BATCH:
            self.flush()

    def flush(self) -> None:
        self.conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", self.places)
        self.conn.executemany("INSERT INTO names VALUES (?,?,?,?,?,?,?,?)", self.names)
        self.conn.executemany("INSERT INTO staged_keys VALUES (?,?,?,?)", self.keys)
        self.counts["places"] += len(self.places)
        self.counts["names"] += len(self.names)
        self.counts["keys"] += len(self.keys)
        self.places.clear()
        self.names.clear()
        self.keys.clear()


def build_index(source: GazetteerSource, output: Path, *, progress: bool = True) -> BuildSummary:
    """Build an index of ``source`` at ``output``, atomically replacing any file there."""
    started = time.monotonic()
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    temporary = output.with_name(f".{output.name}.{os.getpid()}.building")
    temporary.unlink(missing_ok=True)
    try:
        summary = _write(source, temporary, progress)
        with temporary.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, output)
        _fsync_directory(output.parent)
    finally:
        temporary.unlink(missing_ok=True)
    return BuildSummary(
        output,
        summary["places"],
        summary["names"],
        summary["keys"],
        summary["languages"],
        time.monotonic() - started,
        output.stat().st_size,
    )


def _write(source: GazetteerSource, path: Path, progress: bool) -> dict[str, int]:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA cache_size = -262144")
        conn.execute("PRAGMA temp_store = FILE")
        conn.executescript(SCHEMA)
        conn.execute("CREATE TEMP TABLE staged_keys (key TEXT, priority INTEGER, name_id INTEGER, place_id INTEGER)")
        conn.execute("BEGIN")
        writer = _Writer(conn)
        places: Iterable[PlaceRecord] = source.places()
        with tqdm(places, desc="indexing places", unit=" places", disable=not progress, mininterval=1.0) as bar:
            for place in bar:
                writer.add(place)
        writer.flush()
        conn.executemany(
            "INSERT OR REPLACE INTO admin_divisions VALUES (?,?,?)",
            ((d.code, d.name, d.geoname_id) for d in source.admin_divisions()),
        )
        if progress:
            logger.info("sorting %d keys", writer.counts["keys"])
        conn.execute("INSERT OR IGNORE INTO keys SELECT * FROM staged_keys ORDER BY key, priority, name_id")
        conn.execute("DROP TABLE staged_keys")
        counts = dict(writer.counts, languages=len(writer.languages))
        meta = {
            "format_version": FORMAT_VERSION,
            "fingerprint": expected_fingerprint(source),
            "source": source.describe(),
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            **{k: str(v) for k, v in counts.items()},
        }
        conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        conn.execute("COMMIT")
        conn.executescript(POST_LOAD)
        conn.execute("ANALYZE")
        conn.execute("PRAGMA optimize")
        return counts
    finally:
        conn.close()


def _fsync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
