"""Once a server is ready, read its index file into memory and keep it there, if the memory allows it.

After a reboot or a deploy the file is on disk only, and each query's few hundred random page
reads wait on it until queries have touched most of the file (``bench/cold_cache.py``); and on
hosts that page out page cache left untouched for a while, pages a query needs leave memory
again (BENCHMARKS.md, eleventh session). The server reads the whole file in the background and
keeps its pages mapped instead (:meth:`IndexReader.keep_in_memory`), unless the file is larger
than the memory this process may still fill, the system's or its container's, or that memory
cannot be told. A kept file counts in the server's resident memory, so a file larger than
``--keep-index-mib`` (a full GeoNames index) is only read ahead into the page cache.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from toponym_server.index.reader import IndexReader

logger = logging.getLogger(__name__)


def available_memory() -> int | None:
    """The memory this process may still fill without swapping or being killed, in bytes; ``None`` if unknown.

    Linux's ``MemAvailable``, or what the process's control group (a container's memory limit)
    has left, whichever is less.
    """
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            system = next(int(line.split()[1]) * 1024 for line in meminfo if line.startswith("MemAvailable:"))
    except (OSError, ValueError, StopIteration):
        return None
    return min([system, *_cgroup_memory_left()])


# (where cgroup's memory controller is mounted, its limit file, its usage file), v2 then v1
_CGROUP_MEMORY = (
    ("/sys/fs/cgroup", "memory.max", "memory.current"),
    ("/sys/fs/cgroup/memory", "memory.limit_in_bytes", "memory.usage_in_bytes"),
)
_UNLIMITED = 1 << 60
_PROC_CGROUP = Path("/proc/self/cgroup")


def _cgroup_memory_left() -> list[int]:
    """What each memory limit of this process's control groups leaves, in bytes (none: unlimited)."""
    try:
        lines = _PROC_CGROUP.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    left: list[int] = []
    for line in lines:
        parts = line.split(":", 2)
        if len(parts) != 3:
            continue
        _, controllers, path = parts
        if controllers == "":
            mount, limit_file, usage_file = _CGROUP_MEMORY[0]
        elif "memory" in controllers.split(","):
            mount, limit_file, usage_file = _CGROUP_MEMORY[1]
        else:
            continue
        # In a container the group's path may not be visible: its own group is then the mount.
        for directory in (Path(mount) / path.lstrip("/"), Path(mount)):
            try:
                text = (directory / limit_file).read_text(encoding="ascii").strip()
                limit = _UNLIMITED if text == "max" else int(text)
                usage = int((directory / usage_file).read_text(encoding="ascii"))
            except (OSError, ValueError):
                continue
            if limit < _UNLIMITED:
                left.append(max(0, limit - usage))
            break
    return left


DEFAULT_KEEP_INDEX_BYTES = 3 * 2**30
"""The largest index file a server keeps in memory once ready (``toponym serve --keep-index-mib``).

A kept file counts whole in the server's resident memory (``RssFile``): 3 GiB keeps a server,
its own memory (some 0.5 GiB with its caches full) included, within 4 GiB resident. A full
GeoNames index (about 15 GiB) is read ahead into the page cache instead, not kept.
"""


def read_ahead_in_background(index: IndexReader, keep_up_to: int = DEFAULT_KEEP_INDEX_BYTES) -> None:
    """Read the index file into memory, kept there up to ``keep_up_to`` bytes (a thread's target, once ready); log it.

    Calls are served meanwhile: pages not yet read are read when a query needs them. A file of
    at most ``keep_up_to`` bytes is kept (:meth:`IndexReader.keep_in_memory`); a larger one is
    only read ahead into the page cache (:meth:`IndexReader.read_ahead`), which no process's
    resident memory counts and which the system may page out again. A file larger than the
    memory available is left alone, and so is every file where that memory cannot be told (no
    ``/proc``, as on macOS).
    """
    started = time.monotonic()
    try:
        size = index.path.stat().st_size
        available = available_memory()
        if available is None:
            # Without /proc (macOS) there is no telling whether the file fits: reading it through
            # could push out of memory what else is cached.
            logger.info("cannot tell the memory available: the index file is not read ahead")
            return
        if size > available:
            # Reading it all would only push out of memory the pages that queries had brought in.
            logger.info(
                "the index file (%d MiB) is larger than the memory available (%d MiB): not read ahead",
                size >> 20,
                available >> 20,
            )
            return
        if size > keep_up_to:
            asked = index.read_ahead()
            logger.info(
                "the index file (%d MiB) is larger than the most a server keeps in memory (%d MiB, "
                "--keep-index-mib): %s",
                size >> 20,
                keep_up_to >> 20,
                "the system was asked to read it ahead into its page cache" if asked else "not read ahead",
            )
            return
        index.keep_in_memory()
    except (OSError, ValueError) as err:
        logger.warning("could not read the index file ahead (%s): its pages are read as queries need them", err)
        return
    seconds = time.monotonic() - started
    logger.info("read the index file ahead (%d MiB) in %.1f s; its pages are kept in memory", size >> 20, seconds)
