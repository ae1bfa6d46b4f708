"""Build the index file from a gazetteer source, at any size from a fixture to the full GeoNames.

The build is a stream with bounded memory:

1. places are read once and written to the ``places`` table; each place's names (and, later,
   the source's separate alternate names) become *name jobs*;
2. name jobs are normalized in batches, in worker processes once the input proves large (each
   worker gets the names whose text hashes to it and keeps a memo of them), and each result is
   written to the ``names`` table, with its place's ranking facts read from the place's row,
   while its keys, as 64-bit hashes, are spilled to 32 partition files by the top bits of the
   hash;
3. each partition is loaded with numpy, deduplicated (at most a few spellings per key and
   place) and ordered by (key, priority), in the worker processes when there are any, while the
   main process packs the ordered partitions, in key order, into blocks of the key table
   (:mod:`toponym_server.index.keyblocks`);
4. custom places are merged or added, related places across borders are linked, and the
   file's checksum is written.

The file is written under a temporary name beside the target and renamed into place only once
complete, so a failed or interrupted build never leaves a half-written index where a server
would open it; the previous index, if any, stays intact. One build of a target runs at a time:
it holds a lock file beside the target, and another build of the same target fails at once.
A build whose source has no place publishes nothing.
"""

from __future__ import annotations

import fcntl
import logging
import math
import multiprocessing
import os
import re
import select
import shutil
import sqlite3
import tempfile
import threading
import time
import zlib
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

import numpy as np
from numpy.typing import NDArray
from tqdm import tqdm

from toponym_server.index.checksum import write_checksum
from toponym_server.index.cpus import usable_cpus
from toponym_server.index.geo import GridIndex, distance_km
from toponym_server.index.keyblocks import (
    PAGE_SIZE,
    country_code_number,
    far_places,
    pack_block,
    pack_blocks,
    stored_places,
    with_country_entries,
)
from toponym_server.index.keyhash import key_hash
from toponym_server.index.reader import IndexFileError
from toponym_server.index.schema import (
    APPLICATION_ID,
    FORMAT_VERSION,
    PLACE_FACT_COLUMNS,
    POST_LOAD,
    RELATION_ACROSS_BORDER,
    SCHEMA,
)
from toponym_server.index.unpublished import connect_unpublished
from toponym_server.index.warmth import write_warm_names
from toponym_server.matching.keys import exact_key, index_keys
from toponym_server.matching.local_script import SCRIPTS, countries_writing, script_number
from toponym_server.matching.normalize import content_spelling, normalize
from toponym_server.matching.pinyin import is_pinyin_romanisation
from toponym_server.matching.prominence import prominence
from toponym_server.matching.ranking import (
    FLAG_CANONICAL,
    FLAG_CODE,
    FLAG_COLLOQUIAL,
    FLAG_CUSTOM,
    FLAG_HISTORIC,
    FLAG_NON_LATIN,
    FLAG_PREFERRED,
    FLAG_ROMANISED,
    FLAG_SHORT,
)
from toponym_server.matching.rules_version import RULES_VERSION
from toponym_server.sources.area_codes import AreaCode, geonames_area_codes, iso_area_codes, iso_area_codes_fingerprint
from toponym_server.sources.base import GazetteerSource
from toponym_server.sources.crosswalk import CrosswalkLink
from toponym_server.sources.custom import CustomGazetteer
from toponym_server.sources.records import MAX_NAME_LENGTH, NameRecord, PlaceIdSet, PlaceRecord

logger = logging.getLogger(__name__)

SPELLINGS_PER_KEY = 8
"""At most this many distinct spellings of one place are stored under one key."""
_JOB_BATCH = 20_000
_BATCHES_IN_FLIGHT = 3
"""Batches handed to the workers and not yet stored: enough to keep every worker busy."""
_PLACE_BATCH = 20_000
_PARTITION_BITS = 5
"""Key rows are spilled to, and ordered in, this many bits' worth of partitions by the top bits of the hash."""
_BLOCK_RANGE_BITS = 4
"""The key table's blocks restart at each of this many bits' worth of key ranges (the layout since format 5)."""
_ENTRY_COLUMNS = ("keys", "places", "names", "countries")
_ABSENT_IDS_SHOWN = 10
"""How many places a build names in its one warning of the custom names whose place it lacks."""
_REPEATED_IDS_SHOWN = 10
"""How many places given twice by the dumps a build names, one warning each, before it only counts them."""
_INSERT_ENTRIES = 1 << 20
"""Key entries packed into blocks and appended to the key table per batch."""
_SLOT_LIMIT = 1 << 26
"""Place IDs below this (all of GeoNames') are found by direct lookup when ordering keys (4 bytes each)."""
_KEY_ROW = np.dtype(
    [("key", "<i8"), ("place", "<i8"), ("name", "<i8"), ("spelling", "<u4"), ("script", "u1"), ("foreign", "u1")]
)
# Worker processes pay off only once the input is this large; smaller builds stay in-process.
_PARALLEL_AFTER_JOBS = 3 * _JOB_BATCH
# Each name row takes its place's ranking facts from the place's row, written before it. Its
# place ID is bound twice: plain ``?`` placeholders, since Python's sqlite3 takes a numbered one
# (``?2``) for a named one, which it refuses bound from a sequence from Python 3.14.
_INSERT_NAMES = (
    f"INSERT INTO names SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, {', '.join(PLACE_FACT_COLUMNS)} "
    "FROM places WHERE id = ?"
)


class IndexBuildError(IndexFileError):
    """A build that refuses to publish: its source has no place, or another build of the target runs.

    An :class:`~toponym_server.index.reader.IndexFileError`, which the command line reports in
    one line; the previous index, if any, stays in place.
    """


class _Batch(NamedTuple):
    """A batch of names to normalize, as columns."""

    name_ids: list[int]
    place_ids: list[int]
    texts: list[str]
    languages: list[str]
    flags: list[int]

    @classmethod
    def empty(cls) -> _Batch:
        """A batch with no names yet."""
        return cls([], [], [], [], [])

    def add(self, name_id: int, place_id: int, text: str, language: str, flags: int) -> None:
        """Append one name."""
        self.name_ids.append(name_id)
        self.place_ids.append(place_id)
        self.texts.append(text)
        self.languages.append(language)
        self.flags.append(flags)


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """How the builder links and merges places, and how many processes it uses."""

    workers: int = 0
    """Worker processes for normalization; 0 means one per CPU."""
    merge_distance_km: float = 10.0
    """A custom place merges into a same-named gazetteer feature at most this far away."""
    border_distance_km: float = 25.0
    """Towns in two countries at most this far apart may be counterparts (see ``_write_related``)."""
    post_distance_km: float = 5.0
    """Border posts in two countries at most this far apart may be counterparts: the two sides of one crossing."""
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


