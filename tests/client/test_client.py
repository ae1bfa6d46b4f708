"""The blocking client against an in-process fake server."""

from __future__ import annotations

import dataclasses
import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import grpc
import pytest

from toponym_client import (
    BatchError,
    Candidate,
    DeadlineExceededError,
    FeatureKind,
    FieldViolation,
    InternalError,
    InvalidArgumentError,
    MatchKind,
    NotFoundError,
    Place,
    PlaceDetails,
    PlaceName,
    ToponymClient,
    ToponymError,
    UnavailableError,
)
from toponym_client._config import SERVICE_CONFIG, SERVICE_NAME, channel_options
from toponym_client._proto.toponym.v1 import toponym_pb2

from .conftest import CRASH, STALL, FakeServer

# -- answers -------------------------------------------------------------------


def test_resolve_returns_typed_candidates_best_first(client: ToponymClient) -> None:
    candidates = client.resolve("Paris")

    assert [type(c) for c in candidates] == [Candidate, Candidate]
    best = candidates[0]
    assert (best.geoname_id, best.name, best.country_code, best.feature_code) == (
        2988507,
        "Paris",
        "FR",
        "PPLC",
    )
    assert best.confidence == pytest.approx(0.82)
    assert (best.lat, best.lon) == pytest.approx((48.85341, 2.3488))
    assert best.matched_name == "Paris"
    assert best.match_kind is MatchKind.EXACT
    assert best.explanation.startswith("exact name")
    assert isinstance(best.place, Place)
    assert best.place.feature_kind is FeatureKind.POPULATED_PLACE
    assert best.place.admin1_name == "Île-de-France"
    assert best.place.population == 2138551
    assert [c.geoname_id for c in candidates] == [2988507, 4717560]


def test_candidates_are_immutable_values(client: ToponymClient) -> None:
    first = client.resolve("Paris")[0]
    again = client.resolve("Paris")[0]

    with pytest.raises(dataclasses.FrozenInstanceError):
        first.confidence = 1.0  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.place.name = "Lutèce"  # type: ignore[misc]
    assert not hasattr(first, "__dict__")  # slotted
    assert first == again
    assert len({first, again}) == 1  # hashable
    assert not isinstance(first.place, toponym_pb2.Place)


def test_unknown_name_gives_empty_list(client: ToponymClient) -> None:
    assert client.resolve("Nowhereville") == []


def test_localized_name_and_match_kind(client: ToponymClient) -> None:
    (aleppo,) = client.resolve("Halab", lang="ar")

    assert aleppo.localized_name == "حلب"
    assert aleppo.match_kind is MatchKind.ALTERNATE_NAME


def test_hints_reach_the_server(client: ToponymClient, fake_server: FakeServer) -> None:
    client.resolve(
        "Paris",
        country=["FR", "BE"],
        restrict_to_country=True,
        lang="fr",
        near=(48.8, 2.3),
        kinds=[FeatureKind.POPULATED_PLACE, FeatureKind.ADMIN_AREA],
        limit=3,
        min_confidence=0.25,
        near_spellings=True,
    )

    sent = fake_server.servicer.requests[-1]
    assert sent.name == "Paris"
    assert list(sent.hints.country_codes) == ["FR", "BE"]
    assert sent.hints.restrict_to_countries is True
    assert sent.hints.language == "fr"
    assert (sent.hints.near.latitude, sent.hints.near.longitude) == (48.8, 2.3)
    assert list(sent.hints.feature_kinds) == [
        toponym_pb2.FEATURE_KIND_POPULATED_PLACE,
        toponym_pb2.FEATURE_KIND_ADMIN_AREA,
    ]
    assert sent.hints.max_candidates == 3
    assert sent.hints.min_confidence == pytest.approx(0.25)
    assert sent.hints.include_near_spellings is True


def test_defaults_send_no_hints_but_the_limit(client: ToponymClient, fake_server: FakeServer) -> None:
    client.resolve("Paris")

    hints = fake_server.servicer.requests[-1].hints
    assert hints == toponym_pb2.ResolveHints(max_candidates=5)
    assert not hints.HasField("near")


