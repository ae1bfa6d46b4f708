"""The compact name rows a resolver keeps, in a ring of slots: a third less memory than tuples.

A compact name row (:meth:`~toponym_server.index.reader.IndexReader.names_with_place_facts`)
is a plain tuple of eleven cells: the name's ID, its place's ID, its packed views and text, its
language tag and flags, and its place's feature class, feature code, country code, latitude,
longitude and prominence. Kept as tuples, each row costs some 440 bytes, and a server keeps
hundreds of thousands: the largest part of its own memory once its caches are full
(BENCHMARKS.md, eighteenth session). Here a row's numbers are packed into one run of bytes per
slot, its language tag and its place's three codes stand as the index of their value in small
tables (the embedded index has 346 language tags and 1,100 code triples), and its packed
string lies in a tuple of the strings of 32 slots: some 300 bytes a row. A row read back is the
tuple that was kept, cell for cell.
"""

from __future__ import annotations

import threading
from array import array
from collections.abc import Iterable, Sequence
from operator import itemgetter
from struct import Struct
from typing import Any

_CHUNK_BITS = 5
_CHUNK = 1 << _CHUNK_BITS
"""Packed strings are kept in tuples of this many slots.

A string stored means a new tuple for its chunk, which takes a reference to every string in it
(a write to each one's header, somewhere in memory): with tuples of 1,024 slots, a resolver
spent some 6 % more CPU a name than with 32 (BENCHMARKS.md, nineteenth session)."""
_IN_CHUNK = _CHUNK - 1

_OLDER_PART = 8
"""A row found among the oldest 1/8 of a full ring is kept again at its newest end.

Over 150,000 mixed names (a replay of their row requests), 1/8 read 2.78 million rows from the
index, moving 5 rows a name; 1/2 read 2.98 million, as its many vacated slots shrink the ring,
and keeping none again 3.07 million (rows as tuples, :class:`KeptRows`: 3.33 million)."""

_VACANT = -(2**63)
"""The name ID of a slot whose row moved on (a name ID is a row ID of the index, never this)."""

_NAME_ID, _PLACE_ID, _PACKED, _LANG, _FLAGS = (itemgetter(at) for at in range(5))
_PLACE_CODES = itemgetter(5, 6, 7)  # feature class, feature code, country code
_LATITUDE, _LONGITUDE, _PROMINENCE = (itemgetter(at) for at in (8, 9, 10))

Row = tuple[Any, ...]

_NUMBERS = Struct("<qIIIddd")
"""A slot's numbers: place ID, flags, language tag's index, place codes' index, latitude, longitude, prominence.

Read with one call that makes all seven, rather than seven reads of one array per column.
"""
_WIDTH = _NUMBERS.size


class _Table:
    """Values (language tags, code triples) by a small index, each value given its index once and kept for good."""

    __slots__ = ("index_of", "values")

    def __init__(self) -> None:
        self.values: list[Any] = []
        self.index_of: dict[Any, int] = {}

    def indexes(self, values: list[Any]) -> list[int]:
        """The index of each of ``values``, in order, a value not seen before given the next free one."""
        index_of = self.index_of
        found = [index_of.get(value) for value in values]
        if None not in found:
            return found  # type: ignore[return-value]  # every index was found
        out: list[int] = []
        for value, at in zip(values, found, strict=True):
            if at is None:
                at = index_of.get(value)  # seen earlier in this call
                if at is None:
                    at = index_of[value] = len(self.values)
                    self.values.append(value)
            out.append(at)
        return out


