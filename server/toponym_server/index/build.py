"""Build the index file from a gazetteer source, at any size from a fixture to the full GeoNames.

The build is a stream with bounded memory:

1. places are read once and written to the ``places`` table; each place's names (and, later,
   the source's separate alternate names) become *name jobs*;
2. name jobs are normalized in batches, in worker processes once the input proves large, and
   each result is written to the ``names`` table while its keys, as 64-bit hashes, are spilled
   to sixteen partition files by the top bits of the hash;
3. each partition is loaded with numpy, deduplicated (at most a few spellings per key and
   place), ordered by (key, priority) and packed into blocks of the key table
   (:mod:`toponym_server.index.keyblocks`);
4. custom places are merged or added, related places across borders are linked, and the
   file's checksum is written.

The file is written under a temporary name beside the target and renamed into place only once
complete, so a failed or interrupted build never leaves a half-written index where a server
would open it; the previous index, if any, stays intact.
"""

from __future__ import annotations

import logging
import math
import multiprocessing
import os
import shutil
import sqlite3
import tempfile
import time
import zlib
from array import array
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
from numpy.typing import NDArray
from tqdm import tqdm

from toponym_server.index.checksum import write_checksum
from toponym_server.index.geo import GridIndex, distance_km
from toponym_server.index.keyblocks import BLOCK_ENTRIES, country_code_number, pack_blocks
from toponym_server.index.keyhash import key_hash
from toponym_server.index.schema import APPLICATION_ID, FORMAT_VERSION, POST_LOAD, RELATION_ACROSS_BORDER, SCHEMA
from toponym_server.matching.keys import EXACT, index_keys
from toponym_server.matching.normalize import normalize
from toponym_server.matching.prominence import prominence
from toponym_server.matching.ranking import (
    FLAG_CANONICAL,
    FLAG_CODE,
    FLAG_COLLOQUIAL,
    FLAG_CUSTOM,
    FLAG_HISTORIC,
    FLAG_NON_LATIN,
    FLAG_PREFERRED,
    FLAG_SHORT,
)
from toponym_server.matching.rules_version import RULES_VERSION
from toponym_server.sources.base import GazetteerSource
from toponym_server.sources.crosswalk import CrosswalkLink
from toponym_server.sources.custom import CustomGazetteer
from toponym_server.sources.records import NameRecord, PlaceRecord

logger = logging.getLogger(__name__)

SPELLINGS_PER_KEY = 8
"""At most this many distinct spellings of one place are stored under one key."""
_JOB_BATCH = 20_000
_PLACE_BATCH = 20_000
_PARTITION_BITS = 4
_KEY_ROW = np.dtype([("key", "<i8"), ("place", "<i8"), ("name", "<i8"), ("spelling", "<u4")])
# Worker processes pay off only once the input is this large; smaller builds stay in-process.
_PARALLEL_AFTER_JOBS = 3 * _JOB_BATCH
_BITMAP_LIMIT = 1 << 31  # place IDs below this are tracked in a bitmap (at most 256 MiB; 2 MiB for GeoNames)

NameJob = tuple[int, int, str, str, int]  # (name ID, place ID, text, language, flags)


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """How the builder links and merges places, and how many processes it uses."""

    workers: int = 0
    """Worker processes for normalization; 0 means one per CPU."""
    merge_distance_km: float = 10.0
    """A custom place merges into a same-named gazetteer feature at most this far away."""
    border_distance_km: float = 25.0
    """Border posts and towns at most this far apart in two countries are linked as counterparts."""
    border_min_population: int = 1000
    """Populated places smaller than this are not linked across borders (border posts always are)."""


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
    custom_places: int = 0
    merged_custom_places: int = 0
    related_links: int = 0


def expected_fingerprint(
    source: GazetteerSource, custom: CustomGazetteer | None = None, crosswalk_fingerprint: str = ""
) -> str:
    """The fingerprint an index built now from these inputs would carry."""
    extra = f":{custom.fingerprint}" if custom else ""
    extra += f":{crosswalk_fingerprint}" if crosswalk_fingerprint else ""
    return f"{FORMAT_VERSION}:{RULES_VERSION}:{source.fingerprint()}{extra}"


