"""``toponym serve`` as operators run it: shutdown under load, restarts, refused index files, security flags."""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from toponym_client import ToponymClient, ToponymError, UnauthenticatedError, tls_credentials
from toponym_client._proto.toponym.v1 import toponym_pb2 as pb
from toponym_client._proto.toponym.v1 import toponym_pb2_grpc as pb_grpc
from toponym_server.index import IndexReader

from .serve_process import ServeProcess, free_port
from .service.certs import issue, make_ca
from .smaps import mappings_of

HAMA = 170017
NAMES = ["Hama", "Homs", "Aleppo", "Hasakeh", "Kobanî", "الرقة", "Damascus", "Idlib"]


@pytest.fixture()
def serve(embedded_index: IndexReader) -> Iterator[list[ServeProcess]]:
    """Start servers with ``ServeProcess``; any still running at the end are killed."""
    started: list[ServeProcess] = []
    yield started
    for process in started:
        process.kill()


def _wait_until(condition: Callable[[], bool], timeout: float = 60) -> None:
    """Poll ``condition`` until it holds; fail after ``timeout`` seconds rather than hang."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.01)


def _fresh_channel(port: int) -> grpc.Channel:
    """A channel with its own connection, without retries, so that it sees what a new caller sees."""
    return grpc.insecure_channel(
        f"127.0.0.1:{port}", options=[("grpc.use_local_subchannel_pool", 1), ("grpc.enable_retries", 0)]
    )


def _load(port: int, stop: threading.Event, outcomes: list[str]) -> None:
    """Call until told to stop, recording each outcome's status name."""
    with ToponymClient(f"127.0.0.1:{port}", wait_for_ready=False, options=[("grpc.enable_retries", 0)]) as client:
        while not stop.is_set():
            try:
                client.resolve_batch(NAMES)
                outcomes.append("OK")
            except ToponymError as err:
                outcomes.append(err.code.name)


def _terminate_during_a_stream(server: ServeProcess, port: int, outcomes: list[str]) -> list[pb.StreamResolveResponse]:
    """Send SIGTERM while a stream is open; check new calls are refused; return the stream's later answers."""
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        more = threading.Semaphore(0)

        def stream_requests() -> Iterator[pb.StreamResolveRequest]:
            for i in range(30):
                more.acquire()
                yield pb.StreamResolveRequest(request_id=str(i), request=pb.ResolveRequest(name=NAMES[i % 8]))

        responses = pb_grpc.ToponymServiceStub(channel).StreamResolve(stream_requests(), timeout=60)
        more.release()
        assert next(responses).result.status_code == 0  # the stream is in flight on the server
        _wait_until(lambda: len(outcomes) >= 5)
        server.terminate()

        # New calls are refused with UNAVAILABLE while the in-flight stream is still open. A call
        # that reaches the server as it stops may be answered, or CANCELLED by gRPC Python's
        # server (grpc issue 41785, as for the load below); both are tried again.
        deadline = time.monotonic() + 30
        seen: list[grpc.StatusCode] = []
        while grpc.StatusCode.UNAVAILABLE not in seen and time.monotonic() < deadline:
            with _fresh_channel(port) as fresh:
                try:
                    pb_grpc.ToponymServiceStub(fresh).Resolve(pb.ResolveRequest(name="Hama"), timeout=5)
                except grpc.RpcError as err:
                    seen.append(err.code())  # type: ignore[attr-defined]
        assert grpc.StatusCode.UNAVAILABLE in seen, seen
        assert set(seen) <= {grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.CANCELLED}, seen

        # The in-flight stream goes on to its end.
        for _ in range(29):
            more.release()
        return list(responses)


def test_sigterm_under_load_finishes_in_flight_calls_refuses_new_ones_and_exits_zero(
    embedded_index: IndexReader, serve: list[ServeProcess]
) -> None:
    server = ServeProcess(embedded_index.path, "--workers", "4")
    serve.append(server)
    port = server.wait_ready()
    stop, outcomes = threading.Event(), list[str]()
    # Daemon threads, stopped in `finally`: a failed assertion must not leave them calling forever.
    loaders = [threading.Thread(target=_load, args=(port, stop, outcomes), daemon=True) for _ in range(3)]
    for thread in loaders:
        thread.start()
    try:
        answers = _terminate_during_a_stream(server, port, outcomes)
    finally:
        stop.set()
        for thread in loaders:
            thread.join(timeout=30)
    assert [a.request_id for a in answers] == [str(i) for i in range(1, 30)]
    assert all(a.result.status_code == 0 and a.result.candidates for a in answers)
    assert server.wait(timeout=30) == 0, server.log
    assert "finishing in-flight calls" in server.log and "stopped" in server.log
    # Load callers run without retries to see raw statuses: a call that reached the server as it
    # stopped is refused UNAVAILABLE, or CANCELLED by gRPC Python's server (grpc issue 41785;
    # the client's retry policy retries both). Nothing else.
    assert set(outcomes) <= {"OK", "UNAVAILABLE", "CANCELLED"}, set(outcomes)
    assert outcomes.count("OK") >= 5


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux's /proc and tgkill")
def test_a_sigterm_the_kernel_hands_to_another_thread_still_stops_the_server(
    embedded_index: IndexReader, serve: list[ServeProcess]
) -> None:
    # A signal sent to a process goes to whichever of its threads the kernel picks: the main one
    # as a rule, any other now and then (a CI run once waited 30 s for a server that never stopped).
    server = ServeProcess(embedded_index.path, "--no-warm-up", "--no-read-ahead")
    serve.append(server)
    port = server.wait_ready()
    with ToponymClient(f"127.0.0.1:{port}") as client:
        assert client.resolve("Hama", country="SY")[0].geoname_id == HAMA
    server.terminate_thread(server.other_thread_ids()[0])
    assert server.wait(timeout=30) == 0
    assert "finishing in-flight calls" in server.log and "stopped" in server.log


