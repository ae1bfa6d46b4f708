#!/usr/bin/env python3
r"""Make a benchmark of names asked with a generic word (*Jenin municipality*, *Sinjar district*).

Usage: make_generic_word_benchmark.py INDEX OUT_DIR [--per-group N] [--seed N]

News and reports name a division or a town with its kind: *Raqqa governorate*, *Afrin district*,
*Gaza municipality*. Each case here is a place of the index asked by its own name and a generic
word of its kind: a first-level division as *X province* and as *X region*, a second-level one
as *X district*, a town of 20,000 people or more as *X city* and as *X municipality*, a smaller
one as *X town*. Only places whose name holds no generic word of its own are taken (*Gemeente
Aalten district* is no name anyone writes), ``--per-group`` of each kind (800 by default),
drawn with ``--seed`` (36). The gold answer is the place the case was made from; a namesake of
the same kind may be as good an answer, so the set measures changes (before against after)
better than it measures any one resolver. Groups: ``adm1-province``, ``adm1-region``,
``adm2-district``, ``ppl-city``, ``ppl-municipality``, ``ppl-town``.

Writes OUT_DIR/cases.tsv (columns query, gold, country, group). The cases ask for places of
INDEX (the embedded default index, say), so evaluate them on it::

    ln -s INDEX OUT_DIR/index.sqlite
    python bench/paired_sets.py OUT_DIR
"""

from __future__ import annotations

import argparse
import csv
import random
import sqlite3
from pathlib import Path

from toponym_server.matching.generic_words import kind_of
from toponym_server.matching.normalize import normalize

SEED = 36
PER_GROUP = 800
LARGE_TOWN = 20_000
"""From this population on a town is asked as a city and as a municipality; below it, as a town."""

# (group, the word that asks for it, which places)
GROUPS = (
    ("adm1-province", "province", "adm1"),
    ("adm1-region", "region", "adm1"),
    ("adm2-district", "district", "adm2"),
    ("ppl-city", "city", "large"),
    ("ppl-municipality", "municipality", "large"),
    ("ppl-town", "town", "small"),
)

Place = tuple[int, str, str, str, int]  # geonameid, name, country code, feature code, population


def places_by_kind(index: Path) -> dict[str, list[Place]]:
    """The index's places whose names hold no generic word, by kind: ``adm1``, ``adm2``, ``large``, ``small``."""
    connection = sqlite3.connect(f"file:{index}?mode=ro", uri=True)
    try:
        rows: list[Place] = connection.execute(
            "SELECT id, name, country_code, feature_code, population FROM places ORDER BY id"
        ).fetchall()
    finally:
        connection.close()
    kinds: dict[str, list[Place]] = {"adm1": [], "adm2": [], "large": [], "small": []}
    for row in rows:
        if any(kind_of(word) for word in normalize(row[1]).folded.split()):
            continue
        feature_code, population = row[3], row[4]
        if feature_code in ("ADM1", "ADM2"):
            kinds[feature_code.lower()].append(row)
        elif feature_code.startswith("PPL"):
            kinds["large" if population >= LARGE_TOWN else "small"].append(row)
    return kinds


def cases(kinds: dict[str, list[Place]], per_group: int, seed: int) -> list[tuple[str, int, str, str]]:
    """The cases (query, gold, country, group): ``per_group`` places of each group's kind, drawn with ``seed``."""
    rng = random.Random(seed)
    made: list[tuple[str, int, str, str]] = []
    for group, word, kind in GROUPS:
        pool = kinds[kind]
        for place_id, name, country, _, _ in rng.sample(pool, min(per_group, len(pool))):
            made.append((f"{name} {word}", place_id, country, group))
    return made


def main() -> None:
    """Write OUT_DIR/cases.tsv."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index", type=Path, help="the index whose places are asked")
    parser.add_argument("out", type=Path, help="directory to write cases.tsv into")
    parser.add_argument("--per-group", type=int, default=PER_GROUP)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    made = cases(places_by_kind(args.index), args.per_group, args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "cases.tsv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(("query", "gold", "country", "group"))
        writer.writerows(made)
    print(f"{len(made)} cases in {args.out / 'cases.tsv'}")


if __name__ == "__main__":
    main()
