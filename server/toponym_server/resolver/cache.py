"""Bounded stores, safe to share between threads: a least-recently-used map, and kept index rows.

The index is immutable, so whatever is computed from it can be kept: the resolver keeps
answers by query and index rows by ID, the service keeps encoded results by request.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable, Iterable
from contextlib import suppress
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
    """Index rows by ID, at most ``capacity`` of them, forgotten a few at a time.

    Rows go into a young plain dict. When it holds half the capacity it becomes the old one and a
    new young one starts; every row stored from then on drops one old row, so the old dict is
    empty by the time the young one is full again. A row found among the old ones moves to the
    young. No store ever frees more than one row: emptying a dict of 100,000 name rows at once
    held one query for about 40 ms. Plain dicts of plain tuples are what CPython's garbage
    collector stops walking (see :mod:`.kept`). Threads may share it without a lock: a race can
    forget or read a row twice, never return a wrong one.
    """

    __slots__ = ("_half", "_old", "_young")

    def __init__(self, capacity: int) -> None:
        self._half = max(1, capacity // 2)
        self._young: dict[int, R] = {}
        self._old: dict[int, R] = {}

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
            self.keep(row_id, found[row_id])
        return found, missing

    def keep(self, row_id: int, row: R) -> None:
        """Keep ``row`` under ``row_id``."""
        young = self._young
        if len(young) >= self._half:
            self._old, self._young = young, {}
            young = self._young
        young[row_id] = row
        if self._old:
            with suppress(KeyError):  # another thread may have taken the last one
                self._old.popitem()

    def __len__(self) -> int:
        return len(self._young) + len(self._old)
