"""Open an index file read-only and answer the lookups the resolver needs.

The file is opened with SQLite's ``immutable`` flag: no locks, no journal, pages shared with
every other process reading the same file through the operating system's page cache.

The resolver reads in turns (:meth:`IndexReader.turn`), one thread at a time, through one
connection; once the file is kept in memory (:meth:`IndexReader.keep_in_memory`, as a server
keeps it once ready) that connection reads through SQLite's map of the whole file, which the
process then maps once however many threads read it. Reads outside turns go through a
connection of the calling thread's own, opened lazily, which reads through the page cache. A
connection is never used by two threads at once: from Python 3.12, threads sharing one can get
each other's rows (BENCHMARKS.md, fourteenth session). A file that is mapped must be replaced by
a rename, as ``toponym index build`` writes it, never rewritten in place: a read of a page past
the end of a file cut short ends the process (``SIGBUS``).
"""

from __future__ import annotations

import mmap
import os
import sqlite3
import sys
import threading
from array import array
from collections.abc import Iterator, Sequence
from io import FileIO
from itertools import islice, zip_longest
from pathlib import Path
from types import TracebackType
from typing import Any, NamedTuple
from urllib.parse import quote

from toponym_server.index.checksum import file_checksum, stored_checksum
from toponym_server.index.keyblocks import (
    BIG_KEY_ENTRIES,
    COUNTRY_KEY_ENTRIES,
    Block,
    country_code_number,
    country_key,
)
from toponym_server.index.keyhash import key_hash
from toponym_server.index.schema import APPLICATION_ID, PLACE_FACT_COLUMNS, READABLE_FORMATS
from toponym_server.index.stored import STORED_ANSWERS
from toponym_server.index.turns import Turns
from toponym_server.index.warmth import WARM_NAMES_PART, listed_name_ids
from toponym_server.matching.ranking import FLAG_CODE, FLAG_COLLOQUIAL, FLAG_HISTORIC, FLAG_PREFERRED

_PLACE_COLUMNS = (
    "id, name, ascii_name, latitude, longitude, feature_class, feature_code, country_code, "
    "admin1_code, admin2_code, population, prominence, custom"
)
_PLACE_BY_ID = f"SELECT {_PLACE_COLUMNS} FROM places WHERE id = ?"
_NAME_COLUMNS = "id, place_id, text, lang, flags, folded, phonetic, skeleton, spelled"
# The views are made of a-z, 0-9 and spaces (normalize.fold), so the separator never occurs
# in them; the text, which may hold anything, comes last and is split off whole.
_VIEWS_SEPARATOR = "|"
_PACKED_COLUMNS = ("folded", "phonetic", "skeleton", "spelled", "text")  # packed_views' and unpacked_name's order
_PACKED_TEXT = f" || '{_VIEWS_SEPARATOR}' || ".join(_PACKED_COLUMNS)
_COMPACT_NAME_COLUMNS = ("id", "place_id", _PACKED_TEXT, "lang", "flags")
_COMPACT_NAME_AND_FACT_COLUMNS = ", ".join((*_COMPACT_NAME_COLUMNS, *PLACE_FACT_COLUMNS))
COMPACT_FACTS_AT = len(_COMPACT_NAME_COLUMNS)
"""Where a compact name row's place facts start (:meth:`IndexReader.names_with_place_facts`)."""
_LANG_AT = _COMPACT_NAME_COLUMNS.index("lang")
_NOT_CURRENT = FLAG_HISTORIC | FLAG_COLLOQUIAL | FLAG_CODE
"""The flags of a name a place's name in a language is only when it has no other."""
_FEATURE_CODE_AT, _COUNTRY_AT = (
    COMPACT_FACTS_AT + PLACE_FACT_COLUMNS.index(column) for column in ("feature_code", "country_code")
)

