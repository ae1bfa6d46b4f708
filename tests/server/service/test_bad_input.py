"""Hostile and malformed input: every one is refused with a defined status naming the field and the rule."""

from __future__ import annotations

import grpc
import pytest

from toponym_client import AsyncToponymClient, BatchError, InvalidArgumentError, ToponymClient
from toponym_client._proto.toponym.v1 import toponym_pb2 as pb

from .conftest import field_violations, raw_stream, raw_unary

HAMA = 170017
ALEPPO = 170063
HOMS = 169577


def _with_bad_utf8(request: pb.ResolveRequest) -> bytes:
    """Serialize ``request`` and then break its name into invalid UTF-8 (an unpaired surrogate's bytes)."""
    data = request.SerializeToString()
    assert b"XX" in data
    return data.replace(b"XX", b"\xed\xa0")


@pytest.mark.parametrize(
    ("kwargs", "field", "rule"),
    [
        ({"name": ""}, "name", "empty"),
        ({"name": " \t "}, "name", "whitespace"),
        ({"name": "x" * 257}, "name", "at most 256 characters"),
        ({"name": "Ha\nma"}, "name", "control characters"),
        ({"name": "Ha\x1bma"}, "name", "control characters"),
        ({"name": "Ha\U000e0080ma"}, "name", "unassigned"),
        ({"name": "Hama", "near": (-90.5, 0.0)}, "hints.near.latitude", "[-90, 90]"),
        ({"name": "Hama", "near": (float("nan"), 0.0)}, "hints.near.latitude", "[-90, 90]"),
        ({"name": "Hama", "near": (0.0, -180.01)}, "hints.near.longitude", "[-180, 180]"),
        ({"name": "Hama", "country": "ZZ"}, "hints.country_codes[0]", "not a known country code"),
        ({"name": "Hama", "country": ["SY", "S1"]}, "hints.country_codes[1]", "ISO 3166-1 alpha-2"),
        ({"name": "Hama", "lang": "qq"}, "hints.language", "known ISO 639"),
        ({"name": "Hama", "lang": "ar_SY"}, "hints.language", "BCP 47"),
        ({"name": "Hama", "limit": 51}, "hints.max_candidates", "[0, 50]"),
        ({"name": "Hama", "min_confidence": -0.1}, "hints.min_confidence", "[0, 1]"),
    ],
)
def test_each_bad_field_is_named_with_its_rule(
    client: ToponymClient, kwargs: dict[str, object], field: str, rule: str
) -> None:
    name = kwargs.pop("name")
    with pytest.raises(InvalidArgumentError) as caught:
        client.resolve(name, **kwargs)  # type: ignore[arg-type]
    violations = {v.field: v.description for v in caught.value.field_violations}
    assert field in violations
    assert rule in violations[field]
    assert "Traceback" not in str(caught.value)
    assert client.resolve("Hama")[0].geoname_id == HAMA


def test_known_codes_in_any_case_and_subtags_are_accepted(client: ToponymClient) -> None:
    assert client.resolve("Hama", country="sy", lang="ar-SY")[0].geoname_id == HAMA
    assert client.resolve("Hama", country="XK", lang="kmr")  # GeoNames' Kosovo, Kurmanji: known, no error


def test_a_rejected_value_is_quoted_short_never_echoed_whole(client: ToponymClient) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        client.resolve("Hama", lang="x" * 5000)
    assert len(str(caught.value)) < 300


def test_get_place_checks_its_language(client: ToponymClient) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        client.get_place(HAMA, lang="not a tag")
    assert [v.field for v in caught.value.field_violations] == ["language"]


@pytest.mark.parametrize("geoname_id", [-1, -(2**63)])
def test_get_place_refuses_a_negative_id_as_the_callers_fault(client: ToponymClient, geoname_id: int) -> None:
    # Before, it was NOT_FOUND, as for an ID no place has yet: no place can ever have this one.
    with pytest.raises(InvalidArgumentError) as caught:
        client.get_place(geoname_id)
    assert [v.field for v in caught.value.field_violations] == ["geoname_id"]


def test_the_name_length_limit_is_configurable(tight_target: str) -> None:
    with ToponymClient(tight_target) as client:
        assert client.resolve("Hama")[0].geoname_id == HAMA
        with pytest.raises(InvalidArgumentError) as caught:
            client.resolve("Hama Hama Hama")
    assert caught.value.field_violations[0].field == "name"
    assert "at most 12 characters, got 14" in caught.value.field_violations[0].description


