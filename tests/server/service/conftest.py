"""Helpers for the service tests: raw calls that bypass the client, and a server with tight limits."""

from __future__ import annotations

from collections.abc import Iterator

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from toponym_server.index import IndexReader
from toponym_server.service.limits import Limits
from toponym_server.service.server import ServerConfig, start_server

SERVICE = "/toponym.v1.ToponymService/"
TIGHT = Limits(max_name_length=12, max_batch_size=3, max_message_bytes=2048)


def raw_unary(channel: grpc.Channel, method: str, payload: bytes, timeout: float = 10) -> bytes:
    """Send ``payload`` as the request bytes of a unary method; return the response bytes."""
    call = channel.unary_unary(SERVICE + method)
    response: bytes = call(payload, timeout=timeout)
    return response


def raw_stream(channel: grpc.Channel, payloads: list[bytes], timeout: float = 10) -> list[bytes]:
    """Send ``payloads`` as StreamResolve messages; return every response's bytes."""
    call = channel.stream_stream(SERVICE + "StreamResolve")
    return list(call(iter(payloads), timeout=timeout))


def field_violations(err: grpc.RpcError) -> list[tuple[str, str]]:
    """The BadRequest field violations of a failed call, as (field, description) pairs."""
    status = rpc_status.from_call(err)  # type: ignore[arg-type]
    assert status is not None, "the error carries no google.rpc.Status"
    found = []
    for detail in status.details:
        bad_request = error_details_pb2.BadRequest()
        assert detail.Unpack(bad_request)
        found.extend((v.field, v.description) for v in bad_request.field_violations)
    return found


@pytest.fixture(scope="module")
def tight_target(embedded_index: IndexReader) -> Iterator[str]:
    """A server whose limits are set low: names of 12 characters, batches of 3, messages of 2 KiB."""
    running = start_server(embedded_index, ServerConfig(host="127.0.0.1", port=0, workers=2, limits=TIGHT))
    yield f"127.0.0.1:{running.port}"
    running.stop(grace=1.0)
