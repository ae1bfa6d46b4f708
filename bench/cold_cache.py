#!/usr/bin/env python3
"""The first queries after the index file has left the page cache, with and without the server's read-ahead.

Usage: cold_cache.py [--index PATH] [--runs N] [--queries N] [--settle SECONDS]

After a reboot or a deploy the index file is on disk only. Each run drops the file's pages from
the operating system's page cache (``posix_fadvise(DONTNEED)``, which needs no privileges but
keeps pages another process has mapped or dirtied), starts ``toponym serve`` with its read-ahead
(the default) or with ``--no-read-ahead``, waits until it is ready and then ``--settle``
seconds more in both cases, and sends ``--queries`` distinct names (the query classes of
``perf.py``, in turn) one by one through the client, timing each. Runs alternate between the two
modes. Where util-linux's ``fincore`` is installed, the share of the file in the page cache is
printed after the drop and after the queries. Linux only (``posix_fadvise``).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from perf import CLASSES, ms, pct, query_sets
from startup import SERVE, free_port, wait_ready

from toponym_client import ToponymClient
from toponym_server.default_index import embedded_index_path


def drop_from_page_cache(path: Path) -> None:
    """Ask the system to drop the file's clean, unmapped pages from its page cache."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(descriptor)


def cached_share(path: Path) -> str:
    """The share of the file in the page cache, by util-linux's ``fincore``, or "unknown"."""
    try:
        out = subprocess.run(
            ["fincore", "--bytes", "--noheadings", "--output", "RES,SIZE", str(path)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{int(out[0]) / int(out[1]):.0%}"


def one_run(index: Path, names: list[str], read_ahead: bool, settle: float) -> list[float]:
    """Drop the file's pages, start a server, and time ``names`` sent one by one."""
    drop_from_page_cache(index)
    after_drop = cached_share(index)
    port = free_port()
    argv = [*SERVE, "--index", str(index), "--port", str(port), *([] if read_ahead else ["--no-read-ahead"])]
    server = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        target = f"127.0.0.1:{port}"
        wait_ready(target)
        time.sleep(settle)
        times: list[float] = []
        with ToponymClient(target, timeout=120) as client:
            for name in names:
                started = time.perf_counter()
                client.resolve(name)
                times.append(time.perf_counter() - started)
    finally:
        server.terminate()
        server.wait(timeout=30)
    label = "read-ahead   " if read_ahead else "no read-ahead"
    print(
        f"  {label} {ms(times)}  all {sum(times):.2f} s; "
        f"file cached: {after_drop} after the drop, {cached_share(index)} after the queries"
    )
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=3, help="runs of each mode, alternating")
    parser.add_argument("--queries", type=int, default=300, help="distinct names sent after each start")
    parser.add_argument("--settle", type=float, default=2.0, help="seconds to wait after ready, in both modes")
    args = parser.parse_args()
    index = args.index or embedded_index_path()
    sets = query_sets(index, args.queries)
    names = [sets[CLASSES[i % len(CLASSES)]][i // len(CLASSES)] for i in range(args.queries)]
    print(f"index {index} ({index.stat().st_size / 2**20:.0f} MiB); {args.queries} names a run; settle {args.settle} s")
    results: dict[bool, list[float]] = {True: [], False: []}
    for run in range(args.runs):
        for read_ahead in (True, False) if run % 2 == 0 else (False, True):
            results[read_ahead].extend(one_run(index, names, read_ahead, args.settle))
    for read_ahead, times in results.items():
        label = "read-ahead   " if read_ahead else "no read-ahead"
        print(f"all runs, {label} {ms(times)}")
    print(f"p50 without / with read-ahead: {pct(results[False], 50) / pct(results[True], 50):.2f}")


if __name__ == "__main__":
    main()