def test_a_batch_over_the_configured_size_is_refused_whole(tight_target: str) -> None:
    with ToponymClient(tight_target) as client:
        assert len(client.resolve_batch(["Hama", "Homs", "Aleppo"])) == 3
        with pytest.raises(InvalidArgumentError) as caught:
            client.resolve_batch(["Hama", "Homs", "Aleppo", "Idlib"])
    assert caught.value.field_violations[0].field == "requests"
    assert "at most 3 items, got 4" in caught.value.field_violations[0].description


def test_the_default_batch_limit_is_ten_thousand(client: ToponymClient) -> None:
    # With context the batch is one request (without, the client sends requests of 1,000 names).
    with pytest.raises(InvalidArgumentError, match="at most 10000 items, got 10001"):
        client.resolve_batch([""] * 10_001, context=True)


def test_a_message_over_the_size_limit_is_resource_exhausted(tight_target: str) -> None:
    with grpc.insecure_channel(tight_target) as channel:
        request = pb.ResolveBatchRequest(requests=[pb.ResolveRequest(name="Hama")] * 300)
        assert request.ByteSize() > 2048
        with pytest.raises(grpc.RpcError) as caught:
            raw_unary(channel, "ResolveBatch", request.SerializeToString())
        assert caught.value.code() is grpc.StatusCode.RESOURCE_EXHAUSTED  # type: ignore[attr-defined]
        assert "larger than max" in caught.value.details()  # type: ignore[attr-defined]
        answer = pb.ResolveResponse.FromString(raw_unary(channel, "Resolve", b"\n\x04Hama"))
    assert answer.candidates[0].place.geoname_id == HAMA


@pytest.mark.parametrize(
    ("method", "payload", "message_type"),
    [
        ("Resolve", b"\xff\xff\xff", "ResolveRequest"),  # a varint that never ends
        ("Resolve", b"\n\x05ab", "ResolveRequest"),  # a field longer than the message
        ("Resolve", b"\n\x02\xed\xa0", "ResolveRequest"),  # a name that is not UTF-8
        ("ResolveBatch", b"\n\x09\n\x02ab", "ResolveBatchRequest"),  # a truncated item
        ("GetPlace", b"\x08", "GetPlaceRequest"),  # a key without its value
        ("GetPlace", b"\x12\x01\xff", "GetPlaceRequest"),  # a language that is not UTF-8
    ],
)
def test_bytes_that_do_not_decode_are_invalid_argument(
    target: str, method: str, payload: bytes, message_type: str
) -> None:
    with grpc.insecure_channel(target) as channel:
        with pytest.raises(grpc.RpcError) as caught:
            raw_unary(channel, method, payload)
        assert caught.value.code() is grpc.StatusCode.INVALID_ARGUMENT  # type: ignore[attr-defined]
        [(field, description)] = field_violations(caught.value)
        assert field == "request"
        assert description.startswith(f"is not a valid toponym.v1.{message_type}")
        answer = pb.ResolveResponse.FromString(raw_unary(channel, "Resolve", b"\n\x04Hama"))
    assert answer.candidates[0].place.geoname_id == HAMA


def test_invalid_utf8_in_one_batch_item_fails_that_item_only(target: str) -> None:
    batch = pb.ResolveBatchRequest(
        requests=[pb.ResolveRequest(name="Aleppo"), pb.ResolveRequest(name="HamaXX"), pb.ResolveRequest(name="Homs")]
    )
    with grpc.insecure_channel(target) as channel:
        response = pb.ResolveBatchResponse.FromString(raw_unary(channel, "ResolveBatch", _with_bad_utf8(batch)))
    codes = [r.status_code for r in response.results]
    assert codes == [grpc.StatusCode.OK.value[0], grpc.StatusCode.INVALID_ARGUMENT.value[0], 0]
    assert "requests[1]" in response.results[1].error_message
    assert "UTF-8" in response.results[1].error_message
    assert response.results[0].candidates[0].place.geoname_id == ALEPPO
    assert response.results[2].candidates[0].place.geoname_id == HOMS


# An empty request_id is left off the wire (proto3): a caller that matches answers by order sends none.
@pytest.mark.parametrize(("good_id", "bad_id"), [("a", "b"), ("", "")])
def test_invalid_utf8_in_a_stream_item_fails_that_item_only(target: str, good_id: str, bad_id: str) -> None:
    good = pb.StreamResolveRequest(request_id=good_id, request=pb.ResolveRequest(name="Hama"))
    bad = pb.StreamResolveRequest(request_id=bad_id, request=pb.ResolveRequest(name="HamaXX"))
    with grpc.insecure_channel(target) as channel:
        answers = [
            pb.StreamResolveResponse.FromString(r)
            for r in raw_stream(channel, [good.SerializeToString(), _with_bad_utf8(bad), good.SerializeToString()])
        ]
    assert [a.request_id for a in answers] == [good_id, bad_id, good_id]
    assert [a.result.status_code for a in answers] == [0, grpc.StatusCode.INVALID_ARGUMENT.value[0], 0]
    assert "UTF-8" in answers[1].result.error_message
    assert answers[2].result.candidates[0].place.geoname_id == HAMA


