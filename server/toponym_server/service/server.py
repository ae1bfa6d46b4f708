"""Run the gRPC server: the toponym service, health checking and reflection, with a clean shutdown.

The server listens in plaintext or with TLS (mutual TLS when a client CA is given), optionally
requires a bearer token on every call but health checks, and bounds message sizes, concurrent
calls and streams per connection (:class:`~toponym_server.service.limits.Limits`). Health checks
can also be answered on a port of their own, by threads no resolve call can take
(:attr:`ServerConfig.health_port`).
"""

from __future__ import annotations

import gc
import logging
import signal
import sqlite3
import threading
import time
from concurrent import futures
from dataclasses import dataclass, field
from typing import Any

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from toponym_server.index.reader import IndexReader
from toponym_server.matching.memo import limit_memos
from toponym_server.resolver import Resolver
from toponym_server.resolver.resolver import DEFAULT_KEPT_NAME_ROWS, DEFAULT_RESULT_CACHE
from toponym_server.service.allocator import return_large_blocks
from toponym_server.service.auth import BearerTokenInterceptor
from toponym_server.service.handlers import SERVICE_NAME, toponym_handler
from toponym_server.service.limits import DEFAULT_MAX_MESSAGE_BYTES, Limits
from toponym_server.service.read_ahead import DEFAULT_KEEP_INDEX_BYTES, read_ahead_in_background
from toponym_server.service.security import TlsFiles, server_credentials
from toponym_server.service.servicer import ToponymServicer

logger = logging.getLogger(__name__)
MAX_MESSAGE_BYTES = DEFAULT_MAX_MESSAGE_BYTES


@dataclass(frozen=True, slots=True)
class ServerConfig:
    """How to serve: address, concurrency, limits, TLS and the bearer tokens calls must carry (none: open)."""

    host: str = "127.0.0.1"
    port: int = 50051
    workers: int = 8
    max_open_streams: int | None = None
    """``StreamResolve`` calls served at once, each holding a worker thread while open; more are
    refused with RESOURCE_EXHAUSTED. ``None``: half the workers (at least one), so that open
    streams always leave threads to other calls."""
    grace_seconds: float = 10.0
    limits: Limits = field(default_factory=Limits)
    tls: TlsFiles | None = None
    auth_tokens: frozenset[str] = frozenset()
    read_ahead: bool = True
    """Once ready, read the index file into memory and keep it there (:meth:`IndexReader.keep_in_memory`)."""
    keep_index_bytes: int = DEFAULT_KEEP_INDEX_BYTES
    """The largest index file kept in memory; a larger one is only read ahead into the page cache."""
    kept_name_rows: int = DEFAULT_KEPT_NAME_ROWS
    """Index name rows the resolver keeps in memory (about 0.36 KiB each; see DEFAULT_KEPT_NAME_ROWS)."""
    answers_kept: int = DEFAULT_RESULT_CACHE
    """Distinct answers kept for names asked again, by the resolver and (encoded) by the service; 0 keeps none."""
    warm_up: bool = True
    """Once ready (and the index read ahead), keep the rows of the index's warmest names (:meth:`Resolver.warm_up`)."""
    health_port: int | None = None
    """Also answer ``grpc.health.v1`` checks on this port (0 picks a free one), in plaintext, on threads of their own.

    On the main port a health check waits for a free worker thread like any call, so a server
    busy with long batches can fail a probe with a short timeout and be restarted for being busy.
    Checks on this port are answered by :data:`HEALTH_THREADS` threads that serve nothing else.
    It is plaintext, without a token, because a kubelet's gRPC probe speaks neither; it serves
    only the health service, which says no more than whether the server is serving.
    """


HEALTH_THREADS = 2
"""Threads of the health port's own server: a check takes microseconds, and probes come seconds apart."""


