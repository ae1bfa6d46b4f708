"""Bounded stores, safe to share between threads: a least-recently-used map, and kept index rows.

The index is immutable, so whatever is computed from it can be kept: the resolver keeps
answers by query and index rows by ID, the service keeps encoded results by request.
"""

from __future__ import annotations

import threading
from array import array
from collections import OrderedDict
from collections.abc import Hashable, Iterable, Iterator
from gc import is_tracked
from itertools import count
from typing import Generic, NamedTuple, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class LruCache(Generic[K, V]):
    """At most ``size`` entries; storing one more forgets the least recently used. ``size`` 0 keeps nothing."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._data: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        """Return the value under ``key`` (and mark it recently used), or ``None``."""
        with self._lock:
            value = self._data.get(key)
            if value is not None:
                self._data.move_to_end(key)
            return value

    def put(self, key: K, value: V) -> None:
        """Store ``value`` under ``key``, forgetting the least recently used entry when full."""
        if self.size <= 0:
            return
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            if len(self._data) > self.size:
                self._data.popitem(last=False)

    def __len__(self) -> int:
        return len(self._data)


R = TypeVar("R")

SETTLING_ROWS = 4_096
"""Rows that CPython's garbage collector still tracks wait apart, at most this many (see :class:`KeptRows`)."""
# Waiting rows are looked at once this many wait, not at every store: a cheap query stores a few
# rows at a time, in several calls.
_SETTLE_FROM = 256


class _Young(NamedTuple, Generic[R]):
    """The young rows and their IDs in the order they came, swapped as one.

    The order is written as each row comes, while its ID is at hand: reading the IDs back out of
    a dict of 300,000 rows at the change of generations held one query 40-60 ms (each ID an int
    object somewhere in memory, a cache miss to read). An array of numbers is one object to the
    collector, whatever its length.
    """

    rows: dict[int, R]
    order: array[int]


class _Generation(NamedTuple, Generic[R]):
    """The old rows, their IDs oldest first, and a counter of the positions taken, swapped as one.

    Positions come from one counter per generation, so a thread held up across a change of
    generations can only take a position of the generation it read. An ID may be listed twice,
    or after its row moved to the young ones: dropping it then drops nothing, and the next
    position is taken.
    """

    rows: dict[int, R]
    order: array[int]
    taken: Iterator[int]


def _new_young() -> _Young[R]:
    """An empty young generation."""
    return _Young({}, array("q"))


def _join(young: _Young[R], row_id: int, row: R) -> None:
    """Add a row to the young ones; an ID already there is listed once (its first place in the order stands)."""
    rows = young.rows
    if row_id not in rows:
        rows[row_id] = row
        young.order.append(row_id)


