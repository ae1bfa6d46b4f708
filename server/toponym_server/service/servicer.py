"""The ToponymService implementation: validate, convert, call the resolver, convert back.

Every answer is OK or a defined error: invalid or malformed input gets INVALID_ARGUMENT with
``google.rpc.BadRequest`` field violations, a batch or stream item its own status, and a
resolver fault INTERNAL with a generic message (details go to the log, never the request).
Work stops between items once the caller has gone or the deadline has passed.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable, Iterator
from typing import NoReturn

import grpc
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

from toponym_client._proto.toponym.v1 import toponym_pb2 as pb
from toponym_client._proto.toponym.v1 import toponym_pb2_grpc as pb_grpc
from toponym_server.matching.ranking import ContextWeights
from toponym_server.resolver import (
    Candidate,
    Query,
    Resolver,
    alone_in_document,
    in_document,
    reaching,
    settle_in_context,
)
from toponym_server.resolver.cache import LruCache
from toponym_server.resolver.context import Points, document_weights
from toponym_server.resolver.resolver import DEFAULT_RESULT_CACHE
from toponym_server.service import convert
from toponym_server.service.decoding import BatchItems, Malformed, MalformedStreamItem
from toponym_server.service.limits import Limits
from toponym_server.service.validation import (
    FieldViolation,
    InvalidRequestError,
    check_batch_size,
    check_place_request,
    to_query,
    to_text_query,
)
from toponym_server.text import TextResolver
from toponym_server.text.document import DEFAULT_MIN_CONFIDENCE as TEXT_MIN_CONFIDENCE

logger = logging.getLogger(__name__)
_INTERNAL_MESSAGE = "internal error while resolving; the server log has the details"
_RESULTS_FIELD_TAG = b"\x0a"  # ResolveBatchResponse.results: field 1, length-delimited


def _framed(result: bytes) -> bytes:
    """One encoded ResolveResult as an element of ResolveBatchResponse.results on the wire."""
    size = len(result)
    if size < 0x4000:  # the length of a result of a few candidates: one or two bytes
        length = bytes((size,)) if size < 0x80 else bytes(((size & 0x7F) | 0x80, size >> 7))
        return b"".join((_RESULTS_FIELD_TAG, length, result))
    varint = bytearray()
    while size > 0x7F:
        varint.append((size & 0x7F) | 0x80)
        size >>= 7
    varint.append(size)
    return b"".join((_RESULTS_FIELD_TAG, varint, result))


class _ResolverError(Exception):
    """The resolver raised; the cause is logged, the caller gets INTERNAL."""


def _abort_invalid(context: grpc.ServicerContext, error: InvalidRequestError) -> NoReturn:
    detail = error_details_pb2.BadRequest(
        field_violations=[
            error_details_pb2.BadRequest.FieldViolation(field=v.field, description=v.description)
            for v in error.reported
        ]
    )
    packed = any_pb2.Any()
    packed.Pack(detail)
    status = status_pb2.Status(code=code_pb2.INVALID_ARGUMENT, message=str(error), details=[packed])
    context.abort_with_status(rpc_status.to_status(status))
    raise AssertionError("unreachable: abort raises")


def _malformed(path: str, problem: Malformed) -> InvalidRequestError:
    return InvalidRequestError([FieldViolation(path, str(problem))])


def _ended(context: grpc.ServicerContext) -> tuple[grpc.StatusCode, str] | None:
    """The status of a call whose caller has gone or whose deadline has passed; ``None`` while it runs."""
    remaining = context.time_remaining()
    if remaining is not None and remaining <= 0:
        return grpc.StatusCode.DEADLINE_EXCEEDED, "deadline exceeded before the call finished"
    if not context.is_active():
        return grpc.StatusCode.CANCELLED, "call cancelled by the client"
    return None


def _stop_if_ended(context: grpc.ServicerContext) -> None:
    """Abort the call's remaining work when its caller has gone or its deadline has passed."""
    ended = _ended(context)
    if ended is not None:
        context.abort(*ended)


class _CallEndedError(Exception):
    """Raised inside work of many names once the call has ended, to be turned into its status."""