class RunningServer:
    """A started gRPC server with its health service; stop it with :meth:`stop`.

    ``health_port`` is the port of the health checks' own listener, ``None`` when there is none.
    """

    def __init__(
        self,
        server: grpc.Server,
        health_servicer: health.HealthServicer,
        port: int,
        health_server: grpc.Server | None = None,
        health_port: int | None = None,
    ) -> None:
        self.server = server
        self.health = health_servicer
        self.port = port
        self.health_server = health_server
        self.health_port = health_port

    def stop(self, grace: float | None = 10.0) -> None:
        """Report NOT_SERVING, refuse new calls, let in-flight calls finish within ``grace`` seconds.

        The health port answers NOT_SERVING until the in-flight calls are done, then closes.
        """
        self.health.enter_graceful_shutdown()
        self.server.stop(grace).wait()
        if self.health_server is not None:
            self.health_server.stop(None).wait()


def listen_host(host: str) -> str:
    """``host`` as gRPC's address takes it: an IPv6 address in brackets (``::`` is ``[::]``)."""
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def start_server(index: IndexReader, config: ServerConfig) -> RunningServer:
    """Start serving ``index`` on ``config.host:config.port`` (port 0 picks a free port).

    Raises:
        SecurityConfigError: A TLS file cannot be used.
        OSError: The address cannot be listened on.

    """
    credentials = server_credentials(config.tls) if config.tls else None
    limits = config.limits
    options: list[tuple[str, Any]] = [
        # Larger requests are refused with RESOURCE_EXHAUSTED before they are read whole.
        ("grpc.max_receive_message_length", limits.max_message_bytes),
        # Answers are bounded by the batch size and the candidate limit; the client sets its own bound.
        ("grpc.max_send_message_length", -1),
        ("grpc.max_concurrent_streams", limits.max_streams_per_connection),
        # gRPC shares a port that is already listened on by default: a second server (an old
        # one still running, another configuration) would take a share of the connections
        # unnoticed. Replicas listen on ports of their own (README, scale-out).
        ("grpc.so_reuseport", 0),
    ]
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=config.workers, thread_name_prefix="toponym"),
        options=options,
        interceptors=[BearerTokenInterceptor(config.auth_tokens)] if config.auth_tokens else None,
        maximum_concurrent_rpcs=limits.max_concurrent_rpcs,
    )
    resolver = Resolver(index, cache_size=config.answers_kept, kept_name_rows=config.kept_name_rows)
    open_streams = config.max_open_streams or max(1, config.workers // 2)
    servicer = ToponymServicer(resolver, limits, cache_size=config.answers_kept, max_open_streams=open_streams)
    server.add_generic_rpc_handlers((toponym_handler(servicer),))
    health_servicer = health.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    reflection.enable_server_reflection(
        (SERVICE_NAME, health_pb2.DESCRIPTOR.services_by_name["Health"].full_name, reflection.SERVICE_NAME),
        server,
    )
    health_server = health_port = None
    if config.health_port is not None:
        health_server = grpc.server(
            futures.ThreadPoolExecutor(max_workers=HEALTH_THREADS, thread_name_prefix="toponym-health"),
            options=[("grpc.max_receive_message_length", 4096), ("grpc.so_reuseport", 0)],
        )
        health_pb2_grpc.add_HealthServicer_to_server(health_servicer, health_server)
        health_port = _listen(health_server, config.host, config.health_port, None)
    try:
        port = _listen(server, config.host, config.port, credentials)
    except OSError:
        if health_server is not None:
            # A gRPC server lets go of its ports only once started and stopped: it serves nothing meanwhile.
            health_servicer.enter_graceful_shutdown()
            health_server.start()
            health_server.stop(None).wait()
        raise
    server.start()
    if health_server is not None:
        health_server.start()
    for service in ("", SERVICE_NAME):
        health_servicer.set(service, health_pb2.HealthCheckResponse.SERVING)
    if config.read_ahead or config.warm_up:
        threading.Thread(
            target=_after_ready,
            args=(index, resolver, config),
            name="toponym-after-ready",
            daemon=True,
        ).start()
    return RunningServer(server, health_servicer, port, health_server, health_port)


def _listen(server: grpc.Server, host: str, port: int, credentials: grpc.ServerCredentials | None) -> int:
    """Add a listening port to ``server`` (not started yet); return its number.

    Raises:
        OSError: The address is in use or not this host's.

    """
    address = f"{listen_host(host)}:{port}"
    try:
        bound = server.add_secure_port(address, credentials) if credentials else server.add_insecure_port(address)
    except RuntimeError as err:  # what gRPC raises when it cannot bind (older versions returned 0)
        raise OSError(f"cannot listen on {address}: the address is in use or not this host's") from err
    if bound == 0:
        raise OSError(f"cannot listen on {address}")
    return bound


def _after_ready(index: IndexReader, resolver: Resolver, config: ServerConfig) -> None:
    """What a ready server does in the background: read the index file ahead, then keep its warmest name rows."""
    if config.read_ahead:
        read_ahead_in_background(index, config.keep_index_bytes)
    if config.warm_up:
        keep_warm_rows(resolver)


def keep_warm_rows(resolver: Resolver) -> None:
    """Keep the rows of the index's warmest names in ``resolver`` (:meth:`Resolver.warm_up`) and log it.

    Calls are served meanwhile: the rows are read in turns of a few milliseconds. An index
    closed meanwhile (a server stopping) ends it quietly.
    """
    started = time.monotonic()
    try:
        kept = resolver.warm_up()
    except sqlite3.Error as err:
        logger.info("stopped keeping the warmest name rows: %s", err)
        return
    if kept:
        logger.info("kept the rows of the %d warmest names in %.1f s", kept, time.monotonic() - started)
    else:
        logger.info("the index lists no warm names (format 10 lists none): name rows are kept as queries read them")


FULL_COLLECTION_EVERY = 100
"""Collections of the middle generation between two looks at the oldest one (CPython's default is 10)."""

SERVED_MEMO_ENTRIES = 16_384
"""Spellings each matching memo keeps in a server (an index build keeps up to 262,144).

A server meets mostly names it has not seen: over 150,000 distinct names, a word's phonetic
form was found in its memo for 59 % of the calls with no limit at all and for 47 % with this
one, some 0.1 % of the CPU time, while the full-size memos held 35-42 MiB more of the server's
memory (BENCHMARKS.md, eighteenth session).
"""


def prepare_long_run() -> None:
    """Set CPython's cyclic garbage collector for a long-running server, once start-up is done.

    A full collection walks every object the collector tracks and holds every thread meanwhile.
    What start-up made (modules, gRPC, the open index) lives as long as the process, so it is
    frozen out of the collector's reach; and the oldest generation is looked at a tenth as often
    as by default: the resolver's caches hold what the collector stops tracking, and a query
    leaves few reference cycles behind (``bench/pauses.py`` measures both).

    The matching memos keep at most :data:`SERVED_MEMO_ENTRIES` spellings each from then on, and
    the C allocator gives large blocks back to the system when they are freed
    (:func:`~toponym_server.service.allocator.return_large_blocks`).
    """
    limit_memos(SERVED_MEMO_ENTRIES)
    return_large_blocks()
    gc.collect()  # what is garbage now would stay frozen for good
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_COLLECTION_EVERY)


SIGNAL_CHECK_SECONDS = 0.25
"""How often the main thread looks for a SIGTERM or SIGINT the kernel handed to another thread."""


def serve_until_signalled(index: IndexReader, config: ServerConfig) -> None:
    """Serve until SIGTERM or SIGINT, then shut down gracefully and return."""
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    running = start_server(index, config)
    prepare_long_run()
    logger.info(
        "toponym ready on %s:%d (%s%s%s), serving %d places and %d names from %s",
        listen_host(config.host),
        running.port,
        ("mutual TLS" if config.tls.client_ca else "TLS") if config.tls else "plaintext",
        ", bearer token required" if config.auth_tokens else "",
        f"; health checks also on port {running.health_port}" if running.health_port is not None else "",
        index.place_count,
        index.name_count,
        index.path,
    )
    # A signal may land on any thread; its handler runs once the main thread next runs Python code,
    # which a wait with no timeout never does if the signal woke some other thread.
    while not stop.wait(SIGNAL_CHECK_SECONDS):
        pass
    logger.info("shutting down: finishing in-flight calls (up to %.0f s)", config.grace_seconds)
    running.stop(config.grace_seconds)
    logger.info("stopped")
