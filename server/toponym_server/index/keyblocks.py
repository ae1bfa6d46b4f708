"""The key table's storage: sorted key entries packed in fixed-size blocks.

A gazetteer of GeoNames' size has some 10^8 (key, name, place) entries. Inserting them as SQLite
rows costs a few microseconds each from Python, so they are stored instead as blocks of
``BLOCK_ENTRIES`` consecutive entries, in key order and, within a key, most prominent place
first. Each block is one row (``id``, ``last_key``, ``entries``) and fits in one page; an index on
``last_key`` finds the first block that can hold a key, and a lookup reads blocks from there
until it has enough entries. A block's ``entries`` blob holds four arrays one after another:
the keys (int64), the place IDs (int64), the name IDs (uint32) and the places' two-letter
country codes (two ASCII bytes each).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

BLOCK_ENTRIES = 128
ENTRY_BYTES = 8 + 8 + 4 + 2
BLOCK_BYTES = BLOCK_ENTRIES * ENTRY_BYTES
"""The size of a full block's ``entries`` blob."""


def pack_blocks(
    keys: NDArray[np.int64],
    places: NDArray[np.int64],
    names: NDArray[np.int64],
    countries: NDArray[np.uint16],
    first_id: int,
) -> Iterator[tuple[int, int, bytes]]:
    """Yield (block ID, last key, entries) rows for entries already in key order."""
    for block, start in enumerate(range(0, len(keys), BLOCK_ENTRIES), start=first_id):
        end = start + BLOCK_ENTRIES
        entries = b"".join(
            (
                keys[start:end].astype("<i8").tobytes(),
                places[start:end].astype("<i8").tobytes(),
                names[start:end].astype("<u4").tobytes(),
                countries[start:end].astype("<u2").tobytes(),
            )
        )
        yield block, int(keys[min(end, len(keys)) - 1]), entries


def pack_block_array(
    keys: NDArray[np.int64],
    places: NDArray[np.int64],
    names: NDArray[np.integer[Any]],
    countries: NDArray[np.uint16],
) -> tuple[NDArray[np.uint8], bytes]:
    """Pack entries already in key order into blocks at once: the full blocks and the last, short one.

    Row ``i`` of the returned matrix is the ``entries`` blob of the ``i``-th block (``BLOCK_BYTES``
    bytes, the same layout :func:`pack_blocks` yields); the bytes are the final block's blob when
    the entries do not fill it (empty otherwise).
    """
    full = len(keys) // BLOCK_ENTRIES * BLOCK_ENTRIES
    columns = (
        (keys, "<i8"),
        (places, "<i8"),
        (names, "<u4"),
        (countries, "<u2"),
    )
    matrix = np.concatenate(
        [
            np.ascontiguousarray(column[:full], dtype=dtype)
            .view(np.uint8)
            .reshape(-1, BLOCK_ENTRIES * np.dtype(dtype).itemsize)
            for column, dtype in columns
        ],
        axis=1,
    ).reshape(-1, BLOCK_BYTES)
    tail = b"".join(np.ascontiguousarray(column[full:], dtype=dtype).tobytes() for column, dtype in columns)
    return matrix, tail


def last_key_of(entries: bytes | NDArray[np.uint8]) -> int:
    """The last (largest) key of a block's ``entries`` blob."""
    count = len(entries) // ENTRY_BYTES
    return int(np.frombuffer(entries, dtype="<i8", count=1, offset=8 * (count - 1))[0])


def country_code_number(code: str) -> int:
    """The two ASCII bytes of a country code as the little-endian number stored in a block."""
    raw = (code.encode("ascii", "replace") + b"  ")[:2]
    return raw[0] | raw[1] << 8


@dataclass(frozen=True, slots=True)
class Block:
    """One block's arrays, viewed without copying."""

    keys: memoryview
    places: memoryview
    names: memoryview
    countries: bytes

    @classmethod
    def parse(cls, entries: bytes) -> Block:
        """View a block's entries blob as its four arrays."""
        count = len(entries) // ENTRY_BYTES
        view = memoryview(entries)
        places_at, names_at, countries_at = 8 * count, 16 * count, 20 * count
        return cls(
            keys=view[:places_at].cast("q"),
            places=view[places_at:names_at].cast("q"),
            names=view[names_at:countries_at].cast("I"),
            countries=entries[countries_at:],
        )

    def span(self, key: int) -> tuple[int, int]:
        """The range of positions holding ``key`` (empty when absent)."""
        return bisect_left(self.keys, key), bisect_right(self.keys, key)

    def positions_in(self, wanted: NDArray[np.uint16], start: int, end: int) -> list[int]:
        """The positions from ``start`` to ``end`` whose country is among ``wanted`` (stored code numbers), in order."""
        codes = np.frombuffer(self.countries, dtype="<u2")[start:end]
        return (np.flatnonzero(np.isin(codes, wanted)) + start).tolist()

    def country(self, position: int) -> str:
        """The country code of the entry at ``position``."""
        return self.countries[2 * position : 2 * position + 2].decode("ascii")
