"""A fake toponym server for the client tests.

The fake answers from canned protobuf data, validates like the real API
(INVALID_ARGUMENT with google.rpc.BadRequest field violations), answers
NOT_FOUND for unknown IDs and can be told to fail with UNAVAILABLE a number of
times, to stall, or to answer a stream out of order.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, NoReturn

import grpc
import pytest
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

from toponym_client import ToponymClient
from toponym_client._proto.toponym.v1 import toponym_pb2, toponym_pb2_grpc

pb = toponym_pb2

PARIS = pb.Place(
    geoname_id=2988507,
    name="Paris",
    ascii_name="Paris",
    country_code="FR",
    admin1_code="11",
    admin1_name="Île-de-France",
    admin2_code="75",
    feature_class="P",
    feature_code="PPLC",
    feature_kind=pb.FEATURE_KIND_POPULATED_PLACE,
    latitude=48.85341,
    longitude=2.3488,
    population=2138551,
)
PARIS_TX = pb.Place(
    geoname_id=4717560,
    name="Paris",
    ascii_name="Paris",
    country_code="US",
    admin1_code="TX",
    admin1_name="Texas",
    feature_class="P",
    feature_code="PPLA2",
    feature_kind=pb.FEATURE_KIND_POPULATED_PLACE,
    latitude=33.66094,
    longitude=-95.55551,
    population=24782,
)
BERLIN = pb.Place(
    geoname_id=2950159,
    name="Berlin",
    ascii_name="Berlin",
    country_code="DE",
    admin1_code="16",
    admin1_name="Land Berlin",
    feature_class="P",
    feature_code="PPLC",
    feature_kind=pb.FEATURE_KIND_POPULATED_PLACE,
    latitude=52.52437,
    longitude=13.41053,
    population=3426354,
)
ALEPPO = pb.Place(
    geoname_id=170063,
    name="Aleppo",
    ascii_name="Aleppo",
    country_code="SY",
    admin1_code="09",
    admin1_name="Aleppo Governorate",
    feature_class="P",
    feature_code="PPLA",
    feature_kind=pb.FEATURE_KIND_POPULATED_PLACE,
    latitude=36.20124,
    longitude=37.16117,
    population=1602264,
)

CANNED: dict[str, list[pb.Candidate]] = {
    "paris": [
        pb.Candidate(
            place=PARIS,
            confidence=0.82,
            match_kind=pb.MATCH_KIND_EXACT,
            matched_name="Paris",
            localized_name="Paris",
            explanation="exact name; capital; largest population",
        ),
        pb.Candidate(
            place=PARIS_TX,
            confidence=0.11,
            match_kind=pb.MATCH_KIND_EXACT,
            matched_name="Paris",
            explanation="exact name",
        ),
    ],
    "berlin": [pb.Candidate(place=BERLIN, confidence=0.97, match_kind=pb.MATCH_KIND_EXACT, matched_name="Berlin")],
    "halab": [
        pb.Candidate(
            place=ALEPPO,
            confidence=0.93,
            match_kind=pb.MATCH_KIND_ALTERNATE_NAME,
            matched_name="Halab",
            localized_name="حلب",
        )
    ],
}

PARIS_NAMES = [
    pb.PlaceName(name="Paris", language="fr", is_preferred=True),
    pb.PlaceName(name="Parigi", language="it", is_preferred=True),
    pb.PlaceName(name="Lutetia", language="la", is_historic=True),
    pb.PlaceName(name="Paname", language="fr", is_colloquial=True),
]

STALL = "slow"
"""A name the fake answers only after the call's deadline (or 5 s)."""
CRASH = "crash"
"""A name that makes the fake fail the whole call with INTERNAL."""


def _violations(request: pb.ResolveRequest) -> list[tuple[str, str]]:
    found = []
    if not request.name.strip():
        found.append(("name", "must not be empty"))
    if request.hints.max_candidates > 50:
        found.append(("hints.max_candidates", "must be at most 50"))
    return found


def _answer(request: pb.ResolveRequest) -> list[pb.Candidate]:
    hints = request.hints
    found = CANNED.get(request.name.strip().casefold(), [])
    if hints.restrict_to_countries:
        allowed = {c.upper() for c in hints.country_codes}
        found = [c for c in found if c.place.country_code in allowed]
    return found[: hints.max_candidates or 5]


def _result(request: pb.ResolveRequest) -> pb.ResolveResult:
    violations = _violations(request)
    if violations:
        message = "; ".join(f"{field}: {description}" for field, description in violations)
        return pb.ResolveResult(status_code=code_pb2.INVALID_ARGUMENT, error_message=message)
    return pb.ResolveResult(candidates=_answer(request))


def _abort_invalid(context: grpc.ServicerContext, violations: list[tuple[str, str]]) -> NoReturn:
    bad_request = error_details_pb2.BadRequest(
        field_violations=[error_details_pb2.BadRequest.FieldViolation(field=f, description=d) for f, d in violations]
    )
    detail = any_pb2.Any()
    detail.Pack(bad_request)
    status = status_pb2.Status(code=code_pb2.INVALID_ARGUMENT, message="invalid request", details=[detail])
    context.abort_with_status(rpc_status.to_status(status))
    raise AssertionError("unreachable")


