"""Keep index files in memory while a benchmark runs, so that its figures measure the code, not the disk.

Reading a file brings its pages into the operating system's page cache, but a page that no
process maps can be written back out long before memory runs short: some hosts reclaim page
cache that no process maps once it has gone untouched for a minute or so (this project's
machines do, measured in BENCHMARKS.md, eleventh session), and a random read of an index page
that left costs a disk read, 100 to 1,000 times a read from memory. A page that a process maps
stays there.
"""

from __future__ import annotations

import mmap
import time
from collections.abc import Sequence
from pathlib import Path

from toponym_server.index import IndexReader, open_index

CHUNK = 8 * 2**20


class HeldFiles:
    """Files mapped read-only with every page touched; their pages stay in memory until :meth:`close`."""

    def __init__(self, paths: Sequence[Path]) -> None:
        """Read each file through, touching each page of a map of it just after reading it; print what it took.

        The pages are mapped in this process only, but they are the page cache that every
        process reading the same files shares: a server started by the benchmark reads them
        from memory too.
        """
        # Not IndexReader.keep_in_memory: these scripts also run older code for before/after pairs.
        self._maps: list[mmap.mmap] = []
        for path in dict.fromkeys(p.resolve() for p in paths):
            started = time.monotonic()
            with path.open("rb", buffering=0) as handle:
                mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
                chunk = bytearray(CHUNK)  # a multiple of the page size: each chunk starts a page
                offset = 0
                while read := handle.readinto(chunk):
                    for page in range(offset, min(offset + read, len(mapped)), mmap.PAGESIZE):
                        mapped[page]
                    offset += read
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


def open_as_served(path: Path, keep: bool = True) -> IndexReader:
    """Open an index file as a server holds it once ready: its pages kept in memory by the reader itself.

    A server keeps the file through the reader's own map of it (:meth:`IndexReader.keep_in_memory`),
    the map its ranking reads through; a resolver timed in process on a reader that only
    :class:`HeldFiles` keeps would also pay for the first touch of every page in that map. With
    ``keep`` false, or on code older than ``keep_in_memory``, the reader is only opened.
    """
    reader = open_index(path)
    if keep and hasattr(reader, "keep_in_memory"):
        reader.keep_in_memory()
    return reader