def test_a_minimum_confidence_of_zero_is_sent_and_none_leaves_it_unset(
    client: ToponymClient, fake_server: FakeServer
) -> None:
    client.resolve("Paris", min_confidence=0.0)
    zero = fake_server.servicer.requests[-1].hints
    client.resolve("Paris")
    unset = fake_server.servicer.requests[-1].hints

    assert zero.HasField("min_confidence") and zero.min_confidence == 0.0
    assert not unset.HasField("min_confidence")


def test_single_country_string_restricts(client: ToponymClient, fake_server: FakeServer) -> None:
    candidates = client.resolve("Paris", country="US", restrict_to_country=True)

    assert [c.country_code for c in candidates] == ["US"]
    assert list(fake_server.servicer.requests[-1].hints.country_codes) == ["US"]


def test_limit_below_one_is_refused_before_any_call(client: ToponymClient, fake_server: FakeServer) -> None:
    with pytest.raises(ValueError, match="limit"):
        client.resolve("Paris", limit=0)
    assert fake_server.servicer.calls == {}


def test_get_place_returns_details_with_names(client: ToponymClient) -> None:
    details = client.get_place(2988507, lang="it")

    assert isinstance(details, PlaceDetails)
    assert details.place.geoname_id == 2988507
    assert details.localized_name == "Parigi"
    assert isinstance(details.names, tuple)
    assert details.names[2] == PlaceName(
        name="Lutetia",
        language="la",
        is_preferred=False,
        is_short=False,
        is_colloquial=False,
        is_historic=True,
    )
    assert [n.name for n in details.names_in("FR")] == ["Paris", "Paname"]


# -- errors --------------------------------------------------------------------


def test_invalid_argument_carries_field_violations(client: ToponymClient) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        client.resolve("  ", limit=51)

    err = caught.value
    assert isinstance(err, ToponymError)
    assert err.code is grpc.StatusCode.INVALID_ARGUMENT
    assert err.details == "invalid request"
    assert err.field_violations == (
        FieldViolation(field="name", description="must not be empty"),
        FieldViolation(field="hints.max_candidates", description="must be at most 50"),
    )
    assert isinstance(err.__cause__, grpc.RpcError)
    assert "name: must not be empty" in str(err)


def test_unknown_place_raises_not_found(client: ToponymClient) -> None:
    with pytest.raises(NotFoundError, match="no place with geoname_id 42") as caught:
        client.get_place(42)
    assert caught.value.code is grpc.StatusCode.NOT_FOUND
    assert caught.value.field_violations == ()


def test_server_failure_raises_internal_error(client: ToponymClient) -> None:
    with pytest.raises(InternalError, match="index corrupted"):
        client.resolve(CRASH)


# -- batches -------------------------------------------------------------------


def test_batch_keeps_request_order(client: ToponymClient, fake_server: FakeServer) -> None:
    names = ["Berlin", "Nowhereville", "Halab", "Paris"]

    results = client.resolve_batch(names, context=True, limit=1)

    assert [[c.geoname_id for c in r] for r in results] == [[2950159], [], [170063], [2988507]]
    sent = fake_server.servicer.requests[-1]
    assert sent.use_context is True
    assert [r.name for r in sent.requests] == names
    assert all(r.hints.max_candidates == 1 for r in sent.requests)


def test_batch_error_keeps_the_good_answers(client: ToponymClient) -> None:
    with pytest.raises(BatchError) as caught:
        client.resolve_batch(["Paris", "", "Berlin"])

    err = caught.value
    assert isinstance(err, ToponymError)
    assert err.code is grpc.StatusCode.INVALID_ARGUMENT
    paris, empty, berlin = err.results
    assert isinstance(paris, list)
    assert paris[0].geoname_id == 2988507
    assert isinstance(empty, InvalidArgumentError)
    assert "must not be empty" in empty.details
    assert isinstance(berlin, list)
    assert berlin[0].geoname_id == 2950159
    assert err.errors == {1: empty}
    assert "1 of 3 batch items failed" in str(err)


