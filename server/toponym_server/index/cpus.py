"""How many processes a build's parallel stages start by default: the CPUs this process may use."""

from __future__ import annotations

import os


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity, as ``taskset`` or a container sets it), at least 1.

    ``os.cpu_count()`` counts the host's: a container given one CPU of a large host would start
    a worker, and hold its memory, for each of the host's.
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # no affinity on this system (macOS)
        return os.cpu_count() or 1
