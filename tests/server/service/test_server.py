"""The server as ``start_server`` builds it: the resolver it serves, the collector and the memos once ready."""

from __future__ import annotations

import gc
import logging
import shutil
import socket
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from toponym_server.index import IndexReader, open_index
from toponym_server.matching.normalize import spelling
from toponym_server.resolver import Query, Resolver
from toponym_server.service import server as server_module
from toponym_server.service.server import (
    FULL_COLLECTION_EVERY,
    SERVED_MEMO_ENTRIES,
    ServerConfig,
    listen_host,
    prepare_long_run,
    start_server,
)
from toponym_server.service.servicer import ToponymServicer


@pytest.fixture()
def index_path_copy(embedded_index: IndexReader, tmp_path: Path) -> Path:
    """A copy of the embedded index file, for a reader of the test's own."""
    copy = tmp_path / "embedded.sqlite"
    shutil.copyfile(embedded_index.path, copy)
    return copy


@pytest.fixture()
def served_resolvers(monkeypatch: pytest.MonkeyPatch) -> list[Resolver]:
    """The resolvers that ``start_server`` makes during the test, as it makes them."""
    built: list[Resolver] = []

    def recording(*args: Any, **kwargs: Any) -> Resolver:
        built.append(Resolver(*args, **kwargs))
        return built[-1]

    monkeypatch.setattr(server_module, "Resolver", recording)
    return built


@pytest.fixture()
def collector_restored() -> Iterator[None]:
    """Put the collector back as it was: the settings are the process's, and pytest's process goes on."""
    thresholds = gc.get_threshold()
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)


@pytest.mark.usefixtures("collector_restored", "memo_sizes_restored")
def test_what_start_up_made_is_frozen_and_full_collections_are_rarer() -> None:
    young, middle, _ = gc.get_threshold()
    made_at_start = object.__new__(type("MadeAtStart", (), {}))
    assert gc.is_tracked(made_at_start)
    prepare_long_run()
    assert gc.get_freeze_count() > 0
    assert not any(o is made_at_start for o in gc.get_objects())  # out of every generation's reach
    assert gc.get_threshold() == (young, middle, FULL_COLLECTION_EVERY)


@pytest.mark.usefixtures("collector_restored", "memo_sizes_restored")
def test_a_long_running_server_keeps_fewer_spellings_than_a_build() -> None:
    assert spelling.maxsize > SERVED_MEMO_ENTRIES
    prepare_long_run()
    assert spelling.maxsize == SERVED_MEMO_ENTRIES