def test_batch_refuses_a_bare_string(client: ToponymClient) -> None:
    with pytest.raises(TypeError):
        client.resolve_batch("Paris")


def test_empty_batch(client: ToponymClient) -> None:
    assert client.resolve_batch([]) == []


# -- streams -------------------------------------------------------------------


def _names() -> Iterator[str]:
    yield from ["Paris", "Berlin", "", "Halab"]


def test_stream_yields_name_and_result_in_order(client: ToponymClient, fake_server: FakeServer) -> None:
    pairs = list(client.stream_resolve(_names(), lang="en"))

    assert [name for name, _ in pairs] == ["Paris", "Berlin", "", "Halab"]
    paris, berlin, empty, halab = (result for _, result in pairs)
    assert isinstance(paris, list) and paris[0].geoname_id == 2988507
    assert isinstance(berlin, list) and berlin[0].geoname_id == 2950159
    assert isinstance(empty, InvalidArgumentError)
    assert isinstance(halab, list) and halab[0].geoname_id == 170063
    sent = fake_server.servicer.stream_requests
    assert [r.request_id for r in sent] == ["0", "1", "2", "3"]
    assert all(r.request.hints.language == "en" for r in sent)


def test_stream_reorders_out_of_order_answers(client: ToponymClient, fake_server: FakeServer) -> None:
    fake_server.servicer.stream_reversed = True

    pairs = list(client.stream_resolve(["Paris", "Berlin", "Halab"]))

    assert [(name, result[0].geoname_id) for name, result in pairs] == [  # type: ignore[index]
        ("Paris", 2988507),
        ("Berlin", 2950159),
        ("Halab", 170063),
    ]


def test_stream_failure_raises_after_earlier_answers(client: ToponymClient) -> None:
    stream = client.stream_resolve(["Paris", CRASH, "Berlin"])

    name, result = next(stream)
    assert name == "Paris" and isinstance(result, list)
    with pytest.raises(InternalError, match="index corrupted"):
        next(stream)


def _names_then_failure() -> Iterator[str]:
    yield "Paris"
    yield "Berlin"
    raise ValueError("the input file is corrupt")


@pytest.mark.parametrize(
    ("names", "error", "answered"),
    [(_names_then_failure, ValueError, ["Paris", "Berlin"]), (lambda: ["Paris", 42, "Berlin"], TypeError, ["Paris"])],
)
def test_a_failure_of_the_names_is_raised_after_the_answers_before_it(
    client: ToponymClient, names: Callable[[], Iterable[Any]], error: type[Exception], answered: list[str]
) -> None:
    got: list[str] = []
    with pytest.raises(error):
        for name, result in client.stream_resolve(names()):
            assert isinstance(result, list)
            got.append(name)
    assert got == answered
    assert client.resolve("Berlin")[0].geoname_id == 2950159  # the channel is still fine


def test_closing_the_stream_early_cancels_the_call(client: ToponymClient, fake_server: FakeServer) -> None:
    stream = client.stream_resolve(itertools.cycle(["Paris", "Berlin"]))  # endless input
    first = [name for name, _ in itertools.islice(stream, 3)]

    stream.close()

    assert first == ["Paris", "Berlin", "Paris"]
    assert fake_server.servicer.stream_ended.wait(5)
    assert client.resolve("Berlin")[0].geoname_id == 2950159  # the channel is still fine


def test_stream_deadline(client: ToponymClient) -> None:
    with pytest.raises(DeadlineExceededError):
        list(client.stream_resolve(["Paris", STALL], timeout=0.3))


# -- retries, deadlines, metadata ------------------------------------------------


def test_retries_on_unavailable_are_invisible(client: ToponymClient, fake_server: FakeServer) -> None:
    fake_server.servicer.unavailable_remaining = 3

    assert client.resolve("Paris")[0].geoname_id == 2988507
    assert fake_server.servicer.calls["Resolve"] == 4


def test_batches_are_retried_too(client: ToponymClient, fake_server: FakeServer) -> None:
    fake_server.servicer.unavailable_remaining = 2

    assert len(client.resolve_batch(["Paris", "Berlin"])) == 2
    assert fake_server.servicer.calls["ResolveBatch"] == 3


