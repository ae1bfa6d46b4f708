"""The key table's storage: sorted key entries packed in page-sized blocks.

A gazetteer of GeoNames' size has some 10^8 (key, name, place) entries. Inserting them as SQLite
rows costs a few microseconds each from Python, so they are stored instead as blocks of
consecutive entries, in key order and, within a key, most prominent place first. Each block is
one row (``id``, ``last_key``, ``entries``) that fills one page; an index on ``last_key`` finds
the first block that can hold a key, and a lookup reads blocks from there until it has enough
entries. A block's ``entries`` blob holds, one after another: its distinct keys (int64), the
entries' place IDs (uint32, see :func:`far_places`), their name IDs (uint32), where each key's
entries end (uint16), the places' two-letter country codes (two ASCII bytes each) and the number
of distinct keys (uint16). A key is stored once a block, however many entries it has there: a
key has four entries on average, and storing it with each took a third of the key table.

A key shared by more than ``BIG_KEY_ENTRIES`` entries (a common name, a short deletion key) is
stored a second time split by country: the first ``COUNTRY_KEY_ENTRIES`` of each country's
entries again under the key's :func:`country_key` for that country, in the same order. A lookup restricted to a
country then reads that country's entries directly, where it would otherwise step through
every block of the key (up to hundreds) to pick them out.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from itertools import pairwise
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

PAGE_SIZE = 4096
"""The index file's page size, which the build sets."""
ENTRY_BYTES = 4 + 4 + 2
"""A block's bytes for an entry: its place, its name and its country."""
KEY_BYTES = 8 + 2
"""A block's bytes for each distinct key: the key and where its entries end."""
# SQLite keeps a table row's payload on its page up to the page size less 35 bytes (more spills
# to an overflow page); a block row's payload is its blob plus 13 bytes (record header, last_key).
BLOCK_BYTES = PAGE_SIZE - 35 - 13
"""The most bytes a block's ``entries`` blob holds: a block is cut before the entry that would pass it.

A reader takes each block's counts from its blob, so files of another block size read alike.
"""
BLOCK_ENTRIES = (BLOCK_BYTES - 2 - KEY_BYTES) // ENTRY_BYTES
"""The most entries a block holds (403, all of one key); a block of many keys holds fewer."""
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

    A block stores a place ID from 0 to below :data:`FAR_PLACES_FROM` in four bytes as it is;
    any other (a custom place's, an ID of a gazetteer numbered beyond GeoNames', a negative one)
    as ``FAR_PLACES_FROM`` plus its position here, which the index keeps in its ``far_places``
    table. GeoNames IDs run to some 13 million.
    """
    ids = np.asarray(places, dtype=np.int64)
    return np.unique(ids[(ids < 0) | (ids >= FAR_PLACES_FROM)])


def stored_places(places: NDArray[np.integer[Any]], far: NDArray[np.int64]) -> NDArray[np.uint32]:
    """The place IDs as a block stores them, in four bytes; ``far`` is :func:`far_places` of every place.

    Raises ``ValueError`` for a far place ID not in ``far``, or more far places than four bytes number.
    """
    ids = np.asarray(places, dtype=np.int64)
    numbers = ids.copy()
    beyond = (ids < 0) | (ids >= FAR_PLACES_FROM)
    if beyond.any():
        if len(far) > (1 << 32) - FAR_PLACES_FROM:
            raise ValueError(f"{len(far)} far place IDs: more than a key entry can number")
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


def _first_of_key(keys: NDArray[np.int64]) -> NDArray[np.bool_]:
    """Whether each entry (in key order) is the first of its key: its key differs from the one before."""
    first = np.ones(len(keys), dtype=bool)
    first[1:] = keys[1:] != keys[:-1]
    return first


def block_starts(keys: NDArray[np.int64]) -> list[int]:
    """Where each block of these entries (in key order) starts, and their end: blocks of at most :data:`BLOCK_BYTES`.

    Each block takes as many entries as fit, a key's first entry in the block costing its key's
    bytes too; the last block holds what is left.
    """
    count = len(keys)
    if not count:
        return [0]
    new = _first_of_key(keys)
    used = np.zeros(count + 1, dtype=np.int64)
    np.cumsum(np.where(new, ENTRY_BYTES + KEY_BYTES, ENTRY_BYTES), out=used[1:])
    starts = [0]
    start = 0
    room = BLOCK_BYTES - 2  # less the count of keys
    while start < count:
        # A block's first entry brings its key even where the entry before it had the same one.
        bound = used[start] + room - (0 if new[start] else KEY_BYTES)
        start = max(start + 1, int(np.searchsorted(used, bound, side="right")) - 1)
        starts.append(min(start, count))
    return starts


def pack_block(
    keys: NDArray[np.int64], stored: NDArray[np.uint32], names: NDArray[np.integer[Any]], countries: NDArray[np.uint16]
) -> bytes:
    """The ``entries`` blob of one block of entries in key order; ``stored``: their places, :func:`stored_places`."""
    firsts = np.flatnonzero(_first_of_key(keys))
    ends = np.append(firsts[1:], len(keys))
    return b"".join(
        (
            keys[firsts].astype("<i8").tobytes(),
            stored.astype("<u4").tobytes(),
            names.astype("<u4").tobytes(),
            ends.astype("<u2").tobytes(),
            countries.astype("<u2").tobytes(),
            len(firsts).to_bytes(2, "little"),
        )
    )


def pack_blocks(
    keys: NDArray[np.int64],
    places: NDArray[np.int64],
    names: NDArray[np.integer[Any]],
    countries: NDArray[np.uint16],
    far: NDArray[np.int64] | None = None,
) -> tuple[list[tuple[int, bytes]], int]:
    """Pack entries already in key order into blocks: the (last key, entries blob) of each full one, and the rest.

    Every block but the last is full (:func:`block_starts`); the last is left to the caller, as
    the number of entries at the end not packed, to pack with the entries that follow it (or
    alone, with :func:`pack_block`, at the end of a key range). ``far`` is as for
    :func:`stored_places` (by default, the far places among ``places``).
    """
    far = far_places(places) if far is None else far
    stored = stored_places(places, far)
    starts = block_starts(keys)
    rows = [
        (int(keys[end - 1]), pack_block(keys[start:end], stored[start:end], names[start:end], countries[start:end]))
        for start, end in pairwise(starts[:-1])
    ]
    return rows, len(keys) - starts[-2] if len(starts) > 1 else 0


def last_key_of(entries: bytes) -> int:
    """The last (largest) key of a block's ``entries`` blob."""
    keys = int.from_bytes(entries[-2:], "little")
    return int.from_bytes(entries[8 * (keys - 1) : 8 * keys], "little", signed=True)


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
    starts = np.flatnonzero(_first_of_key(keys))
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


