"""The integer form of an index key.

Keys are stored as 64-bit hashes rather than text: fixed-width integers sort in bulk (numpy)
during a build of tens of millions of names, and make the key table's B-tree compact. Two keys
sharing a hash is astronomically rare at GeoNames size (about 10^-4 expected collisions among 10^8
keys) and harmless: it only adds a candidate that the ranker then scores on its real spelling.
"""

from __future__ import annotations

from xxhash import xxh3_64_intdigest

_SIGN = 1 << 63
_WRAP = 1 << 64


def key_hash(key: str) -> int:
    """Return the signed 64-bit hash (SQLite's INTEGER range) under which ``key`` is stored."""
    value = xxh3_64_intdigest(key.encode("utf-8"))
    return value - _WRAP if value >= _SIGN else value