def name_flags(name: NameRecord) -> int:
    """The flag bits a gazetteer's name record carries into the index."""
    flags = FLAG_PREFERRED if name.is_preferred else 0
    flags |= FLAG_SHORT if name.is_short else 0
    flags |= FLAG_COLLOQUIAL if name.is_colloquial else 0
    flags |= FLAG_HISTORIC if name.is_historic else 0
    return flags


def _looks_like_code(text: str, flags: int) -> bool:
    """Tell an alternate name that is a code (``SRY``, ``LHR``, ``KJFK``) from a name."""
    return not flags & FLAG_CANONICAL and 2 <= len(text) <= 4 and text.isascii() and text.isalpha() and text.isupper()


def _spelling_hash(folded: str) -> int:
    return zlib.crc32(folded.encode("utf-8"))


def normalize_jobs(jobs: Sequence[NameJob]) -> tuple[list[tuple[object, ...]], NDArray[np.void]]:
    """Normalize a batch of names: their ``names`` table rows and their key rows.

    Runs in worker processes, so it takes and returns only plain data.
    """
    rows: list[tuple[object, ...]] = []
    keys: list[tuple[int, int, int, int]] = []
    for name_id, place_id, text, lang, flags in jobs:
        views = normalize(text)
        if not views.folded:
            continue
        if views.transliterated:
            flags |= FLAG_NON_LATIN
        if _looks_like_code(text, flags):
            flags |= FLAG_CODE
        rows.append((name_id, place_id, text, lang, flags, views.folded, views.phonetic, views.skeleton))
        # A code is found by its exact spelling only: its letters are not a pronunciation.
        name_keys = index_keys(views)
        if flags & FLAG_CODE:
            name_keys = {k for k in name_keys if k.startswith(EXACT)}
        spelling = _spelling_hash(views.folded)
        keys.extend((key_hash(key), place_id, name_id, spelling) for key in name_keys)
    return rows, np.array(keys, dtype=_KEY_ROW)


class _IdSet:
    """A set of place IDs: a bitmap for GeoNames-range IDs (2 MiB for all of GeoNames), a set for the rest."""

    def __init__(self) -> None:
        self._bits = bytearray()
        self._large: set[int] = set()

    def add(self, place_id: int) -> None:
        if not 0 <= place_id < _BITMAP_LIMIT:
            self._large.add(place_id)
            return
        byte = place_id >> 3
        if byte >= len(self._bits):
            self._bits.extend(bytes(max(byte + 1 - len(self._bits), len(self._bits))))
        self._bits[byte] |= 1 << (place_id & 7)

    def __contains__(self, place_id: int) -> bool:
        if not 0 <= place_id < _BITMAP_LIMIT:
            return place_id in self._large
        byte = place_id >> 3
        return byte < len(self._bits) and bool(self._bits[byte] >> (place_id & 7) & 1)


@dataclass
class _State:
    """What the build has written so far."""

    conn: sqlite3.Connection
    spill_dir: Path
    place_ids: array[int] = field(default_factory=lambda: array("q"))
    priorities: array[int] = field(default_factory=lambda: array("q"))
    countries: array[int] = field(default_factory=lambda: array("H"))
    next_name_id: int = 1
    names: int = 0
    keys: int = 0
    blocks: int = 0
    seen: _IdSet = field(default_factory=lambda: _IdSet())
    languages: set[str] = field(default_factory=set)
    # border-link candidates: (place ID, latitude, longitude, country, is a border post)
    border_candidates: list[tuple[int, float, float, str, bool]] = field(default_factory=list)

    def spill_path(self, partition: int) -> Path:
        return self.spill_dir / f"keys-{partition:02d}.bin"