def _checker(context: grpc.ServicerContext) -> Callable[[], None]:
    """A check that raises :class:`_CallEndedError` once the call has ended, for work outside the servicer."""

    def check() -> None:
        if _ended(context) is not None:
            raise _CallEndedError

    return check


def _item_result(candidates: list[Candidate]) -> pb.ResolveResult:
    result = pb.ResolveResult(status_code=code_pb2.OK)
    convert.add_candidates(result.candidates, candidates)
    return result


def _item_error(code: int, message: str) -> pb.ResolveResult:
    return pb.ResolveResult(status_code=code, error_message=message)


class ToponymServicer(pb_grpc.ToponymServiceServicer):
    """Answers the toponym.v1 RPCs from one resolver, within the given limits."""

    def __init__(
        self,
        resolver: Resolver,
        limits: Limits | None = None,
        *,
        cache_size: int = DEFAULT_RESULT_CACHE,
        max_open_streams: int | None = None,
    ) -> None:
        self._resolver = resolver
        self._limits = limits or Limits()
        # A stream holds a worker thread for as long as it is open, sending or not: past
        # ``max_open_streams`` (None: no bound) one more is refused, so that open streams never
        # take every thread and leave other calls, health checks among them, waiting.
        self._max_open_streams = max_open_streams
        self._stream_slots = threading.BoundedSemaphore(max_open_streams) if max_open_streams else None
        self._text = TextResolver(resolver, resolver.index)
        # An answer depends only on the request and the immutable index: a repeated name of a
        # batch or stream is answered from its encoded result, without validating, resolving
        # or converting it again. ``cache_size`` encoded results are kept, by encoded request.
        self._results: LruCache[bytes, bytes] = LruCache(cache_size)

    def _query(self, request: pb.ResolveRequest, path: str = "") -> Query:
        return to_query(request, path, max_name_length=self._limits.max_name_length)

    def _resolve(
        self, method: str, query: Query, context: Points = (), weights: ContextWeights | None = None
    ) -> list[Candidate]:
        try:
            return self._resolver.resolve(query, context, weights)
        except Exception as err:
            _log_fault(method, err)
            raise _ResolverError from err

    def Resolve(  # noqa: N802
        self, request: pb.ResolveRequest | Malformed, context: grpc.ServicerContext
    ) -> pb.ResolveResponse:
        """Resolve one name."""
        try:
            if isinstance(request, Malformed):
                raise _malformed("request", request)
            query = self._query(request)
        except InvalidRequestError as err:
            _abort_invalid(context, err)
        _stop_if_ended(context)  # it may have waited in the queue past its deadline
        try:
            candidates = self._resolve("Resolve", query)
        except _ResolverError:
            context.abort(grpc.StatusCode.INTERNAL, _INTERNAL_MESSAGE)
        response = pb.ResolveResponse()
        convert.add_candidates(response.candidates, candidates)
        return response

    def ResolveBatch(  # noqa: N802
        self, request: pb.ResolveBatchRequest | BatchItems | Malformed, context: grpc.ServicerContext
    ) -> pb.ResolveBatchResponse:
        """Resolve many names; a bad item gets its own error status, the others their answers.

        The server sends :meth:`encoded_batch` as it is; this parses it, for callers in process.
        """
        return pb.ResolveBatchResponse.FromString(self.encoded_batch(request, context))

    def encoded_batch(
        self, request: pb.ResolveBatchRequest | BatchItems | Malformed, context: grpc.ServicerContext
    ) -> bytes:
        """:meth:`ResolveBatch`'s response, encoded as it goes on the wire.

        A batch's answers are joined from their encoded results (kept ones, for names met
        before), so the response is never built as a message: parsing and encoding it again
        cost about a third of a batch of kept answers.
        """
        if isinstance(request, pb.ResolveBatchRequest):
            request = BatchItems(request)
        try:
            if isinstance(request, Malformed):
                raise _malformed("request", request)
            check_batch_size(len(request.request.requests), self._limits.max_batch_size)
        except InvalidRequestError as err:
            _abort_invalid(context, err)
        if request.request.use_context:
            return self._resolve_together(request, context).SerializeToString()
        # Built as encoded results and parsed once at the end: a repeated name costs one lookup.
        items = request.request.requests
        parts: list[bytes] = [b""] * len(items)
        for i, item in enumerate(items):
            if i in request.malformed:
                error = _malformed(f"requests[{i}]", request.malformed[i])
                parts[i] = _item_error(code_pb2.INVALID_ARGUMENT, str(error)).SerializeToString()
                continue
            key = item.SerializeToString()
            cached = self._results.get(key)
            if cached is not None:
                parts[i] = cached
                continue
            try:
                query = self._query(item, f"requests[{i}]")
            except InvalidRequestError as err:
                parts[i] = _item_error(code_pb2.INVALID_ARGUMENT, str(err)).SerializeToString()
                continue
            _stop_if_ended(context)
            try:
                parts[i] = self._encoded_result(key, self._resolve("ResolveBatch", query))
            except _ResolverError:
                parts[i] = _item_error(code_pb2.INTERNAL, _INTERNAL_MESSAGE).SerializeToString()
        return b"".join(map(_framed, parts))

    def _resolve_together(self, request: BatchItems, context: grpc.ServicerContext) -> pb.ResolveBatchResponse:
        """A batch resolved as one document: every answer depends on the others, so none is kept."""
        items = request.request.requests
        results: list[pb.ResolveResult] = [pb.ResolveResult()] * len(items)
        valid: list[tuple[int, Query]] = []
        for i, item in enumerate(items):
            try:
                if i in request.malformed:
                    raise _malformed(f"requests[{i}]", request.malformed[i])
                valid.append((i, in_document(self._query(item, f"requests[{i}]"))))
            except InvalidRequestError as err:
                results[i] = _item_error(code_pb2.INVALID_ARGUMENT, str(err))
        first: list[list[Candidate] | None] = []
        for i, query in valid:
            _stop_if_ended(context)
            try:
                # At any confidence: a name unsure alone may be sure in context (see _with_context).
                first.append(self._resolve("ResolveBatch", alone_in_document(query)))
            except _ResolverError:
                first.append(None)
                results[i] = _item_error(code_pb2.INTERNAL, _INTERNAL_MESSAGE)
        answers = self._with_context(valid, first, context)
        for (i, _), candidates in zip(valid, answers, strict=True):
            if candidates is not None:
                results[i] = _item_result(candidates)
        return pb.ResolveBatchResponse(results=results)

    def _with_context(
        self,
        valid: list[tuple[int, Query]],
        first: list[list[Candidate] | None],
        context: grpc.ServicerContext,
    ) -> list[list[Candidate] | None]:
        """Rank every name again with the confident leaders of the others, as ``Resolver.resolve_many`` does.

        ``first`` are the names' lone answers at any confidence (``None`` where the resolver
        failed); each settled answer keeps the candidates that reach its query's ``min_confidence``.
        """
        weights = document_weights(first)

        def rank_in_context(n: int, points: Points) -> list[Candidate] | None:
            _stop_if_ended(context)
            try:
                return self._resolve("ResolveBatch", valid[n][1], points, weights)
            except _ResolverError:
                return first[n]

        def likely(n: int) -> list[Candidate] | None:
            try:
                return self._resolver.likely_places(valid[n][1])
            except Exception as err:
                _log_fault("ResolveBatch", err)
                return None  # a name whose likely places fail offers none

        settled, _ = settle_in_context(first, rank_in_context, likely=likely)
        return [
            None if answers is None else reaching(answers, query.min_confidence)
            for answers, (_, query) in zip(settled, valid, strict=True)
        ]

    def _encoded_result(self, key: bytes, candidates: list[Candidate]) -> bytes:
        """Encode an OK result and keep it under its encoded request."""
        encoded = _item_result(candidates).SerializeToString()
        self._results.put(key, encoded)
        return encoded

    def StreamResolve(  # noqa: N802
        self,
        request_iterator: Iterator[pb.StreamResolveRequest | MalformedStreamItem],
        context: grpc.ServicerContext,
    ) -> Iterator[pb.StreamResolveResponse]:
        """Resolve each streamed name as it arrives; RESOURCE_EXHAUSTED past the open streams' bound."""
        slots = self._stream_slots
        if slots is None:
            yield from self._stream(request_iterator, context)
            return
        if not slots.acquire(blocking=False):
            context.abort(
                grpc.StatusCode.RESOURCE_EXHAUSTED,
                f"this server has {self._max_open_streams} streams open, as many as it serves at once (each "
                "holds a worker thread while open): send the names in ResolveBatch calls, or open the stream later",
            )
        try:
            yield from self._stream(request_iterator, context)
        finally:
            slots.release()

    def _stream(
        self,
        request_iterator: Iterator[pb.StreamResolveRequest | MalformedStreamItem],
        context: grpc.ServicerContext,
    ) -> Iterator[pb.StreamResolveResponse]:
        for number, item in enumerate(request_iterator):
            _stop_if_ended(context)
            if isinstance(item, MalformedStreamItem):
                if item.request_id is None:
                    _abort_invalid(context, _malformed(f"message {number} of the stream", item.problem))
                result = _item_error(code_pb2.INVALID_ARGUMENT, str(_malformed("request", item.problem)))
                yield pb.StreamResolveResponse(request_id=item.request_id, result=result)
                continue
            key = item.request.SerializeToString()
            cached = self._results.get(key)
            if cached is not None:
                yield pb.StreamResolveResponse(request_id=item.request_id, result=pb.ResolveResult.FromString(cached))
                continue
            try:
                query = self._query(item.request, "request")
            except InvalidRequestError as err:
                result = _item_error(code_pb2.INVALID_ARGUMENT, str(err))
            else:
                try:
                    result = pb.ResolveResult.FromString(
                        self._encoded_result(key, self._resolve("StreamResolve", query))
                    )
                except _ResolverError:
                    result = _item_error(code_pb2.INTERNAL, _INTERNAL_MESSAGE)
            yield pb.StreamResolveResponse(request_id=item.request_id, result=result)

    def GetPlace(  # noqa: N802
        self, request: pb.GetPlaceRequest | Malformed, context: grpc.ServicerContext
    ) -> pb.GetPlaceResponse:
        """Return one place with all its names."""
        try:
            if isinstance(request, Malformed):
                raise _malformed("request", request)
            check_place_request(request)
        except InvalidRequestError as err:
            _abort_invalid(context, err)
        _stop_if_ended(context)
        try:
            details = self._resolver.get_place(request.geoname_id, request.language)
        except Exception as err:
            _log_fault("GetPlace", err)
            context.abort(grpc.StatusCode.INTERNAL, _INTERNAL_MESSAGE)
        if details is None:
            context.abort(grpc.StatusCode.NOT_FOUND, f"no place with GeoNames ID {request.geoname_id}")
        return pb.GetPlaceResponse(place_details=convert.details_message(details))

    def ResolveText(  # noqa: N802
        self, request: pb.ResolveTextRequest | Malformed, context: grpc.ServicerContext
    ) -> pb.ResolveTextResponse:
        """Find and resolve the place mentions of a text."""
        try:
            if isinstance(request, Malformed):
                raise _malformed("request", request)
            text, settings = to_text_query(request, max_text_length=self._limits.max_text_length)
        except InvalidRequestError as err:
            _abort_invalid(context, err)
        _stop_if_ended(context)
        try:
            mentions = self._text.resolve_text(
                text,
                settings.hints,
                limit=settings.limit,
                min_confidence=(
                    request.hints.min_confidence if request.hints.HasField("min_confidence") else TEXT_MIN_CONFIDENCE
                ),
                check=_checker(context),  # a long text takes seconds: stop between its names
            )
        except _CallEndedError:
            _stop_if_ended(context)
            raise AssertionError("unreachable: the call has ended, so abort raised") from None
        except Exception as err:
            _log_fault("ResolveText", err)
            context.abort(grpc.StatusCode.INTERNAL, _INTERNAL_MESSAGE)
        return pb.ResolveTextResponse(mentions=[convert.mention_message(m) for m in mentions])


def _log_fault(method: str, err: Exception) -> None:
    """Log a resolver fault by kind and place only: the exception's text may quote the request."""
    frame = traceback.extract_tb(err.__traceback__)[-1] if err.__traceback__ else None
    where = f"{frame.filename}:{frame.lineno}" if frame else "?"
    logger.error("%s failed: %s at %s", method, type(err).__name__, where)
    logger.debug("%s fault traceback", method, exc_info=err)
