"""TLS, mutual TLS, bearer tokens and connection limits, against real servers on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from toponym_client import AsyncToponymClient, ToponymClient, ToponymError, UnauthenticatedError, tls_credentials
from toponym_client._proto.toponym.v1 import toponym_pb2 as pb
from toponym_client._proto.toponym.v1 import toponym_pb2_grpc as pb_grpc
from toponym_server.index import IndexReader
from toponym_server.service.limits import Limits
from toponym_server.service.security import SecurityConfigError, TlsFiles
from toponym_server.service.server import RunningServer, ServerConfig, start_server

from .certs import Issued, issue, make_ca

HAMA = 170017
TOKEN = "s3cret-token_1"


@dataclass(frozen=True)
class Pki:
    ca: Issued
    server: Issued
    client: Issued
    rogue_client: Issued


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    directory = tmp_path_factory.mktemp("pki")
    ca = make_ca(directory, "toponym-test")
    rogue_ca = make_ca(directory, "rogue")
    return Pki(
        ca=ca[0],
        server=issue(directory, "server", ca, server=True),
        client=issue(directory, "client", ca, server=False),
        rogue_client=issue(directory, "rogue-client", rogue_ca, server=False),
    )


def _serve(index: IndexReader, **settings: object) -> RunningServer:
    return start_server(index, ServerConfig(host="127.0.0.1", port=0, workers=2, **settings))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def tls_server(embedded_index: IndexReader, pki: Pki) -> Iterator[RunningServer]:
    running = _serve(embedded_index, tls=TlsFiles(pki.server.cert, pki.server.key))
    yield running
    running.stop(grace=1.0)


@pytest.fixture(scope="module")
def mtls_server(embedded_index: IndexReader, pki: Pki) -> Iterator[RunningServer]:
    running = _serve(embedded_index, tls=TlsFiles(pki.server.cert, pki.server.key, client_ca=pki.ca.cert))
    yield running
    running.stop(grace=1.0)


@pytest.fixture(scope="module")
def token_server(embedded_index: IndexReader) -> Iterator[RunningServer]:
    running = _serve(embedded_index, auth_tokens=frozenset({TOKEN, "older-token"}))
    yield running
    running.stop(grace=1.0)


def _fails(client: ToponymClient) -> ToponymError:
    with pytest.raises(ToponymError) as caught:
        client.resolve("Hama")
    return caught.value


# -- TLS and mutual TLS ---------------------------------------------------------


def test_tls_serves_a_client_that_trusts_its_ca(tls_server: RunningServer, pki: Pki) -> None:
    with ToponymClient(f"localhost:{tls_server.port}", credentials=tls_credentials(pki.ca.cert)) as client:
        assert client.resolve("Hama")[0].geoname_id == HAMA


def test_tls_refuses_plaintext_and_untrusting_clients(tls_server: RunningServer, pki: Pki) -> None:
    target = f"localhost:{tls_server.port}"
    with ToponymClient(target, timeout=2, wait_for_ready=False) as plaintext:
        assert _fails(plaintext).code is grpc.StatusCode.UNAVAILABLE
    untrusting = tls_credentials(pki.rogue_client.cert)  # a certificate that did not sign the server's
    with ToponymClient(target, credentials=untrusting, timeout=2, wait_for_ready=False) as client:
        assert _fails(client).code is grpc.StatusCode.UNAVAILABLE


def test_mutual_tls_serves_a_client_with_a_certificate_from_its_ca(mtls_server: RunningServer, pki: Pki) -> None:
    credentials = tls_credentials(pki.ca.cert, certificate_chain=pki.client.cert, private_key=pki.client.key)
    with ToponymClient(f"localhost:{mtls_server.port}", credentials=credentials) as client:
        assert client.resolve("Hama")[0].geoname_id == HAMA


@pytest.mark.parametrize("with_certificate", ["none", "rogue"])
def test_mutual_tls_refuses_clients_without_a_good_certificate(
    mtls_server: RunningServer, pki: Pki, with_certificate: str
) -> None:
    if with_certificate == "none":
        credentials = tls_credentials(pki.ca.cert)
    else:
        credentials = tls_credentials(
            pki.ca.cert, certificate_chain=pki.rogue_client.cert, private_key=pki.rogue_client.key
        )
    with ToponymClient(
        f"localhost:{mtls_server.port}", credentials=credentials, timeout=2, wait_for_ready=False
    ) as client:
        assert _fails(client).code is grpc.StatusCode.UNAVAILABLE


def test_unusable_tls_files_stop_the_start_with_the_file_named(
    embedded_index: IndexReader, pki: Pki, tmp_path: Path
) -> None:
    not_pem = tmp_path / "cert.pem"
    not_pem.write_text("hello")
    with pytest.raises(SecurityConfigError, match=r"TLS certificate .*cert\.pem is not a PEM file"):
        _serve(embedded_index, tls=TlsFiles(not_pem, not_pem))
    with pytest.raises(SecurityConfigError, match="cannot read the TLS private key"):
        _serve(embedded_index, tls=TlsFiles(pki.server.cert, tmp_path / "missing.key"))


def test_a_key_of_another_certificate_stops_the_start_with_both_files_named(
    embedded_index: IndexReader, pki: Pki, tmp_path: Path
) -> None:
    # gRPC alone reported it as an address it could not listen on.
    with pytest.raises(SecurityConfigError, match=r"server\.pem and private key .*client\.key do not load together"):
        _serve(embedded_index, tls=TlsFiles(pki.server.cert, pki.client.key))
    junk = tmp_path / "junk.pem"
    junk.write_text("-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n")
    with pytest.raises(SecurityConfigError, match="do not load together"):
        _serve(embedded_index, tls=TlsFiles(junk, pki.server.key))
    with pytest.raises(SecurityConfigError, match=r"client CA certificate .*junk\.pem cannot be loaded"):
        _serve(embedded_index, tls=TlsFiles(pki.server.cert, pki.server.key, client_ca=junk))


def test_a_client_certificate_needs_its_key() -> None:
    with pytest.raises(ValueError, match="both"):
        tls_credentials(b"", certificate_chain=b"x")


# -- bearer tokens ---------------------------------------------------------------


def test_a_valid_token_is_let_through(token_server: RunningServer) -> None:
    for token in (TOKEN, "older-token"):
        with ToponymClient(f"127.0.0.1:{token_server.port}", token=token) as client:
            assert client.resolve("Hama")[0].geoname_id == HAMA
            [(_, outcome)] = list(client.stream_resolve(["Hama"]))
            assert outcome[0].geoname_id == HAMA  # type: ignore[index]


@pytest.mark.parametrize(("token", "message"), [(None, "missing bearer token"), ("guess", "invalid bearer token")])
def test_a_missing_or_wrong_token_is_unauthenticated(
    token_server: RunningServer, token: str | None, message: str
) -> None:
    with ToponymClient(f"127.0.0.1:{token_server.port}", token=token) as client:
        with pytest.raises(UnauthenticatedError, match=message):
            client.resolve("Hama")
        with pytest.raises(UnauthenticatedError):
            client.resolve_batch(["Hama"])
        with pytest.raises(UnauthenticatedError):
            list(client.stream_resolve(["Hama"]))


def test_another_scheme_is_unauthenticated(token_server: RunningServer) -> None:
    with grpc.insecure_channel(f"127.0.0.1:{token_server.port}") as channel:
        stub = pb_grpc.ToponymServiceStub(channel)
        with pytest.raises(grpc.RpcError) as caught:
            stub.Resolve(pb.ResolveRequest(name="Hama"), metadata=[("authorization", f"Basic {TOKEN}")], timeout=5)
    assert caught.value.code() is grpc.StatusCode.UNAUTHENTICATED  # type: ignore[attr-defined]


def test_health_checks_stay_open_without_a_token(token_server: RunningServer) -> None:
    with grpc.insecure_channel(f"127.0.0.1:{token_server.port}") as channel:
        response = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(service=""), timeout=5)
    assert response.status == health_pb2.HealthCheckResponse.SERVING


# -- connection limits -----------------------------------------------------------


def _open_stream(channel: grpc.Channel) -> tuple[grpc.Future[object], object]:
    """Start a StreamResolve that stays open: one answered request, then silence."""
    import queue

    requests: queue.Queue[pb.StreamResolveRequest | None] = queue.Queue()
    requests.put(pb.StreamResolveRequest(request_id="0", request=pb.ResolveRequest(name="Hama")))
    responses = pb_grpc.ToponymServiceStub(channel).StreamResolve(iter(requests.get, None), timeout=30)
    next(responses)  # the call is now surely running on the server
    return responses, requests  # type: ignore[return-value]


def test_calls_past_the_concurrency_limit_are_resource_exhausted(embedded_index: IndexReader) -> None:
    running = _serve(embedded_index, limits=Limits(max_concurrent_rpcs=1))
    target = f"127.0.0.1:{running.port}"
    try:
        with grpc.insecure_channel(target) as first, grpc.insecure_channel(target) as second:
            responses, requests = _open_stream(first)
            with pytest.raises(grpc.RpcError) as caught:
                pb_grpc.ToponymServiceStub(second).Resolve(pb.ResolveRequest(name="Hama"), timeout=5)
            assert caught.value.code() is grpc.StatusCode.RESOURCE_EXHAUSTED  # type: ignore[attr-defined]
            requests.put(None)  # type: ignore[attr-defined]
            assert list(responses) == []  # type: ignore[call-overload]
            answer = pb_grpc.ToponymServiceStub(second).Resolve(pb.ResolveRequest(name="Hama"), timeout=5)
            assert answer.candidates[0].place.geoname_id == HAMA
    finally:
        running.stop(grace=1.0)


def test_one_connection_gets_only_its_share_of_streams(embedded_index: IndexReader) -> None:
    running = _serve(embedded_index, limits=Limits(max_streams_per_connection=1))
    target = f"127.0.0.1:{running.port}"
    try:
        own_connection = [("grpc.use_local_subchannel_pool", 1)]  # channels would share one connection otherwise
        with (
            grpc.insecure_channel(target, options=own_connection) as busy,
            grpc.insecure_channel(target, options=own_connection) as other,
        ):
            responses, requests = _open_stream(busy)
            with pytest.raises(grpc.RpcError) as caught:  # waits for a free stream on its connection
                pb_grpc.ToponymServiceStub(busy).Resolve(pb.ResolveRequest(name="Hama"), timeout=1)
            assert caught.value.code() is grpc.StatusCode.DEADLINE_EXCEEDED  # type: ignore[attr-defined]
            answer = pb_grpc.ToponymServiceStub(other).Resolve(pb.ResolveRequest(name="Hama"), timeout=5)
            assert answer.candidates[0].place.geoname_id == HAMA
            requests.put(None)  # type: ignore[attr-defined]
            list(responses)  # type: ignore[call-overload]
    finally:
        running.stop(grace=1.0)


async def test_the_async_client_speaks_mutual_tls_and_sends_its_token(embedded_index: IndexReader, pki: Pki) -> None:
    running = _serve(
        embedded_index,
        tls=TlsFiles(pki.server.cert, pki.server.key, client_ca=pki.ca.cert),
        auth_tokens=frozenset({TOKEN}),
    )
    credentials = tls_credentials(pki.ca.cert, certificate_chain=pki.client.cert, private_key=pki.client.key)
    try:
        async with AsyncToponymClient(f"localhost:{running.port}", credentials=credentials, token=TOKEN) as client:
            assert (await client.resolve("Hama"))[0].geoname_id == HAMA
        async with AsyncToponymClient(f"localhost:{running.port}", credentials=credentials) as client:
            with pytest.raises(UnauthenticatedError):
                await client.resolve("Hama")
    finally:
        running.stop(grace=1.0)