KEEP_IN_MEMORY_CHUNK = 8 * 2**20
""":meth:`IndexReader.keep_in_memory` reads the file this many bytes at a time."""
VISIT_PAGES_A_TURN = 1024
""":meth:`IndexReader.keep_in_memory` visits at most this many pages through SQLite's map a turn (4 MiB)."""
READ_AHEAD_CHUNK = 8 * 2**20
""":meth:`IndexReader.read_ahead` asks for the file this many bytes at a time."""
# A key's entries start in the first block whose last key is not below it, and run on through the
# blocks that follow. Blocks are read one at a time: most keys end in their first block, and a
# statement stepping through several would read the next one before the first was looked at.
# Plain ``?`` placeholders: a numbered one (``?1``) is a named one to Python's sqlite3, which from
# Python 3.14 refuses named placeholders bound from a sequence.
_FIRST_KEY_BLOCK = "SELECT id, entries FROM key_blocks WHERE last_key >= ? ORDER BY last_key, id LIMIT 1"
_NEXT_KEY_BLOCK = "SELECT id, entries FROM key_blocks WHERE id > ? ORDER BY id LIMIT 1"
_BTREES = "SELECT name FROM sqlite_schema WHERE rootpage > 0"
_FOLDED_NAMES = "SELECT id, text, folded, flags FROM names WHERE id > ? ORDER BY id LIMIT ?"
_STORED_ANSWER = "SELECT answers FROM stored_answers WHERE key = ?"


class _Turn:
    """One ``with reader.turn():`` block (see :meth:`IndexReader.turn`).

    A class rather than a generator-based context manager: every query takes a turn or two, and
    a generator's context manager costs several times as much to make, enter and leave.
    """

    __slots__ = ("_local", "_took", "_turns")

    def __init__(self, local: threading.local, turns: Turns) -> None:
        self._local = local
        self._turns = turns
        self._took = False

    def __enter__(self) -> None:
        local = self._local
        if getattr(local, "in_turn", False):
            return  # a thread already in a turn stays in it
        self._turns.__enter__()
        local.in_turn = True
        self._took = True

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._took:
            self._took = False
            self._local.in_turn = False
            self._turns.__exit__(None, None, None)


class IndexFileError(Exception):
    """The index file is missing, damaged, foreign or of another format version."""


class PlaceRow(NamedTuple):
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
    custom: bool


class RelatedRow(NamedTuple):
    """A link from a place to a related place, as stored in the index."""

    place_id: int
    related_id: int
    relation: int
    distance_km: float
    curated: bool


class NameRow(NamedTuple):
    """A name as stored in the index."""

    name_id: int
    place_id: int
    text: str
    lang: str
    flags: int
    folded: str
    phonetic: str
    skeleton: str
    spelled: str
    """The spelling of its content words (:func:`~toponym_server.matching.normalize.content_spelling`)."""


class _Entries(NamedTuple):
    """Key entries as columns: name IDs, place IDs and (when asked for) stored country code numbers."""

    names: list[int]
    places: list[int]
    countries: list[int]