class _CustomMerger:
    """Finds, while places stream by, the gazetteer feature each custom place is the same as."""

    def __init__(self, custom: CustomGazetteer, distance: float) -> None:
        self.places = {p.geoname_id: p for p in custom.places}
        self.distance = distance
        self.grid = GridIndex(cell_degrees=max(distance / 111.0, 0.01))
        self.folded: dict[int, set[str]] = {}
        for place in custom.places:
            self.grid.add(place.geoname_id, place.latitude, place.longitude)
            texts = (place.name, place.ascii_name, *(n.text for n in place.names))
            self.folded[place.geoname_id] = {normalize(t).folded for t in texts} - {""}
        self.best: dict[int, tuple[float, int]] = {}  # custom ID -> (distance, gazetteer place ID)

    def offer(self, place: PlaceRecord) -> None:
        """Consider ``place`` as the feature a nearby custom place stands for."""
        for custom_id in self.grid.near(place.latitude, place.longitude):
            custom = self.places[custom_id]
            if custom.country_code and custom.country_code != place.country_code:
                continue
            gap = distance_km(custom.latitude, custom.longitude, place.latitude, place.longitude)
            if gap > self.distance or gap >= self.best.get(custom_id, (float("inf"), 0))[0]:
                continue
            texts = (place.name, place.ascii_name, *(n.text for n in place.names))
            if any(normalize(t).folded in self.folded[custom_id] for t in texts):
                self.best[custom_id] = (gap, place.geoname_id)

    def merged_into(self) -> dict[int, int]:
        """Map each merged custom place's ID to the gazetteer place it merged into."""
        return {custom_id: place_id for custom_id, (_gap, place_id) in self.best.items()}


def build_index(
    source: GazetteerSource,
    output: Path,
    *,
    custom: CustomGazetteer | None = None,
    crosswalk: Sequence[CrosswalkLink] = (),
    crosswalk_fingerprint: str = "",
    options: BuildOptions | None = None,
    progress: bool = True,
) -> BuildSummary:
    """Build an index of ``source`` (plus custom places and crosswalk links) at ``output``, atomically."""
    started = time.monotonic()
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_builds(output)
    temporary = output.with_name(f".{output.name}.{os.getpid()}.building")
    temporary.unlink(missing_ok=True)
    try:
        with tempfile.TemporaryDirectory(prefix=f".{output.name}.{os.getpid()}.spill", dir=output.parent) as spill:
            summary = _write(
                source,
                temporary,
                Path(spill),
                custom or CustomGazetteer(),
                tuple(crosswalk),
                expected_fingerprint(source, custom, crosswalk_fingerprint),
                options or BuildOptions(),
                progress,
            )
        write_checksum(temporary)
        with temporary.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, output)
        _fsync_directory(output.parent)
    finally:
        temporary.unlink(missing_ok=True)
    return BuildSummary(
        path=output,
        seconds=time.monotonic() - started,
        size_bytes=output.stat().st_size,
        **summary,
    )


def _remove_stale_builds(output: Path) -> None:
    """Delete what builds of ``output`` killed before they could clean up (their process is gone)."""
    for leftover in output.parent.glob(f".{output.name}.*"):
        pid = leftover.name.removeprefix(f".{output.name}.").split(".")[0]
        if not pid.isdigit() or _process_alive(int(pid)):
            continue
        logger.info("removing %s, left by a build that was killed", leftover)
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _write(
    source: GazetteerSource,
    path: Path,
    spill_dir: Path,
    custom: CustomGazetteer,
    crosswalk: tuple[CrosswalkLink, ...],
    fingerprint: str,
    options: BuildOptions,
    progress: bool,
) -> dict[str, int]:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA cache_size = -262144")
        conn.execute("PRAGMA temp_store = FILE")
        conn.executescript(SCHEMA)
        conn.execute("BEGIN")
        state = _State(conn, spill_dir)
        merger = _CustomMerger(custom, options.merge_distance_km)
        with tqdm(desc="indexing names", unit=" names", disable=not progress, mininterval=1.0) as bar:
            jobs = _name_jobs(source, custom, merger, state, options)
            _normalize_all(jobs, state, options.workers, bar)
        merged = merger.merged_into()
        if progress:
            logger.info("sorting %d keys", state.keys)
        keys = _write_keys(state, progress)
        conn.executemany(
            "INSERT OR REPLACE INTO admin_divisions VALUES (?,?,?)",
            ((d.code, d.name, d.geoname_id) for d in source.admin_divisions()),
        )
        links = _write_related(state, crosswalk, merged, options)
        counts = {
            "places": len(state.place_ids),
            "names": state.names,
            "keys": keys,
            "languages": len(state.languages),
            "custom_places": len(custom.places) - len(merged),
            "merged_custom_places": len(merged),
            "related_links": links,
        }
        meta = {
            "format_version": FORMAT_VERSION,
            "fingerprint": fingerprint,
            "source": source.describe(),
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            **{k: str(v) for k, v in counts.items()},
        }
        conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        conn.execute("COMMIT")
        conn.executescript(POST_LOAD)
        conn.execute("PRAGMA analysis_limit = 1000")
        conn.execute("ANALYZE")
        return counts
    finally:
        conn.close()


