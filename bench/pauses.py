#!/usr/bin/env python3
"""Long-run latency of the resolver and the pauses of CPython's cyclic garbage collector.

Usage: pauses.py [--index PATH] [--queries N] [--python-defaults] [--thresholds A,B,C]

Resolves ``N`` distinct names (the five query classes of ``perf.py`` in turn, each name once,
so every call is cold and the resolver's caches fill as a long-running server's do) in one
process, timing each call by the wall clock: a collection holds the interpreter, and a caller
waits for it whatever its own work. It prints the latency percentiles up to the largest, and
the collections of each generation: how many, the longest and their total (a collection of the
oldest generation, a *full* one, walks every object the collector tracks). The collector is set
as ``toponym serve`` sets it once it is ready (``prepare_long_run``: what was made before the
run, the query sets included, is frozen, and the oldest generation is looked at less often);
``--python-defaults`` leaves Python's settings, and ``--thresholds`` then sets others. The index
file is held in memory during the run, as ``perf.py`` holds it (``--leave-page-cache`` does not).

Run it with another version of the code on ``PYTHONPATH`` for a before/after pair.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from page_cache import HeldFiles, open_as_served
from perf import CLASSES, mixed, pct, query_sets

from toponym_server.default_index import embedded_index_path
from toponym_server.resolver import Query, Resolver


def main() -> None:
    """Run the long resolve loop and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=None)
    parser.add_argument("--queries", type=int, default=10_000, help="distinct names to resolve")
    parser.add_argument(
        "--python-defaults", action="store_true", help="leave the collector as Python sets it, not as the server does"
    )
    parser.add_argument("--thresholds", default="", metavar="A,B,C", help="then set these collector thresholds")
    parser.add_argument(
        "--leave-page-cache", action="store_true", help="do not hold the index file in memory during the run"
    )
    args = parser.parse_args()
    index_path = args.index or embedded_index_path()
    held = HeldFiles([] if args.leave_page_cache else [index_path])
    sets = query_sets(index_path, -(-args.queries // len(CLASSES)))
    names = mixed(sets, 0, args.queries)
    resolver = Resolver(open_as_served(index_path, keep=not args.leave_page_cache))
    gc.collect()
    if not args.python_defaults:
        try:
            from toponym_server.service.server import prepare_long_run
        except ImportError:  # code from before the server set the collector
            print("this code's server leaves the collector as Python sets it")
        else:
            prepare_long_run()
    if args.thresholds:
        gc.set_threshold(*(int(part) for part in args.thresholds.split(",")))
    print(f"collector thresholds {gc.get_threshold()}, {gc.get_freeze_count():,} objects frozen")

    collections: list[tuple[int, float]] = []
    started_at: list[float] = []

    def watch(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            started_at.append(time.perf_counter())
        else:
            collections.append((info["generation"], time.perf_counter() - started_at.pop()))

    gc.callbacks.append(watch)
    latencies: list[float] = []
    run_started = time.perf_counter()
    for name in names:
        started = time.perf_counter()
        resolver.resolve(Query(name))
        latencies.append(time.perf_counter() - started)
    run_seconds = time.perf_counter() - run_started
    gc.callbacks.remove(watch)

    print(f"{len(names)} distinct names (all classes in turn), {run_seconds:.1f} s; latency by the wall clock:")
    print(
        "  p50 {:.2f} ms  p90 {:.2f} ms  p99 {:.2f} ms  p99.9 {:.2f} ms  max {:.2f} ms".format(
            *(1000 * pct(latencies, q) for q in (50, 90, 99, 99.9, 100))
        )
    )
    for generation, label in ((2, "full (oldest generation)"), (1, "generation 1"), (0, "generation 0")):
        pauses = [seconds for walked, seconds in collections if walked == generation]
        print(
            f"  {label} collections: {len(pauses)}, longest {1000 * max(pauses, default=0.0):.1f} ms, "
            f"total {1000 * sum(pauses):.0f} ms"
        )
    print(f"  all collections: {100 * sum(seconds for _, seconds in collections) / run_seconds:.1f} % of the run")
    print(f"  objects tracked at the end: {len(gc.get_objects()):,} (frozen: {gc.get_freeze_count():,})")
    held.close()


if __name__ == "__main__":
    main()