LINK_RULES_VERSION = "links-3"
"""Version of the rules that derive counterparts across borders: a server rebuilds an index it built by others."""


def expected_fingerprint(
    source: GazetteerSource,
    custom: CustomGazetteer | None = None,
    crosswalk_fingerprint: str = "",
    area_codes_fingerprint: str = "",
) -> str:
    """The fingerprint an index built now from these inputs would carry."""
    extra = f":{custom.fingerprint}" if custom else ""
    extra += f":{crosswalk_fingerprint}" if crosswalk_fingerprint else ""
    extra += f":codes {area_codes_fingerprint}" if area_codes_fingerprint else ""
    codes = iso_area_codes_fingerprint()
    return f"{FORMAT_VERSION}:{RULES_VERSION}:{LINK_RULES_VERSION}:{source.fingerprint()}:{codes}{extra}"


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


# Names of one place folded alike are one spelling to every key but the exact one, where a name in
# a script the place's country writes is kept beside the others: *بيت لحم* beside the romanisation
# *byt lhm* that GeoNames also lists, so that a query in Arabic script meets the Arabic name and
# ranking knows the place is named so in its own country's script (matching.local_script). Such a
# name's spelling there is its hash with its script's, and a 32nd bit set: spellings are kept
# lowest first, so it never takes the place of a spelling of the others.
_HASH_SHIFT = np.uint64(1)
"""A spelling's hash gives up its lowest bit in a sort key (its top 31 bits keep the hashes' order)."""
_LOCAL_SPELLING = np.uint64(1 << 31)
_SCRIPT_HASHES = np.array([zlib.crc32(script.encode("ascii")) for script in SCRIPTS], dtype=np.uint64)
_NAME_BITS = np.uint64(31)
"""The bits of a name ID in a 64-bit sort key: below a bit that says it is a transliterated name, and its spelling."""
_SPELLING_AT = np.uint64(32)
"""Where a spelling (its hash's top 31 bits and :data:`_LOCAL_SPELLING`) starts in a 64-bit sort key."""


def _countries_by_script() -> NDArray[np.bool_]:
    """Whether each country (by its code's number) writes its names in each script (by number)."""
    table = np.zeros((len(SCRIPTS), 1 << 16), dtype=bool)
    for number, script in enumerate(SCRIPTS):
        for country in countries_writing(script):
            table[number, country_code_number(country)] = True
    return table


_WRITES_SCRIPT = _countries_by_script()
# Chinese characters are kept apart in every country: far more names fold alike in pinyin than
# are written alike, and ranking weighs a name written as a query in them (*巴里* is Bari, whose
# name folds as Paris's *巴黎*; matching.ranking.W_CHARACTERS). Each writing of a place's name in
# them is a spelling of its own there (NormalizedBatch.writings): *丹麦* beside *丹麥* (Denmark),
# or a query in the form the index did not keep would meet the place through the other and lose
# to a lesser place written as asked (Denmark, South Carolina).
_KEPT_APART = _WRITES_SCRIPT.copy()
_KEPT_APART[SCRIPTS.index("CJK")] = True


class NormalizedBatch(NamedTuple):
    """A worker's answer for a batch of names, as columns: cheap to pass between processes."""

    kept: NDArray[np.bool_]
    """Per name of the batch: whether it has anything left once folded (the others are dropped)."""
    flags: list[int]
    """Per kept name: its flags, with the non-Latin, code and romanised bits the normalization found."""
    folded: list[str]
    phonetic: list[str]
    skeleton: list[str]
    spelled: list[str]
    """Per kept name: the spelling of its content words, which ranking compares."""
    spellings: NDArray[np.uint32]
    """Per kept name: the hash of its folded spelling."""
    writings: NDArray[np.uint32]
    """Per kept name: for one in Chinese characters, the hash of its characters (0 for others),
    which tells its spelling under its exact key from those of its place's names folded alike."""
    scripts: NDArray[np.uint8]
    """Per kept name: its script's number (:func:`~toponym_server.matching.local_script.script_number`)."""
    key_counts: NDArray[np.int64]
    """Per kept name: how many keys it is stored under."""
    keys: NDArray[np.int64]
    """The kept names' key hashes, name after name, each name's exact key first."""


# A worker's memo of recent names: (folded, phonetic, skeleton, content spelling, transliterated,
# key hashes as int64 bytes with the exact key's first, spelling hash, script number, writing
# hash), or None for a name that folds to nothing. One dict for names that look like codes (exact
# keys only), one for the rest. Gazetteers repeat names a lot.
_Views = tuple[str, str, str, str, bool, bytes, int, int, int] | None
_MEMO: tuple[dict[str, _Views], dict[str, _Views]] = ({}, {})
_MEMO_LIMIT = 750_000
"""Each memo dict is emptied when it holds this many names, which bounds a worker's memory."""


def _views(text: str, code: bool) -> _Views:
    views = normalize(text)
    if not views.folded:
        return None
    exact = exact_key(views)
    # A code is found by its exact spelling only: its letters are not a pronunciation.
    others = [] if code else [key for key in index_keys(views) if key != exact]
    hashes = array("q", [key_hash(key) for key in (exact, *others)]).tobytes()
    return (
        views.folded,
        views.phonetic,
        views.skeleton,
        content_spelling(views.folded),
        # A pinyin romanisation GeoNames lists stands for the Chinese name it reads.
        views.transliterated or is_pinyin_romanisation(text),
        hashes,
        _spelling_hash(views.folded),
        script_number(text) if views.transliterated else 0,
        _spelling_hash(views.characters) if views.characters else 0,
    )


