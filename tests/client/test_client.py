"""The blocking client against an in-process fake server."""

from __future__ import annotations

import dataclasses
import itertools
import json
import math
import subprocess
import sys
import textwrap
import threading
import time
import weakref
from collections.abc import Callable, Iterator
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
from toponym_client._config import BATCH_REQUEST_SIZE, SERVICE_CONFIG, SERVICE_NAME, channel_options
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


@pytest.mark.parametrize(
    ("arguments", "error", "named"),
    [
        ({"limit": 2**31}, ValueError, "limit"),
        ({"limit": 5.0}, TypeError, "limit"),
        ({"kinds": "POPULATED_PLACE"}, TypeError, "kinds must be a FeatureKind or an iterable of them"),
        ({"kinds": ["city"]}, ValueError, r"kinds\[0\] must be a FeatureKind"),
        # protobuf's own errors named a message field, or nothing ("bad argument type for built-in operation")
        ({"limit": True}, TypeError, "limit must be an integer, not bool"),
        ({"kinds": 3}, TypeError, "kinds must be a FeatureKind or an iterable of them"),
        ({"country": ["SY", None]}, TypeError, r"country\[1\] must be a string, not NoneType"),
        ({"country": 5}, TypeError, "country must be a code or an iterable of codes, not int"),
        ({"country": "S\ud800"}, ValueError, "country must be valid Unicode text"),
        ({"lang": 5}, TypeError, "lang must be a string, not int"),
        ({"near": ("36", "37")}, TypeError, r"near\[0\] must be a number, not str"),
        ({"near": (1, 2, 3)}, TypeError, "near must be a .latitude, longitude. pair"),
        ({"min_confidence": "0.5"}, TypeError, "min_confidence must be a number, not str"),
        ({"restrict_to_country": "yes"}, TypeError, "restrict_to_country must be a bool, not str"),
    ],
)
def test_hints_the_wire_cannot_carry_are_refused_naming_the_argument(
    client: ToponymClient, fake_server: FakeServer, arguments: dict[str, Any], error: type[Exception], named: str
) -> None:
    with pytest.raises(error, match=named):
        client.resolve("Paris", **arguments)
    assert fake_server.servicer.calls == {}


def test_a_single_feature_kind_is_accepted(client: ToponymClient, fake_server: FakeServer) -> None:
    client.resolve("Paris", kinds=FeatureKind.POPULATED_PLACE)

    assert list(fake_server.servicer.requests[-1].hints.feature_kinds) == [toponym_pb2.FEATURE_KIND_POPULATED_PLACE]


@pytest.mark.parametrize(
    ("geoname_id", "error"), [(2**63, ValueError), (-(2**63) - 1, ValueError), ("42", TypeError), (True, TypeError)]
)
def test_a_geoname_id_the_wire_cannot_carry_is_refused_naming_it(
    client: ToponymClient, fake_server: FakeServer, geoname_id: Any, error: type[Exception]
) -> None:
    with pytest.raises(error, match="geoname_id"):
        client.get_place(geoname_id)
    assert fake_server.servicer.calls == {}


@pytest.mark.parametrize(
    ("lang", "error"), [(5, TypeError), (["ar"], TypeError), (b"ar", TypeError), ("\ud800", ValueError)]
)
def test_a_place_language_of_the_wrong_type_is_refused_naming_it(
    client: ToponymClient, fake_server: FakeServer, lang: Any, error: type[Exception]
) -> None:
    # Before, lang=5 raised a TypeError naming no argument and lang=b"ar" was sent as is.
    with pytest.raises(error, match="lang"):
        client.get_place(2988507, lang=lang)
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


@pytest.mark.parametrize("text", ["Shelling in Aleppo \udc80 and Homs", 42])
def test_a_text_no_message_can_carry_is_refused_with_a_field_violation(
    client: ToponymClient, fake_server: FakeServer, text: Any
) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        client.resolve_text(text)

    (violation,) = caught.value.field_violations
    assert violation.field == "text"
    assert fake_server.servicer.calls == {}


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


