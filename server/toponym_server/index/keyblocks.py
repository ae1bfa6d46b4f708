"""The key table's storage: sorted key entries packed in fixed-size blocks.

A gazetteer of GeoNames' size has some 10^8 (key, name, place) entries. Inserting them as SQLite
rows costs a few microseconds each from Python, so they are stored instead as blocks of
``BLOCK_ENTRIES`` consecutive entries, in key order and, within a key, most prominent place
first. Each block is one row (``id``, ``last_key``, ``entries``) that fills one page; an index on
``last_key`` finds the first block that can hold a key, and a lookup reads blocks from there
until it has enough entries. A block's ``entries`` blob holds four arrays one after another:
the keys (int64), the place IDs (uint32, see :func:`far_places`), the name IDs (uint32) and
the places' two-letter country codes (two ASCII bytes each).

A key shared by more than ``BIG_KEY_ENTRIES`` entries (a common name, a short deletion key) is
stored a second time split by country: the first ``COUNTRY_KEY_ENTRIES`` of each country's
entries again under the key's :func:`country_key` for that country, in the same order. A lookup restricted to a
country then reads that country's entries directly, where it would otherwise step through
every block of the key (up to hundreds) to pick them out.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

PAGE_SIZE = 4096
"""The index file's page size, which the build sets."""
ENTRY_BYTES = 8 + 4 + 4 + 2
# SQLite keeps a table row's payload on its page up to the page size less 35 bytes (more spills
# to an overflow page); a block row's payload is its blob plus 13 bytes (record header, last_key).
_ROW_BYTES = 35 + 13
BLOCK_ENTRIES = (PAGE_SIZE - _ROW_BYTES) // ENTRY_BYTES
"""Entries in a full block: as many as one page holds (224).

A reader takes each block's entry count from its blob, so files of another block size read
alike (format 8 held 128 a block, then 184).
"""
BLOCK_BYTES = BLOCK_ENTRIES * ENTRY_BYTES
"""The size of a full block's ``entries`` blob."""
BIG_KEY_ENTRIES = 256
"""A key with more entries than this is also stored by country (:func:`country_key`).

Past this, picking a country's entries out of the key's own costs a block read per block of
entries; up to this many, a lookup reads them all in two or three blocks and filters them.
"""
COUNTRY_KEY_ENTRIES = 128
"""A country key holds the first this many of its country's entries under the key.

No lookup of the resolver asks for more (its largest limit is 128); a lookup that does reads the
key itself. A common key's entries in a large country run to thousands (*Mill Creek* in the US):
storing them all again would grow a full GeoNames index by about half.
"""

FAR_PLACES_FROM = 1 << 31
"""Place IDs from this one on are stored by their position among the far places (:func:`far_places`)."""

_MASK = (1 << 64) - 1
# A country key keeps its key's top 16 bits: the key range (and build partition) stays the same.
_KEPT_BITS = 0xFFFF << 48
_MIXED_BITS = (1 << 48) - 1
_GOLDEN = 0x9E3779B97F4A7C15
_MIX_1 = 0xBF58476D1CE4E5B9
_MIX_2 = 0x94D049BB133111EB


def far_places(places: NDArray[np.integer[Any]]) -> NDArray[np.int64]:
    """The distinct place IDs among ``places`` that a block cannot store as they are, in order.

    A block stores a place ID below :data:`FAR_PLACES_FROM` in four bytes as it is; a larger one
    (a custom place's, or an ID of a gazetteer numbered beyond GeoNames') as
    ``FAR_PLACES_FROM`` plus its position here, which the index keeps in its ``far_places``
    table. GeoNames IDs run to some 13 million.
    """
    ids = np.asarray(places, dtype=np.int64)
    if len(ids) and ids.min() < 0:
        raise ValueError(f"place ID {int(ids.min())} is negative")
    return np.unique(ids[ids >= FAR_PLACES_FROM])


def stored_places(places: NDArray[np.integer[Any]], far: NDArray[np.int64]) -> NDArray[np.uint32]:
    """The place IDs as a block stores them, in four bytes; ``far`` is :func:`far_places` of every place.

    Raises ``ValueError`` for a far place ID not in ``far``, or more far places than four bytes number.
    """
    ids = np.asarray(places, dtype=np.int64)
    numbers = ids.copy()
    beyond = ids >= FAR_PLACES_FROM
    if beyond.any():
        if len(far) > (1 << 32) - FAR_PLACES_FROM:
            raise ValueError(f"{len(far)} place IDs of 2^31 and above: more than a key entry can number")
        wanted = ids[beyond]
        at = np.searchsorted(far, wanted)
        known = np.zeros(len(wanted), dtype=bool)
        inside = at < len(far)
        known[inside] = far[at[inside]] == wanted[inside]
        if not known.all():
            raise ValueError(f"place ID {int(wanted[~known][0])} is not among the far places")
        numbers[beyond] = FAR_PLACES_FROM + at
    return numbers.astype(np.uint32)


def place_ids(numbers: list[int], far: Sequence[int]) -> list[int]:
    """The place IDs of place numbers as a block stores them (:func:`stored_places` undone)."""
    if numbers and max(numbers) >= FAR_PLACES_FROM:
        return [far[n - FAR_PLACES_FROM] if n >= FAR_PLACES_FROM else n for n in numbers]
    return numbers


