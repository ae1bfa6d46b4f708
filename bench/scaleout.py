#!/usr/bin/env python3
"""Scale-out: N server processes on one index file behind one round-robin client target.

Usage: scaleout.py [--index PATH] [--processes 1,2,4] [--clients 4] [--batches N]

For each N it starts N ``toponym serve`` processes on the same immutable index file (each
opens it read-only, so the operating system keeps one copy of its pages), on N loopback
ports, and points every client at the one target ``ipv4:127.0.0.1:P1,127.0.0.1:P2,...``. The
client's service config asks for gRPC's ``round_robin`` policy, so each client spreads its
calls over every process, exactly as it does over the addresses a ``dns:///host:port`` name
resolves to (on one machine a DNS name would need one loopback address per process, since
a ``dns:///`` target carries a single port). It prints ``ResolveBatch`` throughput (batches of
1,000 names from ``--clients`` client processes) cold (names never sent before) and warm (one
batch every process has already answered), how the calls were spread, and each process's
memory: resident (RSS), proportional (PSS, shared pages divided among the processes that
map them) and the file-backed part that is the shared index.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from perf import BATCH, CLASSES, batch_throughput, free_port, mem_text, memory_mib, mixed, query_sets, start_process

from toponym_client import ToponymClient


def served_counts(pids: list[int], target: str, calls: int) -> list[int]:
    """Send ``calls`` unary calls through ``target`` and count, by watching CPU time, which process answered."""
    before = [_cpu_ticks(pid) for pid in pids]
    with ToponymClient(target) as client:
        for i in range(calls):
            client.resolve(f"Aleppo {i % 7}")
    return [_cpu_ticks(pid) - b for pid, b in zip(pids, before, strict=True)]


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=None)
    parser.add_argument("--processes", default="1,2,4")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--batches", type=int, default=2, help="cold batches of 1,000 per client")
    parser.add_argument("--warm-batches", type=int, default=10, help="warm batches of 1,000 per client")
    args = parser.parse_args()
    from toponym_server.default_index import embedded_index_path

    index = args.index or embedded_index_path()
    counts = [int(n) for n in args.processes.split(",")]
    cold_names = len(counts) * args.clients * args.batches * BATCH + BATCH
    sets = query_sets(index, math.ceil(cold_names / len(CLASSES)) + 10)
    print(
        f"index {index} ({index.stat().st_size / 2**20:.0f} MiB); {os.cpu_count()} CPUs; "
        f"load average {os.getloadavg()[0]:.2f}; {args.clients} client processes"
    )
    cursor = 0
    warm_batch = mixed(sets, 0, BATCH)
    cursor = math.ceil(BATCH / len(CLASSES))
    for n in counts:
        ports = [free_port() for _ in range(n)]
        target = "ipv4:" + ",".join(f"127.0.0.1:{p}" for p in ports)
        servers = []
        try:
            for port in ports:
                argv = [sys.executable, "-m", "toponym_server.cli", "serve", "--index", str(index), "--port", str(port)]
                servers.append(start_process(argv, f"127.0.0.1:{port}")[0])
            pids = [s.pid for s in servers]
            spread = served_counts(pids, target, 200 * n)
            per_client = []
            for _ in range(args.clients):
                per_client.append([mixed(sets, cursor + i * BATCH // len(CLASSES), BATCH) for i in range(args.batches)])
                cursor += args.batches * BATCH // len(CLASSES)
            cold = batch_throughput("toponym", target, per_client, warmups=n)
            for port in ports:  # every process answers the warm batch once, before the timing
                with ToponymClient(f"127.0.0.1:{port}", timeout=300) as client:
                    client.resolve_batch(warm_batch)
            started = time.perf_counter()
            warm = batch_throughput("toponym", target, [[warm_batch] * args.warm_batches] * args.clients, warmups=n)
            took = time.perf_counter() - started
            print(f"\n{n} process(es) behind {target}")
            print(f"  CPU ticks per process while answering {200 * n} unary calls: {spread}")
            print(f"  ResolveBatch cold {cold:,.0f} names/s, warm {warm:,.0f} names/s (warm run {took:.1f} s)")
            total_rss = total_pss = 0.0
            for pid in pids:
                memory = memory_mib(pid)
                total_rss += memory["rss"]
                total_pss += memory.get("pss", 0.0)
                print(f"  pid {pid}: {mem_text(memory)}")
            print(f"  all processes: RSS {total_rss:.0f} MiB, PSS {total_pss:.0f} MiB")
        finally:
            for server in servers:
                server.terminate()
            for server in servers:
                server.wait(timeout=30)
    print(f"\nload average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