def test_a_batch_goes_as_requests_of_the_client_s_batch_size(fake_server: FakeServer) -> None:
    # A server whose --max-batch-size is below the default 1,000 refused the client's requests whole.
    with ToponymClient(fake_server.target, batch_size=2) as client:
        answers = client.resolve_batch(["Paris", "Berlin", "Halab", "Paris", "Berlin"])

    assert [a[0].geoname_id for a in answers] == [2988507, 2950159, 170063, 2988507, 2950159]
    sent = [[item.name for item in request.requests] for request in fake_server.servicer.requests[-3:]]
    assert sent == [["Paris", "Berlin"], ["Halab", "Paris"], ["Berlin"]]


@pytest.mark.parametrize(("batch_size", "error"), [(0, ValueError), (2.5, TypeError), (True, TypeError)])
def test_a_batch_size_that_is_no_count_of_names_is_refused(
    fake_server: FakeServer, batch_size: Any, error: type[Exception]
) -> None:
    with pytest.raises(error, match="batch_size"):
        ToponymClient(fake_server.target, batch_size=batch_size)


def test_empty_batch(client: ToponymClient) -> None:
    assert client.resolve_batch([]) == []


def test_a_batch_item_that_is_no_string_fails_alone_naming_its_index_and_type(
    client: ToponymClient, fake_server: FakeServer
) -> None:
    with pytest.raises(BatchError) as caught:
        client.resolve_batch(["Paris", math.nan, "Berlin"])  # type: ignore[list-item]

    paris, nan, berlin = caught.value.results
    assert isinstance(paris, list) and paris[0].geoname_id == 2988507
    assert isinstance(berlin, list) and berlin[0].geoname_id == 2950159
    assert isinstance(nan, InvalidArgumentError)
    assert nan.field_violations == (FieldViolation("requests[1].name", "must be a string, not float"),)
    assert [r.name for r in fake_server.servicer.requests[-1].requests] == ["Paris", "", "Berlin"]


def _long_batch() -> list[str]:
    names = ["Paris", "Berlin", "Halab", "Nowhereville"] * 625  # 2,500 names: three requests
    names[1500] = ""  # refused by the server
    names[2100] = "Ham\ud800a"  # refused by the client
    return names


def test_a_long_batch_goes_as_requests_of_a_thousand_names_keeping_order_and_indices(
    client: ToponymClient, fake_server: FakeServer
) -> None:
    names = _long_batch()

    with pytest.raises(BatchError) as caught:
        client.resolve_batch(names, limit=1)

    sent = fake_server.servicer.requests
    assert BATCH_REQUEST_SIZE == 1_000
    assert [len(r.requests) for r in sent] == [1_000, 1_000, 500]
    assert [item.name for r in sent for item in r.requests] == [*names[:2100], "", *names[2101:]]
    err = caught.value
    assert sorted(err.errors) == [1500, 2100]
    assert err.errors[2100].field_violations[0].field == "requests[2100].name"
    expected = {"Paris": [2988507], "Berlin": [2950159], "Halab": [170063], "Nowhereville": []}
    for name, result in zip(names, err.results, strict=True):
        if isinstance(result, list):
            assert [c.geoname_id for c in result] == expected[name]


def test_each_request_of_a_long_batch_has_the_deadline_of_its_own(fake_server: FakeServer) -> None:
    names = ["Paris"] * (2 * BATCH_REQUEST_SIZE) + [STALL]

    with ToponymClient(fake_server.target, timeout=0.5) as client, pytest.raises(DeadlineExceededError):
        client.resolve_batch(names)
    assert fake_server.servicer.calls["ResolveBatch"] == 3


def test_a_batch_with_context_stays_one_request(client: ToponymClient, fake_server: FakeServer) -> None:
    names = ["Paris", "Berlin"] * 1_250

    results = client.resolve_batch(names, context=True, limit=1)

    assert len(results) == 2_500
    assert fake_server.servicer.calls["ResolveBatch"] == 1
    assert len(fake_server.servicer.requests[-1].requests) == 2_500


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


def test_a_failure_of_the_names_is_raised_after_the_answers_before_it(client: ToponymClient) -> None:
    got: list[str] = []
    with pytest.raises(ValueError, match="corrupt"):
        for name, result in client.stream_resolve(_names_then_failure()):
            assert isinstance(result, list)
            got.append(name)
    assert got == ["Paris", "Berlin"]
    assert client.resolve("Berlin")[0].geoname_id == 2950159  # the channel is still fine


