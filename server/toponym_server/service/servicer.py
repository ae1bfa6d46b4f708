"""The ToponymService implementation: validate, convert, call the resolver, convert back."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import grpc
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

from toponym_client._proto.toponym.v1 import toponym_pb2 as pb
from toponym_client._proto.toponym.v1 import toponym_pb2_grpc as pb_grpc
from toponym_server.resolver import Candidate, Query, Resolver
from toponym_server.resolver.cache import LruCache
from toponym_server.service import convert
from toponym_server.service.validation import (
    MAX_BATCH_SIZE,
    InvalidRequestError,
    check_batch_size,
    check_geoname_id,
    to_query,
)

logger = logging.getLogger(__name__)
# Encoded results kept by encoded request, for batch items and stream messages that repeat.
DEFAULT_RESULT_CACHE = 10_000
_RESULTS_FIELD_TAG = b"\x0a"  # ResolveBatchResponse.results: field 1, length-delimited


def _framed(result: bytes) -> bytes:
    """One encoded ResolveResult as an element of ResolveBatchResponse.results on the wire."""
    size = len(result)
    length = bytearray()
    while size > 0x7F:
        length.append((size & 0x7F) | 0x80)
        size >>= 7
    length.append(size)
    return _RESULTS_FIELD_TAG + bytes(length) + result


def _abort_invalid(context: grpc.ServicerContext, error: InvalidRequestError) -> None:
    detail = error_details_pb2.BadRequest(
        field_violations=[
            error_details_pb2.BadRequest.FieldViolation(field=v.field, description=v.description)
            for v in error.violations
        ]
    )
    packed = any_pb2.Any()
    packed.Pack(detail)
    status = status_pb2.Status(code=code_pb2.INVALID_ARGUMENT, message=str(error), details=[packed])
    context.abort_with_status(rpc_status.to_status(status))


class ToponymServicer(pb_grpc.ToponymServiceServicer):
    """Answers the toponym.v1 RPCs from one resolver."""

    def __init__(
        self, resolver: Resolver, *, max_batch_size: int = MAX_BATCH_SIZE, cache_size: int = DEFAULT_RESULT_CACHE
    ) -> None:
        self._resolver = resolver
        self._max_batch_size = max_batch_size
        # An answer depends only on the request and the immutable index: a repeated name of a
        # batch or stream is answered from its encoded result, without validating, resolving
        # or converting it again.
        self._results: LruCache[bytes, bytes] = LruCache(cache_size)

    def Resolve(self, request: pb.ResolveRequest, context: grpc.ServicerContext) -> pb.ResolveResponse:  # noqa: N802
        """Resolve one name."""
        try:
            query = to_query(request)
        except InvalidRequestError as err:
            _abort_invalid(context, err)
            raise  # unreachable: abort raises
        candidates = self._resolver.resolve(query)
        return pb.ResolveResponse(candidates=[convert.candidate_message(c) for c in candidates])

    def ResolveBatch(  # noqa: N802
        self, request: pb.ResolveBatchRequest, context: grpc.ServicerContext
    ) -> pb.ResolveBatchResponse:
        """Resolve many names; a bad item gets its own error status."""
        try:
            check_batch_size(len(request.requests), self._max_batch_size)
        except InvalidRequestError as err:
            _abort_invalid(context, err)
            raise
        if request.use_context:
            return self._resolve_together(request)
        # Built as encoded results and parsed once at the end: a repeated name costs one lookup.
        parts: list[bytes] = [b""] * len(request.requests)
        pending: list[tuple[int, bytes, Query]] = []
        for i, item in enumerate(request.requests):
            key = item.SerializeToString()
            cached = self._results.get(key)
            if cached is not None:
                parts[i] = cached
                continue
            try:
                pending.append((i, key, to_query(item, f"requests[{i}]")))
            except InvalidRequestError as err:
                error = pb.ResolveResult(status_code=code_pb2.INVALID_ARGUMENT, error_message=str(err))
                parts[i] = error.SerializeToString()
        answers = self._resolver.resolve_many([q for _, _, q in pending])
        for (i, key, _), candidates in zip(pending, answers, strict=True):
            parts[i] = self._encoded_result(key, candidates)
        return pb.ResolveBatchResponse.FromString(b"".join(_framed(p) for p in parts))

    def _resolve_together(self, request: pb.ResolveBatchRequest) -> pb.ResolveBatchResponse:
        """A batch resolved as one document: every answer depends on the others, so none is kept."""
        results: list[pb.ResolveResult | None] = [None] * len(request.requests)
        valid = []
        for i, item in enumerate(request.requests):
            try:
                valid.append((i, to_query(item, f"requests[{i}]")))
            except InvalidRequestError as err:
                results[i] = pb.ResolveResult(status_code=code_pb2.INVALID_ARGUMENT, error_message=str(err))
        answers = self._resolver.resolve_many([q for _, q in valid], use_context=True)
        for (i, _), candidates in zip(valid, answers, strict=True):
            results[i] = pb.ResolveResult(
                status_code=code_pb2.OK, candidates=[convert.candidate_message(c) for c in candidates]
            )
        return pb.ResolveBatchResponse(results=[r for r in results if r is not None])

    def _encoded_result(self, key: bytes, candidates: list[Candidate]) -> bytes:
        """Encode an OK result and keep it under its encoded request."""
        result = pb.ResolveResult(
            status_code=code_pb2.OK, candidates=[convert.candidate_message(c) for c in candidates]
        )
        encoded = result.SerializeToString()
        self._results.put(key, encoded)
        return encoded

    def StreamResolve(  # noqa: N802
        self, request_iterator: Iterator[pb.StreamResolveRequest], context: grpc.ServicerContext
    ) -> Iterator[pb.StreamResolveResponse]:
        """Resolve each streamed name as it arrives."""
        for item in request_iterator:
            if not context.is_active():
                return
            key = item.request.SerializeToString()
            cached = self._results.get(key)
            if cached is not None:
                result = pb.ResolveResult.FromString(cached)
            else:
                try:
                    query = to_query(item.request, "request")
                except InvalidRequestError as err:
                    result = pb.ResolveResult(status_code=code_pb2.INVALID_ARGUMENT, error_message=str(err))
                else:
                    result = pb.ResolveResult.FromString(self._encoded_result(key, self._resolver.resolve(query)))
            yield pb.StreamResolveResponse(request_id=item.request_id, result=result)

    def GetPlace(self, request: pb.GetPlaceRequest, context: grpc.ServicerContext) -> pb.GetPlaceResponse:  # noqa: N802
        """Return one place with all its names."""
        try:
            check_geoname_id(request.geoname_id)
        except InvalidRequestError as err:
            _abort_invalid(context, err)
            raise
        details = self._resolver.get_place(request.geoname_id, request.language)
        if details is None:
            context.abort(grpc.StatusCode.NOT_FOUND, f"no place with GeoNames ID {request.geoname_id}")
        assert details is not None
        return pb.GetPlaceResponse(place_details=convert.details_message(details))