class IndexReader:
    """Read-only access to one index file; safe to share between threads.

    Reads taken in a :meth:`turn` go through one connection, which reads through SQLite's map of
    the whole file once the file is kept in memory (:attr:`maps_file`); other reads go through a
    connection of the calling thread's own, which reads the file through the system's page cache.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        resolved = self.path.resolve()
        self._uri = f"file:{quote(str(resolved))}?mode=ro&immutable=1"
        self._kept = False
        self._kept_in_memory: mmap.mmap | None = None  # the reader's own map, where SQLite's does not keep the file
        self._memory_lock = threading.Lock()
        self._closed = False
        self._turns = Turns()
        self._far_places = array("q")  # the place IDs key entries number (keyblocks.far_places), 8 bytes each
        self.meta = self._check()
        opened = os.stat(resolved)  # the file SQLite just opened, for keep_in_memory to check
        self._identity = (opened.st_dev, opened.st_ino)
        self._turn_conn = self._connect()
        self.maps_file = False
        """Whether reads in a :meth:`turn` go through SQLite's map of the whole file.

        From :meth:`keep_in_memory` on, unless the file is past SQLite's largest map or this
        SQLite has no ``dbstat``, through which the pages of SQLite's map are visited (a map of the
        reader's own beside SQLite's would count the file twice in the process's resident memory).
        A file not kept is not mapped: its pages count in no process's resident memory.
        """

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self._uri, uri=True, check_same_thread=False)
        conn.execute("PRAGMA query_only = ON")
        conn.execute("PRAGMA cache_size = -16384")
        # A thread's own connection reads through the OS page cache, shared by every thread and
        # process, rather than a map of its own: each thread's map would count the same pages
        # again in the server's resident memory (8 threads on a 10 GiB index could report tens of
        # GiB). Only the connection of the turns maps the file, once it is kept (see turn).
        conn.execute("PRAGMA mmap_size = 0")
        return conn

    def turn(self) -> _Turn:
        """Run the block alone among the reader's turns, reading through the reader's one map of the file.

        Threads take turns in the order they ask (:class:`~toponym_server.index.turns.Turns`);
        inside one, every read of the calling thread goes through the connection of the turns,
        which no other thread uses meanwhile. Once that connection maps the whole file
        (:attr:`maps_file`) a row is read where its page lies, with no system call and no copy
        into a cache of the connection's own, and the file is mapped, and counted in the
        process's resident memory, once, however many threads read it. Rows read in a turn must
        be read whole before it ends (the reader's methods return them whole): under Python 3.12
        and later, a cursor stepped after its turn can take the statement of another thread's
        read. A thread already in a turn stays in it. Paired against reads through the page
        cache, a server spends 5-12 % less CPU a name on cold names (BENCHMARKS.md, fifteenth
        session).
        """
        return _Turn(self._local, self._turns)

    @property
    def _conn(self) -> sqlite3.Connection:
        local = self._local
        if getattr(local, "in_turn", False):
            return self._turn_conn
        conn: sqlite3.Connection | None = getattr(local, "conn", None)
        if conn is None:
            conn = self._connect()
            local.conn = conn
        return conn

    def _check(self) -> dict[str, str]:
        if self.path.is_dir():
            raise IndexFileError(f"{self.path} is a directory, not an index file: give the file's path")
        if not self.path.is_file():
            raise IndexFileError(f"index file {self.path} does not exist: build it with `toponym index build`")
        if not os.access(self.path, os.R_OK):
            # SQLite would say "unable to open database file", which reads like a damaged file.
            raise IndexFileError(f"{self.path} cannot be read by this process (permission denied): check its mode")
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
        if not meta:
            # A build writes every meta row at once, in its last transaction.
            raise IndexFileError(f"{self.path} is an unfinished build: rebuild it")
        if version not in READABLE_FORMATS:
            raise IndexFileError(
                f"{self.path} has index format {version}, this server reads formats "
                f"{', '.join(READABLE_FORMATS)}: rebuild it"
            )
        if "places" not in meta:
            raise IndexFileError(f"{self.path} is an unfinished build: rebuild it")
        try:
            far = conn.execute("SELECT place_id FROM far_places ORDER BY number").fetchall()
        except sqlite3.DatabaseError as err:
            raise IndexFileError(f"{self.path} is damaged or not a toponym index: {err}") from err
        self._far_places = array("q", (place_id for (place_id,) in far))
        self._local.conn = conn
        return meta

    def keep_in_memory(self) -> None:
        """Read the whole file into memory and keep its pages there, mapped into this process, until :meth:`close`.

        After a reboot or a deploy the file is on disk only, and each query's few hundred random
        page reads would wait on it; one pass in file order costs a sequential read instead. And
        a page that was read but that no process maps may leave memory again long before memory
        runs short: some hosts page out page cache that no process maps once it has gone
        untouched for a minute or so (BENCHMARKS.md, eleventh session), and a query that meets
        such a page waits on the disk again. So every page is mapped once read: a mapped page
        stays until the system needs the memory (a page the system takes back then is read again
        by the query that needs it). Where SQLite's map can hold the file, the turns' connection
        maps it from then on (:attr:`maps_file`) and that map is the one kept: the file is read
        through, then its pages are visited through SQLite (the pages ``dbstat`` lists: every
        page of every table and index but the last of each overflow chain, which the index's rows
        do not need), a thousand pages a turn, so that the file is mapped, and counted in the
        process's resident memory, once, and a query waits on the walk for a few milliseconds at
        most. Otherwise the reader maps the file itself and touches each page just after its chunk
        was read. The pages are the operating system's page cache,
        shared with every process that reads the file. The file is read a chunk at a time, the
        interpreter free for other threads while each chunk waits on the disk; queries keep
        reading through SQLite meanwhile. Calling it again does nothing, and so does calling it on
        a closed reader. Raises ``OSError`` if the file cannot be read or mapped, or if its path
        now holds another file than the one opened (a deploy replaced it), and ``ValueError`` for
        an empty file.
        """
        with self._memory_lock:
            if self._kept or self._closed:
                return
        mapped: mmap.mmap | None = None
        with self.path.open("rb", buffering=0) as handle:
            found = os.fstat(handle.fileno())
            if (found.st_dev, found.st_ino) != self._identity:
                raise OSError(f"{self.path} is no longer the file this server opened: not kept in memory")
            through_sqlite = self._map_in_turns(found.st_size)
            if through_sqlite is None:
                return  # closed meanwhile
            if through_sqlite:
                if not self._read_through(handle):
                    return
            else:
                mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
                try:
                    _touch_as_read(handle, mapped)
                except BaseException:
                    mapped.close()
                    raise
        if through_sqlite and not self._visit_every_page():
            return  # closed meanwhile: SQLite's map went with its connection
        with self._memory_lock:
            if self._kept or self._closed:  # another call, or close(), came first
                if mapped is not None:
                    mapped.close()
            else:
                self._kept = True
                self._kept_in_memory = mapped

    def _map_in_turns(self, size: int) -> bool | None:
        """Have the turns read through SQLite's map of the file, ``size`` bytes, if it can; ``None`` once closed."""
        with self.turn():
            if self._closed:
                return None
            if self.maps_file:
                return True
            self.maps_file = _has_dbstat(self._turn_conn) and _map_whole_file(self._turn_conn, size)
            return self.maps_file

    def _read_through(self, handle: FileIO) -> bool:
        """Read ``handle`` to its end a chunk at a time, keeping nothing; ``False`` if the reader was closed meanwhile.

        Its pages land in the page cache in file order, where the visit through SQLite's map finds them.
        """
        chunk = bytearray(KEEP_IN_MEMORY_CHUNK)
        while handle.readinto(chunk):
            if self._closed:
                return False
        return True

    def _visit_every_page(self) -> bool:
        """Read every page ``dbstat`` lists through the turns' connection, a thousand a turn; ``False`` once closed.

        A page read through SQLite's map stays mapped. Each b-tree's pages are listed by
        ``dbstat``, whose cursor lives on across turns: it steps only in a turn, and no other
        read runs its statement.
        """
        with self.turn():
            if self._closed:
                return False
            trees = ["sqlite_schema", *(name for (name,) in self._conn.execute(_BTREES))]
        for tree in trees:
            pages: sqlite3.Cursor | None = None
            visited = VISIT_PAGES_A_TURN
            while visited == VISIT_PAGES_A_TURN:
                with self.turn():
                    if self._closed:
                        return False
                    if pages is None:
                        pages = self._conn.execute("SELECT pageno FROM dbstat WHERE name = ?", (tree,))
                    visited = sum(1 for _ in islice(pages, VISIT_PAGES_A_TURN))
        return True

    def read_ahead(self) -> bool:
        """Ask the system to bring the whole file into its page cache, not kept there; tell whether it could be asked.

        For a file too large to keep in memory (:meth:`keep_in_memory`): one pass in file order
        after a reboot or a deploy costs a sequential read, where queries would wait on a few
        hundred random page reads each. It is a request (``posix_fadvise``, Linux): the system
        reads ahead on its own, without copying, and the pages are the page cache, which every
        process reading the file shares and which no process's resident memory counts; the system
        may page them out again later. Where there is no such request (macOS) nothing is done:
        reading the file through would push out what else is cached. Raises ``OSError`` if the
        file cannot be opened.
        """
        advise = getattr(os, "posix_fadvise", None)
        if advise is None:
            return False
        size = self.path.stat().st_size
        with self.path.open("rb", buffering=0) as handle:
            for offset in range(0, size, READ_AHEAD_CHUNK):
                advise(handle.fileno(), offset, min(READ_AHEAD_CHUNK, size - offset), os.POSIX_FADV_WILLNEED)
        return True

    def verify(self) -> None:
        """Check the file's checksum (reads the whole file); raise :class:`IndexFileError` if it differs."""
        conn = self._conn
        (page_size,) = conn.execute("PRAGMA page_size").fetchone()
        if file_checksum(self.path, page_size) != stored_checksum(conn):
            raise IndexFileError(f"{self.path} is damaged (its checksum does not match): rebuild it")

    @property
    def place_count(self) -> int:
        """Number of places in the index."""
        return int(self.meta.get("places", 0))

    @property
    def name_count(self) -> int:
        """Number of names in the index."""
        return int(self.meta.get("names", 0))

    def _key_runs(self, hashed: int) -> Iterator[tuple[Block, int, int]]:
        """Yield (block, start, end) for the stretches of blocks that hold the stored key ``hashed``, in order.

        A block is read only when the next stretch is asked for.
        """
        conn = self._conn
        row = conn.execute(_FIRST_KEY_BLOCK, (hashed,)).fetchone()
        while row is not None:
            block_id, entries = row
            block = Block.parse(entries)
            start, end = block.span(hashed)
            if start == end:
                return
            yield block, start, end
            if end < block.entry_count:
                return
            row = conn.execute(_NEXT_KEY_BLOCK, (block_id,)).fetchone()

    def _entries(self, hashed: int, count: int, *, countries: bool = False) -> _Entries:
        """The first ``count`` entries under the stored key ``hashed``; their country numbers only if asked."""
        found = _Entries([], [], [])
        for block, start, end in self._key_runs(hashed):
            stop = min(end, start + count - len(found.names))
            found.names.extend(block.names[start:stop].tolist())
            found.places.extend(block.place_ids(start, stop, self._far_places))
            if countries:
                found.countries.extend(block.country_numbers(start, stop))
            if len(found.names) >= count:
                break
        return found

    def lookup(self, key: str, limit: int) -> list[tuple[int, int]]:
        """Return up to ``limit`` (name_id, place_id) pairs stored under ``key``, most prominent first."""
        found = self._entries(key_hash(key), limit)
        return list(zip(found.names, found.places, strict=True))

    def lookup_in_countries(self, key: str, countries: Sequence[str], limit: int) -> list[tuple[int, int]]:
        """Like :meth:`lookup`, but only places in the given countries (ISO codes).

        Up to ``limit`` entries, in key order (most prominent first). For a key of more than
        :data:`~.keyblocks.BIG_KEY_ENTRIES` entries, read by country, several countries take
        turns, in the order their first places come under the key.
        """
        return self.lookup_with_countries(key, countries, limit)[1]

    def lookup_with_countries(
        self, key: str, countries: Sequence[str], limit: int
    ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """:meth:`lookup` and :meth:`lookup_in_countries` of one key at once, reading its first blocks once.

        A key of up to :data:`~.keyblocks.BIG_KEY_ENTRIES` entries is read whole (two or three
        blocks) and filtered; a larger one is stored by country too, and each country's entries
        are read under its country key: a bounded cost whatever the key's size and the country's
        share of it. Past :data:`~.keyblocks.COUNTRY_KEY_ENTRIES` (a limit the resolver never
        asks for), such a key is read through.
        """
        # Only two-letter codes: a longer one would be cut to two letters and match another country.
        codes = sorted({c.upper() for c in countries if len(c) == 2 and c.isascii()})
        wanted = [country_code_number(code) for code in codes]
        hashed = key_hash(key)
        if not wanted:
            found = self._entries(hashed, limit)
            return list(zip(found.names, found.places, strict=True)), []
        found = self._entries(hashed, max(limit, BIG_KEY_ENTRIES + 1), countries=True)
        plain = list(zip(found.names[:limit], found.places[:limit], strict=True))
        if len(found.names) <= BIG_KEY_ENTRIES:  # every entry of the key
            allowed = set(wanted)
            entries = zip(found.names, found.places, found.countries, strict=True)
            return plain, list(islice(((n, p) for n, p, c in entries if c in allowed), limit))
        first_at = {country: at for at, country in reversed(list(enumerate(found.countries)))}
        turns = sorted(wanted, key=lambda c: first_at.get(c, len(found.countries)))
        if limit > COUNTRY_KEY_ENTRIES:  # more than a country key holds: the key is read through
            sources = [self._entries(hashed, sys.maxsize, countries=True)] * len(turns)
        else:
            sources = [self._entries(country_key(hashed, country), limit, countries=True) for country in turns]
        by_country: list[list[tuple[int, int]]] = []
        for country, source in zip(turns, sources, strict=True):
            # Checked: a country key meets another key only by a collision of 64-bit hashes.
            entries = zip(source.names, source.places, source.countries, strict=True)
            by_country.append(list(islice(((n, p) for n, p, c in entries if c == country), limit)))
        return plain, _taking_turns(by_country, limit)

    def warm_name_ids(self, limit: int) -> list[int]:
        """The IDs of up to ``limit`` names a server keeps in memory first, warmest first (:mod:`.warmth`).

        Empty for a format-10 file, which does not list them.
        """
        if self.meta.get("format_version") == "10" or limit <= 0:
            return []
        parts = -(-limit // WARM_NAMES_PART)
        rows = self._conn.execute("SELECT name_ids FROM warm_names ORDER BY part LIMIT ?", (parts,)).fetchall()
        return listed_name_ids(part for (part,) in rows)[:limit]

    def has_stored_answers(self) -> bool:
        """Whether the file stores answers (:mod:`.stored`): format 12 or later, built with them."""
        stored = self.meta.get(STORED_ANSWERS, "")
        return self.meta.get("format_version") not in ("10", "11") and stored.isdigit() and int(stored) > 0

    def stored_answer(self, key: int) -> bytes | None:
        """The answer stored under ``key`` (:func:`~.stored.answer_key`) as the resolver wrote it; ``None``: none is."""
        row = self._conn.execute(_STORED_ANSWER, (key,)).fetchone()
        return None if row is None else bytes(row[0])

    def answer_reasons(self) -> list[str]:
        """The reasons stored answers refer to by number, in number order (empty if none are stored)."""
        if not self.has_stored_answers():
            return []
        return [text for (text,) in self._conn.execute("SELECT text FROM answer_reasons ORDER BY id")]

    def folded_names(self, chunk: int = 10_000) -> Iterator[tuple[str, str, int]]:
        """Every name as (text, folded form, flags), as the build stored them, in ID order.

        Read ``chunk`` names at a time.
        """
        last = -(2**63)
        while rows := self._conn.execute(_FOLDED_NAMES, (last, chunk)).fetchall():
            yield from (row[1:] for row in rows)
            last = rows[-1][0]

    def names_by_id(self, name_ids: Sequence[int]) -> list[NameRow]:
        """Return the names with these IDs, in no particular order."""
        return list(map(NameRow._make, self._rows_by_id("names", _NAME_COLUMNS, name_ids)))

    def names_with_place_facts(self, name_ids: Sequence[int]) -> list[tuple[Any, ...]]:
        """These names as compact rows, each with its place's ranking facts, in no particular order.

        What ranking a candidate needs, in one row read (see the schema), in a form made to be
        kept by the hundred thousand: a plain tuple of the name's ID, its place's ID, its
        folded, phonetic, skeleton and spelled views and its text packed into one string, its
        language tag and flags, then from :data:`COMPACT_FACTS_AT` the place's
        :data:`~toponym_server.index.schema.PLACE_FACT_COLUMNS`. :func:`unpacked_name` makes
        the :class:`NameRow`. Rows share one string object for each language tag, feature code
        and country code.
        """
        return [_sharing_codes(row) for row in self._rows_by_id("names", _COMPACT_NAME_AND_FACT_COLUMNS, name_ids)]

    def places_by_id(self, place_ids: Sequence[int]) -> dict[int, PlaceRow]:
        """Return the places with these IDs, keyed by ID; unknown IDs are absent."""
        return {row[0]: PlaceRow._make(row) for row in self.place_fields_by_id(place_ids)}

    def place(self, place_id: int) -> PlaceRow | None:
        """The place with this ID; ``None`` if the index lacks it (one place's :meth:`places_by_id`, in one read)."""
        row = self._conn.execute(_PLACE_BY_ID, (place_id,)).fetchone()
        return None if row is None else PlaceRow._make((*row[:12], bool(row[12])))

    def place_fields_by_id(self, place_ids: Sequence[int]) -> list[tuple[Any, ...]]:
        """:meth:`places_by_id` as plain tuples, in :class:`PlaceRow` field order, in no particular order."""
        return [(*row[:12], bool(row[12])) for row in self._rows_by_id("places", _PLACE_COLUMNS, place_ids)]

    def _rows_by_id(self, table: str, columns: str, ids: Sequence[int]) -> list[tuple[Any, ...]]:
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        # Read whole: a cursor left to its caller could be stepped after the caller's turn (see turn).
        return self._conn.execute(f"SELECT {columns} FROM {table} WHERE id IN ({marks})", tuple(ids)).fetchall()

    def related(self, place_id: int) -> list[RelatedRow]:
        """Return the places linked to ``place_id``, nearest first."""
        return self.related_of([place_id]).get(place_id, [])

    def related_of(self, place_ids: Sequence[int]) -> dict[int, list[RelatedRow]]:
        """The links of each of ``place_ids`` that has any, nearest first (equal distances by ID), in one read."""
        if not place_ids:
            return {}
        marks = ",".join("?" * len(place_ids))
        rows = self._conn.execute(
            "SELECT place_id, related_id, relation, distance_km, curated FROM related "
            f"WHERE place_id IN ({marks}) ORDER BY place_id, distance_km, related_id",
            tuple(place_ids),
        ).fetchall()
        links: dict[int, list[RelatedRow]] = {}
        for a, b, relation, distance, curated in rows:
            links.setdefault(a, []).append(RelatedRow(a, b, relation, distance, bool(curated)))
        return links

    def names_of_place(self, place_id: int) -> list[NameRow]:
        """Return every name of a place, canonical names first."""
        rows = self._conn.execute(
            f"SELECT {_NAME_COLUMNS} FROM names WHERE place_id = ? ORDER BY id",
            (place_id,),
        )
        return list(map(NameRow._make, rows))

    def names_folded_as(self, place_id: int, folded: str) -> list[tuple[str, int]]:
        """Return the text and flags of each name of a place whose folded form is ``folded``, in stored order."""
        rows = self._conn.execute(
            "SELECT text, flags FROM names WHERE place_id = ? AND folded = ? ORDER BY id", (place_id, folded)
        )
        return [(str(text), int(flags)) for text, flags in rows]

    def names_in_language(self, spellings: Sequence[tuple[int, str]], language: str) -> list[tuple[int, str, str, str]]:
        """The names tagged ``language`` of these (place ID, folded form) spellings: place ID, folded form, tag, text.

        The key entries keep one name per spelling of a place, the lowest ID (*Salvador*,
        untagged, for El Salvador's sixteen names folded so, French among them): this finds
        the others. ``language`` is a base tag (``fr``); a name tagged with it or one of its
        regional or script forms (``fr-CA``) counts. In name ID order.
        """
        if not spellings or not language:
            return []
        places = sorted({place for place, _ in spellings})
        folded = sorted({spelling for _, spelling in spellings})
        wanted = set(spellings)
        rows = self._conn.execute(
            f"SELECT place_id, folded, lang, text FROM names WHERE place_id IN ({','.join('?' * len(places))}) "
            f"AND folded IN ({','.join('?' * len(folded))}) AND (lang = ? OR lang LIKE ?) ORDER BY id",
            (*places, *folded, language, language + "-%"),
        ).fetchall()
        return [(int(p), str(f), str(lang), str(text)) for p, f, lang, text in rows if (p, f) in wanted]

    def admin_name(self, code: str) -> str:
        """Return the name of the admin division with GeoNames code ``code`` (``CC.A1``), or ``""``."""
        row = self._conn.execute("SELECT name FROM admin_divisions WHERE code = ?", (code,)).fetchone()
        return str(row[0]) if row else ""

    def admin1_names(self) -> dict[str, str]:
        """The name of every first-level admin division, by GeoNames code (``CC.A1``): a few thousand."""
        rows = self._conn.execute("SELECT code, name FROM admin_divisions WHERE code NOT LIKE '%.%.%'")
        return {str(code): str(name) for code, name in rows}

    def areas_coded(self, code: str) -> list[int]:
        """The GeoNames IDs of the countries and divisions an address may write as ``code`` (*ON*, *FR*, *TX*).

        Their ISO 3166 codes and the first-level divisions' GeoNames codes
        (:mod:`toponym_server.sources.area_codes`); a file older than format 13 knows only the
        latter. In no particular order; empty if none is.
        """
        if self.meta.get("format_version") in ("10", "11", "12"):
            rows = self._conn.execute(
                "SELECT geoname_id FROM admin_divisions WHERE code GLOB ? AND code NOT GLOB '*.*.*'", (f"*.{code}",)
            )
        else:
            rows = self._conn.execute("SELECT geoname_id FROM area_codes WHERE code = ?", (code,))
        return [int(geoname_id) for (geoname_id,) in rows]

    def localized_name(self, place_id: int, language: str) -> str:
        """Return the place's name in ``language``, or ``""``.

        Of several: one tagged with ``language`` exactly before one of its base language, a
        preferred one first, and a historic or colloquial name or a code only when there is no
        other (*Mumbai*, not *Bombay*; *New York City*, not *Big Apple*). Tags are compared without
        regard to case, as BCP 47 has them (*zh-hant* is *zh-Hant*).
        """
        language = language.lower()
        base = language.split("-")[0]
        row = self._conn.execute(
            "SELECT text FROM names WHERE place_id = ? AND (lower(lang) = ? OR lower(lang) = ? OR lang LIKE ?) "
            "ORDER BY (lower(lang) = ?) DESC, (flags & ?) DESC, (flags & ?) = 0 DESC, id LIMIT 1",
            (place_id, language, base, base + "-%", language, FLAG_PREFERRED, _NOT_CURRENT),
        ).fetchone()
        return str(row[0]) if row else ""

    def close(self) -> None:
        """Close the calling thread's connection and the turns', and let the file's pages go for the whole process.

        Reads in a :meth:`turn` then fail, from every thread (``sqlite3.ProgrammingError``); a
        thread's own connection serves it until the thread closes it. The pages that
        :meth:`keep_in_memory` kept are the reader's, not a thread's: after ``close`` they may
        leave memory again, and the reader no longer keeps them.
        """
        with self._memory_lock:
            self._closed = True
            if self._kept_in_memory is not None:
                self._kept_in_memory.close()
                self._kept_in_memory = None
        with self.turn():  # no read is running through it
            self._turn_conn.close()
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None


def packed_views(folded: str, phonetic: str, skeleton: str, spelled: str, text: str) -> str:
    """The one string a compact name row holds for a name's views and text (:func:`unpacked_name` splits it)."""
    return _VIEWS_SEPARATOR.join((folded, phonetic, skeleton, spelled, text))


def unpacked_name(row: tuple[Any, ...]) -> NameRow:
    """The name of a compact row from :meth:`IndexReader.names_with_place_facts`.

    One string rather than five saves a kept row four string objects: about 220 of 620 bytes
    (BENCHMARKS.md, seventeenth session).
    """
    folded, phonetic, skeleton, spelled, text = row[2].split(_VIEWS_SEPARATOR, 4)
    return tuple.__new__(NameRow, (row[0], row[1], text, row[3], row[4], folded, phonetic, skeleton, spelled))


def _sharing_codes(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """A compact name row whose language tag, feature code and country code are the interned strings.

    SQLite returns a new string for each; a resolver keeps hundreds of thousands of rows, and
    sharing these three saves about 110 bytes a row.
    """
    cells = list(row)
    for at in (_LANG_AT, _FEATURE_CODE_AT, _COUNTRY_AT):
        cells[at] = sys.intern(cells[at])
    return tuple(cells)


def _has_dbstat(conn: sqlite3.Connection) -> bool:
    """Whether this SQLite has the ``dbstat`` table, which lists every page of the file (a build option)."""
    try:
        conn.execute("SELECT pageno FROM dbstat LIMIT 0").fetchall()
    except sqlite3.OperationalError:
        return False
    return True


def _map_whole_file(conn: sqlite3.Connection, size: int) -> bool:
    """Have ``conn`` read through SQLite's map of the whole file, ``size`` bytes; tell whether SQLite's map can hold it.

    A file past SQLite's largest map (2 GiB in the usual build) is read through the page cache,
    as a thread's own connection reads it: a map of its first part would count in the process's
    resident memory what the page cache holds anyway.
    """
    conn.execute(f"PRAGMA mmap_size = {size}")
    (granted,) = conn.execute("PRAGMA mmap_size").fetchone()
    if granted < size:
        conn.execute("PRAGMA mmap_size = 0")
        return False
    return True


def _touch_as_read(handle: FileIO, mapped: mmap.mmap) -> None:
    """Read ``handle`` through a chunk at a time, touching each page of ``mapped`` just after its chunk was read."""
    chunk = bytearray(KEEP_IN_MEMORY_CHUNK)
    offset = 0
    while read := handle.readinto(chunk):
        first_page = offset - offset % mmap.PAGESIZE
        for page in range(first_page, min(offset + read, len(mapped)), mmap.PAGESIZE):
            mapped[page]  # a page just read, now mapped: it stays
        offset += read


def _taking_turns(groups: Sequence[Sequence[tuple[int, int]]], limit: int) -> list[tuple[int, int]]:
    """Up to ``limit`` entries of ``groups``, taking one from each group in turn, each group's in order."""
    turns = (entry for entries in zip_longest(*groups) for entry in entries if entry is not None)
    return list(islice(turns, limit))


def open_index(path: Path) -> IndexReader:
    """Open and check an index file; raise :class:`IndexFileError` with a clear message if unusable."""
    return IndexReader(path)
