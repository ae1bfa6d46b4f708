"""What a process maps of a file, read from Linux's ``/proc/PID/smaps``."""

from __future__ import annotations

from pathlib import Path

import pytest

linux_smaps = pytest.mark.skipif(not Path("/proc/self/smaps").exists(), reason="reads Linux's /proc/PID/smaps")


def mappings_of(pid: int, path: Path) -> list[tuple[int, int]]:
    """(size, resident) in KiB of each mapping of ``path`` in process ``pid``."""
    wanted = str(path.resolve())
    mappings: list[dict[str, int]] = []
    current: dict[str, int] | None = None
    for line in Path(f"/proc/{pid}/smaps").read_text().splitlines():
        fields = line.split()
        if fields and line[0].isupper() and fields[0].endswith(":"):  # a field of the mapping above
            if current is not None and fields[0] in ("Size:", "Rss:"):
                current[fields[0]] = int(fields[1])
        else:  # a mapping's first line: addresses, permissions, offset, device, inode, path
            current = {} if " ".join(fields[5:]) == wanted else None
            if current is not None:
                mappings.append(current)
    return [(mapping.get("Size:", 0), mapping.get("Rss:", 0)) for mapping in mappings]