def normalize_names(texts: Sequence[str], flags: Sequence[int]) -> NormalizedBatch:
    """Normalize a batch of names (their texts and flags): their views, spellings and key hashes.

    Runs in worker processes, so it takes and returns only plain data.
    """
    kept = np.zeros(len(texts), dtype=bool)
    out_flags: list[int] = []
    folded: list[str] = []
    phonetic: list[str] = []
    skeletons: list[str] = []
    spelled: list[str] = []
    spellings = array("I")
    writings = array("I")
    scripts = array("B")
    counts = array("q")
    hashes = bytearray()
    for memo in _MEMO:
        if len(memo) >= _MEMO_LIMIT:
            memo.clear()
    for position, (text, flag) in enumerate(zip(texts, flags, strict=True)):
        code = _looks_like_code(text, flag)
        memo = _MEMO[code]
        try:
            found = memo[text]
        except KeyError:
            found = memo[text] = _views(text, code)
        if found is None:
            continue
        (
            name_folded,
            name_phonetic,
            name_skeleton,
            name_spelled,
            transliterated,
            name_hashes,
            spelling,
            script,
            writing,
        ) = found
        kept[position] = True
        romanised = not transliterated and not flag & (FLAG_CANONICAL | FLAG_CUSTOM) and text.islower()
        out_flags.append(
            flag
            | (FLAG_NON_LATIN if transliterated else 0)
            | (FLAG_CODE if code else 0)
            | (FLAG_ROMANISED if romanised else 0)
        )
        folded.append(name_folded)
        phonetic.append(name_phonetic)
        skeletons.append(name_skeleton)
        spelled.append(name_spelled)
        spellings.append(spelling)
        writings.append(writing)
        scripts.append(script)
        counts.append(len(name_hashes) >> 3)
        hashes += name_hashes
    return NormalizedBatch(
        kept,
        out_flags,
        folded,
        phonetic,
        skeletons,
        spelled,
        np.frombuffer(spellings, dtype=np.uint32),
        np.frombuffer(writings, dtype=np.uint32),
        np.frombuffer(scripts, dtype=np.uint8),
        np.frombuffer(counts, dtype=np.int64),
        np.frombuffer(hashes, dtype=np.int64),
    )


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
    seen: PlaceIdSet = field(default_factory=PlaceIdSet)
    languages: set[str] = field(default_factory=set)
    # border-link candidates: (place ID, latitude, longitude, country, is a border post, population)
    border_candidates: list[tuple[int, float, float, str, bool, int]] = field(default_factory=list)

    def spill_path(self, partition: int) -> Path:
        return self.spill_dir / f"keys-{partition:02d}.bin"


class _CustomMerger:
    """Finds, while places and then alternate names stream by, the gazetteer feature each custom place is the same as.

    A custom place is the nearest gazetteer feature of its country, within the merge distance,
    that bears one of its names. A feature's names come with it, or (with ``alternateNames``
    files) later, one by one: the features near a custom place are kept until then.
    """

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
        self.near: dict[int, list[tuple[int, float]]] = {}  # gazetteer place ID -> (custom ID, distance)

    def offer(self, place: PlaceRecord) -> None:
        """Consider ``place`` as the feature a nearby custom place stands for."""
        for custom_id in self.grid.near(place.latitude, place.longitude):
            custom = self.places[custom_id]
            if custom.country_code and custom.country_code != place.country_code:
                continue
            gap = distance_km(custom.latitude, custom.longitude, place.latitude, place.longitude)
            if gap > self.distance:
                continue
            self.near.setdefault(place.geoname_id, []).append((custom_id, gap))
            texts = (place.name, place.ascii_name, *(n.text for n in place.names))
            self._consider(custom_id, gap, place.geoname_id, texts)

    def offer_name(self, place_id: int, text: str) -> None:
        """Consider a name of gazetteer place ``place_id`` met after the place (``alternateNames``)."""
        for custom_id, gap in self.near.get(place_id, ()):
            self._consider(custom_id, gap, place_id, (text,))

    def _consider(self, custom_id: int, gap: float, place_id: int, texts: Sequence[str]) -> None:
        if gap < self.best.get(custom_id, (float("inf"), 0))[0] and any(
            normalize(t).folded in self.folded[custom_id] for t in texts
        ):
            self.best[custom_id] = (gap, place_id)

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
    area_codes: Sequence[AreaCode] = (),
    area_codes_fingerprint: str = "",
    options: BuildOptions | None = None,
    progress: bool = True,
    finish: Callable[[Path], object] | None = None,
) -> BuildSummary:
    """Build an index of ``source`` (plus custom places and crosswalk links) at ``output``, atomically.

    The index holds the areas' ISO 3166 and GeoNames codes, and ``area_codes`` (the seed
    abbreviations: :func:`~toponym_server.sources.seeds.seed_area_abbreviations`) beside them.

    ``finish``, if given, is called with the complete but unpublished file before its checksum
    is written, and may add to it what is worked out from the file itself (the stored answers:
    :func:`toponym_server.resolver.stored.store_answers`); if it fails, nothing is published.

    Raises :class:`IndexBuildError`, publishing nothing, if another build of ``output`` is
    running or ``source`` has no place.
    """
    started = time.monotonic()
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    with _build_lock(output):
        _remove_stale_builds(output)
        # Unique while the lock is held; O_EXCL all the same: never write into a file not made here.
        temporary = output.with_name(f".{output.name}.{os.getpid()}.building")
        os.close(os.open(temporary, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644))
        try:
            with tempfile.TemporaryDirectory(prefix=f".{output.name}.{os.getpid()}.spill", dir=output.parent) as spill:
                summary = _write(
                    source,
                    temporary,
                    Path(spill),
                    custom or CustomGazetteer(),
                    tuple(crosswalk),
                    tuple(area_codes),
                    expected_fingerprint(source, custom, crosswalk_fingerprint, area_codes_fingerprint),
                    options or BuildOptions(),
                    progress,
                )
            if finish is not None:
                finish(temporary)
            finishing = time.monotonic()
            write_checksum(temporary)
            with temporary.open("rb") as handle:
                os.fsync(handle.fileno())
            logger.info("checksum written and file synced in %.1f s", time.monotonic() - finishing)
            os.replace(temporary, output)
            _fsync_directory(output.parent)
        finally:
            temporary.unlink(missing_ok=True)
        size_bytes = output.stat().st_size
    return BuildSummary(
        path=output,
        seconds=time.monotonic() - started,
        size_bytes=size_bytes,
        **summary,
    )


def _lock_path(output: Path) -> Path:
    # Not ``.{name}.lock``: the embedded index's first start holds that one while its child builds.
    return output.with_name(f".{output.name}.build-lock")


@contextmanager
def _build_lock(output: Path) -> Iterator[None]:
    """Hold, for the block, the lock that makes this the only build of ``output``.

    Raises :class:`IndexBuildError` at once if another build holds it. The lock file is removed
    while still locked when the block ends; a build that opened it meanwhile then finds it is
    no longer the file at that path, and locks the new one instead.
    """
    path = _lock_path(output)
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            held = os.fstat(fd)
            try:
                current = os.stat(path)
            except FileNotFoundError:
                current = None
        except BlockingIOError:
            os.close(fd)
            raise IndexBuildError(f"another build of {output} is running (it holds {path}): not built") from None
        except BaseException:
            os.close(fd)
            raise
        if current is not None and (current.st_dev, current.st_ino) == (held.st_dev, held.st_ino):
            break
        os.close(fd)
    try:
        yield
    finally:
        path.unlink(missing_ok=True)
        os.close(fd)


