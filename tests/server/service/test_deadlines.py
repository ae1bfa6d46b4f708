"""Deadlines and cancellation: a call whose caller has gone stops its work between items."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import grpc
import pytest

from toponym_client import DeadlineExceededError, ToponymClient
from toponym_client._proto.toponym.v1 import toponym_pb2 as pb
from toponym_server.index import IndexReader
from toponym_server.resolver import Candidate, Query, Resolver
from toponym_server.service.servicer import ToponymServicer


class AbortedError(Exception):
    """Raised by the fake context's abort, as gRPC's own abort raises."""

    def __init__(self, code: grpc.StatusCode, details: str) -> None:
        super().__init__(details)
        self.code = code


class FakeContext:
    """The part of a ServicerContext the servicer uses, with a caller that can go away."""

    def __init__(self, remaining: float | None = 30.0) -> None:
        self.active = True
        self.remaining = remaining

    def is_active(self) -> bool:
        return self.active

    def time_remaining(self) -> float | None:
        return self.remaining

    def abort(self, code: grpc.StatusCode, details: str) -> None:
        raise AbortedError(code, details)


class CountingResolver(Resolver):
    """A real resolver that counts its calls and can end the call after the n-th one."""

    def __init__(self, index: IndexReader, context: FakeContext, end_after: int, how: str) -> None:
        super().__init__(index)
        self.calls = 0
        self._context, self._end_after, self._how = context, end_after, how

    def resolve(self, query: Query, context: Any = (), weights: Any = None) -> list[Candidate]:
        self.calls += 1
        if self.calls == self._end_after:
            if self._how == "cancel":
                self._context.active = False
            else:
                self._context.remaining = 0.0
        return super().resolve(query, context, weights)


def _batch(n: int, use_context: bool = False) -> pb.ResolveBatchRequest:
    names = ["Hama", "Homs", "Aleppo", "Idlib", "Raqqa"]
    return pb.ResolveBatchRequest(
        requests=[pb.ResolveRequest(name=names[i % len(names)]) for i in range(n)], use_context=use_context
    )


@pytest.mark.parametrize(
    ("how", "code"), [("cancel", grpc.StatusCode.CANCELLED), ("deadline", grpc.StatusCode.DEADLINE_EXCEEDED)]
)
@pytest.mark.parametrize("use_context", [False, True])
def test_a_batch_stops_at_the_next_item_once_the_call_has_ended(
    embedded_index: IndexReader, how: str, code: grpc.StatusCode, use_context: bool
) -> None:
    context = FakeContext()
    resolver = CountingResolver(embedded_index, context, end_after=3, how=how)
    with pytest.raises(AbortedError) as caught:
        ToponymServicer(resolver).ResolveBatch(_batch(50, use_context), context)  # type: ignore[arg-type]
    assert caught.value.code is code
    assert resolver.calls == 3


@pytest.mark.parametrize(
    ("how", "code"), [("cancel", grpc.StatusCode.CANCELLED), ("deadline", grpc.StatusCode.DEADLINE_EXCEEDED)]
)
def test_a_text_stops_at_its_next_name_once_the_call_has_ended(
    embedded_index: IndexReader, how: str, code: grpc.StatusCode
) -> None:
    text = "Fighting spread from Hama to Homs, Aleppo, Idlib, Raqqa, Deir ez-Zor, Palmyra and Daraa."
    request = pb.ResolveTextRequest(text=text)
    whole = ToponymServicer(Resolver(embedded_index)).ResolveText(request, FakeContext())  # type: ignore[arg-type]
    assert len(whole.mentions) > 4  # left alone, the text names more places than are resolved below
    context = FakeContext()
    resolver = CountingResolver(embedded_index, context, end_after=3, how=how)
    with pytest.raises(AbortedError) as caught:
        ToponymServicer(resolver).ResolveText(request, context)  # type: ignore[arg-type]
    assert caught.value.code is code
    assert resolver.calls == 3


class CountdownContext(FakeContext):
    """A context whose deadline passes at its ``checks``-th look."""

    def __init__(self, checks: int) -> None:
        super().__init__()
        self.looks = 0
        self._checks = checks

    def time_remaining(self) -> float | None:
        self.looks += 1
        return 30.0 if self.looks < self._checks else 0.0


def test_a_text_stops_while_its_spans_are_looked_up_once_the_deadline_has_passed(embedded_index: IndexReader) -> None:
    context = CountdownContext(checks=3)  # the servicer's look, a span looked up, then the deadline
    resolver = CountingResolver(embedded_index, FakeContext(), end_after=0, how="deadline")
    text = "Fighting spread from Hama to Homs, Aleppo, Idlib, Raqqa, Deir ez-Zor, Palmyra and Daraa."
    with pytest.raises(AbortedError) as caught:
        ToponymServicer(resolver).ResolveText(pb.ResolveTextRequest(text=text), context)  # type: ignore[arg-type]
    assert caught.value.code is grpc.StatusCode.DEADLINE_EXCEEDED
    assert resolver.calls == 0
    assert context.looks == 4  # and once more to abort with the status


def test_a_stream_stops_reading_once_the_call_has_ended(embedded_index: IndexReader) -> None:
    context = FakeContext()
    resolver = CountingResolver(embedded_index, context, end_after=2, how="cancel")
    read = 0

    def requests() -> Iterator[pb.StreamResolveRequest]:
        nonlocal read
        for i in range(100):
            read += 1
            # distinct names: a repeated one would be answered from the servicer's cache
            yield pb.StreamResolveRequest(request_id=str(i), request=pb.ResolveRequest(name=f"Hama {i}"))

    answers = ToponymServicer(resolver).StreamResolve(requests(), context)  # type: ignore[arg-type]
    assert next(answers).request_id == "0"
    assert next(answers).request_id == "1"
    with pytest.raises(AbortedError):
        next(answers)
    assert resolver.calls == 2
    assert read == 3


def test_a_unary_call_past_its_deadline_is_not_started(embedded_index: IndexReader) -> None:
    context = FakeContext(remaining=0.0)
    resolver = CountingResolver(embedded_index, context, end_after=0, how="cancel")
    with pytest.raises(AbortedError) as caught:
        ToponymServicer(resolver).Resolve(pb.ResolveRequest(name="Hama"), context)  # type: ignore[arg-type]
    assert caught.value.code is grpc.StatusCode.DEADLINE_EXCEEDED
    assert resolver.calls == 0


def test_context_batches_answer_as_the_resolver_does(embedded_index: IndexReader) -> None:
    """The servicer's own pass over a context batch (to stop between items) must match Resolver.resolve_many."""
    resolver = Resolver(embedded_index)
    names = ["Hama", "Homs", "Aleppo", "Tripoli", "Springfield", "Raqqa", "Paris"]
    expected = resolver.resolve_many([Query(n) for n in names], use_context=True)
    request = pb.ResolveBatchRequest(requests=[pb.ResolveRequest(name=n) for n in names], use_context=True)
    response = ToponymServicer(resolver).ResolveBatch(request, FakeContext())  # type: ignore[arg-type]
    got = [[(c.place.geoname_id, round(c.confidence, 9)) for c in r.candidates] for r in response.results]
    assert got == [[(c.place.geoname_id, round(c.confidence, 9)) for c in answers] for answers in expected]


def test_a_deadline_ends_a_long_batch_and_the_server_keeps_serving(client: ToponymClient) -> None:
    with pytest.raises(DeadlineExceededError):
        # Distinct names: repeated ones are answered from the server's caches faster than any deadline.
        names = [f"{name} {i}" for i in range(2_500) for name in ("Hama", "Homs", "Aleppo", "Idlib")]
        client.resolve_batch(names, timeout=0.05)
    assert client.resolve("Hama")[0].geoname_id == 170017
