"""The asyncio client against the same in-process fake server."""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
import math
import time
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import grpc
import pytest

from toponym_client import (
    AsyncToponymClient,
    BatchError,
    Candidate,
    DeadlineExceededError,
    FeatureKind,
    FieldViolation,
    InternalError,
    InvalidArgumentError,
    MatchKind,
    NotFoundError,
    PlaceDetails,
    UnavailableError,
)
from toponym_client._config import BATCH_REQUEST_SIZE

from .conftest import CRASH, STALL, FakeServer


async def test_resolve_returns_typed_immutable_candidates(fake_server: FakeServer) -> None:
    async with AsyncToponymClient(fake_server.target) as client:
        candidates = await client.resolve("Paris", country="FR")

    best = candidates[0]
    assert isinstance(best, Candidate)
    assert (best.geoname_id, best.name, best.country_code, best.feature_code) == (
        2988507,
        "Paris",
        "FR",
        "PPLC",
    )
    assert best.match_kind is MatchKind.EXACT
    assert (best.lat, best.lon) == pytest.approx((48.85341, 2.3488))
    with pytest.raises(dataclasses.FrozenInstanceError):
        best.confidence = 0.0  # type: ignore[misc]
    assert list(fake_server.servicer.requests[-1].hints.country_codes) == ["FR"]


async def test_the_near_spellings_hint_reaches_the_server(fake_server: FakeServer) -> None:
    async with AsyncToponymClient(fake_server.target) as client:
        await client.resolve("Paris", near_spellings=True)
        assert fake_server.servicer.requests[-1].hints.include_near_spellings is True
        await client.resolve("Paris")
        assert fake_server.servicer.requests[-1].hints.include_near_spellings is False


async def test_invalid_argument_carries_field_violations(fake_server: FakeServer) -> None:
    async with AsyncToponymClient(fake_server.target) as client:
        with pytest.raises(InvalidArgumentError) as caught:
            await client.resolve("")

    assert caught.value.code is grpc.StatusCode.INVALID_ARGUMENT
    assert caught.value.field_violations == (FieldViolation("name", "must not be empty"),)
    assert isinstance(caught.value.__cause__, grpc.aio.AioRpcError)


async def test_get_place_and_not_found(fake_server: FakeServer) -> None:
    async with AsyncToponymClient(fake_server.target) as client:
        details = await client.get_place(2988507, lang="la")
        with pytest.raises(NotFoundError):
            await client.get_place(1)

    assert isinstance(details, PlaceDetails)
    assert details.localized_name == "Lutetia"
    assert len(details.names) == 4


async def test_batch_order_and_batch_error(fake_server: FakeServer) -> None:
    async with AsyncToponymClient(fake_server.target) as client:
        ok = await client.resolve_batch(["Halab", "Berlin", "Paris"], context=True)
        with pytest.raises(BatchError) as caught:
            await client.resolve_batch(["Berlin", " "])

    assert [r[0].geoname_id for r in ok] == [170063, 2950159, 2988507]
    berlin, blank = caught.value.results
    assert isinstance(berlin, list) and berlin[0].geoname_id == 2950159
    assert isinstance(blank, InvalidArgumentError)


async def _async_names() -> AsyncIterator[str]:
    for name in ["Berlin", "", "Paris"]:
        yield name


async def test_stream_from_an_async_iterable(fake_server: FakeServer) -> None:
    fake_server.servicer.stream_reversed = True
    async with AsyncToponymClient(fake_server.target) as client:
        pairs = [pair async for pair in client.stream_resolve(_async_names())]

    assert [name for name, _ in pairs] == ["Berlin", "", "Paris"]
    berlin, blank, paris = (result for _, result in pairs)
    assert isinstance(berlin, list) and berlin[0].geoname_id == 2950159
    assert isinstance(blank, InvalidArgumentError)
    assert isinstance(paris, list) and paris[0].geoname_id == 2988507
    assert sorted(r.request_id for r in fake_server.servicer.stream_requests) == ["0", "1", "2"]


async def test_stream_from_a_plain_iterable_and_failure(fake_server: FakeServer) -> None:
    async with AsyncToponymClient(fake_server.target) as client:
        stream = client.stream_resolve(["Paris", CRASH])
        name, result = await anext(stream)
        assert name == "Paris" and isinstance(result, list)
        with pytest.raises(InternalError):
            await anext(stream)