def _remove_stale_builds(output: Path) -> None:
    """Delete what builds of ``output`` killed before they could clean up.

    Only called with the build lock held: no other build of ``output`` is running, so every
    temporary file or spill directory of one is a leftover, whatever process ID it names (the
    IDs of other containers' processes mean nothing here).
    """
    leftover_name = re.compile(r"\d+\.(?:building|spill\w*)")
    prefix = f".{output.name}."
    for leftover in output.parent.iterdir():
        if not leftover.name.startswith(prefix) or not leftover_name.fullmatch(leftover.name.removeprefix(prefix)):
            continue
        logger.info("removing %s, left by a build that was killed", leftover)
        if leftover.is_dir() and not leftover.is_symlink():
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
    area_codes: tuple[AreaCode, ...],
    fingerprint: str,
    options: BuildOptions,
    progress: bool,
) -> dict[str, int]:
    # mode=rw: the build's own (empty) temporary file, never a new one should it have gone.
    conn = connect_unpublished(path)
    workers = _Workers(options.workers or usable_cpus())
    try:
        # First: the page size is fixed once anything writes the file (the application ID does).
        conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")  # a key block fills one page of this size
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA cache_size = -262144")
        conn.execute("PRAGMA temp_store = FILE")
        conn.executescript(SCHEMA)
        conn.execute("BEGIN")
        state = _State(conn, spill_dir)
        merger = _CustomMerger(custom, options.merge_distance_km)
        started = time.monotonic()
        with tqdm(desc="indexing names", unit=" names", disable=not progress, mininterval=1.0) as bar:
            _normalize_all(_name_batches(source, custom, merger, state, options), state, workers, bar)
        logger.info(
            "%d places and %d names (%d keys) read and normalized in %.1f s",
            len(state.place_ids),
            state.names,
            state.keys,
            time.monotonic() - started,
        )
        _mark_curated_spellings(conn)
        merged = merger.merged_into()
        keys = _write_keys(state, workers, progress)
        workers.close()
        started = time.monotonic()
        warm = write_warm_names(conn)
        logger.info("the %d warmest names listed in %.1f s", warm, time.monotonic() - started)
        started = time.monotonic()
        divisions = list(source.admin_divisions())
        conn.executemany(
            "INSERT OR REPLACE INTO admin_divisions VALUES (?,?,?)", ((d.code, d.name, d.geoname_id) for d in divisions)
        )
        codes = _write_area_codes(conn, chain(iso_area_codes(), geonames_area_codes(divisions), area_codes))
        logger.info("%d area codes written", codes)
        links = _write_related(state, crosswalk, merged, options)
        logger.info("%d related-place links written in %.1f s", links, time.monotonic() - started)
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
        started = time.monotonic()
        # SQLite's sorter may use a helper thread per CPU for the indexes created after the load.
        conn.execute(f"PRAGMA threads = {max(workers.count - 1, 0)}")
        conn.executescript(POST_LOAD)
        conn.execute("PRAGMA analysis_limit = 1000")
        conn.execute("ANALYZE")
        logger.info("indexes created in %.1f s", time.monotonic() - started)
        return counts
    finally:
        workers.close()
        conn.close()


def _write_area_codes(conn: sqlite3.Connection, codes: Iterable[AreaCode]) -> int:
    """Write the codes of the areas the index holds (no other: a filtered build holds few); return how many."""
    before = conn.total_changes
    conn.executemany(
        "INSERT OR IGNORE INTO area_codes SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM places WHERE id = ?2)",
        ((area.code, area.geoname_id) for area in codes),
    )
    return conn.total_changes - before


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


