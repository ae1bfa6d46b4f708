#!/usr/bin/env python3
"""Sort a benchmark's wrong answers by type, with counts and examples.

Usage: failures.py INDEX CASES [--hint] [--examples N]

Resolves every case in-process (bare, or with its country as the hint) and puts each case whose
top answer is not its place into one type:

- ``not reached``: no key of the query reaches the place, not even the fuzzy ones;
- ``not looked up``: a key reaches it, but the search stopped before that key: at the places
  named exactly as the query, or at the confident answer of the strong keys before the fuzzy
  step;
- ``same name elsewhere``: the winner's matched name is spelt like the place's best name
  (equal folded forms): only prominence, or a hint, can tell them apart;
- ``closer spelling elsewhere``: the winner's name is more similar to the query than any name of
  the place;
- ``lost on prominence``: the place's name is at least as similar, and a more prominent place won.

Use it on the odd-ID sets to find what to work on, and on the even sets to report what is left.
"""

from __future__ import annotations

import argparse
import csv
from collections import defaultdict
from pathlib import Path

from toponym_server.index import open_index
from toponym_server.matching.ranking import Hints
from toponym_server.resolver import Query, Resolver


def classify(resolver: Resolver, query: Query, gold: int) -> tuple[str, str] | None:
    """The failure type of one case and a line describing it, or ``None`` when it resolves right."""
    ranked = resolver.rank(query)
    if ranked and ranked[0].place.place_id == gold:
        return None
    place = next((r for r in ranked if r.place.place_id == gold), None)
    names = [n.text for n in resolver.index.names_of_place(gold)][:6]
    if place is None:
        reached = any(p.place_id == gold for p, _ in resolver.candidate_pool(query))
        kind = "not looked up" if reached else "not reached"
        return kind, f"{query.name!r} → {ranked[0].matched.text if ranked else '-'!r}; the place's names: {names}"
    top = ranked[0]
    if top.matched.folded == place.matched.folded:
        kind = "same name elsewhere"
    elif top.similarity > place.similarity:
        kind = "closer spelling elsewhere"
    else:
        kind = "lost on prominence"
    line = (
        f"{query.name!r} → {top.matched.text!r} ({top.place.country_code}, similarity {top.similarity:.2f}, "
        f"prominence {top.place.prominence:.2f}); the place: {place.matched.text!r} "
        f"({place.place.country_code}, {place.similarity:.2f}, {place.place.prominence:.2f})"
    )
    return kind, line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index", type=Path)
    parser.add_argument("cases", type=Path)
    parser.add_argument("--hint", action="store_true", help="give each case's country as the hint")
    parser.add_argument("--examples", type=int, default=5)
    args = parser.parse_args()
    resolver = Resolver(open_index(args.index), cache_size=0)
    with args.cases.open(encoding="utf-8") as handle:
        cases = list(csv.DictReader(handle, delimiter="\t"))
    failures: dict[str, list[str]] = defaultdict(list)
    for case in cases:
        hints = Hints(countries=frozenset({case["country"]})) if args.hint else Hints()
        found = classify(resolver, Query(case["query"], hints), int(case["gold"]))
        if found is not None:
            failures[found[0]].append(f"[{case.get('group', '')}] {found[1]}")
    wrong = sum(len(lines) for lines in failures.values())
    print(f"{len(cases)} cases, {wrong} wrong at rank 1 ({wrong / len(cases):.1%})")
    for kind, lines in sorted(failures.items(), key=lambda item: -len(item[1])):
        print(f"\n{kind}: {len(lines)} ({len(lines) / len(cases):.1%} of the cases)")
        for line in lines[: args.examples]:
            print("   ", line)


if __name__ == "__main__":
    main()
