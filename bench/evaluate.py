#!/usr/bin/env python3
"""Resolution-quality benchmark: accuracy, MRR, latency and calibration, bare and with a country hint.

Usage: evaluate.py GAZETTEER_DIR CASES [--index PATH] [--baselines] [--baseline-sample N]

GAZETTEER_DIR holds a GeoNames-format ``allCountries.txt`` and ``countryInfo.txt`` (as the
shared ``make_variant_benchmark.py`` and ``make_script_benchmark.py`` write them); CASES is the
matching ``cases.tsv`` (query, gold, country, group). The script builds an index with
``toponym index build`` unless it exists, starts a server on it, resolves every case through
the client twice (bare, then with the case's country as the hint) and prints accuracy@1,
accuracy@5, mean reciprocal rank, gRPC and in-process latency, and the expected calibration
error, per group and mode. ``--baselines`` adds exact folded-name match ranked by population
and brute-force ``rapidfuzz`` ratio over every unidecoded name (score plus population), on a
sample of the cases because the brute force takes about a tenth of a second a query.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import re
import subprocess
import sys
import time
import unicodedata
from collections import defaultdict
from pathlib import Path
from statistics import quantiles

from toponym_client import ToponymClient
from toponym_server.index import open_index
from toponym_server.matching.ranking import Hints
from toponym_server.resolver import Query, Resolver
from toponym_server.service.server import ServerConfig, start_server


def read_cases(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def ensure_index(gazetteer: Path, index: Path) -> None:
    """Build the benchmark's index unless a current one (this format version) is already there."""
    from toponym_server.index import IndexFileError, open_index

    if index.exists():
        try:
            open_index(index).close()
            return
        except IndexFileError as err:
            print(f"rebuilding: {err}")
    started = time.monotonic()
    subprocess.run(
        [
            "toponym",
            "index",
            "build",
            "--geonames",
            str(gazetteer / "allCountries.txt"),
            "--country-info",
            str(gazetteer / "countryInfo.txt"),
            # The seeds add names; a benchmark gazetteer must hold exactly what its generator wrote.
            "--no-seeds",
            "--output",
            str(index),
            "--quiet",
        ],
        check=True,
    )
    print(f"index built in {time.monotonic() - started:.0f} s: {index} ({index.stat().st_size / 2**20:.0f} MiB)")


def ece(pairs: list[tuple[float, bool]], bins: int = 10) -> float:
    buckets: dict[int, list[tuple[float, bool]]] = defaultdict(list)
    for confidence, right in pairs:
        buckets[min(int(confidence * bins), bins - 1)].append((confidence, right))
    total = len(pairs)
    return sum(
        len(b) / total * abs(sum(c for c, _ in b) / len(b) - sum(r for _, r in b) / len(b)) for b in buckets.values()
    )


def pct(values: list[float], q: int) -> float:
    return quantiles(values, n=100)[q - 1] if len(values) > 1 else values[0]


def report(title: str, results: list[tuple[str, int | None, list[int], float]]) -> None:
    """results: (group, gold rank or None, -, top-1 confidence)."""
    groups: dict[str, list[tuple[int | None, float]]] = defaultdict(list)
    for group, rank, _, conf in results:
        groups[group].append((rank, conf))
        groups["ALL"].append((rank, conf))
    print(f"\n{title}")
    print(f"  {'group':<18} {'n':>5} {'acc@1':>6} {'acc@5':>6} {'MRR':>6} {'ECE':>6}")
    for group in sorted(groups, key=lambda g: (g == "ALL", g)):
        rows = groups[group]
        n = len(rows)
        acc1 = sum(r == 1 for r, _ in rows) / n
        acc5 = sum(r is not None and r <= 5 for r, _ in rows) / n
        mrr = sum(1 / r for r, _ in rows if r) / n
        calibration = ece([(c, r == 1) for r, c in rows])
        print(f"  {group:<18} {n:>5} {acc1:>6.3f} {acc5:>6.3f} {mrr:>6.3f} {calibration:>6.3f}")


