#!/usr/bin/env python3
"""Resident memory of a server as distinct names pile up, until its bounded caches are full.

Usage: memory.py [--index PATH] [--names N] [--every N] [--seed N] [-- SERVE_ARGS ...]

Starts ``toponym serve`` on a free port (arguments after ``--`` go to it), sends it ``N``
distinct names (default 150,000) in ``ResolveBatch`` calls of 1,000, the five query classes of
``perf.py`` in turn (exact, alternate and Arabic-script names, unseen spelling variants, made-up
names), and prints the server's resident memory (VmRSS, its anonymous and file-backed parts)
after start and after every ``--every`` names. Every cache of the server is bounded: the
curve flattens once they are full, and its last point is the server's memory for good, which
``perf.py``'s shorter load (some 20,000 names) does not reach. At the end the last point is
checked against issue 5's memory target. Without ``--index`` it uses the embedded default index
in the data directory (build it first with ``toponym index build``).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from perf import BATCH, CLASSES, mixed, query_sets
from startup import SERVE, free_port, memory_mib, wait_ready
from targets import MIB_IN_MB, RESIDENT_MB, Scorecard

from toponym_client import ToponymClient
from toponym_server.default_index import embedded_index_path


def _shown(figures: dict[str, float]) -> str:
    return (
        f"VmRSS {figures['rss']:6.0f} MiB ({figures['rss'] * MIB_IN_MB:4.0f} MB): "
        f"anonymous {figures['rssanon']:4.0f}, file-backed {figures['rssfile']:4.0f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=None)
    parser.add_argument("--names", type=int, default=150_000, help="distinct names to send (default 150,000)")
    parser.add_argument("--every", type=int, default=10_000, help="print the memory after this many names")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("serve_args", nargs="*", help="after --: arguments for toponym serve")
    args = parser.parse_args()
    index = args.index or embedded_index_path()
    started = time.monotonic()
    per_class = -(-args.names // len(CLASSES))
    names = mixed(query_sets(index, per_class, args.seed), 0, args.names)
    print(
        f"index {index} ({index.stat().st_size / 2**20:.0f} MiB); {len(names):,} distinct names drawn "
        f"in {time.monotonic() - started:.0f} s"
    )
    port = free_port()
    target = f"127.0.0.1:{port}"
    process = subprocess.Popen(
        [*SERVE, "--index", str(index), "--port", str(port), *args.serve_args], stderr=subprocess.DEVNULL
    )
    try:
        wait_ready(target)
        time.sleep(2.0)  # the read-ahead of the index file runs just after ready
        last = memory_mib(process.pid)
        print(f"{'after start':>24}  {_shown(last)}")
        sent = 0
        started = time.monotonic()
        with ToponymClient(target) as client:
            for at in range(0, len(names), BATCH):
                client.resolve_batch(names[at : at + BATCH])
                sent = min(at + BATCH, len(names))
                if sent % args.every < BATCH or sent == len(names):
                    last = memory_mib(process.pid)
                    print(f"{sent:>10,} names {time.monotonic() - started:5.0f} s  {_shown(last)}", flush=True)
    finally:
        process.terminate()
        process.wait(timeout=30)
    card = Scorecard()
    card.at_most(
        f"server resident memory (VmRSS) after {sent:,} distinct names",
        last["rss"] * MIB_IN_MB,
        RESIDENT_MB,
        "MB",
        digits=0,
    )
    print("\n".join(card.lines()))


if __name__ == "__main__":
    main()
