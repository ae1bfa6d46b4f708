"""Request building and answer handling shared by both clients, without a server."""

from __future__ import annotations

import pytest
from google.rpc import code_pb2

from toponym_client import FieldViolation, InvalidArgumentError
from toponym_client._proto.toponym.v1 import toponym_pb2
from toponym_client._requests import StreamTracker, auth_metadata, plan_batch

pb = toponym_pb2


def _answer(index: int) -> pb.StreamResolveResponse:
    return pb.StreamResolveResponse(request_id=str(index), result=pb.ResolveResult())


def test_a_stream_tracker_holds_only_the_names_not_yet_answered() -> None:
    tracker = StreamTracker(pb.ResolveHints())
    requests = tracker.requests(f"name {i}" for i in range(10_000))

    for index, request in enumerate(requests):
        assert request.request_id == str(index)
        assert [name for name, _ in tracker.accept(_answer(index))] == [f"name {index}"]
        assert tracker.pending == 0

    assert tracker.finish() == []


def test_a_stream_tracker_holds_names_answered_out_of_order_until_their_turn() -> None:
    tracker = StreamTracker(pb.ResolveHints())
    sent = list(tracker.requests(["a", "b", "c"]))

    assert tracker.accept(_answer(2)) == [] and tracker.pending == 3
    assert [name for name, _ in tracker.accept(_answer(0))] == ["a"] and tracker.pending == 2
    assert [name for name, _ in tracker.accept(_answer(1))] == ["b", "c"] and tracker.pending == 0
    assert len(sent) == 3


def test_the_errors_of_a_later_batch_request_name_items_by_the_caller_s_index() -> None:
    names = ["Paris"] * 2_500
    plans = plan_batch(names, pb.ResolveHints(), use_context=False)
    later = plans[2]
    results = [pb.ResolveResult()] * later.size
    results[3] = pb.ResolveResult(
        status_code=code_pb2.INVALID_ARGUMENT,
        error_message="requests[3].name: must not be empty; requests[3].hints.language: 'x' is not a BCP 47 tag",
    )

    outcomes = later.outcomes(pb.ResolveBatchResponse(results=results))

    assert [plan.offset for plan in plans] == [0, 1_000, 2_000]
    error = outcomes[3]
    assert isinstance(error, InvalidArgumentError)
    assert error.details == (
        "requests[2003].name: must not be empty; requests[2003].hints.language: 'x' is not a BCP 47 tag"
    )
    assert all(outcome == [] for i, outcome in enumerate(outcomes) if i != 3)


def test_an_empty_batch_is_one_empty_request() -> None:
    (plan,) = plan_batch([], pb.ResolveHints(), use_context=False)
    assert plan.size == 0 and len(plan.request.requests) == 0


def test_a_batch_item_refused_by_the_client_is_named_by_the_caller_s_index() -> None:
    names = ["Paris"] * 1_500
    names[1_200] = None  # type: ignore[call-overload]
    names[1_300] = 1.5  # type: ignore[call-overload]

    plans = plan_batch(names, pb.ResolveHints(), use_context=False)

    refused = plans[1].refused
    assert list(refused) == [200, 300]
    assert refused[200].field_violations == (FieldViolation("requests[1200].name", "must be a string, not NoneType"),)
    assert refused[300].field_violations == (FieldViolation("requests[1300].name", "must be a string, not float"),)
    assert [len(plan.request.requests) for plan in plans] == [1_000, 500]


@pytest.mark.parametrize(
    ("token", "sent"), [("abc", "Bearer abc"), ("abc\n", "Bearer abc"), ("\t a b \r\n", "Bearer a b")]
)
def test_a_token_is_sent_without_the_whitespace_around_it(token: str, sent: str) -> None:
    assert auth_metadata(token) == (("authorization", sent),)


@pytest.mark.parametrize("token", ["", " \n", "caf\u00e9", "a\nb", "a\x00b", "a\x7fb"])
def test_a_token_no_header_can_carry_is_refused(token: str) -> None:
    with pytest.raises(ValueError, match="token"):
        auth_metadata(token)
