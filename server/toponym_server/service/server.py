"""Run the gRPC server: the toponym service, health checking and reflection, with a clean shutdown."""

from __future__ import annotations

import logging
import signal
import threading
from concurrent import futures
from dataclasses import dataclass

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from toponym_client._proto.toponym.v1 import toponym_pb2 as pb
from toponym_client._proto.toponym.v1 import toponym_pb2_grpc as pb_grpc
from toponym_server.index.reader import IndexReader
from toponym_server.resolver import Resolver
from toponym_server.service.servicer import ToponymServicer

logger = logging.getLogger(__name__)
SERVICE_NAME = pb.DESCRIPTOR.services_by_name["ToponymService"].full_name
MAX_MESSAGE_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ServerConfig:
    """How to serve: address and concurrency."""

    host: str = "127.0.0.1"
    port: int = 50051
    workers: int = 8
    grace_seconds: float = 10.0


class RunningServer:
    """A started gRPC server with its health service; stop it with :meth:`stop`."""

    def __init__(self, server: grpc.Server, health_servicer: health.HealthServicer, port: int) -> None:
        self.server = server
        self.health = health_servicer
        self.port = port

    def stop(self, grace: float | None = 10.0) -> None:
        """Report NOT_SERVING, refuse new calls, let in-flight calls finish within ``grace`` seconds."""
        self.health.enter_graceful_shutdown()
        self.server.stop(grace).wait()


def start_server(index: IndexReader, config: ServerConfig) -> RunningServer:
    """Start serving ``index`` on ``config.host:config.port`` (port 0 picks a free port)."""
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=config.workers, thread_name_prefix="toponym"),
        options=[
            ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
            ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
        ],
    )
    pb_grpc.add_ToponymServiceServicer_to_server(ToponymServicer(Resolver(index)), server)
    health_servicer = health.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    reflection.enable_server_reflection(
        (SERVICE_NAME, health_pb2.DESCRIPTOR.services_by_name["Health"].full_name, reflection.SERVICE_NAME),
        server,
    )
    port = server.add_insecure_port(f"{config.host}:{config.port}")
    if port == 0:
        raise OSError(f"cannot listen on {config.host}:{config.port}")
    server.start()
    for service in ("", SERVICE_NAME):
        health_servicer.set(service, health_pb2.HealthCheckResponse.SERVING)
    return RunningServer(server, health_servicer, port)


def serve_until_signalled(index: IndexReader, config: ServerConfig) -> None:
    """Serve until SIGTERM or SIGINT, then shut down gracefully and return."""
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    running = start_server(index, config)
    logger.info(
        "toponym ready on %s:%d, serving %d places and %d names from %s",
        config.host,
        running.port,
        index.place_count,
        index.name_count,
        index.path,
    )
    stop.wait()
    logger.info("shutting down: finishing in-flight calls (up to %.0f s)", config.grace_seconds)
    running.stop(config.grace_seconds)
    logger.info("stopped")
