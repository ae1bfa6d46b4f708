"""Health checks on a port of their own: answered while every worker thread is busy, and through a shutdown."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from toponym_client._proto.toponym.v1 import toponym_pb2 as pb
from toponym_client._proto.toponym.v1 import toponym_pb2_grpc as pb_grpc
from toponym_server.index import IndexReader
from toponym_server.service.server import RunningServer, ServerConfig, start_server

SERVING = health_pb2.HealthCheckResponse.SERVING
NOT_SERVING = health_pb2.HealthCheckResponse.NOT_SERVING


def _check(port: int, timeout: float) -> int | str:
    """One health check, as a probe makes it on a new connection: the status, or the error's code name."""
    options = [("grpc.use_local_subchannel_pool", 1), ("grpc.enable_retries", 0)]
    with grpc.insecure_channel(f"127.0.0.1:{port}", options=options) as channel:
        try:
            response = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=timeout)
        except grpc.RpcError as err:
            return str(err.code().name)
    return int(response.status)


def _wait_until(condition: Callable[[], bool], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.01)


@pytest.fixture()
def one_worker(embedded_index: IndexReader) -> Iterator[RunningServer]:
    """A server with a single worker thread and a health port."""
    config = ServerConfig(host="127.0.0.1", port=0, workers=1, health_port=0, read_ahead=False, warm_up=False)
    running = start_server(embedded_index, config)
    yield running
    running.stop(grace=0)


class _OpenStream:
    """A ``StreamResolve`` call held open: it keeps one worker thread of the server until :meth:`close`."""

    def __init__(self, port: int) -> None:
        self._channel = grpc.insecure_channel(f"127.0.0.1:{port}")
        self._more = threading.Event()
        self._responses = pb_grpc.ToponymServiceStub(self._channel).StreamResolve(self._requests(), timeout=60)
        assert next(self._responses).result.status_code == 0  # the stream is in flight on the server

    def _requests(self) -> Iterator[pb.StreamResolveRequest]:
        yield pb.StreamResolveRequest(request_id="1", request=pb.ResolveRequest(name="Aleppo"))
        self._more.wait()

    def close(self) -> None:
        self._more.set()
        list(self._responses)
        self._channel.close()


def test_the_health_port_answers_while_every_worker_is_busy(one_worker: RunningServer) -> None:
    assert one_worker.health_port is not None and one_worker.health_port != one_worker.port
    stream = _OpenStream(one_worker.port)
    try:
        # On the main port the check waits for the only worker, as a probe with a short timeout sees.
        assert _check(one_worker.port, timeout=0.5) == "DEADLINE_EXCEEDED"
        assert _check(one_worker.health_port, timeout=5) == SERVING
    finally:
        stream.close()
    assert _check(one_worker.port, timeout=5) == SERVING


def test_the_health_port_says_not_serving_during_a_shutdown_and_closes_after(one_worker: RunningServer) -> None:
    assert one_worker.health_port is not None
    stream = _OpenStream(one_worker.port)
    stopping = threading.Thread(target=one_worker.stop, kwargs={"grace": 30})
    stopping.start()
    try:
        _wait_until(lambda: _check(one_worker.health_port or 0, timeout=5) == NOT_SERVING)
    finally:
        stream.close()
        stopping.join(timeout=30)
    assert not stopping.is_alive()
    assert _check(one_worker.health_port, timeout=2) == "UNAVAILABLE"


def test_a_server_without_a_health_port_has_none(embedded_index: IndexReader) -> None:
    running = start_server(embedded_index, ServerConfig(host="127.0.0.1", port=0, read_ahead=False, warm_up=False))
    try:
        assert running.health_port is None and running.health_server is None
    finally:
        running.stop(grace=0)


@pytest.mark.parametrize("taken", ["health", "main"])
def test_a_port_in_use_stops_the_start_and_lets_go_of_the_other(embedded_index: IndexReader, taken: str) -> None:
    with socket.socket() as in_use, socket.socket() as free:
        in_use.bind(("127.0.0.1", 0))
        in_use.listen()
        free.bind(("127.0.0.1", 0))
        in_use_port, free_port = in_use.getsockname()[1], free.getsockname()[1]
        free.close()
        main_port, health_port = (free_port, in_use_port) if taken == "health" else (in_use_port, free_port)
        config = ServerConfig(
            host="127.0.0.1", port=main_port, health_port=health_port, read_ahead=False, warm_up=False
        )
        with pytest.raises(OSError, match="cannot listen"):
            start_server(embedded_index, config)
    with socket.socket() as again:
        again.bind(("127.0.0.1", free_port))  # the port the failed start bound is free again
