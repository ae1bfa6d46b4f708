"""Bounded stores, safe to share between threads: a least-recently-used map, and kept index rows.

The index is immutable, so whatever is computed from it can be kept: the resolver keeps
answers by query and index rows by ID, the service keeps encoded results by request.
"""

from __future__ import annotations

import threading
from collections import OrderedDict, deque
from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

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


class KeptRows(Generic[R]):
    """Index rows by ID, at most ``capacity`` of them, the oldest forgotten first, a row at a time.

    Rows go into a young plain dict. When it holds ``capacity`` rows it becomes the old one and a
    new young one starts; every row stored from then on drops the oldest row still in the old
    dict, so the old dict is empty by the time the young one is full again. A row found among the
    old ones moves to the young. No store frees more than one row: emptying a dict of 100,000
    name rows at once held one query for about 40 ms. Plain dicts of plain tuples are what
    CPython's garbage collector stops walking (see :mod:`.kept`). Threads may share it: a race
    can forget a row early or read it twice, never return a wrong one, and only the change of
    generations takes a lock.
    """

    __slots__ = ("_capacity", "_lock", "_old", "_order", "_young")

    def __init__(self, capacity: int) -> None:
        self._capacity = max(1, capacity)
        self._young: dict[int, R] = {}
        self._old: dict[int, R] = {}
        self._order: deque[int] = deque()  # the old rows' IDs, oldest first
        self._lock = threading.Lock()

    def take(self, ids: Iterable[int]) -> tuple[dict[int, R], list[int]]:
        """The kept rows among ``ids``, by ID, and the IDs not kept, in order."""
        found: dict[int, R] = {}
        missing: list[int] = []
        aged: list[int] = []
        young, old = self._young, self._old
        for row_id in ids:
            row = young.get(row_id)
            if row is None and old:
                row = old.get(row_id)
                if row is not None:
                    aged.append(row_id)
            if row is None:
                missing.append(row_id)
            else:
                found[row_id] = row
        for row_id in aged:
            self._old.pop(row_id, None)
        self.keep_all((row_id, found[row_id]) for row_id in aged)
        return found, missing

    def keep(self, row_id: int, row: R) -> None:
        """Keep ``row`` under ``row_id``."""
        self.keep_all(((row_id, row),))

    def keep_all(self, rows: Iterable[tuple[int, R]]) -> None:
        """Keep each (row ID, row) of ``rows``, in order: :meth:`keep` for many rows at a time."""
        capacity = self._capacity
        for row_id, row in rows:
            young = self._young
            if len(young) >= capacity:
                with self._lock:
                    if self._young is young:  # no other thread has changed generations meanwhile
                        self._old, self._young = young, {}
                        self._order = deque(young)
                young = self._young
            young[row_id] = row
            # Drop the oldest row still among the old ones (IDs that moved to the young are passed over).
            old, order = self._old, self._order
            while old:
                try:
                    oldest = order.popleft()
                except IndexError:  # another thread took the last ID
                    break
                if old.pop(oldest, None) is not None:
                    break

    def __len__(self) -> int:
        return len(self._young) + len(self._old)
