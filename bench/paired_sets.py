#!/usr/bin/env python3
"""Accuracy and in-process CPU time per query on benchmark sets, for before/after pairs of a change.

Usage: paired_sets.py [--near-spellings] SET_DIR [SET_DIR ...]

Each SET_DIR holds ``cases.tsv`` and ``index.sqlite`` (as ``evaluate.py`` leaves them). Every case
is resolved in process with the answer cache off, bare and with the case's country as the hint,
and the script prints accuracy@1, accuracy@5 and the CPU time (``time.process_time``) p50, p90
and p99 of :meth:`Resolver.resolve`. CPU time, not wall time, so that runs on a shared machine
compare; each set's index file is held in memory while it runs (``page_cache.py``). To compare
two versions of the code, run it in turn with each on ``PYTHONPATH`` (before, after, before,
after). ``--near-spellings`` asks for the places spelt nearly as each
name beside its exact namesakes (``ResolveHints.include_near_spellings``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from evaluate import read_cases
from page_cache import HeldFiles, open_as_served

from toponym_server.matching.ranking import Hints
from toponym_server.resolver import Query, Resolver


def run(directory: Path, near_spellings: bool = False) -> None:
    """Print one line per mode (bare, hinted) for the set in ``directory``."""
    cases = read_cases(directory / "cases.tsv")
    held = HeldFiles([directory / "index.sqlite"])
    index = open_as_served(directory / "index.sqlite")
    for hinted in (False, True):
        resolver = Resolver(index, cache_size=0)
        first = top_five = 0
        times: list[float] = []
        for case in cases:
            hints = Hints(countries=frozenset({case["country"]})) if hinted else Hints()
            started = time.process_time()
            query = Query(case["query"], hints=hints, limit=5, min_confidence=0.0, near_spellings=near_spellings)
            answers = resolver.resolve(query)
            times.append(time.process_time() - started)
            ids = [answer.place.geoname_id for answer in answers]
            first += bool(ids) and ids[0] == int(case["gold"])
            top_five += int(case["gold"]) in ids
        times.sort()
        n = len(cases)
        p50, p90, p99 = (times[min(n - 1, int(n * q))] * 1000 for q in (0.5, 0.9, 0.99))
        print(
            f"{directory.name:14s} {'hinted' if hinted else 'bare':6s} acc@1 {first / n:.3f} acc@5 {top_five / n:.3f}"
            f"  CPU p50 {p50:.2f} ms p90 {p90:.2f} ms p99 {p99:.2f} ms  (n={n})"
        )
    held.close()


def main() -> None:
    """Run every set given on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", type=Path, nargs="+", metavar="SET_DIR")
    parser.add_argument("--near-spellings", action="store_true", help="rank near spellings beside exact namesakes")
    args = parser.parse_args()
    for directory in args.sets:
        run(directory, args.near_spellings)


if __name__ == "__main__":
    main()