async def _async_names_then_failure() -> AsyncIterator[str]:
    yield "Paris"
    raise ValueError("the input file is corrupt")


def _names_then_failure() -> Iterator[str]:
    yield "Paris"
    raise ValueError("the input file is corrupt")


@pytest.mark.parametrize("names", [_async_names_then_failure, _names_then_failure])
async def test_a_failure_of_the_names_is_raised_after_the_answers_before_it(
    fake_server: FakeServer, names: Callable[[], Any]
) -> None:
    got: list[str] = []
    async with AsyncToponymClient(fake_server.target) as client:
        with pytest.raises(ValueError, match="corrupt"):
            async for name, _ in client.stream_resolve(names()):
                got.append(name)
    assert got == ["Paris"]


async def test_closing_the_stream_early_cancels_the_call(fake_server: FakeServer) -> None:
    async with AsyncToponymClient(fake_server.target) as client:
        stream = client.stream_resolve(itertools.cycle(["Paris", "Berlin"]))  # endless input
        first = [(await anext(stream))[0] for _ in range(3)]
        await stream.aclose()

        assert first == ["Paris", "Berlin", "Paris"]
        assert await asyncio.to_thread(fake_server.servicer.stream_ended.wait, 5)
        assert (await client.resolve("Berlin"))[0].geoname_id == 2950159


async def test_retries_on_unavailable_are_invisible(fake_server: FakeServer) -> None:
    fake_server.servicer.unavailable_remaining = 2
    async with AsyncToponymClient(fake_server.target) as client:
        assert (await client.resolve("Berlin"))[0].geoname_id == 2950159
    assert fake_server.servicer.calls["Resolve"] == 3


async def test_gives_up_after_five_attempts(fake_server: FakeServer) -> None:
    fake_server.servicer.unavailable_remaining = 100
    async with AsyncToponymClient(fake_server.target) as client:
        with pytest.raises(UnavailableError):
            await client.get_place(2988507)
    assert fake_server.servicer.calls["GetPlace"] == 5


async def test_deadlines(fake_server: FakeServer) -> None:
    async with AsyncToponymClient(fake_server.target, timeout=0.2) as client:
        with pytest.raises(DeadlineExceededError):
            await client.resolve(STALL)
        with pytest.raises(DeadlineExceededError):
            await client.resolve(STALL, timeout=0.1)
        with pytest.raises(DeadlineExceededError):
            [pair async for pair in client.stream_resolve([STALL], timeout=0.2)]


async def test_bearer_token_is_sent_as_metadata(fake_server: FakeServer) -> None:
    async with AsyncToponymClient(fake_server.target, token="t0ken") as client:
        await client.resolve("Paris")
        await client.resolve_batch(["Paris"])
        [pair async for pair in client.stream_resolve(["Paris"])]
        await client.get_place(2988507)

    assert [md.get("authorization") for md in fake_server.servicer.metadata] == ["Bearer t0ken"] * 4


async def test_async_with_closes_the_client(fake_server: FakeServer) -> None:
    async with AsyncToponymClient(fake_server.target) as client:
        await client.resolve("Paris")

    assert client.is_closed
    with pytest.raises(RuntimeError, match="closed"):
        await client.resolve("Paris")
    with pytest.raises(RuntimeError, match="closed"):
        client.stream_resolve(["Paris"])
    raw = client._channel.unary_unary("/toponym.v1.ToponymService/Resolve", None, None)
    with pytest.raises(grpc.aio.UsageError):  # grpc refuses calls on a closed channel
        await raw(b"")
    await client.close()  # idempotent


async def test_limit_below_one_is_refused(fake_server: FakeServer) -> None:
    async with AsyncToponymClient(fake_server.target) as client:
        with pytest.raises(ValueError, match="limit"):
            await client.resolve_batch(["Paris"], limit=0)
    assert fake_server.servicer.calls == {}


async def test_a_long_batch_goes_as_requests_of_a_thousand_names(fake_server: FakeServer) -> None:
    names = ["Paris", "Berlin"] * 1_250
    names[2_499] = ""
    async with AsyncToponymClient(fake_server.target) as client:
        with pytest.raises(BatchError) as caught:
            await client.resolve_batch(names, limit=1)
        together = await client.resolve_batch(names[:2_000], context=True, limit=1)

    sizes = [len(r.requests) for r in fake_server.servicer.requests]
    assert sizes == [BATCH_REQUEST_SIZE, BATCH_REQUEST_SIZE, 500, 2_000]
    assert list(caught.value.errors) == [2_499]
    assert [r[0].geoname_id for r in caught.value.results[:2]] == [2988507, 2950159]  # type: ignore[index]
    assert len(together) == 2_000