def _name_batches(
    source: GazetteerSource,
    custom: CustomGazetteer,
    merger: _CustomMerger,
    state: _State,
    options: BuildOptions,
) -> Iterator[_Batch]:
    """Write the places and yield a job for every name, giving each its name ID, in batches.

    The loops run once per place and per alternate name of a full import (13 and 19 million
    rows), so they append jobs straight to the batch's columns rather than through nested
    generators.
    """
    rows: list[tuple[object, ...]] = []
    batch = _Batch.empty()
    ids, places, texts, langs, flag_column = batch
    weights: dict[tuple[str, str, int, int, bool], float] = {}  # prominence is a pure function: most inputs recur
    border_population = options.border_min_population

    def flush_places() -> None:
        state.conn.executemany("INSERT OR IGNORE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        rows.clear()

    def add_jobs(place_id: int, names: Iterator[tuple[NameRecord, int]]) -> None:
        seen: set[tuple[str, str]] = set()
        for record, flags in names:
            text = record.text.strip()
            if not text or (text, record.lang) in seen:
                continue
            if len(text) > MAX_NAME_LENGTH:
                _skip_long_name(place_id, text)
                continue
            seen.add((text, record.lang))
            if record.lang:
                state.languages.add(record.lang)
            batch.add(state.next_name_id, place_id, text, record.lang, flags)
            state.next_name_id += 1

    def add_place(place: PlaceRecord, is_custom: bool) -> None:
        place_id = place.geoname_id
        weight_key = (place.feature_class, place.feature_code, place.population, place.alternate_name_count, place.seat)
        weight = weights.get(weight_key)
        if weight is None:
            if len(weights) >= 1 << 16:
                weights.clear()
            weight = weights[weight_key] = prominence(*weight_key)
        state.seen.add(place_id)
        state.place_ids.append(place_id)
        state.priorities.append(-round(weight * 1_000_000))
        state.countries.append(country_code_number(place.country_code))
        rows.append(_place_row(place, weight, is_custom))
        if len(rows) >= _PLACE_BATCH:
            flush_places()
        is_post = place.feature_code == "PSTB"
        if is_post or (place.feature_class == "P" and place.population >= border_population):
            state.border_candidates.append(
                (place_id, place.latitude, place.longitude, place.country_code, is_post, place.population)
            )
        extra = FLAG_CUSTOM if is_custom else 0
        if not place.names:  # the common case with alternate-names files: just the canonical names
            name = place.name.strip()
            if len(name) > MAX_NAME_LENGTH:
                _skip_long_name(place_id, name)
            elif name:
                batch.add(state.next_name_id, place_id, name, "", FLAG_CANONICAL | extra)
                state.next_name_id += 1
            if place.ascii_name and place.ascii_name != place.name:
                ascii_name = place.ascii_name.strip()
                if len(ascii_name) > MAX_NAME_LENGTH:
                    _skip_long_name(place_id, ascii_name)
                elif ascii_name and ascii_name != name:
                    batch.add(state.next_name_id, place_id, ascii_name, "", FLAG_CANONICAL | extra)
                    state.next_name_id += 1
            return
        canonical = [(NameRecord(place.name), FLAG_CANONICAL | extra)]
        if place.ascii_name and place.ascii_name != place.name:
            canonical.append((NameRecord(place.ascii_name), FLAG_CANONICAL | extra))
        named = [(n, name_flags(n) | extra) for n in place.names]
        add_jobs(place_id, iter(canonical + named))

    source_places = 0
    repeated: list[int] = []
    for place in source.places():
        if place.geoname_id in state.seen:
            # Overlapping dumps (allCountries with cities500) repeat hundreds of thousands:
            # the first few are named, the rest counted.
            if len(repeated) < _REPEATED_IDS_SHOWN:
                logger.warning("skipped a second record for place %d", place.geoname_id)
            repeated.append(place.geoname_id)
            continue
        source_places += 1
        if merger.places:
            merger.offer(place)
        add_place(place, is_custom=False)
        if len(ids) >= _JOB_BATCH:
            flush_places()  # a name's row is stored with facts read from its place's row
            yield batch
            batch = _Batch.empty()
            ids, places, texts, langs, flag_column = batch
    if len(repeated) > _REPEATED_IDS_SHOWN:
        logger.warning(
            "skipped %d second records of places in all (the dumps overlap), the first %d named above",
            len(repeated),
            _REPEATED_IDS_SHOWN,
        )
    if not source_places:
        raise IndexBuildError(
            f"no place read from {source.describe()} (an empty file, not a GeoNames dump, "
            "or filters that keep no place): nothing published"
        )
    flush_places()
    present = state.seen.__contains__
    absent: dict[int, None] = {}
    for place_id, record in custom.extra_names:
        if present(place_id):
            add_jobs(place_id, iter([(record, name_flags(record) | FLAG_CUSTOM)]))
        else:
            absent[place_id] = None
    if absent:
        # Once, not a line a name: a build filtered to a few countries leaves out most seed rows' places.
        logger.warning(
            "custom names for %d places skipped: the gazetteer (or its filters) has no such place: %s",
            len(absent),
            ", ".join(map(str, list(absent)[:_ABSENT_IDS_SHOWN])) + (" ..." if len(absent) > _ABSENT_IDS_SHOWN else ""),
        )
    # The hot loop of a full import (some 19 million rows): kept free of per-row helpers.
    languages = state.languages
    bitmap = state.seen.bitmap
    bitmap_end = 8 * len(bitmap)  # the IDs the bitmap covers; the others are looked up
    name_id = state.next_name_id
    near_custom = merger.near
    elsewhere = 0
    for place_id, record in source.alternate_names():
        if 0 <= place_id < bitmap_end:
            if not bitmap[place_id >> 3] >> (place_id & 7) & 1:
                elsewhere += 1
                continue
        elif not present(place_id):
            elsewhere += 1
            continue
        if len(record.text) > MAX_NAME_LENGTH:
            _skip_long_name(place_id, record.text)
            continue
        if place_id in near_custom:
            merger.offer_name(place_id, record.text)
        lang = record.lang
        if lang:
            languages.add(lang)
        ids.append(name_id)
        places.append(place_id)
        texts.append(record.text)
        langs.append(lang)
        flag_column.append(name_flags(record))
        name_id += 1
        if len(ids) >= _JOB_BATCH:
            state.next_name_id = name_id
            yield batch
            batch = _Batch.empty()
            ids, places, texts, langs, flag_column = batch
    state.next_name_id = name_id
    if elsewhere:
        # Expected of a filtered build or a per-country dump; a telling count when dumps and
        # alternate names come from different dates.
        logger.info("%d alternate names left out: the dump (or its filters) has none of their places", elsewhere)
    # Last, once every gazetteer name is known: a custom place may be a feature named only in the
    # alternate names.
    merged = merger.merged_into()
    for place in custom.places:
        target = merged.get(place.geoname_id)
        if target is None:
            add_place(place, is_custom=True)
            continue
        logger.info("custom place %r merged into gazetteer place %d", place.name, target)
        records = [(NameRecord(t), FLAG_CUSTOM) for t in (place.name, place.ascii_name)]
        records += [(n, name_flags(n) | FLAG_CUSTOM) for n in place.names]
        add_jobs(target, iter(records))
    flush_places()
    if ids := batch[0]:
        yield batch


def _mark_curated_spellings(conn: sqlite3.Connection) -> None:
    """Flag every name spelt as a name a custom-places file gives its place (folded alike) as custom too.

    A place's key entries keep one name of each spelling, the first: the gazetteer's own
    *Ra\u2019s al \u2018Ayn*, not the seed's *Ras al-Ayn*, so ranking would never see that a
    curated file gives the place the spelling it meets (:data:`~toponym_server.matching.ranking.W_CURATED`).
    """
    started = time.monotonic()
    marked = conn.execute(
        "UPDATE names SET flags = flags | ?1 WHERE flags & ?1 = 0 AND (place_id, folded) IN "
        "(SELECT place_id, folded FROM names WHERE flags & ?1)",
        (FLAG_CUSTOM,),
    ).rowcount
    logger.info("%d names spelt as a custom name of their place marked in %.1f s", marked, time.monotonic() - started)


def _skip_long_name(place_id: int, text: str) -> None:
    logger.warning(
        "skipped a name of place %d: %d characters (at most %d), starting %r",
        place_id,
        len(text),
        MAX_NAME_LENGTH,
        text[:40],
    )


def _normalize_all(batches: Iterator[_Batch], state: _State, workers: _Workers, bar: tqdm[Any]) -> None:
    """Normalize every job, in worker processes once the input proves large, and store the results.

    Each worker gets the names whose text hashes to it, so that a name met again finds its views
    in that worker's memo.
    """
    partitions = 1 << _PARTITION_BITS
    spills = [state.spill_path(p).open("ab") for p in range(partitions)]
    pending: deque[tuple[_Batch, list[tuple[NDArray[np.intp], Future[NormalizedBatch]]]]] = deque()
    try:
        for count, columns in enumerate(batches):
            if not workers.pools and count * _JOB_BATCH >= _PARALLEL_AFTER_JOBS:
                workers.start()
            texts, flags = columns[2], columns[4]
            if not workers.pools:
                whole = np.arange(len(texts))
                _store(columns, [(whole, normalize_names(texts, flags))], state, spills, bar)
                continue
            route = np.fromiter(map(hash, texts), dtype=np.int64, count=len(texts)) % len(workers.pools)
            parts = []
            for number, pool in enumerate(workers.pools):
                where = np.flatnonzero(route == number)
                chosen = where.tolist()
                task = pool.submit(normalize_names, [texts[i] for i in chosen], [flags[i] for i in chosen])
                parts.append((where, task))
            pending.append((columns, parts))
            while len(pending) >= _BATCHES_IN_FLIGHT:
                done, futures = pending.popleft()
                _store(done, [(where, future.result()) for where, future in futures], state, spills, bar)
        while pending:
            done, futures = pending.popleft()
            _store(done, [(where, future.result()) for where, future in futures], state, spills, bar)
    finally:
        for spill in spills:
            spill.close()


def _store(
    columns: _Batch,
    parts: Sequence[tuple[NDArray[np.intp], NormalizedBatch]],
    state: _State,
    spills: Sequence[BinaryIO],
    bar: tqdm[Any],
) -> None:
    """Write a normalized batch's ``names`` rows and spill its key rows to their partitions.

    ``parts`` holds, for each part of the batch normalized apart, the positions in the batch of
    its names and their normalization.
    """
    name_ids, place_ids, texts, languages, _flags = columns
    kept_at = [where[result.kept] for where, result in parts]
    positions = np.concatenate(kept_at)
    order = np.argsort(positions, kind="stable")  # the names rows go in in name ID order

    def merged(values: Sequence[Sequence[Any]]) -> list[Any]:
        if len(values) == 1:
            return list(values[0])
        return np.array([v for part in values for v in part], dtype=object)[order].tolist()  # type: ignore[no-any-return]

    chosen = positions[order].tolist()
    if len(chosen) < len(name_ids) or len(parts) > 1:
        name_ids, place_ids, texts, languages = (
            [column[i] for i in chosen] for column in (name_ids, place_ids, texts, languages)
        )
    stored = state.conn.executemany(
        _INSERT_NAMES,
        zip(
            name_ids,
            place_ids,
            texts,
            languages,
            merged([r.flags for _w, r in parts]),
            merged([r.folded for _w, r in parts]),
            merged([r.phonetic for _w, r in parts]),
            merged([r.skeleton for _w, r in parts]),
            merged([r.spelled for _w, r in parts]),
            place_ids,
            strict=True,
        ),
    )
    if stored.rowcount != len(name_ids):
        raise RuntimeError(f"{len(name_ids) - stored.rowcount} names were stored before their place")
    state.names += len(name_ids)
    all_names = np.asarray(columns[0], dtype=np.int64)
    all_places = np.asarray(columns[1], dtype=np.int64)
    counts = np.concatenate([r.key_counts for _w, r in parts])
    keys = np.concatenate([r.keys for _w, r in parts])
    rows = np.empty(len(keys), dtype=_KEY_ROW)
    rows["key"] = keys
    rows["place"] = np.repeat(np.concatenate([all_places[at] for at in kept_at]), counts)
    rows["name"] = np.repeat(np.concatenate([all_names[at] for at in kept_at]), counts)
    rows["spelling"] = np.repeat(np.concatenate([r.spellings for _w, r in parts]), counts)
    # Each name's exact key comes first among its keys: only there do its script and its writing count.
    exact = np.cumsum(counts) - counts
    rows["spelling"][exact] ^= np.concatenate([r.writings for _w, r in parts])
    scripts = np.concatenate([r.scripts for _w, r in parts])
    rows["script"] = 0
    rows["script"][exact] = scripts
    rows["foreign"] = np.repeat(scripts != 0, counts)
    state.keys += len(rows)
    # The top bits of the signed hash, shifted to 0..partitions-1, keep partitions in key order.
    partition = ((keys >> (64 - _PARTITION_BITS)) + (1 << (_PARTITION_BITS - 1))).astype(np.uint8)
    by_partition = np.argsort(partition, kind="stable")
    bounds = np.searchsorted(partition[by_partition], np.arange(len(spills) + 1))
    rows = rows[by_partition]
    for p, spill in enumerate(spills):
        if bounds[p + 1] > bounds[p]:
            rows[bounds[p] : bounds[p + 1]].tofile(spill)
    bar.update(len(name_ids))


class _Workers:
    """The build's worker processes, started on first need: one pool of one process each.

    A pool per process lets the build choose the process a task goes to (the names of one text
    always go to the same one).
    """

    def __init__(self, count: int) -> None:
        self.count = count
        self.pools: list[ProcessPoolExecutor] = []

    def start(self) -> None:
        """Start the processes, unless the build is to use just one."""
        if not self.pools and self.count > 1:
            # forkserver, not fork: the caller may have threads (a gRPC server in tests).
            context = multiprocessing.get_context("forkserver")
            self.pools = [
                ProcessPoolExecutor(1, mp_context=context, initializer=exit_with, initargs=(os.getpid(),))
                for _ in range(self.count)
            ]

    def close(self) -> None:
        """Stop the processes, dropping work not yet started."""
        for pool in self.pools:
            pool.shutdown(cancel_futures=True)
        self.pools = []


def exit_with(pid: int) -> None:
    """End this process as soon as process ``pid`` ends (a build worker's initializer).

    A build killed outright (``SIGKILL``, the out-of-memory killer) cannot stop its workers, which
    would otherwise finish their task and then wait for work forever, holding their memory. A
    daemon thread waits on a pidfd (Linux); where there is none, it looks every second.
    """
    try:
        handle = os.pidfd_open(pid)
    except (AttributeError, OSError):
        handle = -1
    if handle < 0 and not _process_alive(pid):
        os._exit(1)

    def watch() -> None:
        if handle >= 0:
            select.select([handle], [], [])
        else:
            while _process_alive(pid):
                time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name=f"exit-with-{pid}", daemon=True).start()


