#!/usr/bin/env python3
"""Health checks while a server is busy: on its main port and on its own health port.

Usage: health_under_load.py [--index PATH] [--workers N] [--calls N] [--batch N] [--probes N] [--timeout S]

Starts ``toponym serve --health-port`` on free ports, then sends ``--calls`` concurrent
``ResolveBatch`` calls of ``--batch`` misspelt names each (never resolved before, so every call
takes seconds) and, while they run, makes ``--probes`` health checks on each port in turn, each
on a new connection with a ``--timeout`` deadline as a Kubernetes probe does. Prints each
probe's outcome and time, then how many failed on each port.

On the main port a check waits for a free worker thread like any call; on the health port it is
answered by threads of its own. Without ``--index`` it uses the embedded default index.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import threading
import time
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc
from perf import query_sets, start_process
from startup import SERVE, free_port

from toponym_client._proto.toponym.v1 import toponym_pb2 as pb
from toponym_client._proto.toponym.v1 import toponym_pb2_grpc as pb_grpc
from toponym_server.default_index import embedded_index_path

FRESH = [("grpc.use_local_subchannel_pool", 1), ("grpc.enable_retries", 0)]
"""Channel options of a probe: a connection of its own and no retries, as a kubelet's probe."""


def probe(port: int, timeout: float) -> tuple[str, float]:
    """One health check on a new connection: its outcome (the status or the error's code) and its seconds."""
    started = time.monotonic()
    with grpc.insecure_channel(f"127.0.0.1:{port}", options=FRESH) as channel:
        try:
            response = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=timeout)
            outcome = health_pb2.HealthCheckResponse.ServingStatus.Name(response.status)
        except grpc.RpcError as err:
            outcome = err.code().name
    return outcome, time.monotonic() - started


def send_batch(port: int, names: list[str], outcomes: list[str]) -> None:
    """One ``ResolveBatch`` call of ``names``; its outcome goes on ``outcomes``."""
    request = pb.ResolveBatchRequest(requests=[pb.ResolveRequest(name=name) for name in names])
    with grpc.insecure_channel(f"127.0.0.1:{port}", options=FRESH) as channel:
        try:
            pb_grpc.ToponymServiceStub(channel).ResolveBatch(request, timeout=600)
            outcomes.append("OK")
        except grpc.RpcError as err:
            outcomes.append(err.code().name)


def main() -> None:
    """Run the load and the probes; print what each probe saw."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", type=Path, default=None)
    parser.add_argument("--workers", type=int, default=8, help="the server's worker threads (default 8)")
    parser.add_argument("--calls", type=int, default=12, help="concurrent batch calls (default 12)")
    parser.add_argument("--batch", type=int, default=300, help="misspelt names a call (default 300)")
    parser.add_argument("--probes", type=int, default=5, help="health checks on each port (default 5)")
    parser.add_argument("--timeout", type=float, default=1.0, help="a probe's deadline in seconds (default 1)")
    args = parser.parse_args()
    index = args.index or embedded_index_path()
    names = query_sets(index, args.calls * args.batch)["variant"]
    random.Random(7).shuffle(names)
    port, health_port = free_port(), free_port()
    argv = [*SERVE, "--index", str(index), "--port", str(port), "--health-port", str(health_port)]
    server, _ = start_process([*argv, "--workers", str(args.workers)], f"127.0.0.1:{port}")
    try:
        print(f"idle: main port {probe(port, args.timeout)[0]}, health port {probe(health_port, args.timeout)[0]}")
        outcomes: list[str] = []
        calls = [
            threading.Thread(target=send_batch, args=(port, names[i * args.batch : (i + 1) * args.batch], outcomes))
            for i in range(args.calls)
        ]
        for call in calls:
            call.start()
        time.sleep(1.0)  # every worker thread is taken by now
        seen: dict[str, list[tuple[str, float]]] = {"main port": [], "health port": []}
        for _ in range(args.probes):
            for where, at in (("main port", port), ("health port", health_port)):
                seen[where].append(probe(at, args.timeout))
                print(f"busy, {where}: {seen[where][-1][0]} in {seen[where][-1][1] * 1000:.1f} ms", flush=True)
        for call in calls:
            call.join()
        print(f"\n{args.calls} calls of {args.batch} misspelt names, --workers {args.workers}: {sorted(set(outcomes))}")
        for where, results in seen.items():
            failed = sum(outcome != "SERVING" for outcome, _ in results)
            median_ms = statistics.median(seconds for _, seconds in results) * 1000
            print(f"{where}: {failed} of {len(results)} probes failed, median {median_ms:.1f} ms")
    finally:
        server.terminate()
        server.wait(timeout=60)


if __name__ == "__main__":
    sys.exit(main())