def run_toponym(client: ToponymClient, resolver: Resolver, cases: list[dict[str, str]], hinted: bool) -> None:
    results, rpc_ms, local_ms = [], [], []
    for case in cases:
        country = case["country"] if hinted else None
        started = time.perf_counter()
        answers = client.resolve(case["query"], country=country, limit=5, min_confidence=1e-6)
        rpc_ms.append((time.perf_counter() - started) * 1000)
        hints = Hints(countries=frozenset({country})) if country else Hints()
        started = time.perf_counter()
        resolver.resolve(Query(case["query"], hints, limit=5, min_confidence=1e-6))
        local_ms.append((time.perf_counter() - started) * 1000)
        ids = [a.geoname_id for a in answers]
        rank = ids.index(int(case["gold"])) + 1 if int(case["gold"]) in ids else None
        results.append((case["group"], rank, ids, answers[0].confidence if answers else 0.0))
    mode = "country hint" if hinted else "bare"
    report(f"toponym, {mode}", results)
    print(
        f"  latency in-process p50 {pct(local_ms, 50):.2f} ms p99 {pct(local_ms, 99):.2f} ms; "
        f"through gRPC p50 {pct(rpc_ms, 50):.2f} ms p99 {pct(rpc_ms, 99):.2f} ms"
    )


def fold(text: str) -> str:
    from unidecode import unidecode

    return re.sub(r"[^a-z0-9]", "", unidecode(unicodedata.normalize("NFKC", text)).lower())


def run_baselines(gazetteer: Path, cases: list[dict[str, str]]) -> None:
    from rapidfuzz import fuzz, process

    names: list[str] = []
    owners: list[tuple[int, int, str]] = []
    exact: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    with (gazetteer / "allCountries.txt").open(encoding="utf-8") as handle:
        for line in handle:
            f = line.rstrip("\n").split("\t")
            gid, pop, cc = int(f[0]), int(f[14] or 0), f[8]
            for name in {f[1], f[2], *f[3].split(",")}:
                key = fold(name)
                if key:
                    names.append(key)
                    owners.append((gid, pop, cc))
                    exact[key].append((pop, gid, cc))
    for hinted in (False, True):
        ex, fz, fz_ms = [], [], []
        for case in cases:
            q, gold, cc = fold(case["query"]), int(case["gold"]), case["country"]
            found = sorted(
                ((p + (10**12 if hinted and c == cc else 0), g) for p, g, c in exact.get(q, [])), reverse=True
            )
            ex.append((case["group"], 1 if found and found[0][1] == gold else None, [], 0.0))
            started = time.perf_counter()
            best: dict[int, float] = {}
            for _, score, i in process.extract(q, names, scorer=fuzz.ratio, limit=200):
                gid, pop, country = owners[i]
                value = score / 100 + 0.05 * math.log10(pop + 1) / 7 + (0.2 if hinted and country == cc else 0)
                best[gid] = max(best.get(gid, 0.0), value)
            fz_ms.append((time.perf_counter() - started) * 1000)
            ranked = sorted(best, key=best.__getitem__, reverse=True)[:5]
            fz.append((case["group"], ranked.index(gold) + 1 if gold in ranked else None, ranked, 0.0))
        mode = "country hint" if hinted else "bare"
        report(f"baseline exact folded name by population, {mode} (sample of {len(cases)})", ex)
        report(f"baseline brute-force rapidfuzz over {len(names):,} names, {mode} (sample of {len(cases)})", fz)
        print(f"  latency p50 {pct(fz_ms, 50):.1f} ms (ECE not applicable: no confidence)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gazetteer", type=Path)
    parser.add_argument("cases", type=Path)
    parser.add_argument("--index", type=Path)
    parser.add_argument("--baselines", action="store_true")
    parser.add_argument("--baseline-sample", type=int, default=300)
    args = parser.parse_args()
    index_path = args.index or args.gazetteer.parent / "index.sqlite"
    ensure_index(args.gazetteer, index_path)
    cases = read_cases(args.cases)
    index = open_index(index_path)
    server = start_server(index, ServerConfig(port=0, workers=2))
    try:
        with ToponymClient(f"127.0.0.1:{server.port}") as client:
            for hinted in (False, True):
                run_toponym(client, Resolver(index), cases, hinted)
    finally:
        server.stop(1)
    if args.baselines:
        sample = random.Random(5).sample(cases, min(args.baseline_sample, len(cases)))
        run_baselines(args.gazetteer, sample)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
