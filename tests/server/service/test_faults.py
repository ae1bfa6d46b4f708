"""A fault inside the resolver is a defined error for that call or item, and never leaks the request."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest

from toponym_client import BatchError, InternalError, ToponymClient
from toponym_server.index import IndexReader
from toponym_server.resolver import Candidate, Query, Resolver
from toponym_server.service.server import ServerConfig, start_server

SECRET = "Qwertzuiop-Secret-Town"


class FaultyResolver(Resolver):
    """Fails on one name, with the name in the exception's text as real bugs often have."""

    def resolve(self, query: Query, context: Any = (), weights: Any = None) -> list[Candidate]:
        if query.name == SECRET:
            raise KeyError(f"no key for {query.name}")
        return super().resolve(query, context, weights)


@pytest.fixture(scope="module")
def faulty_client(embedded_index: IndexReader) -> Iterator[ToponymClient]:
    import toponym_server.service.server as server_module

    original = server_module.Resolver
    server_module.Resolver = FaultyResolver  # type: ignore[misc]
    try:
        running = start_server(embedded_index, ServerConfig(host="127.0.0.1", port=0, workers=2))
    finally:
        server_module.Resolver = original  # type: ignore[misc]
    with ToponymClient(f"127.0.0.1:{running.port}") as client:
        yield client
    running.stop(grace=1.0)


def test_a_fault_is_internal_with_a_generic_message(faulty_client: ToponymClient) -> None:
    with pytest.raises(InternalError) as caught:
        faulty_client.resolve(SECRET)
    assert SECRET not in str(caught.value)
    assert "Traceback" not in str(caught.value)
    assert faulty_client.resolve("Hama")[0].geoname_id == 170017


def test_a_fault_fails_only_its_batch_item(faulty_client: ToponymClient) -> None:
    with pytest.raises(BatchError) as caught:
        faulty_client.resolve_batch(["Hama", SECRET, "Homs"], context=True)
    outcomes = caught.value.results
    assert isinstance(outcomes[1], InternalError)
    assert outcomes[0][0].geoname_id == 170017  # type: ignore[index]
    assert outcomes[2][0].geoname_id == 169577  # type: ignore[index]


def test_a_fault_fails_only_its_stream_item(faulty_client: ToponymClient) -> None:
    outcomes = [outcome for _, outcome in faulty_client.stream_resolve(["Hama", SECRET, "Homs"])]
    assert isinstance(outcomes[1], InternalError)
    assert outcomes[2][0].geoname_id == 169577  # type: ignore[index]


def test_requests_never_reach_the_log_and_fault_texts_only_at_debug_level(
    faulty_client: ToponymClient, client: ToponymClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    client.resolve("Hama-Unlogged-Name", min_confidence=0.0001)
    with pytest.raises(InternalError):
        faulty_client.resolve(SECRET)
    assert "Resolve failed: KeyError" in caplog.text  # the fault is logged, by kind and place
    above_debug = [r for r in caplog.records if r.levelno > logging.DEBUG]
    logged = "\n".join(r.getMessage() + str(r.exc_info and r.exc_info[1]) for r in above_debug)
    assert "Hama-Unlogged-Name" not in caplog.text
    assert SECRET not in logged
