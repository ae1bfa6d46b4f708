"""Keep index files in memory while a benchmark runs, so that its figures measure the code, not the disk.

Reading a file brings its pages into the operating system's page cache, but a page that no
process maps can be written back out long before memory runs short: some hosts reclaim page
cache that was not touched for a minute or so (this project's machines page out such pages
after about a minute, measured in BENCHMARKS.md), and a random read of an index page that left
it costs a disk read, 100 to 1,000 times a read from memory. A page that a process maps stays.
"""

from __future__ import annotations

import mmap
import time
from collections.abc import Sequence
from pathlib import Path


class HeldFiles:
    """Files mapped read-only with every page touched; their pages stay in memory until :meth:`close`."""

    def __init__(self, paths: Sequence[Path]) -> None:
        """Map each file and touch every page, printing what it took.

        The pages stay mapped for this process and for every process that reads the same files
        (a server started by the benchmark reads them through the same page cache).
        """
        self._maps: list[mmap.mmap] = []
        for path in dict.fromkeys(p.resolve() for p in paths):
            started = time.monotonic()
            with path.open("rb") as handle:
                mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
            checksum = 0
            for offset in range(0, len(mapped), mmap.PAGESIZE):
                checksum ^= mapped[offset]
            self._maps.append(mapped)
            print(
                f"holding {path} ({len(mapped) / 2**20:.0f} MiB) in memory, mapped and read through in "
                f"{time.monotonic() - started:.1f} s"
            )

    def close(self) -> None:
        """Unmap the files: their pages may leave memory again."""
        for mapped in self._maps:
            mapped.close()
        self._maps = []

    def __enter__(self) -> HeldFiles:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