class KeptRows(Generic[R]):
    """Index rows by 64-bit integer ID, at most ``capacity`` of them, the oldest forgotten first, a row at a time.

    Rows go into a young plain dict. When it holds ``capacity`` rows it becomes the old one and a
    new young one starts; every row stored from then on drops the oldest row still in the old
    dict, so the old dict is empty by the time the young one is full again. A row found among the
    old ones moves to the young. Each row stored frees at most one old row: emptying a dict of
    100,000 name rows at once held one query for about 40 ms.

    Plain dicts of plain tuples are what CPython's garbage collector stops walking (see
    :mod:`.kept`), but only while every tuple in them is one it has stopped tracking: it stops
    tracking a tuple of numbers and strings at the first collection the tuple lives through,
    and a dict that is given a tuple it still tracks is tracked again. A tracked dict of
    hundreds of thousands of rows is walked whole by each collection that meets it, some 14 ms
    a walk, three times over (each generation in turn) before a full collection stops tracking it
    again. So a row the collector still tracks waits in a small dict of its own, still found by
    :meth:`take`, and joins the young rows once the collector has let it go; at most
    :data:`SETTLING_ROWS` (and half the capacity) wait, past that the oldest join regardless (rows
    of a type the collector always tracks). Threads may share it: a race can forget a row early or read it
    twice, never return a wrong one, and only the change of generations takes a lock.
    """

    __slots__ = ("_aging", "_capacity", "_lock", "_settling", "_young")

    def __init__(self, capacity: int) -> None:
        self._capacity = max(1, capacity)
        self._young: _Young[R] = _new_young()
        self._settling: dict[int, R] = {}  # rows the collector still tracks, oldest first
        self._aging: _Generation[R] = _Generation({}, array("q"), count())
        self._lock = threading.Lock()

    def take(self, ids: Iterable[int]) -> tuple[dict[int, R], list[int]]:
        """The kept rows among ``ids``, by ID, and the IDs not kept, in order."""
        found: dict[int, R] = {}
        missing: list[int] = []
        aged: list[int] = []
        young, settling, old = self._young.rows, self._settling, self._aging.rows
        for row_id in ids:
            row = young.get(row_id)
            if row is None:
                row = settling.get(row_id)
                if row is None and old:
                    row = old.get(row_id)
                    if row is not None:
                        aged.append(row_id)
            if row is None:
                missing.append(row_id)
            else:
                found[row_id] = row
        for row_id in aged:
            old.pop(row_id, None)
        self.keep_all((row_id, found[row_id]) for row_id in aged)
        return found, missing

    def get(self, row_id: int) -> R | None:
        """The kept row ``row_id``, or ``None``: :meth:`take` for one row."""
        row = self._young.rows.get(row_id)
        if row is None:
            row = self._settling.get(row_id)
            if row is None and row_id in self._aging.rows:
                found, _ = self.take((row_id,))  # an old row moves to the young ones
                row = found.get(row_id)
        return row

    def keep(self, row_id: int, row: R) -> None:
        """Keep ``row`` under ``row_id``."""
        self.keep_all(((row_id, row),))

    def keep_all(self, rows: Iterable[tuple[int, R]]) -> None:
        """Keep each (row ID, row) of ``rows``, in order: :meth:`keep` for many rows at a time."""
        settling = self._settling
        if len(settling) >= _SETTLE_FROM:
            self._settle(settling)
        capacity = self._capacity
        waiting = min(SETTLING_ROWS, capacity // 2)  # the young rows always hold some
        for row_id, row in rows:
            young = self._young
            if len(young.rows) + len(settling) >= capacity:  # the rows waiting are young ones too
                with self._lock:
                    if self._young is young:  # no other thread has changed generations meanwhile
                        # The old generation first: a thread that stored between the two would
                        # otherwise drop rows from the emptied old one, and the rows just aged
                        # would all be let go at once at the next change, past the capacity till then.
                        self._aging = _Generation(young.rows, young.order, count())
                        self._young = _new_young()
            # Drop the oldest row still among the old ones (IDs that moved to the young are passed over).
            old, order, cursor = self._aging
            while old:
                at = next(cursor)  # taken and advanced at once: threads never reuse or skip a position
                if at >= len(order):
                    break
                if old.pop(order[at], None) is not None:
                    break
            if is_tracked(row):
                settling[row_id] = row
                if len(settling) > waiting:
                    self._settle_oldest(settling, waiting)
            else:
                _join(self._young, row_id, row)

    def _settle(self, settling: dict[int, R]) -> None:
        """Move the waiting rows the collector no longer tracks among the young ones, in order.

        A collection stops tracking every row stored before it at once, so those are the oldest
        waiting: the rows are looked at from the oldest and no further than the first still
        tracked, which costs a call no more than the rows it moves.
        """
        settled: list[tuple[int, R]] = []
        try:
            for row_id, row in settling.items():
                if is_tracked(row):
                    break
                settled.append((row_id, row))
        except RuntimeError:  # another thread stored a row meanwhile: the rest settle at the next call
            pass
        young = self._young
        for row_id, row in settled:
            if settling.pop(row_id, None) is not None:
                _join(young, row_id, row)

    def _settle_oldest(self, settling: dict[int, R], waiting: int) -> None:
        """Move the rows that have waited longest among the young ones, tracked or not, until ``waiting`` wait."""
        while len(settling) > waiting:
            try:
                oldest = next(iter(settling))
            except (StopIteration, RuntimeError):  # emptied, or changed by another thread meanwhile
                return
            row = settling.pop(oldest, None)  # None: another thread moved it
            if row is not None:
                _join(self._young, oldest, row)

    def __len__(self) -> int:
        young, old = self._young.rows, self._aging.rows
        # During a change of generations the rows just aged are the old ones and, a moment longer, the young ones.
        return len(young) + len(self._settling) + (len(old) if old is not young else 0)