def test_serve_answers_health_checks_on_the_health_port_it_logs(
    embedded_index: IndexReader, serve: list[ServeProcess]
) -> None:
    health_port = free_port()
    server = ServeProcess(
        embedded_index.path, "--no-warm-up", "--no-read-ahead", env={"TOPONYM_HEALTH_PORT": str(health_port)}
    )
    serve.append(server)
    server.wait_ready()
    assert f"health checks also on port {health_port}" in server.log
    with _fresh_channel(health_port) as channel:
        response = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=10)
    assert response.status == health_pb2.HealthCheckResponse.SERVING
    server.terminate()
    assert server.wait(timeout=30) == 0


def test_the_client_retries_across_a_restart_without_its_caller_seeing_an_error(
    embedded_index: IndexReader, serve: list[ServeProcess]
) -> None:
    port = free_port()
    first = ServeProcess(embedded_index.path, port=port)
    serve.append(first)
    first.wait_ready()
    stop, errors, answered = threading.Event(), list[BaseException](), list[int]()

    def caller() -> None:
        with ToponymClient(f"127.0.0.1:{port}", timeout=60) as client:
            while not stop.is_set():
                try:
                    answered.append(client.resolve("Hama")[0].geoname_id)
                    answered.extend(c[0].geoname_id for c in client.resolve_batch(["Hama", "Homs"]))
                except Exception as err:  # any error the caller would see fails the test
                    errors.append(err)

    callers = [threading.Thread(target=caller, daemon=True) for _ in range(2)]
    for thread in callers:
        thread.start()
    try:
        _wait_until(lambda: len(answered) >= 10 or bool(errors))
        first.terminate()
        assert first.wait(timeout=30) == 0
        during = len(answered)
        time.sleep(3)  # down for longer than the retry policy's backoff alone would cover (about 1.5 s)
        second = ServeProcess(embedded_index.path, port=port)
        serve.append(second)
        second.wait_ready()
        _wait_until(lambda: len(answered) >= during + 10 or bool(errors))
    finally:
        stop.set()  # a failed step must not leave the callers calling
        for thread in callers:
            thread.join(timeout=60)
    second.terminate()
    assert second.wait(timeout=30) == 0
    assert errors == []
    assert set(answered) == {HAMA, 169577}


def _truncated(index: Path, directory: Path) -> Path:
    path = directory / "truncated.sqlite"
    with index.open("rb") as source, path.open("wb") as target:
        target.write(source.read(1 << 20))
    return path