def pack_blocks(
    keys: NDArray[np.int64],
    places: NDArray[np.int64],
    names: NDArray[np.int64],
    countries: NDArray[np.uint16],
    first_id: int,
    far: NDArray[np.int64] | None = None,
) -> Iterator[tuple[int, int, bytes]]:
    """Yield (block ID, last key, entries) rows for entries already in key order (``far``: :func:`stored_places`)."""
    far = far_places(places) if far is None else far
    for block, start in enumerate(range(0, len(keys), BLOCK_ENTRIES), start=first_id):
        end = start + BLOCK_ENTRIES
        entries = b"".join(
            (
                keys[start:end].astype("<i8").tobytes(),
                stored_places(places[start:end], far).astype("<u4").tobytes(),
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
    far: NDArray[np.int64] | None = None,
) -> tuple[NDArray[np.uint8], bytes]:
    """Pack entries already in key order into blocks at once: the full blocks and the last, short one.

    Row ``i`` of the returned matrix is the ``entries`` blob of the ``i``-th block (``BLOCK_BYTES``
    bytes, the same layout :func:`pack_blocks` yields); the bytes are the final block's blob when
    the entries do not fill it (empty otherwise). ``far`` is as for :func:`stored_places` (by
    default, the far places among ``places``).
    """
    far = far_places(places) if far is None else far
    full = len(keys) // BLOCK_ENTRIES * BLOCK_ENTRIES
    columns = (
        (keys, "<i8"),
        (stored_places(places, far), "<u4"),
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


def country_key(key: int, country: int) -> int:
    """The key under which the entries of ``key`` in one country are stored again (see the module).

    ``key`` is a stored key (:func:`~toponym_server.index.keyhash.key_hash`), ``country`` a
    stored country code number (:func:`country_code_number`). The key's top 16 bits are kept and
    the rest mixed with the country (SplitMix64's finalizer): as unlikely to meet another key as
    two hashes are.
    """
    unsigned = key & _MASK
    mixed = (unsigned ^ (country * _GOLDEN)) & _MASK
    mixed = ((mixed ^ (mixed >> 30)) * _MIX_1) & _MASK
    mixed = ((mixed ^ (mixed >> 27)) * _MIX_2) & _MASK
    mixed ^= mixed >> 31
    value = (unsigned & _KEPT_BITS) | (mixed & _MIXED_BITS)
    return value - (1 << 64) if value >> 63 else value


def country_keys(keys: NDArray[np.int64], countries: NDArray[np.uint16]) -> NDArray[np.int64]:
    """:func:`country_key` of each key with the country beside it (the build's bulk form)."""
    unsigned = keys.astype(np.int64).view(np.uint64)
    # uint64 arrays wrap on overflow, as the masks above do for Python integers.
    mixed = unsigned ^ (countries.astype(np.uint64) * np.uint64(_GOLDEN))
    mixed = (mixed ^ (mixed >> np.uint64(30))) * np.uint64(_MIX_1)
    mixed = (mixed ^ (mixed >> np.uint64(27))) * np.uint64(_MIX_2)
    mixed ^= mixed >> np.uint64(31)
    value = (unsigned & np.uint64(_KEPT_BITS)) | (mixed & np.uint64(_MIXED_BITS))
    signed: NDArray[np.int64] = value.view(np.int64)
    return signed


def with_country_entries(
    keys: NDArray[np.int64],
    places: NDArray[np.int64],
    names: NDArray[np.int64],
    countries: NDArray[np.uint16],
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64], NDArray[np.uint16]]:
    """Entries in key order with, for each key of more than :data:`BIG_KEY_ENTRIES`, its entries by country added.

    The added entries go under their :func:`country_key`: each country's first
    :data:`COUNTRY_KEY_ENTRIES`, in the order they had under the key. The result is in key order
    again.
    """
    if not len(keys):
        return keys, places, names, countries
    starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    lengths = np.diff(np.append(starts, len(keys)))
    picked = np.flatnonzero(np.repeat(lengths > BIG_KEY_ENTRIES, lengths))
    if not len(picked):
        return keys, places, names, countries
    added = country_keys(keys[picked], countries[picked])
    # Each entry's rank among its country's under the key: a stable sort keeps their order.
    grouped = np.argsort(added, kind="stable")
    in_order = added[grouped]
    new_group = np.concatenate(([True], in_order[1:] != in_order[:-1]))
    group_start = np.flatnonzero(new_group)[np.cumsum(new_group) - 1]
    rank = np.empty(len(added), dtype=np.int64)
    rank[grouped] = np.arange(len(added)) - group_start
    kept = rank < COUNTRY_KEY_ENTRIES
    picked, added = picked[kept], added[kept]
    merged = np.concatenate((keys, added))
    order = np.argsort(merged, kind="stable")  # a key's entries keep their order
    return (
        merged[order],
        np.concatenate((places, places[picked]))[order],
        np.concatenate((names, names[picked]))[order],
        np.concatenate((countries, countries[picked]))[order],
    )


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
        places_at, names_at, countries_at = 8 * count, 12 * count, 16 * count
        return cls(
            keys=view[:places_at].cast("q"),
            places=view[places_at:names_at].cast("I"),
            names=view[names_at:countries_at].cast("I"),
            countries=entries[countries_at:],
        )

    def span(self, key: int) -> tuple[int, int]:
        """The range of positions holding ``key`` (empty when absent)."""
        return bisect_left(self.keys, key), bisect_right(self.keys, key)

    def place_ids(self, start: int, end: int, far: Sequence[int]) -> list[int]:
        """The place IDs of the entries from ``start`` to ``end``; ``far``: the index's far places."""
        return place_ids(self.places[start:end].tolist(), far)

    def country_numbers(self, start: int, end: int) -> list[int]:
        """The stored country code numbers of the entries from ``start`` to ``end``."""
        numbers: list[int] = np.frombuffer(self.countries, dtype="<u2")[start:end].tolist()
        return numbers

    def country(self, position: int) -> str:
        """The country code of the entry at ``position``."""
        return self.countries[2 * position : 2 * position + 2].decode("ascii")