@dataclass(frozen=True, slots=True)
class _PlaceTables:
    """What ordering and packing a key partition needs to know of every place, saved for the workers.

    ``ids`` holds the place IDs in ascending order; ``priority_ranks`` and ``countries`` are
    aligned with it (the rank orders places as their priority does: most prominent first);
    ``slots`` maps an ID below its length straight to its position in ``ids`` (-1: no such
    place), so most lookups need no binary search.
    """

    ids: NDArray[np.int64]
    priority_ranks: NDArray[np.uint32]
    countries: NDArray[np.uint16]
    slots: NDArray[np.int32]

    @classmethod
    def create(cls, state: _State) -> _PlaceTables:
        """Tables of the places written so far."""
        ids = np.frombuffer(state.place_ids, dtype=np.int64)
        order = np.argsort(ids, kind="stable")
        sorted_ids = ids[order]
        _values, ranks = np.unique(np.frombuffer(state.priorities, dtype=np.int64)[order], return_inverse=True)
        small = sorted_ids[(sorted_ids >= 0) & (sorted_ids < _SLOT_LIMIT)]
        slots = np.full(int(small[-1]) + 1 if len(small) else 0, -1, dtype=np.int32)
        slots[small] = np.arange(len(small), dtype=np.int32) + np.searchsorted(sorted_ids, 0)
        countries = np.frombuffer(state.countries, dtype=np.uint16)[order]
        return cls(sorted_ids, ranks.astype(np.uint32), countries, slots)

    def save(self, directory: Path) -> None:
        """Save the tables as ``.npy`` files in ``directory``."""
        for name in self.__slots__:
            np.save(directory / f"places-{name}.npy", getattr(self, name))

    @classmethod
    def load(cls, directory: Path) -> _PlaceTables:
        """Map the tables saved in ``directory`` (pages shared with the other processes)."""
        return cls(*(np.load(directory / f"places-{name}.npy", mmap_mode="r") for name in cls.__slots__))

    def locate(self, place_ids: NDArray[np.int64]) -> NDArray[np.int64]:
        """The positions of these (existing) places in ``ids``."""
        in_slots = (place_ids >= 0) & (place_ids < len(self.slots))
        where = np.empty(len(place_ids), dtype=np.int64)
        where[in_slots] = self.slots[place_ids[in_slots]]
        others = ~in_slots
        if others.any():
            where[others] = np.searchsorted(self.ids, place_ids[others])
        return where