class FakeServicer(toponym_pb2_grpc.ToponymServiceServicer):
    """Canned answers plus switches to provoke failures."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.unavailable_remaining = 0
        self.stream_reversed = False
        self.calls: dict[str, int] = {}
        self.requests: list[Any] = []
        self.stream_requests: list[pb.StreamResolveRequest] = []
        self.stream_ended = threading.Event()
        self.metadata: list[dict[str, str | bytes]] = []

    # -- helpers -------------------------------------------------------------

    def _begin(self, method: str, request: Any, context: grpc.ServicerContext) -> None:
        with self._lock:
            self.calls[method] = self.calls.get(method, 0) + 1
            if request is not None:
                self.requests.append(request)
            self.metadata.append(dict(context.invocation_metadata()))
            fail = self.unavailable_remaining > 0
            if fail:
                self.unavailable_remaining -= 1
        if fail:
            context.abort(grpc.StatusCode.UNAVAILABLE, "replica restarting")

    @staticmethod
    def _stall(context: grpc.ServicerContext) -> None:
        give_up = time.monotonic() + 5
        while context.is_active() and time.monotonic() < give_up:
            time.sleep(0.01)

    # -- RPCs ----------------------------------------------------------------

    def Resolve(self, request: pb.ResolveRequest, context: grpc.ServicerContext) -> pb.ResolveResponse:  # noqa: N802
        self._begin("Resolve", request, context)
        if request.name == STALL:
            self._stall(context)
        if request.name == CRASH:
            context.abort(grpc.StatusCode.INTERNAL, "index corrupted")
        violations = _violations(request)
        if violations:
            _abort_invalid(context, violations)
        return pb.ResolveResponse(candidates=_answer(request))

    def ResolveBatch(  # noqa: N802
        self, request: pb.ResolveBatchRequest, context: grpc.ServicerContext
    ) -> pb.ResolveBatchResponse:
        self._begin("ResolveBatch", request, context)
        if any(r.name == STALL for r in request.requests):
            self._stall(context)
        return pb.ResolveBatchResponse(results=[_result(r) for r in request.requests])

    def StreamResolve(  # noqa: N802
        self, request_iterator: Iterable[pb.StreamResolveRequest], context: grpc.ServicerContext
    ) -> Iterator[pb.StreamResolveResponse]:
        self._begin("StreamResolve", None, context)
        context.add_callback(self.stream_ended.set)
        requests: Iterable[pb.StreamResolveRequest] = request_iterator
        if self.stream_reversed:
            requests = list(reversed(list(request_iterator)))
        for item in requests:
            with self._lock:
                self.stream_requests.append(item)
            if item.request.name == CRASH:
                context.abort(grpc.StatusCode.INTERNAL, "index corrupted")
            if item.request.name == STALL:
                self._stall(context)
            yield pb.StreamResolveResponse(request_id=item.request_id, result=_result(item.request))

    def GetPlace(self, request: pb.GetPlaceRequest, context: grpc.ServicerContext) -> pb.GetPlaceResponse:  # noqa: N802
        self._begin("GetPlace", request, context)
        if request.geoname_id != PARIS.geoname_id:
            context.abort(grpc.StatusCode.NOT_FOUND, f"no place with geoname_id {request.geoname_id}")
        localized = next((n.name for n in PARIS_NAMES if n.language == request.language), "")
        details = pb.PlaceDetails(place=PARIS, names=PARIS_NAMES, localized_name=localized)
        return pb.GetPlaceResponse(place_details=details)


@dataclass
class FakeServer:
    """A running fake server."""

    servicer: FakeServicer
    port: int

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.port}"


@pytest.fixture
def start_fake_server() -> Iterator[Callable[..., FakeServer]]:
    """Start fake servers, on ephemeral ports unless given one; all stop at teardown."""
    servers: list[grpc.Server] = []

    def start(port: int = 0) -> FakeServer:
        servicer = FakeServicer()
        server = grpc.server(ThreadPoolExecutor(max_workers=8))
        toponym_pb2_grpc.add_ToponymServiceServicer_to_server(servicer, server)
        port = server.add_insecure_port(f"127.0.0.1:{port}")
        server.start()
        servers.append(server)
        return FakeServer(servicer=servicer, port=port)

    yield start
    for server in servers:
        server.stop(None).wait()


@pytest.fixture
def refusing_target() -> Iterator[str]:
    """An address where nothing listens: every connection is refused (a wrong port, a server not started)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))  # bound, so no one else takes the port, but not listening
        yield f"127.0.0.1:{sock.getsockname()[1]}"


@pytest.fixture
def silent_target() -> Iterator[str]:
    """An address that accepts connections but never speaks HTTP/2: a connection that never becomes ready."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield f"127.0.0.1:{sock.getsockname()[1]}"


@pytest.fixture
def free_port() -> int:
    """A port nothing listens on now, for a server to start on later."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@pytest.fixture
def fake_server(start_fake_server: Callable[[], FakeServer]) -> FakeServer:
    """One running fake server."""
    return start_fake_server()


@pytest.fixture
def client(fake_server: FakeServer) -> Iterator[ToponymClient]:
    """A blocking client connected to the fake server."""
    with ToponymClient(fake_server.target) as c:
        yield c