def test_a_stream_message_without_a_readable_id_ends_the_stream_as_invalid(target: str) -> None:
    with grpc.insecure_channel(target) as channel, pytest.raises(grpc.RpcError) as caught:
        raw_stream(channel, [b"\n\x02\xed\xa0"])
    assert caught.value.code() is grpc.StatusCode.INVALID_ARGUMENT  # type: ignore[attr-defined]
    assert field_violations(caught.value)[0][0] == "message 0 of the stream"


def test_the_client_refuses_an_unpaired_surrogate_before_sending(client: ToponymClient) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        client.resolve("Ham\ud800a")
    assert caught.value.field_violations[0].field == "name"


def test_a_batch_gives_a_name_no_message_can_carry_its_own_error(client: ToponymClient) -> None:
    with pytest.raises(BatchError) as caught:
        client.resolve_batch(["Aleppo", "Ham\ud800a", "Homs"])
    outcomes = caught.value.results
    assert isinstance(outcomes[1], InvalidArgumentError)
    assert outcomes[1].field_violations[0].field == "requests[1].name"
    assert outcomes[0][0].geoname_id == ALEPPO  # type: ignore[index]
    assert outcomes[2][0].geoname_id == HOMS  # type: ignore[index]


def test_a_batch_s_errors_name_items_by_the_caller_s_index_after_a_name_refused_before_sending(
    client: ToponymClient,
) -> None:
    with pytest.raises(BatchError) as caught:
        client.resolve_batch(["Ham\ud800a", "Aleppo", "x" * 300, "\ud800"])
    outcomes = caught.value.results
    assert isinstance(outcomes[0], InvalidArgumentError) and outcomes[0].field_violations[0].field == "requests[0].name"
    assert outcomes[1][0].geoname_id == ALEPPO  # type: ignore[index]
    assert isinstance(outcomes[2], InvalidArgumentError) and "requests[2].name" in outcomes[2].details
    assert isinstance(outcomes[3], InvalidArgumentError) and outcomes[3].field_violations[0].field == "requests[3].name"


@pytest.mark.parametrize("names", [["Hama", "Ham\ud800a", "Homs"], ["\udfff", "Hama"], ["Hama", "\ud800"], ["\ud800"]])
def test_a_stream_gives_a_name_no_message_can_carry_its_own_error(client: ToponymClient, names: list[str]) -> None:
    answers = list(client.stream_resolve(names))
    assert [name for name, _ in answers] == names
    for name, outcome in answers:
        if any(0xD800 <= ord(c) <= 0xDFFF for c in name):  # a lone surrogate
            assert isinstance(outcome, InvalidArgumentError)
        else:
            assert outcome[0].geoname_id in {HAMA, HOMS}  # type: ignore[index]


async def test_the_async_stream_does_the_same(target: str) -> None:
    async with AsyncToponymClient(target) as client:
        answers = [outcome async for _, outcome in client.stream_resolve(["Ham\ud800a", "Hama"])]
    assert isinstance(answers[0], InvalidArgumentError)
    assert answers[1][0].geoname_id == HAMA  # type: ignore[index]


def test_bad_items_of_a_batch_each_get_their_own_error(client: ToponymClient) -> None:
    with pytest.raises(BatchError) as caught:
        client.resolve_batch(["Aleppo", "x" * 300, "Ha\x00ma", "Homs"])
    outcomes = caught.value.results
    assert isinstance(outcomes[1], InvalidArgumentError) and "requests[1].name" in outcomes[1].details
    assert isinstance(outcomes[2], InvalidArgumentError) and "control characters" in outcomes[2].details
    assert outcomes[0][0].geoname_id == ALEPPO  # type: ignore[index]
    assert outcomes[3][0].geoname_id == HOMS  # type: ignore[index]


def test_a_request_with_many_bad_fields_is_invalid_argument_naming_the_first_ten(client: ToponymClient) -> None:
    # Every violation named would outgrow the trailers a client accepts, and gRPC would answer
    # RESOURCE_EXHAUSTED instead.
    unknown = [f"Q{letter}" for letter in "BCDEFGHIJKLMNOPQRSTUVWXYZ"] * 8  # no country has these (QA is Qatar)
    with pytest.raises(InvalidArgumentError) as caught:
        client.resolve("Hama", country=unknown)
    assert [v.field for v in caught.value.field_violations] == [f"hints.country_codes[{i}]" for i in range(10)]
    assert "and 190 more" in str(caught.value)
