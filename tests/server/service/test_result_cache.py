"""The servicer's kept results: a repeated batch item or stream message gets the answer it got before."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from google.rpc import code_pb2

from toponym_client._proto.toponym.v1 import toponym_pb2 as pb
from toponym_server.resolver import Resolver
from toponym_server.service import convert
from toponym_server.service.servicer import ToponymServicer, _framed
from toponym_server.service.validation import InvalidRequestError, to_query

NAMES = ["Hasakeh", "", "الحسكة", "Tripoli", "Hasakeh", "xqzvbtkw", "Homs", "\x00bad"]


class LiveContext:
    """A call that stays active and has no deadline."""

    def is_active(self) -> bool:
        return True

    def time_remaining(self) -> float | None:
        return None


def _batch() -> pb.ResolveBatchRequest:
    items = [pb.ResolveRequest(name=n) for n in NAMES]
    items[3].hints.country_codes.append("LB")
    items[6].hints.max_candidates = 1
    return pb.ResolveBatchRequest(requests=items)


def _expected(resolver: Resolver, request: pb.ResolveBatchRequest) -> pb.ResolveBatchResponse:
    results = []
    for i, item in enumerate(request.requests):
        try:
            query = to_query(item, f"requests[{i}]")
        except InvalidRequestError as err:
            results.append(pb.ResolveResult(status_code=code_pb2.INVALID_ARGUMENT, error_message=str(err)))
        else:
            candidates = [convert.candidate_message(c) for c in resolver.resolve(query)]
            results.append(pb.ResolveResult(status_code=code_pb2.OK, candidates=candidates))
    return pb.ResolveBatchResponse(results=results)


def test_a_batch_answers_alike_cold_and_warm(resolver: Resolver) -> None:
    servicer = ToponymServicer(resolver)
    request = _batch()
    expected = _expected(resolver, request)
    context: Any = LiveContext()
    assert servicer.ResolveBatch(request, context) == expected
    assert servicer.ResolveBatch(request, context) == expected
    assert ToponymServicer(resolver, cache_size=0).ResolveBatch(request, context) == expected
    assert [r.status_code for r in expected.results].count(code_pb2.INVALID_ARGUMENT) == 2


def test_a_stream_answers_alike_cold_and_warm(resolver: Resolver) -> None:
    servicer = ToponymServicer(resolver)
    request = _batch()
    expected = _expected(resolver, request)

    def messages() -> Iterator[pb.StreamResolveRequest]:
        for i, item in enumerate(request.requests):
            yield pb.StreamResolveRequest(request_id=str(i), request=item)

    for _ in range(2):
        answers = list(servicer.StreamResolve(messages(), LiveContext()))  # type: ignore[arg-type]
        assert [a.request_id for a in answers] == [str(i) for i in range(len(NAMES))]
        for answer, result in zip(answers, expected.results, strict=True):
            if result.status_code == code_pb2.OK:
                assert answer.result == result
            else:
                assert answer.result.status_code == result.status_code


def test_results_are_framed_as_the_wire_format_frames_them() -> None:
    # Encoded results on both sides of each length whose varint takes one byte more (128, 16,384, 2**21).
    for size in (0, 1, *range(120, 131), 300, *range(16_375, 16_390), 20_000, 2**21):
        result = pb.ResolveResult(error_message="x" * size)
        framed = _framed(result.SerializeToString())
        assert pb.ResolveBatchResponse.FromString(framed * 2) == pb.ResolveBatchResponse(results=[result, result])