def _place_row(place: PlaceRecord, weight: float, is_custom: bool) -> tuple[object, ...]:
    return (
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
        int(is_custom),
    )


def _name_jobs(
    source: GazetteerSource,
    custom: CustomGazetteer,
    merger: _CustomMerger,
    state: _State,
    options: BuildOptions,
) -> Iterator[NameJob]:
    """Write the places and yield a job for every name, giving each its name ID."""
    rows: list[tuple[object, ...]] = []

    def flush_places() -> None:
        state.conn.executemany("INSERT OR IGNORE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        rows.clear()

    def jobs_for(place_id: int, names: Iterator[tuple[NameRecord, int]]) -> Iterator[NameJob]:
        seen: set[tuple[str, str]] = set()
        for record, flags in names:
            text = record.text.strip()
            if not text or (text, record.lang) in seen:
                continue
            seen.add((text, record.lang))
            if record.lang:
                state.languages.add(record.lang)
            yield state.next_name_id, place_id, text, record.lang, flags
            state.next_name_id += 1

    def add_place(place: PlaceRecord, is_custom: bool) -> Iterator[NameJob]:
        weight = prominence(place.feature_class, place.feature_code, place.population, len(place.names))
        state.seen.add(place.geoname_id)
        state.place_ids.append(place.geoname_id)
        state.priorities.append(-round(weight * 1_000_000))
        state.countries.append(country_code_number(place.country_code))
        rows.append(_place_row(place, weight, is_custom))
        if len(rows) >= _PLACE_BATCH:
            flush_places()
        is_post = place.feature_code == "PSTB"
        if is_post or (place.feature_class == "P" and place.population >= options.border_min_population):
            state.border_candidates.append(
                (place.geoname_id, place.latitude, place.longitude, place.country_code, is_post)
            )
        extra = FLAG_CUSTOM if is_custom else 0
        canonical = [(NameRecord(place.name), FLAG_CANONICAL | extra)]
        if place.ascii_name and place.ascii_name != place.name:
            canonical.append((NameRecord(place.ascii_name), FLAG_CANONICAL | extra))
        named = [(n, name_flags(n) | extra) for n in place.names]
        yield from jobs_for(place.geoname_id, iter(canonical + named))

    for place in source.places():
        if place.geoname_id in state.seen:
            logger.warning("skipped a second record for place %d", place.geoname_id)
            continue
        if merger.places:
            merger.offer(place)
        yield from add_place(place, is_custom=False)
    merged = merger.merged_into()
    for place in custom.places:
        target = merged.get(place.geoname_id)
        if target is None:
            yield from add_place(place, is_custom=True)
            continue
        logger.info("custom place %r merged into gazetteer place %d", place.name, target)
        records = [(NameRecord(t), FLAG_CUSTOM) for t in (place.name, place.ascii_name)]
        records += [(n, name_flags(n) | FLAG_CUSTOM) for n in place.names]
        yield from jobs_for(target, iter(records))
    flush_places()
    present = state.seen.__contains__
    for place_id, record in custom.extra_names:
        if present(place_id):
            yield from jobs_for(place_id, iter([(record, name_flags(record) | FLAG_CUSTOM)]))
        else:
            logger.warning("custom names for place %d skipped: the gazetteer has no such place", place_id)
    # The hot loop of a full import (some 17 million rows): kept free of per-row helpers.
    languages = state.languages
    for place_id, record in source.alternate_names():
        if present(place_id):
            if record.lang:
                languages.add(record.lang)
            yield state.next_name_id, place_id, record.text, record.lang, name_flags(record)
            state.next_name_id += 1


def _batches(jobs: Iterator[NameJob]) -> Iterator[list[NameJob]]:
    batch: list[NameJob] = []
    for job in jobs:
        batch.append(job)
        if len(batch) >= _JOB_BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _normalize_all(jobs: Iterator[NameJob], state: _State, workers: int, bar: tqdm[Any]) -> None:
    """Normalize every job, in worker processes once the input proves large, and store the results."""
    partitions = 1 << _PARTITION_BITS
    spills = [state.spill_path(p).open("ab") for p in range(partitions)]
    workers = workers or os.cpu_count() or 1
    pool: ProcessPoolExecutor | None = None
    pending: deque[Future[tuple[list[tuple[object, ...]], NDArray[np.void]]]] = deque()
    try:
        for count, batch in enumerate(_batches(jobs)):
            if pool is None and workers > 1 and count * _JOB_BATCH >= _PARALLEL_AFTER_JOBS:
                # forkserver, not fork: the caller may have threads (a gRPC server in tests).
                pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("forkserver"))
            if pool is None:
                _store(normalize_jobs(batch), state, spills, bar)
                continue
            pending.append(pool.submit(normalize_jobs, batch))
            while len(pending) >= 2 * workers:
                _store(pending.popleft().result(), state, spills, bar)
        while pending:
            _store(pending.popleft().result(), state, spills, bar)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        for spill in spills:
            spill.close()


