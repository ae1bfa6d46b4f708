"""Fixtures shared by the whole suite: the embedded default index and an in-process server.

The embedded index is built once and kept in pytest's cache directory, so later runs reuse it
(it is rebuilt only when its inputs, the index format or the matching rules change).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from toponym_client import ToponymClient
from toponym_server.default_index import ensure_embedded_index
from toponym_server.index import IndexReader
from toponym_server.matching import memo
from toponym_server.resolver import Resolver
from toponym_server.service.server import RunningServer, ServerConfig, start_server

TESTS_STORED_ANSWERS = 50_000
"""The names whose answers the tests' embedded index stores: the warmest (see :func:`embedded_index`)."""


@pytest.fixture(scope="session")
def embedded_index(request: pytest.FixtureRequest) -> IndexReader:
    """The embedded default gazetteer's index, built on first use."""
    directory = Path(request.config.cache.mkdir("toponym-index"))
    # The answers of the warmest names are stored, not all of them: the build stays short, and
    # the tests meet both stored and worked-out answers. A change to the rules does not rebuild
    # it: its stored answers are then not read.
    return ensure_embedded_index(
        directory / "embedded.sqlite", progress=False, stored_answers=TESTS_STORED_ANSWERS, refresh_answers=False
    )


@pytest.fixture(scope="session")
def resolver(embedded_index: IndexReader) -> Resolver:
    """An in-process resolver on the embedded index."""
    return Resolver(embedded_index)


@pytest.fixture(scope="session")
def server(embedded_index: IndexReader) -> Iterator[RunningServer]:
    """A gRPC server on an ephemeral loopback port, serving the embedded index."""
    running = start_server(embedded_index, ServerConfig(host="127.0.0.1", port=0, workers=4))
    yield running
    running.stop(grace=1.0)


@pytest.fixture(scope="session")
def target(server: RunningServer) -> str:
    """The address clients use to reach the in-process server."""
    return f"127.0.0.1:{server.port}"


@pytest.fixture()
def client(target: str) -> Iterator[ToponymClient]:
    """A client connected to the in-process server."""
    with ToponymClient(target) as connected:
        yield connected


@pytest.fixture()
def memo_sizes_restored() -> Iterator[None]:
    """Put every matching memo's size back as it was: the sizes are the process's, and pytest's process goes on."""
    sizes = {kept: kept.maxsize for kept in list(memo._MEMOS)}
    try:
        yield
    finally:
        for kept, size in sizes.items():
            kept.limit(size)