class KeptNameRows:
    """Compact name rows by name ID, at most ``capacity``, in a ring: the oldest kept forgotten first.

    Slots are taken in turn round the ring; once it is full, each row kept takes the slot of the
    oldest and forgets it. A row found among the oldest eighth of a full ring is kept again at
    the newest end (its old slot left vacant), so a row in steady use is not forgotten for being
    old, as :class:`~toponym_server.resolver.cache.KeptRows` moves its old rows to the young ones
    when found.

    The garbage collector walks none of the rows: arrays, bytes and dicts of numbers are not
    tracked, and a tuple of strings stops being tracked at the first collection it lives through;
    only the list of those tuples, one per 32 slots, is walked (a list of 300,000 strings would be
    walked whole by every full collection, some 20 ms).

    Threads may share it: one lock covers each call, so a row read back is always the row kept
    under its ID. Rows are read from the index outside it (:meth:`take`, then
    :meth:`keep_all`): two threads missing the same row may both read it, and the second's copy
    is dropped.
    """

    __slots__ = (
        "_capacity",
        "_codes",
        "_ids",
        "_langs",
        "_lock",
        "_next",
        "_numbers",
        "_packed",
        "_slots",
    )

    def __init__(self, capacity: int) -> None:
        self._capacity = max(1, capacity)
        # One dict, rebuilt whole every 400,000 rows stored or so once the ring is full, which holds
        # that store some 20 ms; spread over 16 dicts the longest store took 1.4 ms, but a
        # resolver spent 2.9 % more CPU a name (BENCHMARKS.md, nineteenth session).
        self._slots: dict[int, int] = {}  # name ID -> slot
        self._next = 0  # the slot the next row takes
        self._ids = array("q")  # the name ID in each slot (_VACANT once its row moved on)
        self._numbers = bytearray()  # each slot's numbers, _WIDTH bytes a slot
        self._packed: list[tuple[str, ...]] = []  # by slot >> _CHUNK_BITS
        self._langs = _Table()
        self._codes = _Table()
        self._lock = threading.Lock()

    def take(self, ids: Iterable[int]) -> tuple[dict[int, Row], list[int]]:
        """The kept rows among ``ids``, by ID, and the IDs not kept, in order."""
        found: dict[int, Row] = {}
        missing: list[int] = []
        again: list[Row] = []
        with self._lock:
            slots, packed, numbers, unpack = self._slots, self._packed, self._numbers, _NUMBERS.unpack_from
            langs, codes = self._langs.values, self._codes.values
            # The oldest part of a full ring: slots from ``older`` to ``newer``, and below
            # ``wrapped`` when it runs past the last slot. Nothing is old in a ring not yet full.
            older = newer = wrapped = 0
            if len(self._ids) == self._capacity:
                older, part = self._next, self._capacity // _OLDER_PART
                newer = min(older + part, self._capacity)
                wrapped = older + part - self._capacity
            for row_id in ids:
                at = slots.get(row_id)
                if at is None:
                    missing.append(row_id)
                    continue
                place, flags, lang, place_codes, latitude, longitude, prominence = unpack(numbers, at * _WIDTH)
                feature_class, feature_code, country = codes[place_codes]
                row = found[row_id] = (
                    row_id,
                    place,
                    packed[at >> _CHUNK_BITS][at & _IN_CHUNK],
                    langs[lang],
                    flags,
                    feature_class,
                    feature_code,
                    country,
                    latitude,
                    longitude,
                    prominence,
                )
                if older <= at < newer or at < wrapped:
                    again.append(row)
            if again:
                self._keep_again(again)
        return found, missing

    def keep_all(self, rows: Iterable[tuple[int, Row]]) -> None:
        """Keep each (name ID, compact row) of ``rows``, in order; an ID already kept keeps its row."""
        rows = list(rows)  # read before the lock: ``rows`` may read the index
        with self._lock:
            slots = self._slots
            self._store(list({row_id: row for row_id, row in rows if row_id not in slots}.values()))

    def __len__(self) -> int:
        return len(self._slots)

    @property
    def capacity(self) -> int:
        """The most rows kept at once."""
        return self._capacity

    def _keep_again(self, rows: list[Row]) -> None:
        """Move ``rows``, kept in the oldest part of the full ring, to its newest end (their old slots left vacant)."""
        slots, ids = self._slots, self._ids
        moved: list[Row] = []
        for row in rows:
            at = slots.pop(row[0], None)  # None: asked for twice in one call, moved already
            if at is not None:
                ids[at] = _VACANT
                moved.append(row)
        self._store(moved)

    def _store(self, rows: Sequence[Row]) -> None:
        """Write ``rows`` (none of them kept) into the next slots round the ring, forgetting the rows there."""
        while rows:
            at = self._next
            part, rows = rows[: self._capacity - at], rows[self._capacity - at :]
            end = at + len(part)
            self._next = end if end < self._capacity else 0
            self._write(at, part)

    def _write(self, at: int, part: Sequence[Row]) -> None:
        """Write ``part`` into slots ``at`` onwards, one slot per row, all within the ring."""
        end = at + len(part)
        numbers = b"".join(
            map(
                _NUMBERS.pack,
                map(_PLACE_ID, part),
                map(_FLAGS, part),
                self._langs.indexes(list(map(_LANG, part))),
                self._codes.indexes(list(map(_PLACE_CODES, part))),
                map(_LATITUDE, part),
                map(_LONGITUDE, part),
                map(_PROMINENCE, part),
            )
        )
        ids = array("q", map(_NAME_ID, part))
        slots = self._slots
        if at < len(self._ids):  # the ring is full: these slots' rows are the oldest
            for row_id in self._ids[at:end]:
                slots.pop(row_id, None)  # a vacant slot's ID is kept nowhere
            self._ids[at:end] = ids
            self._numbers[at * _WIDTH : end * _WIDTH] = numbers
        else:
            self._ids += ids
            self._numbers += numbers
        self._write_packed(at, list(map(_PACKED, part)))
        slots.update(zip(map(_NAME_ID, part), range(at, end), strict=True))

    def _write_packed(self, at: int, strings: list[str]) -> None:
        """Put ``strings`` in slots ``at`` onwards of the packed strings, a new tuple for each chunk touched."""
        packed = self._packed
        while strings:
            chunk, offset = at >> _CHUNK_BITS, at & _IN_CHUNK
            part, strings = strings[: _CHUNK - offset], strings[_CHUNK - offset :]
            if chunk == len(packed):
                packed.append(tuple(part))
            else:
                old = packed[chunk]
                packed[chunk] = (*old[:offset], *part, *old[offset + len(part) :])
            at += len(part)