class Block(NamedTuple):
    """One block's arrays, viewed without copying (a named tuple: a lookup makes one a block it reads)."""

    keys: memoryview
    """The block's distinct keys, ascending."""
    ends: memoryview
    """Where each key's entries end."""
    places: memoryview
    names: memoryview
    countries: bytes
    entry_count: int
    """The number of entries in the block."""

    @classmethod
    def parse(cls, entries: bytes) -> Block:
        """View a block's entries blob as its arrays."""
        keys = entries[-2] | entries[-1] << 8
        count = (len(entries) - 2 - KEY_BYTES * keys) // ENTRY_BYTES
        view = memoryview(entries)
        places_at = 8 * keys
        names_at = places_at + 4 * count
        ends_at = names_at + 4 * count
        countries_at = ends_at + 2 * keys
        return cls(
            view[:places_at].cast("q"),
            view[ends_at:countries_at].cast("H"),
            view[places_at:names_at].cast("I"),
            view[names_at:ends_at].cast("I"),
            entries[countries_at : countries_at + 2 * count],
            count,
        )

    def span(self, key: int) -> tuple[int, int]:
        """The range of positions holding ``key`` (empty when absent)."""
        at = bisect_left(self.keys, key)
        if at == len(self.keys) or self.keys[at] != key:
            return 0, 0
        return (self.ends[at - 1] if at else 0), self.ends[at]

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