@pytest.mark.usefixtures("collector_restored", "memo_sizes_restored")
def test_a_long_running_server_gives_large_blocks_back_to_the_system(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(server_module, "return_large_blocks", lambda: calls.append(1) or True)
    prepare_long_run()
    assert calls == [1]


def test_the_served_resolver_keeps_as_many_name_rows_as_configured(
    embedded_index: IndexReader, served_resolvers: list[Resolver]
) -> None:
    running = start_server(embedded_index, ServerConfig(port=0, workers=1, read_ahead=False, kept_name_rows=20))
    running.stop(grace=0)
    (resolver,) = served_resolvers
    resolver.resolve(Query("Kawaguchy"))  # a misspelling: over a hundred name rows
    assert 0 < len(resolver._name_rows) <= 20


@pytest.mark.parametrize("answers_kept", [0, 3])
def test_the_served_resolver_and_service_keep_as_many_answers_as_configured(
    embedded_index: IndexReader, monkeypatch: pytest.MonkeyPatch, served_resolvers: list[Resolver], answers_kept: int
) -> None:
    services: list[ToponymServicer] = []

    def recording_service(*args: Any, **kwargs: Any) -> ToponymServicer:
        services.append(ToponymServicer(*args, **kwargs))
        return services[-1]

    monkeypatch.setattr(server_module, "ToponymServicer", recording_service)
    config = ServerConfig(port=0, workers=1, read_ahead=False, answers_kept=answers_kept)
    running = start_server(embedded_index, config)
    running.stop(grace=0)
    (resolver,) = served_resolvers
    for name in ("Aleppo", "Homs", "Hama", "Idlib", "Raqqa"):
        resolver.resolve(Query(name))
    assert len(resolver._answers) == answers_kept
    (service,) = services
    assert service._results.size == answers_kept  # encoded results of repeated batch items


@pytest.mark.parametrize("warm_up", [True, False])
def test_a_ready_server_keeps_the_warmest_name_rows_if_configured(
    embedded_index: IndexReader,
    monkeypatch: pytest.MonkeyPatch,
    served_resolvers: list[Resolver],
    caplog: pytest.LogCaptureFixture,
    warm_up: bool,
) -> None:
    warmed = threading.Event()
    keep = server_module.keep_warm_rows
    monkeypatch.setattr(server_module, "keep_warm_rows", lambda resolver: (keep(resolver), warmed.set()))
    config = ServerConfig(port=0, workers=1, read_ahead=False, kept_name_rows=1_000, warm_up=warm_up)
    with caplog.at_level(logging.INFO, logger="toponym_server.service.server"):
        running = start_server(embedded_index, config)
        try:
            if warm_up:
                assert warmed.wait(timeout=30)
        finally:
            running.stop(grace=0)
    (resolver,) = served_resolvers
    assert len(resolver._name_rows) == (1_000 if warm_up else 0)
    assert ("kept the rows of the 1000 warmest names" in caplog.text) is warm_up


def test_a_warm_up_cut_short_by_a_closed_index_ends_quietly(
    index_path_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    index = open_index(index_path_copy)
    resolver = Resolver(index)
    index.close()
    with caplog.at_level(logging.INFO, logger="toponym_server.service.server"):
        server_module.keep_warm_rows(resolver)
    assert "stopped keeping the warmest name rows" in caplog.text


def test_a_format_10_index_is_served_without_a_warm_up(index_path_copy: Path, caplog: pytest.LogCaptureFixture) -> None:
    conn = sqlite3.connect(index_path_copy)
    conn.execute("UPDATE meta SET value = '10' WHERE key = 'format_version'")
    conn.execute("DROP TABLE warm_names")
    conn.commit()
    conn.close()
    index = open_index(index_path_copy)
    try:
        resolver = Resolver(index)
        with caplog.at_level(logging.INFO, logger="toponym_server.service.server"):
            server_module.keep_warm_rows(resolver)
        assert "the index lists no warm names" in caplog.text
        assert len(resolver._name_rows) == 0
        assert resolver.resolve(Query("Aleppo"))[0].place.geoname_id == 170063
    finally:
        index.close()


def test_a_second_server_cannot_listen_on_a_port_in_use(embedded_index: IndexReader) -> None:
    first = start_server(embedded_index, ServerConfig(host="127.0.0.1", port=0, read_ahead=False, warm_up=False))
    try:
        with pytest.raises(OSError, match="cannot listen"):
            start_server(
                embedded_index, ServerConfig(host="127.0.0.1", port=first.port, read_ahead=False, warm_up=False)
            )
    finally:
        first.stop(grace=0)


@pytest.mark.parametrize(
    ("host", "address"),
    [("::", "[::]"), ("::1", "[::1]"), ("[::1]", "[::1]"), ("127.0.0.1", "127.0.0.1"), ("localhost", "localhost")],
)
def test_an_ipv6_host_is_given_to_grpc_in_brackets(host: str, address: str) -> None:
    # '::' was refused as "in use or not this host's", and '::1' read as [::0.1.0.0]:443.
    assert listen_host(host) == address


def test_a_server_listens_on_the_ipv6_loopback_as_written(embedded_index: IndexReader) -> None:
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
    except OSError:
        pytest.skip("no IPv6 loopback here")
    running = start_server(embedded_index, ServerConfig(host="::1", port=0, read_ahead=False, warm_up=False))
    try:
        assert running.port > 0
    finally:
        running.stop(grace=0)
