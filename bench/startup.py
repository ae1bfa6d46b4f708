#!/usr/bin/env python3
"""Server start-to-ready time and resident memory, with the index already built.

Usage: startup.py [--index PATH] [--runs N] [--load N]

Starts ``toponym serve`` as a subprocess on a free port, polls the gRPC health service until it
answers SERVING, and prints the time from process start to ready, the resident memory (VmRSS,
and its anonymous and file-backed parts) at ready, once the server has kept its warmest name
rows (which it does in the background once ready; with how long after ready that was), and
after N resolve calls, and the index file's size. The server's own memory is the anonymous
part, which the warmest name rows grow; once ready it also reads the index file into memory and
keeps it mapped (``--no-read-ahead`` aside), which the file-backed part counts as that happens:
pages of the page cache, shared with every process reading the file.
Without ``--index`` it uses the embedded default index in the data directory (build it first
with ``toponym index build``).
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from toponym_client import ToponymClient
from toponym_server.default_index import embedded_index_path

NAMES = ["Hasakeh", "Aleppo", "الرقة", "Deir Ezzor", "Kobanî", "Damaskus", "Хасеке", "Springfield", "xqzvbt"]


SERVE = (sys.executable, "-m", "toponym_server.cli", "serve")
"""The command that starts ``toponym serve`` with this Python (add ``--index`` and ``--port``)."""


def memory_mib(pid: int) -> dict[str, float]:
    """VmRSS, its anonymous and file-backed parts, and the proportional set size, in MiB."""
    out = {"rss": rss_mib(pid)}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(("RssAnon:", "RssFile:")):
            out[line.split(":")[0].lower()] = int(line.split()[1]) / 1024
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            out["pss"] = int(line.split()[1]) / 1024
    return out


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def wait_ready(target: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    with grpc.insecure_channel(target) as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        while time.monotonic() < deadline:
            try:
                status = stub.Check(health_pb2.HealthCheckRequest(service=""), timeout=0.5).status
                if status == health_pb2.HealthCheckResponse.SERVING:
                    return
            except grpc.RpcError:
                time.sleep(0.01)
    raise TimeoutError("server did not become ready")


WARMED_UP = re.compile(rb"kept the rows of the \d+ warmest names|lists no warm names|stopped keeping")
"""What a server logs once done keeping its warmest name rows (``service.server.keep_warm_rows``)."""


def wait_warmed_up(log: Path, timeout: float = 120.0) -> float:
    """Wait until the server logging to ``log`` has kept its warmest name rows; return the seconds waited."""
    started = time.monotonic()
    while not WARMED_UP.search(log.read_bytes()):
        if time.monotonic() - started > timeout:
            raise TimeoutError("the server did not finish its warm-up")
        time.sleep(0.05)
    return time.monotonic() - started


def one_run(index: Path, load: int) -> tuple[float, float, list[dict[str, float]]]:
    """Start-to-ready and warm-up seconds; memory at ready, once the warmest rows are kept and after ``load`` calls."""
    port = free_port()
    log = Path(tempfile.mkdtemp()) / "serve.log"
    started = time.monotonic()
    with log.open("wb") as stderr:
        process = subprocess.Popen([*SERVE, "--index", str(index), "--port", str(port)], stderr=stderr)
    try:
        wait_ready(f"127.0.0.1:{port}")
        ready = time.monotonic() - started
        at_ready = memory_mib(process.pid)
        warm_up = wait_warmed_up(log)
        warmed = memory_mib(process.pid)
        with ToponymClient(f"127.0.0.1:{port}") as client:
            for i in range(load):
                client.resolve(NAMES[i % len(NAMES)] + ("" if i < len(NAMES) else f" {i % 97}"))
        after_load = memory_mib(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)
    return ready, warm_up, [at_ready, warmed, after_load]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--load", type=int, default=2000)
    args = parser.parse_args()
    index = args.index or embedded_index_path()
    runs = [one_run(index, args.load) for _ in range(args.runs)]
    ready = [r[0] for r in runs]
    print(f"index: {index} ({index.stat().st_size / 2**20:.0f} MiB), {os.cpu_count()} CPUs")
    print(
        f"start-to-ready: median {statistics.median(ready):.2f} s (min {min(ready):.2f}, max {max(ready):.2f}) "
        f"over {len(runs)} runs; warmest name rows kept a median {statistics.median(r[1] for r in runs):.2f} s "
        "after ready"
    )
    for at, label in enumerate(("at ready", "once the warmest name rows are kept", f"after {args.load} resolve calls")):
        figures = [run[2][at] for run in runs]
        medians = {part: statistics.median(f.get(part, 0.0) for f in figures) for part in ("rss", "rssanon", "rssfile")}
        print(
            f"resident memory {label}: median {medians['rss']:.0f} MiB "
            f"(anonymous {medians['rssanon']:.0f}, file-backed {medians['rssfile']:.0f})"
        )


if __name__ == "__main__":
    main()