async def test_a_deadline_that_passes_before_any_connection_raises_unavailable_naming_the_target(
    refusing_target: str,
) -> None:
    async with AsyncToponymClient(refusing_target, timeout=0.3) as client:
        with pytest.raises(UnavailableError) as caught:
            await client.resolve("Paris")

    assert f"no connection to {refusing_target} could be made within 0.3 s" in caught.value.details
    assert "TRANSIENT_FAILURE" in caught.value.details


@pytest.mark.parametrize("unreachable", ["refusing_target", "silent_target"])
async def test_a_stream_waits_for_a_connection_no_longer_than_the_client_s_timeout(
    unreachable: str, request: pytest.FixtureRequest
) -> None:
    target = request.getfixturevalue(unreachable)
    async with AsyncToponymClient(target, timeout=0.3) as client:
        with pytest.raises(UnavailableError, match=f"no connection to {target}"):
            await asyncio.wait_for(anext(client.stream_resolve(["Paris"])), 5)


async def test_a_connected_stream_outlives_the_client_s_timeout(fake_server: FakeServer) -> None:
    async def slow_names() -> AsyncIterator[str]:
        for name in ["Paris", "Berlin", "Halab", "Paris", "Berlin"]:
            await asyncio.sleep(0.1)
            yield name

    async with AsyncToponymClient(fake_server.target, timeout=0.2) as client:
        started = time.monotonic()
        pairs = [pair async for pair in client.stream_resolve(slow_names())]

    assert time.monotonic() - started > 0.4
    assert len(pairs) == 5 and all(isinstance(outcome, list) for _, outcome in pairs)


async def test_a_batch_goes_as_requests_of_the_client_s_batch_size(fake_server: FakeServer) -> None:
    async with AsyncToponymClient(fake_server.target, batch_size=2) as client:
        answers = await client.resolve_batch(["Paris", "Berlin", "Halab"])

    assert [a[0].geoname_id for a in answers] == [2988507, 2950159, 170063]
    sent = [[item.name for item in request.requests] for request in fake_server.servicer.requests[-2:]]
    assert sent == [["Paris", "Berlin"], ["Halab"]]


@pytest.mark.parametrize("item", [math.nan, b"Al\xffeppo", None])
async def test_a_stream_item_that_is_no_string_fails_alone(fake_server: FakeServer, item: object) -> None:
    async with AsyncToponymClient(fake_server.target) as client:
        pairs = [pair async for pair in client.stream_resolve(["Paris", item, "Berlin"])]  # type: ignore[list-item]

    (_, paris), (_, refused), (_, berlin) = pairs
    assert isinstance(paris, list) and isinstance(berlin, list)
    assert isinstance(refused, InvalidArgumentError)
    assert refused.field_violations == (FieldViolation("names[1]", f"must be a string, not {type(item).__name__}"),)


async def test_a_text_with_an_unpaired_surrogate_is_refused_with_a_field_violation(fake_server: FakeServer) -> None:
    async with AsyncToponymClient(fake_server.target) as client:
        with pytest.raises(InvalidArgumentError) as caught:
            await client.resolve_text("Shelling in Aleppo \udc80 and Homs")

    assert caught.value.field_violations[0].field == "text"
    assert fake_server.servicer.calls == {}


async def test_a_token_is_stripped_and_one_no_header_can_carry_refused(fake_server: FakeServer) -> None:
    async with AsyncToponymClient(fake_server.target, token="t0ken\n") as client:
        await client.resolve("Paris")
    with pytest.raises(ValueError, match="token"):
        AsyncToponymClient(fake_server.target, token="t\u00f6ken")

    assert [md.get("authorization") for md in fake_server.servicer.metadata] == ["Bearer t0ken"]


async def test_a_single_feature_kind_is_accepted_and_a_string_refused(fake_server: FakeServer) -> None:
    async with AsyncToponymClient(fake_server.target) as client:
        await client.resolve("Paris", kinds=FeatureKind.COUNTRY)
        with pytest.raises(TypeError, match="kinds"):
            await client.resolve("Paris", kinds="COUNTRY")  # type: ignore[arg-type]

    assert list(fake_server.servicer.requests[-1].hints.feature_kinds) == [FeatureKind.COUNTRY]
