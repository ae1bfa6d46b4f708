"""The C allocator of a long-running server: large blocks are given back to the system when freed.

glibc's ``malloc`` serves a block of 128 KiB or more from a map of its own, unmapped when the
block is freed, but each time it frees such a block it raises that threshold to the block's
size (up to 32 MiB): from then on blocks of that size come from the heap and, once freed, mostly
stay in the process's resident memory. A server rebuilds large tables now and then as its
caches turn over (the dict of some 300,000 kept name rows is about 20 MiB), so its resident
memory rose and fell by tens of MiB once its caches were full: 564-591 MiB past 100,000
distinct names, against 550-555 MiB with a fixed threshold of 1 MiB (``bench/memory.py``;
BENCHMARKS.md, nineteenth session). Blocks that large are few, so mapping each one costs
little.
"""

from __future__ import annotations

import ctypes
import sys

_M_MMAP_THRESHOLD = -3
"""glibc's ``mallopt`` parameter for the size from which blocks are mapped apart (``malloc.h``)."""

LARGE_BLOCK = 1 << 20
"""Blocks of at least this many bytes are mapped apart and unmapped when freed."""


def return_large_blocks(threshold: int = LARGE_BLOCK) -> bool:
    """Have the C allocator map each block of at least ``threshold`` bytes apart, and unmap it once freed.

    Returns whether the allocator took the setting: glibc's does for a threshold up to 32 MiB
    (on 64-bit systems); elsewhere (another C library, another system) nothing changes.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return bool(mallopt(_M_MMAP_THRESHOLD, threshold))
