"""Open streams never take every worker thread: past their bound, one more is refused and other calls go on."""

from __future__ import annotations

from collections.abc import Iterator

import grpc
import pytest

from toponym_client._proto.toponym.v1 import toponym_pb2 as pb
from toponym_client._proto.toponym.v1 import toponym_pb2_grpc as pb_grpc
from toponym_server.index import IndexReader
from toponym_server.service.server import RunningServer, ServerConfig, start_server

from .test_health_port import _check, _OpenStream

SERVING = 1


@pytest.fixture()
def four_workers(embedded_index: IndexReader) -> Iterator[RunningServer]:
    """A server of four worker threads: at most two streams open at once, by default."""
    config = ServerConfig(host="127.0.0.1", port=0, workers=4, read_ahead=False, warm_up=False)
    running = start_server(embedded_index, config)
    yield running
    running.stop(grace=0)


def _resolve(port: int, name: str, timeout: float) -> int:
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        response = pb_grpc.ToponymServiceStub(channel).Resolve(pb.ResolveRequest(name=name), timeout=timeout)
    return int(response.candidates[0].place.geoname_id)


def test_streams_open_past_their_bound_are_refused_and_other_calls_go_on(four_workers: RunningServer) -> None:
    # Before, four idle streams (a pipeline waiting for its next names) took the four threads,
    # and every other call, a health check among them, waited until one ended.
    port = four_workers.port
    streams = [_OpenStream(port), _OpenStream(port)]
    try:
        with pytest.raises(grpc.RpcError) as refused:
            _OpenStream(port)
        assert refused.value.code() is grpc.StatusCode.RESOURCE_EXHAUSTED
        assert "2 streams open" in str(refused.value.details())
        assert _resolve(port, "Aleppo", timeout=5) == 170063
        assert _check(port, timeout=5) == SERVING
    finally:
        for stream in streams:
            stream.close()
    another = _OpenStream(port)  # a stream that ended gave its place back
    another.close()


def test_the_bound_on_open_streams_can_be_set(embedded_index: IndexReader) -> None:
    config = ServerConfig(host="127.0.0.1", port=0, workers=4, max_open_streams=3, read_ahead=False, warm_up=False)
    running = start_server(embedded_index, config)
    try:
        streams = [_OpenStream(running.port) for _ in range(3)]
        with pytest.raises(grpc.RpcError) as refused:
            _OpenStream(running.port)
        assert refused.value.code() is grpc.StatusCode.RESOURCE_EXHAUSTED
        for stream in streams:
            stream.close()
    finally:
        running.stop(grace=0)
