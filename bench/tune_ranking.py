#!/usr/bin/env python3
"""Search the ranking weights that give the best accuracy@1 on benchmark sets, and print them.

Usage: tune_ranking.py INDEX CASES [INDEX CASES ...]

Run it on sets made with ``--parity odd`` (places the evaluation sets never pick), then copy
the chosen weights into ``toponym_server/matching/ranking.py``. The search tries every pair of
prominence and country-hint weights on a grid and scores each by the mean of accuracy@1 bare
and accuracy@1 with the case's country as a hint.
"""

from __future__ import annotations

import argparse
import csv
import itertools
from pathlib import Path

from toponym_server.index import open_index
from toponym_server.matching import ranking
from toponym_server.matching.ranking import Hints
from toponym_server.resolver import Query, Resolver

PROMINENCE = (0.03, 0.05, 0.08, 0.11, 0.15, 0.2)
COUNTRY = (0.1, 0.2, 0.3)


def accuracy(sets: list[tuple[Resolver, list[dict[str, str]]]], hinted: bool) -> float:
    right = total = 0
    for resolver, cases in sets:
        for case in cases:
            hints = Hints(countries=frozenset({case["country"]})) if hinted else Hints()
            ranked, _ = resolver.rank(Query(case["query"], hints))
            right += bool(ranked) and ranked[0].place.place_id == int(case["gold"])
            total += 1
    return right / total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", nargs="+", help="INDEX CASES pairs")
    args = parser.parse_args()
    sets = []
    for index_path, cases_path in zip(args.pairs[::2], args.pairs[1::2], strict=True):
        with Path(cases_path).open(encoding="utf-8") as handle:
            sets.append((Resolver(open_index(Path(index_path))), list(csv.DictReader(handle, delimiter="\t"))))
    results = []
    for prominence, country in itertools.product(PROMINENCE, COUNTRY):
        ranking.W_PROMINENCE, ranking.W_COUNTRY = prominence, country
        bare, hinted = accuracy(sets, False), accuracy(sets, True)
        results.append(((bare + hinted) / 2, prominence, country, bare, hinted))
        print(f"W_PROMINENCE={prominence:.2f} W_COUNTRY={country:.2f}: bare {bare:.3f} hinted {hinted:.3f}", flush=True)
    best = max(results)
    print(f"best: W_PROMINENCE = {best[1]}, W_COUNTRY = {best[2]} (bare {best[3]:.3f}, hinted {best[4]:.3f})")


if __name__ == "__main__":
    main()