def _foreign(index: Path, directory: Path) -> Path:
    path = directory / "foreign.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda index, directory: directory / "missing.sqlite", "does not exist"),
        (_truncated, "is damaged or not a toponym index"),
        (_foreign, "is not a toponym index file"),
        (lambda index, directory: shutil.copy(__file__, directory / "text.sqlite"), "damaged or not a toponym index"),
    ],
    ids=["missing", "truncated", "foreign", "not-sqlite"],
)
def test_an_unusable_index_stops_the_start_with_a_clear_message(
    embedded_index: IndexReader, tmp_path: Path, make: object, message: str
) -> None:
    path = make(embedded_index.path, tmp_path)  # type: ignore[operator]
    server = ServeProcess(Path(path))
    try:
        assert server.wait(timeout=60) == 2
    finally:
        server.kill()
    assert message in server.log
    assert "ready on" not in server.log and "Traceback" not in server.log


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--tls-cert", "cert.pem"], "TLS needs both --tls-cert and --tls-key"),
        (["--tls-client-ca", "ca.pem"], "--tls-client-ca needs --tls-cert and --tls-key"),
        (["--tls-cert", "missing.pem", "--tls-key", "missing.key"], "cannot read the TLS certificate missing.pem"),
        (["--auth-token-file", "empty.txt"], "holds no token"),
        (["--max-batch-size", "0"], "must be at least 1"),
        (["--kept-name-rows", "0"], "must be at least 1"),
        (["--keep-index-mib", "-1"], "must be at least 0"),
        (["--answers-kept", "-1"], "must be at least 0"),
    ],
)
def test_unusable_settings_stop_the_start(
    embedded_index: IndexReader, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty.txt").write_text("# no token yet\n\n")
    server = ServeProcess(embedded_index.path, *args)
    try:
        assert server.wait(timeout=60) == 2
    finally:
        server.kill()
    assert message in server.log
    assert "ready on" not in server.log and "Traceback" not in server.log


def test_tls_and_a_token_from_the_environment(
    embedded_index: IndexReader, tmp_path: Path, serve: list[ServeProcess]
) -> None:
    ca = make_ca(tmp_path, "ca")
    cert = issue(tmp_path, "server", ca, server=True)
    server = ServeProcess(
        embedded_index.path,
        env={"TOPONYM_TLS_CERT": str(cert.cert), "TOPONYM_TLS_KEY": str(cert.key), "TOPONYM_AUTH_TOKEN": "tok-1"},
    )
    serve.append(server)
    port = server.wait_ready()
    assert "(TLS, bearer token required)" in server.log
    credentials = tls_credentials(ca[0].cert)
    with ToponymClient(f"localhost:{port}", credentials=credentials, token="tok-1") as client:
        assert client.resolve("Hama")[0].geoname_id == HAMA
    with ToponymClient(f"localhost:{port}", credentials=credentials) as client, pytest.raises(UnauthenticatedError):
        client.resolve("Hama")
    with grpc.secure_channel(f"localhost:{port}", credentials) as channel:
        health = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=5)
    assert health.status == health_pb2.HealthCheckResponse.SERVING
    server.terminate()
    assert server.wait(timeout=30) == 0
    assert "tok-1" not in server.log


def _older_format(index: Path, directory: Path) -> Path:
    path = directory / "older.sqlite"
    shutil.copy(index, path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'format_version'")
    conn.close()
    return path


def _bit_flipped(index: Path, directory: Path) -> Path:
    path = directory / "flipped.sqlite"
    shutil.copy(index, path)
    with path.open("r+b") as handle:
        handle.seek(path.stat().st_size // 2)
        byte = handle.read(1)
        handle.seek(-1, 1)
        handle.write(bytes([byte[0] ^ 0x10]))
    return path


@pytest.mark.parametrize(
    ("make", "args", "message"),
    [
        (_older_format, [], "has index format 1, this server reads format"),
        (_bit_flipped, ["--verify-index"], "is damaged (its checksum does not match)"),
    ],
    ids=["older-format", "damaged-page"],
)
def test_an_outdated_or_damaged_index_is_refused_at_start(
    embedded_index: IndexReader, tmp_path: Path, make: object, args: list[str], message: str
) -> None:
    server = ServeProcess(make(embedded_index.path, tmp_path), *args)  # type: ignore[operator]
    try:
        assert server.wait(timeout=120) == 2
    finally:
        server.kill()
    assert message in server.log
    assert "ready on" not in server.log and "Traceback" not in server.log


def test_once_ready_the_server_reads_its_index_file_ahead_unless_told_not_to(
    embedded_index: IndexReader, serve: list[ServeProcess]
) -> None:
    server = ServeProcess(embedded_index.path)
    quiet = ServeProcess(embedded_index.path, "--no-read-ahead")
    serve.extend((server, quiet))
    port = server.wait_ready()
    quiet_port = quiet.wait_ready()
    _wait_until(lambda: "read the index file ahead (" in server.log)
    size_mib = embedded_index.path.stat().st_size >> 20
    assert f"({size_mib} MiB)" in server.log
    for target in (port, quiet_port):
        with ToponymClient(f"127.0.0.1:{target}") as client:
            assert client.resolve("Hama", country="SY")[0].geoname_id == HAMA
    if Path("/proc/self/smaps").exists():  # the pages are kept: mapped once, every one resident
        ((size, resident),) = mappings_of(server.process.pid, embedded_index.path)
        assert size * 1024 >= embedded_index.path.stat().st_size and resident == size
        assert mappings_of(quiet.process.pid, embedded_index.path) == []
    quiet.terminate()
    assert quiet.wait(timeout=30) == 0
    assert "ahead" not in quiet.log


def test_once_ready_the_server_keeps_the_warmest_name_rows_unless_told_not_to(
    embedded_index: IndexReader, serve: list[ServeProcess]
) -> None:
    server = ServeProcess(embedded_index.path, "--kept-name-rows", "5000", "--no-read-ahead")
    cold = ServeProcess(embedded_index.path, "--no-warm-up", "--no-read-ahead")
    serve.extend((server, cold))
    server.wait_ready()
    cold_port = cold.wait_ready()
    _wait_until(lambda: "kept the rows of the 5000 warmest names" in server.log)
    with ToponymClient(f"127.0.0.1:{cold_port}") as client:
        assert client.resolve("Hama", country="SY")[0].geoname_id == HAMA
    cold.terminate()
    assert cold.wait(timeout=30) == 0
    assert "warmest" not in cold.log