def _write_keys(state: _State, workers: _Workers, progress: bool) -> int:
    """Deduplicate, order and pack each key partition into blocks; return the number of entries written.

    With worker processes, they order the partitions (each on its own) while this process packs
    the entries of the finished ones into blocks and appends them to the file, in key order.
    """
    started = time.monotonic()
    _PlaceTables.create(state).save(state.spill_dir)
    partitions = range(1 << _PARTITION_BITS)
    jobs = [
        (str(state.spill_path(p)), str(state.spill_dir), str(state.spill_dir / f"ordered-{p:02d}")) for p in partitions
    ]
    blocks = _BlockWriter(state)
    # Fresh processes for this phase: the normalization's memos are not needed any more.
    parallel = bool(workers.pools)
    workers.close()
    if parallel:
        workers.start()
    pending: deque[tuple[int, Future[int]]] = deque()

    def append(partition: int, entries: int) -> None:
        blocks.append(jobs[partition][2], entries)
        # Blocks restart at each of the 16 key ranges (the table's layout since format 5).
        if (partition + 1) % (1 << (_PARTITION_BITS - _BLOCK_RANGE_BITS)) == 0:
            blocks.finish_range()
        bar.update()

    with tqdm(total=len(jobs), desc="writing keys", unit=" parts", disable=not progress) as bar:
        for partition, job in enumerate(jobs):
            if not workers.pools:
                append(partition, order_partition(*job))
                continue
            pool = workers.pools[partition % len(workers.pools)]
            pending.append((partition, pool.submit(order_partition, *job)))
            while len(pending) >= len(workers.pools):
                done, future = pending.popleft()
                append(done, future.result())
        while pending:
            done, future = pending.popleft()
            append(done, future.result())
    logger.info("%d key entries ordered and packed in %.1f s", blocks.entries, time.monotonic() - started)
    return blocks.entries


def order_partition(spill: str, tables: str, output: str) -> int:
    """Deduplicate and order one partition's key rows; save the entries' columns beside ``output``.

    Writes ``output`` + ``-keys.npy``, ``-places.npy``, ``-names.npy`` and ``-countries.npy``
    and returns the number of entries. Runs in worker processes: it takes and returns only paths
    and a number.
    """
    for memo in _MEMO:  # the normalization is over: free a worker's memory for this phase
        memo.clear()
    rows = np.fromfile(spill, dtype=_KEY_ROW)
    Path(spill).unlink()
    columns: tuple[NDArray[Any], ...] = _order_partition(rows, _PlaceTables.load(Path(tables)))
    del rows
    for name, column in zip(_ENTRY_COLUMNS, columns, strict=True):
        np.save(f"{output}-{name}.npy", column)
    return len(columns[0])


class _BlockWriter:
    """Packs ordered key entries into blocks and appends them to the key table."""

    def __init__(self, state: _State) -> None:
        self.state = state
        self.entries = 0
        self.carry: tuple[NDArray[Any], ...] = ()
        self.far = far_places(np.frombuffer(state.place_ids, dtype=np.int64))
        state.conn.executemany("INSERT INTO far_places VALUES (?,?)", enumerate(self.far.tolist()))

    def append(self, ordered: str, entries: int) -> None:
        """Append the entries :func:`order_partition` saved under ``ordered`` (then delete them)."""
        if entries:
            paths = [Path(f"{ordered}-{name}.npy") for name in _ENTRY_COLUMNS]
            columns = [np.load(path, mmap_mode="r") for path in paths]
            for start in range(0, entries, _INSERT_ENTRIES):
                chunk = [np.asarray(c[start : start + _INSERT_ENTRIES]) for c in columns]
                if self.carry:
                    chunk = [np.concatenate((a, b)) for a, b in zip(self.carry, chunk, strict=True)]
                keys, places, names, countries = chunk
                rows, rest = pack_blocks(keys, places, names, countries, self.far)
                self._insert(rows)
                self.carry = tuple(np.array(c[len(c) - rest :]) for c in chunk)
            del columns
            for path in paths:
                path.unlink()
        self.entries += entries

    def finish_range(self) -> None:
        """End the current key range: its last entries make a short block."""
        if self.carry and len(self.carry[0]):
            keys, places, names, countries = self.carry
            blob = pack_block(keys, stored_places(places, self.far), names, countries)
            self._insert([(int(keys[-1]), blob)])
        self.carry = ()

    def _insert(self, rows: list[tuple[int, bytes]]) -> None:
        first = self.state.blocks
        self.state.conn.executemany(
            "INSERT INTO key_blocks VALUES (?,?,?)",
            ((block, last_key, blob) for block, (last_key, blob) in enumerate(rows, start=first)),
        )
        self.state.blocks += len(rows)