def test_a_stream_item_that_is_no_string_fails_alone_naming_its_index_and_type(client: ToponymClient) -> None:
    names: list[Any] = ["Paris", math.nan, 42, "Berlin"]

    pairs = list(client.stream_resolve(names))

    assert [name for name, _ in pairs[::3]] == ["Paris", "Berlin"]
    assert all(isinstance(outcome, list) for _, outcome in pairs[::3])
    (_, nan), (_, number) = pairs[1:3]
    assert isinstance(nan, InvalidArgumentError) and isinstance(number, InvalidArgumentError)
    assert nan.field_violations == (FieldViolation("names[1]", "must be a string, not float"),)
    assert number.details == "names[2]: must be a string, not int"


@pytest.mark.parametrize("item", [b"Al\xffeppo", b"Aleppo", None])
def test_a_stream_item_of_bytes_or_none_fails_alone_and_the_stream_goes_on(client: ToponymClient, item: Any) -> None:
    # Bytes that are no UTF-8 made the stream end with the server blamed for an unanswered
    # request; bytes that are, and None, went as a name or as an empty one.
    pairs = list(client.stream_resolve(["Paris", item, "Berlin"]))

    assert [name for name, _ in pairs] == ["Paris", item, "Berlin"]
    refused = pairs[1][1]
    assert isinstance(refused, InvalidArgumentError)
    assert refused.details == f"names[1]: must be a string, not {type(item).__name__}"
    assert all(isinstance(outcome, list) for _, outcome in pairs[::2])


@pytest.mark.parametrize("item", [b"Al\xffeppo", None])
def test_a_name_of_bytes_or_none_is_refused_by_the_client(client: ToponymClient, item: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="must be a string"):
        client.resolve(item)
    with pytest.raises(BatchError) as caught:
        client.resolve_batch(["Paris", item])
    assert caught.value.results[1].details == f"requests[1].name: must be a string, not {type(item).__name__}"


class _Name(str):
    """A name a weak reference can follow."""

    __slots__ = ("__weakref__",)


def test_a_stream_forgets_each_name_once_it_is_answered(client: ToponymClient) -> None:
    sent: list[weakref.ref[_Name]] = []

    def names() -> Iterator[_Name]:
        for name in itertools.islice(itertools.cycle(["Paris", "Berlin"]), 40):
            made = _Name(name)
            sent.append(weakref.ref(made))
            yield made

    for answered, _ in enumerate(client.stream_resolve(names())):
        if answered == 39:
            assert [ref() for ref in sent[:30]] == [None] * 30  # the stream still runs, and holds none of them


def _finishes(call: Callable[[], object], within: float = 5.0) -> BaseException | None:
    """Run ``call`` on a thread; return what it raised (``None`` if nothing); fail if it runs past ``within`` s."""
    raised: list[BaseException | None] = []

    def run() -> None:
        try:
            call()
            raised.append(None)
        except BaseException as err:  # handed to the test
            raised.append(err)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(within)
    assert raised, f"still running after {within} s"
    return raised[0]


@pytest.mark.parametrize("unreachable", ["refusing_target", "silent_target"])
def test_a_stream_waits_for_a_connection_no_longer_than_the_client_s_timeout(
    unreachable: str, request: pytest.FixtureRequest
) -> None:
    target = request.getfixturevalue(unreachable)
    with ToponymClient(target, timeout=0.3) as client:
        started = time.monotonic()
        raised = _finishes(lambda: list(client.stream_resolve(["Paris"])))

    assert isinstance(raised, UnavailableError)
    assert time.monotonic() - started < 3
    assert f"no connection to {target} could be made within 0.3 s" in raised.details


def test_a_stream_s_own_shorter_timeout_bounds_its_wait_for_a_connection(refusing_target: str) -> None:
    with ToponymClient(refusing_target, timeout=30) as client:
        raised = _finishes(lambda: list(client.stream_resolve(["Paris"], timeout=0.2)))

    assert isinstance(raised, UnavailableError)
    assert "within 0.2 s" in raised.details


def test_a_stream_waits_for_a_server_that_starts_later(
    start_fake_server: Callable[..., FakeServer], free_port: int
) -> None:
    pairs: list[tuple[str, Any]] = []
    with ToponymClient(f"127.0.0.1:{free_port}", timeout=5) as client:
        waiting = threading.Thread(target=lambda: pairs.extend(client.stream_resolve(["Paris", "Berlin"])))
        waiting.start()
        time.sleep(0.3)
        start_fake_server(free_port)
        waiting.join(5)

    assert [name for name, _ in pairs] == ["Paris", "Berlin"]


