"""API fuzzing: random and mutated request bytes sent to a live server get OK or a defined error, never a fault.

Requests go through a generic channel as raw bytes, so nothing on the client side cleans them
up: random bytes, valid messages with hostile field values, and those messages mutated
(bytes flipped, cut short, spliced). After every example the server must still answer.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import grpc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toponym_client._proto.toponym.v1 import toponym_pb2 as pb

from .conftest import SERVICE, TIGHT

# Defined answers: what a caller can act on. UNKNOWN and INTERNAL would mean an unhandled fault.
DEFINED = {
    grpc.StatusCode.OK,
    grpc.StatusCode.INVALID_ARGUMENT,
    grpc.StatusCode.NOT_FOUND,
    grpc.StatusCode.RESOURCE_EXHAUSTED,
}
OK, INVALID = 0, grpc.StatusCode.INVALID_ARGUMENT.value[0]
FUZZ = settings(
    deadline=timedelta(seconds=10),
    max_examples=300,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=40) | st.sampled_from(
    ["", " ", "Hama", "x" * 300, "Ha\x00ma", "\u202e", "ﷺ", "🏳️‍🌈", "الرقة", "Aleppo" * 50]
)
FLOATS = st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from([0.0, -0.0, 90.0, 180.0, 1.0])
INT32 = st.integers(-(2**31), 2**31 - 1)
HINTS = st.builds(
    pb.ResolveHints,
    country_codes=st.lists(st.sampled_from(["SY", "sy", "ZZ", "S1", "", "SYR"]) | TEXT, max_size=4),
    restrict_to_countries=st.booleans(),
    language=st.sampled_from(["", "ar", "de-CH", "qq", "x" * 100]) | TEXT,
    near=st.none() | st.builds(pb.LatLng, latitude=FLOATS, longitude=FLOATS),
    feature_kinds=st.lists(st.sampled_from([0, 1, 2, 3, 4, 5, -1, 2**31 - 1]), max_size=3),
    max_candidates=st.sampled_from([0, 1, 5, 50, 51, -1]) | INT32,
    min_confidence=FLOATS,
)
RESOLVE = st.builds(pb.ResolveRequest, name=TEXT, hints=st.none() | HINTS)
MESSAGES = {
    "Resolve": RESOLVE,
    "ResolveBatch": st.builds(
        pb.ResolveBatchRequest, requests=st.lists(RESOLVE, max_size=5), use_context=st.booleans()
    ),
    "GetPlace": st.builds(
        pb.GetPlaceRequest,
        geoname_id=st.sampled_from([170017, 163843, 0, -1, 2**63 - 1]) | st.integers(-(2**63), 2**63 - 1),
        language=st.sampled_from(["", "ar", "zz"]) | TEXT,
    ),
}


@st.composite
def mutated(draw: st.DrawFn, message: st.SearchStrategy[bytes]) -> bytes:
    """Serialized bytes of a message, then flipped, cut, spliced or doubled."""
    data = bytearray(draw(message))
    for _ in range(draw(st.integers(0, 3))):
        how = draw(st.sampled_from(["flip", "cut", "insert", "double"]))
        at = draw(st.integers(0, len(data)))
        if how == "flip" and data:
            at = min(at, len(data) - 1)
            data[at] ^= draw(st.integers(1, 255))
        elif how == "cut":
            del data[at:]
        elif how == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        else:
            data = data + data
    return bytes(data)


def _serialized(method: str) -> st.SearchStrategy[bytes]:
    return MESSAGES[method].map(lambda message: message.SerializeToString())


def _payloads(method: str) -> st.SearchStrategy[bytes]:
    return st.one_of(st.binary(max_size=200), _serialized(method), mutated(_serialized(method)))


STREAM_ITEMS = st.builds(pb.StreamResolveRequest, request_id=TEXT, request=st.none() | RESOLVE).map(
    lambda message: message.SerializeToString()
)
STREAM_PAYLOADS = st.one_of(st.binary(max_size=100), STREAM_ITEMS, mutated(STREAM_ITEMS))


@pytest.fixture(scope="module")
def channel(target: str) -> Iterator[grpc.Channel]:
    with grpc.insecure_channel(target) as opened:
        yield opened


def _still_serving(channel: grpc.Channel) -> None:
    answer = channel.unary_unary(SERVICE + "Resolve")(b"\n\x04Hama", timeout=10)
    assert pb.ResolveResponse.FromString(answer).candidates[0].place.geoname_id == 170017


def _call(channel: grpc.Channel, method: str, payload: bytes) -> grpc.StatusCode:
    try:
        channel.unary_unary(SERVICE + method)(payload, timeout=30)
    except grpc.RpcError as err:
        code: grpc.StatusCode = err.code()  # type: ignore[attr-defined]
        assert code in DEFINED, f"{method} answered {code.name}: {err.details()}"  # type: ignore[attr-defined]
        assert "Traceback" not in (err.details() or "")  # type: ignore[attr-defined]
        return code
    return grpc.StatusCode.OK


@pytest.mark.parametrize("method", ["Resolve", "ResolveBatch", "GetPlace"])
@FUZZ
@given(data=st.data())
def test_unary_methods_answer_any_bytes_with_a_defined_status(
    channel: grpc.Channel, method: str, data: st.DataObject
) -> None:
    _call(channel, method, data.draw(_payloads(method)))
    _still_serving(channel)


@FUZZ
@given(payloads=st.lists(STREAM_PAYLOADS, max_size=6))
def test_streams_answer_any_messages_with_defined_statuses(channel: grpc.Channel, payloads: list[bytes]) -> None:
    call = channel.stream_stream(SERVICE + "StreamResolve")
    try:
        for response in call(iter(payloads), timeout=30):
            result = pb.StreamResolveResponse.FromString(response).result
            assert result.status_code in (OK, INVALID), result.error_message
    except grpc.RpcError as err:
        assert err.code() is grpc.StatusCode.INVALID_ARGUMENT, err.details()  # type: ignore[attr-defined]
    _still_serving(channel)


@pytest.fixture(scope="module")
def tight_channel(tight_target: str) -> Iterator[grpc.Channel]:
    with grpc.insecure_channel(tight_target) as opened:
        yield opened


@settings(FUZZ, max_examples=60)
@given(
    size=st.integers(TIGHT.max_message_bytes - 64, TIGHT.max_message_bytes + 64),
    method=st.sampled_from(list(MESSAGES)),
)
def test_messages_around_the_size_limit_are_answered_or_resource_exhausted(
    tight_channel: grpc.Channel, size: int, method: str
) -> None:
    payload = pb.ResolveRequest(name="x" * size).SerializeToString()[:size]
    code = _call(tight_channel, method, payload)
    if len(payload) > TIGHT.max_message_bytes:
        assert code is grpc.StatusCode.RESOURCE_EXHAUSTED
    _still_serving(tight_channel)