def test_gives_up_after_five_attempts(client: ToponymClient, fake_server: FakeServer) -> None:
    fake_server.servicer.unavailable_remaining = 100

    with pytest.raises(UnavailableError, match="replica restarting"):
        client.resolve("Paris")
    assert fake_server.servicer.calls["Resolve"] == 5


def test_options_override_the_defaults(fake_server: FakeServer) -> None:
    fake_server.servicer.unavailable_remaining = 1

    with (
        ToponymClient(fake_server.target, options=[("grpc.enable_retries", 0)]) as client,
        pytest.raises(UnavailableError),
    ):
        client.resolve("Paris")
    assert fake_server.servicer.calls["Resolve"] == 1


def test_per_call_deadline(client: ToponymClient) -> None:
    with pytest.raises(DeadlineExceededError) as caught:
        client.resolve(STALL, timeout=0.2)
    assert caught.value.code is grpc.StatusCode.DEADLINE_EXCEEDED


def test_client_default_deadline(fake_server: FakeServer) -> None:
    with ToponymClient(fake_server.target, timeout=0.2) as client, pytest.raises(DeadlineExceededError):
        client.resolve_batch(["Paris", STALL])


def test_bearer_token_is_sent_as_metadata(fake_server: FakeServer) -> None:
    with ToponymClient(fake_server.target, token="s3cret") as client:
        client.resolve("Paris")
        client.resolve_batch(["Paris"])
        list(client.stream_resolve(["Paris"]))
        client.get_place(2988507)

    sent = fake_server.servicer.metadata
    assert len(sent) == 4
    assert all(md.get("authorization") == "Bearer s3cret" for md in sent)


def test_no_token_no_authorization_header(client: ToponymClient, fake_server: FakeServer) -> None:
    client.resolve("Paris")
    assert "authorization" not in fake_server.servicer.metadata[-1]


# -- channel -------------------------------------------------------------------


def test_context_manager_closes_the_channel(fake_server: FakeServer) -> None:
    with ToponymClient(fake_server.target) as client:
        assert not client.is_closed
        client.resolve("Paris")

    assert client.is_closed
    with pytest.raises(RuntimeError, match="closed"):
        client.resolve("Paris")
    with pytest.raises(RuntimeError, match="closed"):
        client.stream_resolve(["Paris"])
    raw = client._channel.unary_unary("/toponym.v1.ToponymService/Resolve")
    with pytest.raises(ValueError):  # grpc refuses calls on a closed channel
        raw(b"")
    client.close()  # idempotent


def test_round_robin_spreads_calls_over_addresses(start_fake_server: Callable[[], FakeServer]) -> None:
    first, second = start_fake_server(), start_fake_server()
    target = f"ipv4:127.0.0.1:{first.port},127.0.0.1:{second.port}"

    with ToponymClient(target) as client:
        for _ in range(10):
            client.resolve("Paris")

    assert first.servicer.calls.get("Resolve", 0) > 0
    assert second.servicer.calls.get("Resolve", 0) > 0


def test_service_config_retries_unavailable_with_backoff() -> None:
    options = dict(channel_options())
    config = json.loads(options["grpc.service_config"])

    assert config == SERVICE_CONFIG
    assert config["loadBalancingConfig"] == [{"round_robin": {}}]
    (method,) = config["methodConfig"]
    assert method["name"] == [{"service": SERVICE_NAME}] == [{"service": "toponym.v1.ToponymService"}]
    assert method["retryPolicy"] == {
        "maxAttempts": 5,
        "initialBackoff": "0.1s",
        "maxBackoff": "2s",
        "backoffMultiplier": 2,
        "retryableStatusCodes": ["UNAVAILABLE", "CANCELLED"],
    }
    assert options["grpc.enable_retries"] == 1
    assert "grpc.keepalive_time_ms" in options


def test_repr_names_the_target() -> None:
    with ToponymClient("dns:///toponym.internal:50051") as client:
        assert repr(client) == "ToponymClient(target='dns:///toponym.internal:50051')"
        assert client.target == "dns:///toponym.internal:50051"