def _store(
    result: tuple[list[tuple[object, ...]], NDArray[np.void]], state: _State, spills: Sequence[BinaryIO], bar: tqdm[Any]
) -> None:
    rows, keys = result
    state.conn.executemany("INSERT INTO names VALUES (?,?,?,?,?,?,?,?)", rows)
    state.names += len(rows)
    state.keys += len(keys)
    # The top bits of the signed hash, shifted to 0..15, keep partitions in key order.
    partition = (keys["key"] >> (64 - _PARTITION_BITS)) + (1 << (_PARTITION_BITS - 1))
    for p in np.unique(partition):
        keys[partition == p].tofile(spills[int(p)])
    bar.update(len(rows))


def _write_keys(state: _State, progress: bool) -> int:
    """Deduplicate, order and pack each key partition into blocks; return the number of entries written."""
    ids = np.frombuffer(state.place_ids, dtype=np.int64)
    order = np.argsort(ids, kind="stable")
    sorted_ids = ids[order]
    sorted_priorities = np.frombuffer(state.priorities, dtype=np.int64)[order]
    sorted_countries = np.frombuffer(state.countries, dtype=np.uint16)[order]
    written = 0
    partitions = range(1 << _PARTITION_BITS)
    for partition in tqdm(partitions, desc="writing keys", unit=" parts", disable=not progress):
        path = state.spill_path(partition)
        rows = np.fromfile(path, dtype=_KEY_ROW)
        path.unlink()
        if len(rows) == 0:
            continue
        rows = _deduplicate(rows)
        where = np.searchsorted(sorted_ids, rows["place"])
        priority = sorted_priorities[where]
        final = np.lexsort((rows["name"], priority, rows["key"]))
        rows = rows[final]
        blocks = pack_blocks(rows["key"], rows["place"], rows["name"], sorted_countries[where][final], state.blocks)
        state.conn.executemany("INSERT INTO key_blocks VALUES (?,?,?)", blocks)
        state.blocks += -(-len(rows) // BLOCK_ENTRIES)
        written += len(rows)
    return written


def _deduplicate(rows: NDArray[np.void]) -> NDArray[np.void]:
    """Keep one name per (key, place, spelling), and at most SPELLINGS_PER_KEY spellings per (key, place)."""
    rows = rows[np.lexsort((rows["name"], rows["spelling"], rows["place"], rows["key"]))]
    key, place, spelling = rows["key"], rows["place"], rows["spelling"]
    same_group = np.zeros(len(rows), dtype=bool)
    same_group[1:] = (key[1:] == key[:-1]) & (place[1:] == place[:-1])
    same_spelling = np.zeros(len(rows), dtype=bool)
    same_spelling[1:] = same_group[1:] & (spelling[1:] == spelling[:-1])
    rows, same_group = rows[~same_spelling], same_group[~same_spelling]
    # Rank of each row within its (key, place) group: its index minus the group's first index.
    starts = np.flatnonzero(~same_group)
    group_of = np.cumsum(~same_group) - 1
    rank = np.arange(len(rows)) - starts[group_of]
    kept: NDArray[np.void] = rows[rank < SPELLINGS_PER_KEY]
    return kept


def _write_related(
    state: _State, crosswalk: tuple[CrosswalkLink, ...], merged: dict[int, int], options: BuildOptions
) -> int:
    """Link counterparts across borders, derived from the gazetteer and from the crosswalk."""
    where = {c[0]: (c[1], c[2]) for c in state.border_candidates}
    # One grid per (country, kind): a place only ever looks at other countries' grids, so the many
    # places far from any border cost one cell probe each.
    grids: dict[tuple[str, bool], GridIndex] = {}
    cell = max(options.border_distance_km / 111.0, 0.01)
    for index, (_id, latitude, longitude, country, is_post) in enumerate(state.border_candidates):
        grids.setdefault((country, is_post), GridIndex(cell)).add(index, latitude, longitude)
    occupied: dict[tuple[int, int], set[tuple[str, bool]]] = {}
    for group, grid in grids.items():
        for cell_key in grid.cells():
            occupied.setdefault(cell_key, set()).add(group)
    links: dict[tuple[int, int], tuple[float, int]] = {}
    candidates = state.border_candidates
    for place_id, latitude, longitude, country, is_post in candidates:
        row, col = math.floor(latitude / cell), math.floor(longitude / cell)
        groups = {
            g for dr in (-1, 0, 1) for dc in (-1, 0, 1) for g in occupied.get((row + dr, col + dc), ())
        }
        for other_country, other_post in groups:
            if other_country == country or other_post != is_post:
                continue
            best: tuple[float, int] | None = None
            for index in grids[(other_country, other_post)].near(latitude, longitude):
                other_id, other_lat, other_lon, _c, _p = candidates[index]
                gap = distance_km(latitude, longitude, other_lat, other_lon)
                if gap <= options.border_distance_km and (best is None or gap < best[0]):
                    best = (gap, other_id)
            if best is not None:
                links[(place_id, best[1])] = (best[0], 0)
                links[(best[1], place_id)] = (best[0], 0)
    for link in crosswalk:
        a, b = merged.get(link.place_id, link.place_id), merged.get(link.counterpart_id, link.counterpart_id)
        points = _coordinates(state.conn, (a, b), where)
        if a not in points or b not in points:
            logger.warning("crosswalk link %d-%d skipped: the index lacks one of the places", a, b)
            continue
        gap = distance_km(*points[a], *points[b])
        links[(a, b)] = (gap, 1)
        links[(b, a)] = (gap, 1)
    state.conn.executemany(
        "INSERT INTO related VALUES (?,?,?,?,?)",
        ((a, b, RELATION_ACROSS_BORDER, round(gap, 3), curated) for (a, b), (gap, curated) in sorted(links.items())),
    )
    return len(links)


def _coordinates(
    conn: sqlite3.Connection, ids: tuple[int, int], known: dict[int, tuple[float, float]]
) -> dict[int, tuple[float, float]]:
    found = {i: known[i] for i in ids if i in known}
    for place_id in set(ids) - set(found):
        row = conn.execute("SELECT latitude, longitude FROM places WHERE id = ?", (place_id,)).fetchone()
        if row is not None:
            found[place_id] = (row[0], row[1])
    return found


def _fsync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