def _order_partition(
    rows: NDArray[np.void], tables: _PlaceTables
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64], NDArray[np.uint16]]:
    """Deduplicate a partition's key rows and put them in the key table's order.

    Keeps one name per (key, place, spelling), the one written in Latin letters if one is, else
    the one with the lowest ID (*Liban*, French for Lebanon, not the Belarusian *Лібан* folded
    alike: a Latin query met only through a transliteration ranks as one), and at most
    ``SPELLINGS_PER_KEY`` spellings per (key, place), those of the lowest spelling hashes (a name
    in a script of its place's country is a spelling of its own under its exact key, after the
    others: see ``_LOCAL_SPELLING``); then
    orders the entries by (key, place priority, name ID), and adds the entries of the keys shared
    by many places again under their country keys (:func:`.keyblocks.with_country_entries`).
    Returns the keys, place IDs, name IDs and country codes of the entries in that order.

    Rather than sorting on four columns, each order is one sort on two 64-bit composites: the
    key's rank among the partition's keys with the place's position (the place's ID order),
    and the spelling (32 bits: see ``_LOCAL_SPELLING``) with whether the name is transliterated
    and its ID; then the key's rank, and the place's priority rank with the name ID.
    """
    n = len(rows)
    key, place, name = rows["key"], rows["place"], rows["name"]
    if n and int(name.max()) >> int(_NAME_BITS):
        raise ValueError("more than 2^31 names: a partition orders name IDs in 31 bits")
    where = tables.locate(place)
    place_bits = len(tables.ids).bit_length()
    if n.bit_length() + place_bits > 64:
        raise ValueError(f"a key partition of {n} entries is too large to order")
    by_key = np.argsort(key)
    sorted_key = key[by_key]
    new_key = np.empty(n, dtype=bool)
    new_key[:1] = True
    np.not_equal(sorted_key[1:], sorted_key[:-1], out=new_key[1:])
    del sorted_key
    rank = np.empty(n, dtype=np.uint64)
    rank[by_key] = np.cumsum(new_key, dtype=np.uint64) - np.uint64(1)
    del by_key, new_key
    group = (rank << np.uint64(place_bits)) | where.astype(np.uint64)
    del rank
    spelling = rows["spelling"].astype(np.uint64) >> _HASH_SHIFT
    script = rows["script"]
    local = _KEPT_APART[script, tables.countries[where]] if script.any() else np.zeros(n, dtype=bool)
    local_hash = rows["spelling"][local].astype(np.uint64) ^ _SCRIPT_HASHES[script[local]]
    spelling[local] = (local_hash >> _HASH_SHIFT) | _LOCAL_SPELLING
    foreign = rows["foreign"].astype(np.uint64) << _NAME_BITS
    within = (spelling << _SPELLING_AT) | foreign | name.astype(np.uint64)
    del spelling, script, local, local_hash, foreign
    order = np.lexsort((within, group))
    group, within = group[order], within[order]
    same_group = np.zeros(n, dtype=bool)
    np.equal(group[1:], group[:-1], out=same_group[1:])
    same_spelling = same_group.copy()
    same_spelling[1:] &= (within[1:] >> _SPELLING_AT) == (within[:-1] >> _SPELLING_AT)
    del within
    distinct = ~same_spelling
    order, group, same_group = order[distinct], group[distinct], same_group[distinct]
    # Rank of each row within its (key, place) group: its index minus the group's first index.
    starts = np.flatnonzero(~same_group)
    group_of = np.cumsum(~same_group) - 1
    within_group = np.arange(len(order)) - starts[group_of]
    kept = within_group < SPELLINGS_PER_KEY
    order, group = order[kept], group[kept]
    where = where[order]
    tie = (tables.priority_ranks[where].astype(np.uint64) << np.uint64(32)) | name[order].astype(np.uint64)
    final = np.lexsort((tie, group >> np.uint64(place_bits)))
    order, where = order[final], where[final]
    return with_country_entries(key[order], place[order], name[order], tables.countries[where])


def _write_related(
    state: _State, crosswalk: tuple[CrosswalkLink, ...], merged: dict[int, int], options: BuildOptions
) -> int:
    """Link counterparts across borders, derived from the gazetteer and from the crosswalk.

    Two places are derived counterparts when each is the other's best counterpart in its country
    (:func:`_counterpart_score`), so a town lists its twin across the border, not every village
    that faces it.
    """
    where = {c[0]: (c[1], c[2]) for c in state.border_candidates}
    # One grid per (country, kind): a place only ever looks at other countries' grids, so the many
    # places far from any border cost one cell probe each.
    grids: dict[tuple[str, bool], GridIndex] = {}
    cell = max(options.border_distance_km / 111.0, 0.01)
    for index, (_id, latitude, longitude, country, is_post, _population) in enumerate(state.border_candidates):
        grids.setdefault((country, is_post), GridIndex(cell)).add(index, latitude, longitude)
    occupied: dict[tuple[int, int], set[tuple[str, bool]]] = {}
    for group, grid in grids.items():
        for cell_key in grid.cells():
            occupied.setdefault(cell_key, set()).add(group)
    links: dict[tuple[int, int], tuple[float, int]] = {}
    candidates = state.border_candidates
    # (place, the other country) -> the place's best counterpart there: (score, gap, ID)
    best: dict[tuple[int, str], tuple[float, float, int]] = {}
    for place_id, latitude, longitude, country, is_post, _population in candidates:
        row, col = math.floor(latitude / cell), math.floor(longitude / cell)
        groups = {
            g for dr in (-1, 0, 1) for dc in (-1, 0, 1) for g in occupied.get((row + dr, col + dc), ())
        }
        for other_country, other_post in groups:
            if other_country == country or other_post != is_post:
                continue
            chosen: tuple[float, float, int] | None = None
            reach = min(options.post_distance_km, options.border_distance_km) if is_post else options.border_distance_km
            for index in grids[(other_country, other_post)].near(latitude, longitude):
                other_id, other_lat, other_lon, _c, _p, other_population = candidates[index]
                gap = distance_km(latitude, longitude, other_lat, other_lon)
                if gap > reach:
                    continue
                found = (_counterpart_score(other_population, gap), gap, other_id)
                # The higher score wins; then the nearer, then the lower ID (a build is reproducible).
                if chosen is None or (found[0], -found[1], -found[2]) > (chosen[0], -chosen[1], -chosen[2]):
                    chosen = found
            if chosen is not None:
                best[(place_id, other_country)] = chosen
    country_of = {c[0]: c[3] for c in candidates}
    for (place_id, _other_country), (_score, gap, other_id) in best.items():
        back = best.get((other_id, country_of[place_id]))
        if back is not None and back[2] == place_id:
            links[(place_id, other_id)] = (gap, 0)
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


COUNTERPART_KM = 4.0
"""A counterpart across a border this much further away must be e (2.7) times as populous to be preferred."""


def _counterpart_score(population: int, gap_km: float) -> float:
    """How well a place across a border ``gap_km`` away stands for a place's counterpart there.

    Twin towns face each other: the most populous place near the border is the counterpart, not
    the nearest village (*Záhony* faces *Chop*, not Solomonovo 700 m nearer). Border posts,
    without population, face the nearest post, within ``post_distance_km`` (the other side of
    the same crossing, not a post on another stretch of the border).
    """
    return math.log1p(max(population, 0)) - gap_km / COUNTERPART_KM


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
