"""Which names a server should keep in memory first: those its queries will likely ask for.

A resolver keeps the name rows it reads (:mod:`toponym_server.resolver.kept_names`); a fresh
one keeps none, and over its first few thousand names it reads about half the rows it asks for
from the index, against a fifth once its store is full (BENCHMARKS.md, twentieth session). The
index build ranks every name by how likely a query is to ask for its row, and stores the
warmest ones in order (the ``warm_names`` table, since format 11), so that a server can fill its
store with them once it is ready.

A lookup reads the first entries of a key (the most prominent places under it), and a query
meets a key about as often as names are stored under it. So a name is warm when it lies among
the first :data:`HEAD_ENTRIES` entries of keys that hold many entries: its weight is the sum of
those keys' entry counts. Its place's prominence breaks the many ties and counts as much: the
order is by the sum of the two ranks. Replayed against the name rows 150,000 mixed names asked
for, the 300,000 warmest names held 81 % of the rows asked for, prominence alone 67 %.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

import numpy as np
from numpy.typing import NDArray

from toponym_server.index.keyblocks import Block

HEAD_ENTRIES = 32
"""The entries of a key counted as its head: what a lookup of a broad key reads (32 to 128)."""

WARM_NAMES_STORED = 600_000
"""The most names the ``warm_names`` table lists: twice what a server keeps by default.

A server keeps its index file in memory whole, this list with it: 2.4 MB, as 4-byte IDs.
"""

WARM_NAMES_PART = 4_096
"""Name IDs a row of ``warm_names`` holds, as one run of little-endian 4-byte integers."""

_NAME_ID = np.dtype("<u4")

_FLUSH_ENTRIES = 1 << 20
"""Head entries gathered before they are added up: this many, or a quarter of the names if that is more.

Each addition makes an array as long as the names, so a gazetteer of 30 million names adds up
its entries eight million at a time rather than a million.
"""


class _HeadWeights:
    """Per name, the sum of the entry counts of the keys whose head holds it."""

    def __init__(self, size: int) -> None:
        self.weights = np.zeros(size, dtype=np.float64)
        self._names: list[NDArray[np.int64]] = []
        self._counts: list[NDArray[np.float64]] = []
        self._gathered = 0
        self._flush_at = max(_FLUSH_ENTRIES, size // 4)

    def add(self, names: NDArray[np.int64], count: float | NDArray[np.float64]) -> None:
        """Credit each of ``names`` with ``count`` (one for all, or one each)."""
        self._names.append(names)
        self._counts.append(np.broadcast_to(np.asarray(count, dtype=np.float64), names.shape))
        self._gathered += len(names)
        if self._gathered >= self._flush_at:
            self.flush()

    def flush(self) -> None:
        """Add up what was gathered."""
        if not self._names:
            return
        names = np.concatenate(self._names)
        self.weights += np.bincount(names, weights=np.concatenate(self._counts), minlength=len(self.weights))
        self._names, self._counts, self._gathered = [], [], 0


def head_weights(blocks: Iterable[bytes], size: int) -> NDArray[np.float64]:
    """Per name ``0..size-1``, the sum of the entry counts of the keys among whose first :data:`HEAD_ENTRIES` it lies.

    ``blocks`` are the key table's blocks (:class:`~toponym_server.index.keyblocks.Block`) in
    key order; a key's entries may run on into the next block.
    """
    heads = _HeadWeights(size)
    open_key: int | None = None  # the last key of the previous block, which may run on
    open_names: NDArray[np.int64] = np.zeros(0, dtype=np.int64)
    open_count = 0
    for entries in blocks:
        block = Block.parse(entries)
        if not block.entry_count:
            continue
        keys = np.asarray(block.keys, dtype=np.int64)
        ends = np.asarray(block.ends, dtype=np.int64)
        names = np.asarray(block.names, dtype=np.int64)
        starts = np.concatenate(([0], ends[:-1]))
        first = 0
        if open_key is not None and keys[0] == open_key:
            open_names = np.concatenate((open_names, names[: max(0, min(ends[0], HEAD_ENTRIES - len(open_names)))]))
            open_count += int(ends[0])
            first = 1
        if first < len(keys) and open_key is not None:
            heads.add(open_names, float(open_count))
            open_key = None
        if first == len(keys):
            continue  # the whole block is the key that runs on
        # Every key but the last ends in this block; the last may run on.
        lengths = ends[first:-1] - starts[first:-1]
        if len(lengths):
            at = np.arange(int(starts[first]), int(ends[-2]))
            position = at - np.repeat(starts[first:-1], lengths)
            head = position < HEAD_ENTRIES
            heads.add(names[at[head]], np.repeat(lengths.astype(np.float64), lengths)[head])
        open_key = int(keys[-1])
        open_names = names[int(starts[-1]) : min(int(ends[-1]), int(starts[-1]) + HEAD_ENTRIES)]
        open_count = int(ends[-1] - starts[-1])
    if open_key is not None:
        heads.add(open_names, float(open_count))
    heads.flush()
    return heads.weights


def _ranks(values: NDArray[np.float64]) -> NDArray[np.int64]:
    """Each value's rank, 0 for the smallest; equal values in ascending position."""
    ranks = np.empty(len(values), dtype=np.int64)
    ranks[np.argsort(values, kind="stable")] = np.arange(len(values))
    return ranks


def warmest_names(weights: NDArray[np.float64], prominence: NDArray[np.float64], limit: int) -> NDArray[np.int64]:
    """The positions of the ``limit`` warmest names, warmest first: by the sum of their two ranks, then position."""
    score = _ranks(weights) + _ranks(prominence)
    order = np.argsort(-score, kind="stable")
    return order[:limit]


def write_warm_names(conn: sqlite3.Connection, limit: int = WARM_NAMES_STORED) -> int:
    """Rank the names of the index being built on ``conn`` and list the ``limit`` warmest in ``warm_names``.

    Reads the ``names`` and ``key_blocks`` tables (both written by then); returns how many
    names were listed.
    """
    (top,) = conn.execute("SELECT coalesce(max(id), -1) FROM names").fetchone()
    size = int(top) + 1
    if size == 0:
        return 0
    prominence = np.full(size, -1.0)  # a name ID no name has sorts below every name
    known = np.zeros(size, dtype=bool)
    rows = conn.execute("SELECT id, prominence FROM names")
    while chunk := rows.fetchmany(1 << 16):
        ids, values = zip(*chunk, strict=True)
        at = np.array(ids, dtype=np.int64)
        prominence[at] = values
        known[at] = True
    blocks = (entries for (entries,) in conn.execute("SELECT entries FROM key_blocks ORDER BY id"))
    weights = head_weights(blocks, size)
    weights[~known] = -1.0
    warm = warmest_names(weights, prominence, min(limit, int(known.sum())))
    if len(warm) and int(warm.max()) > np.iinfo(_NAME_ID).max:
        raise ValueError("a name ID past 2^32 cannot be listed among the warm names")
    conn.executemany(
        "INSERT INTO warm_names VALUES (?, ?)",
        (
            (part, warm[start : start + WARM_NAMES_PART].astype(_NAME_ID).tobytes())
            for part, start in enumerate(range(0, len(warm), WARM_NAMES_PART))
        ),
    )
    return len(warm)


def listed_name_ids(parts: Iterable[bytes]) -> list[int]:
    """The name IDs of ``warm_names`` rows, in order (what :func:`write_warm_names` packed)."""
    return [name_id for part in parts for name_id in np.frombuffer(part, dtype=_NAME_ID).tolist()]
