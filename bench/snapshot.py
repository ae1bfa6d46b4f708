#!/usr/bin/env python3
"""Write every answer of the resolver for a fixed set of queries, to check a speed-up changed nothing.

Usage: snapshot.py OUT.jsonl [--index PATH] [--per-class N]

Draws the query classes of ``perf.py`` (same seed) and resolves each name bare, with a country
hint, restricted to a country, with a language, near a point and with kinds, and the names in
groups of ten as one document (``use_context``). Each line holds the query and its candidates
with every field the service returns. Run it before and after a change and compare the files
(``cmp``): a change that is meant to be a pure speed-up must leave them byte for byte equal.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from perf import CLASSES, query_sets

from toponym_server.index import open_index
from toponym_server.matching.features import Kind
from toponym_server.matching.ranking import Hints
from toponym_server.resolver import Candidate, Query, Resolver

VARIANTS: dict[str, Hints] = {
    "bare": Hints(),
    "country": Hints(countries=frozenset({"SY"})),
    "restrict": Hints(countries=frozenset({"US", "GB"}), restrict_to_countries=True),
    "language": Hints(language="ar"),
    "near": Hints(near=(36.2, 37.15)),
    "kinds": Hints(kinds=frozenset({Kind.ADMIN_AREA, Kind.COUNTRY})),
}


def row(candidates: list[Candidate]) -> list[list[object]]:
    """The candidates as JSON-ready lists."""
    return [
        [
            c.place.geoname_id,
            c.confidence,
            c.kind.value,
            c.admin1_name,
            c.localized_name,
            c.match_kind.value,
            c.matched_name,
            c.explanation,
        ]
        for c in candidates
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--index", type=Path, default=None)
    parser.add_argument("--per-class", type=int, default=300)
    args = parser.parse_args()
    from toponym_server.default_index import embedded_index_path

    index = args.index or embedded_index_path()
    sets = query_sets(index, args.per_class)
    resolver = Resolver(open_index(index))
    with args.out.open("w", encoding="utf-8") as out:
        for name in CLASSES:
            for i, text in enumerate(sets[name]):
                label = list(VARIANTS)[i % len(VARIANTS)]
                for mode in ("bare", label):
                    query = Query(text, VARIANTS[mode], limit=5 if i % 3 else 10, min_confidence=0.3 if i % 2 else 0.0)
                    answers = resolver.resolve(query)
                    out.write(json.dumps([name, mode, text, row(answers)], ensure_ascii=False) + "\n")
            group = sets[name]
            for start in range(0, len(group), 10):
                queries = [Query(t) for t in group[start : start + 10]]
                answers_many = resolver.resolve_many(queries, use_context=True)
                out.write(
                    json.dumps([name, "context", start, [row(a) for a in answers_many]], ensure_ascii=False) + "\n"
                )
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