def test_a_connected_stream_outlives_the_client_s_timeout(fake_server: FakeServer) -> None:
    def slow_names() -> Iterator[str]:
        for name in ["Paris", "Berlin", "Halab", "Paris", "Berlin"]:
            time.sleep(0.1)
            yield name

    with ToponymClient(fake_server.target, timeout=0.2) as client:
        pairs = list(client.stream_resolve(slow_names()))

    assert len(pairs) == 5 and all(isinstance(outcome, list) for _, outcome in pairs)


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


@pytest.mark.parametrize(
    ("unreachable", "state"), [("refusing_target", "TRANSIENT_FAILURE"), ("silent_target", "CONNECTING")]
)
def test_a_deadline_that_passes_before_any_connection_raises_unavailable_naming_the_target(
    unreachable: str, state: str, request: pytest.FixtureRequest
) -> None:
    target = request.getfixturevalue(unreachable)
    with ToponymClient(target, timeout=0.3) as client:
        with pytest.raises(UnavailableError) as caught:
            client.resolve("Paris")
        with pytest.raises(UnavailableError, match=r"within 0\.2 s"):
            client.get_place(2988507, timeout=0.2)

    assert f"no connection to {target} could be made within 0.3 s (channel {state})" in caught.value.details
    assert isinstance(caught.value.__cause__, grpc.RpcError)
    assert caught.value.__cause__.code() is grpc.StatusCode.DEADLINE_EXCEEDED  # type: ignore[attr-defined]


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


def test_whitespace_around_a_token_is_dropped(fake_server: FakeServer) -> None:
    with ToponymClient(fake_server.target, token=" s3cret\n") as client:  # as read from a token file
        client.resolve("Paris")
        list(client.stream_resolve(["Paris"]))

    assert [md.get("authorization") for md in fake_server.servicer.metadata] == ["Bearer s3cret"] * 2


@pytest.mark.parametrize("token", ["s\u00e9kret", "two\nlines", "tab\there", "\n"])
def test_a_token_no_header_can_carry_is_refused_at_construction(token: str) -> None:
    with pytest.raises(ValueError, match="token") as caught:
        ToponymClient("127.0.0.1:1", token=token)
    secret = token.strip()
    assert not secret or secret not in str(caught.value)  # the message never shows the token


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


def test_closing_after_several_streams_leaves_no_thread_failing(
    fake_server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each stream waits for the channel to be connected; asking gRPC to connect one already
    # connected left its polling thread a connection attempt to make after the close, which
    # failed on stderr ("Exception in thread ... Channel closed!").
    failures: list[threading.ExceptHookArgs] = []
    monkeypatch.setattr(threading, "excepthook", failures.append)
    with ToponymClient(fake_server.target) as client:
        for _ in range(3):
            assert [name for name, _ in client.stream_resolve(["Paris"])] == ["Paris"]
    time.sleep(0.5)  # the polling thread wakes every 0.2 s
    assert [str(failure.exc_value) for failure in failures] == []


def test_closing_after_a_deadline_and_a_stream_leaves_no_thread_failing(
    fake_server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A deadline that passed made the client look at the channel's state, which starts gRPC's
    # polling thread; the first stream after it then asked that thread to connect a connected
    # channel, and a close right after failed on stderr as above.
    failures: list[threading.ExceptHookArgs] = []
    monkeypatch.setattr(threading, "excepthook", failures.append)
    with ToponymClient(fake_server.target, timeout=0.2) as client:
        with pytest.raises(DeadlineExceededError):
            client.resolve(STALL)
        assert [name for name, _ in client.stream_resolve(["Paris"])] == ["Paris"]
    time.sleep(0.5)
    assert [str(failure.exc_value) for failure in failures] == []


def test_a_script_that_leaves_its_client_open_after_a_stream_exits(fake_server: FakeServer) -> None:
    # gRPC's channel, closed by its finalizer at interpreter exit after a stream that waited for
    # the connection, waited for ever: a pipeline script that forgot close() never ended.
    script = textwrap.dedent(
        f"""
        from toponym_client import ToponymClient
        client = ToponymClient({fake_server.target!r})
        print(len(list(client.stream_resolve(["Paris", "Berlin"]))))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=30, check=False)
    assert (done.returncode, done.stdout.strip()) == (0, "2"), done.stderr


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
