"""Request building and response handling shared by the sync and async clients.

Nothing here performs I/O: the clients only add the transport around it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import grpc

from toponym_client._config import BATCH_REQUEST_SIZE
from toponym_client._convert import _check_text, candidates_from_proto
from toponym_client._proto.toponym.v1 import toponym_pb2
from toponym_client.errors import (
    BatchError,
    FieldViolation,
    InternalError,
    InvalidArgumentError,
    ToponymError,
    UnavailableError,
    error_for_status,
)
from toponym_client.models import Candidate

Metadata = tuple[tuple[str, str], ...]
"""Call metadata as gRPC takes it."""

ResolveOutcome = list[Candidate] | ToponymError
"""The answer to one name of a batch or stream: its candidates, or its error."""

_OK = 0
_HEADER_CHARACTERS = frozenset(map(chr, range(0x20, 0x7F)))
"""The characters gRPC sends in a text header value: printable ASCII and the space."""


def auth_metadata(token: str | None) -> Metadata:
    """Return the metadata sending ``token`` as a bearer token, or none without a token.

    Whitespace around the token is dropped (a token read from a file ends with a line break).

    Raises:
        ValueError: The token is empty, or holds a character a header cannot carry (one that is
            not printable ASCII); the message names its position, never the token itself.

    """
    if token is None:
        return ()
    token = token.strip()
    if not token:
        raise ValueError("token must not be empty or only whitespace")
    for position, character in enumerate(token, 1):
        if character not in _HEADER_CHARACTERS:
            raise ValueError(
                f"token cannot be sent in the authorization header: its character {position} is not printable ASCII"
            )
    return (("authorization", f"Bearer {token}"),)


def connection_error(target: str, waited: float | None, state: grpc.ChannelConnectivity | None) -> UnavailableError:
    """The error for a call that found no connection to ``target`` in the ``waited`` seconds it had.

    ``state`` is the channel's connectivity when the wait ended, when known.
    """
    within = "" if waited is None else f" within {waited:g} s"
    seen = "" if state is None else f" (channel {state.name})"
    return UnavailableError(
        f"no connection to {target} could be made{within}{seen}: check that a server listens at that address "
        "and that client and server agree on TLS, with a certificate the client trusts"
    )


def shorter_timeout(first: float | None, second: float | None) -> float | None:
    """The shorter of two timeouts in seconds, ``None`` standing for no bound."""
    if first is None:
        return second
    if second is None:
        return first
    return min(first, second)


def resolve_request(name: str, hints: toponym_pb2.ResolveHints, field: str = "name") -> toponym_pb2.ResolveRequest:
    """Build the request for one name.

    Raises:
        InvalidArgumentError: No message can carry the name: it holds an unpaired surrogate, or
            it is not a string; the error names ``field``.

    """
    if not isinstance(name, str):  # protobuf would take bytes as UTF-8 and None as an empty name
        raise unsendable(field, name)
    try:
        return toponym_pb2.ResolveRequest(name=name, hints=hints)
    except UnicodeEncodeError:
        raise unsendable(field, name) from None


def resolve_text_request(text: str, hints: toponym_pb2.ResolveHints) -> toponym_pb2.ResolveTextRequest:
    """Build the request for one text.

    Raises:
        InvalidArgumentError: No message can carry ``text``, as :func:`resolve_request` says of a name.

    """
    if not isinstance(text, str):
        raise unsendable("text", text)
    try:
        return toponym_pb2.ResolveTextRequest(text=text, hints=hints)
    except UnicodeEncodeError:
        raise unsendable("text", text) from None


def unsendable(field: str, value: object) -> InvalidArgumentError:
    """The error for a value no message can carry: a string with an unpaired surrogate, or no string at all."""
    if isinstance(value, str):
        description = "must be valid Unicode text: it holds an unpaired surrogate"
    else:
        description = f"must be a string, not {type(value).__name__}"
    violation = FieldViolation(field, description)
    return InvalidArgumentError(f"{field}: {description}", field_violations=[violation])


@dataclass(frozen=True, slots=True)
class BatchPlan:
    """One request of a batch: the names a message can carry, and the errors of those it cannot.

    A name no message can carry (an unpaired surrogate, or no string at all) is not
    sent; it gets its own :class:`InvalidArgumentError` in its place among the
    answers, as a bad item refused by the server would. An empty item takes its
    place in the request, so that the server's errors name every other item.
    The request holds the caller's names from index ``offset`` on.
    """

    request: toponym_pb2.ResolveBatchRequest
    refused: dict[int, ToponymError]
    size: int
    offset: int = 0

    def outcomes(self, response: toponym_pb2.ResolveBatchResponse) -> list[ResolveOutcome]:
        """Return the outcome of every name of this request, in order.

        The server names an item by its index in the request (``requests[3].name``); the
        errors of a request past the first are renamed to the caller's index
        (``requests[1003].name``).

        Raises:
            InternalError: The server answered a different number of items than were sent.

        """
        if len(response.results) != self.size:
            raise InternalError(f"server answered {len(response.results)} batch items, {self.size} were sent")
        return [
            self.refused[i] if i in self.refused else self._outcome(i, result)
            for i, result in enumerate(response.results)
        ]

    def _outcome(self, index: int, result: toponym_pb2.ResolveResult) -> ResolveOutcome:
        """Return an item's outcome, its error naming the item by the caller's index."""
        if result.status_code == _OK or not self.offset:
            return outcome_from_proto(result)
        message = result.error_message.replace(f"requests[{index}]", f"requests[{self.offset + index}]")
        return error_for_status(result.status_code, message)


def plan_batch(
    names: Sequence[str], hints: toponym_pb2.ResolveHints, *, use_context: bool, size: int = BATCH_REQUEST_SIZE
) -> list[BatchPlan]:
    """Build the requests of a batch giving every name the same hints.

    A batch resolved with context is one request: its names are one document. Without context,
    the names go as requests of at most ``size`` names each, in order (an empty batch as one
    empty request).
    """
    if isinstance(names, str):
        raise TypeError("names must be a sequence of names, not a single string")
    if use_context:
        return [_plan_request(names, hints, use_context=True, offset=0)]
    return [
        _plan_request(names[offset : offset + size], hints, use_context=False, offset=offset)
        for offset in range(0, max(len(names), 1), size)
    ]


def _plan_request(
    names: Sequence[str], hints: toponym_pb2.ResolveHints, *, use_context: bool, offset: int
) -> BatchPlan:
    """Build one request of a batch, for the caller's names from index ``offset`` on."""
    request = toponym_pb2.ResolveBatchRequest(use_context=use_context)
    items = request.requests
    refused: dict[int, ToponymError] = {}
    for i, name in enumerate(names):
        sent = len(items)
        try:
            if not isinstance(name, str):  # bytes and None would pass as a name
                raise TypeError
            # Made in place: building each item apart and appending it (a second copy) costs twice as much.
            items.add(name=name, hints=hints)
        except (UnicodeEncodeError, TypeError):
            del items[sent:]  # an item the failed add may have left
            items.add()  # holds the name's place: the server refuses it, the client's own error is kept
            refused[i] = unsendable(f"requests[{offset + i}].name", name)
    return BatchPlan(request, refused, len(names), offset)


def batch_candidates(outcomes: Sequence[ResolveOutcome]) -> list[list[Candidate]]:
    """Return the candidates of every name of a batch, in the caller's order.

    Raises:
        BatchError: Some items failed; it carries every item's outcome.

    """
    good = [o for o in outcomes if not isinstance(o, ToponymError)]
    if len(good) != len(outcomes):
        raise BatchError(outcomes)
    return good


def checked_batch_size(batch_size: int) -> int:
    """Return ``batch_size`` when it is a whole number of names, 1 or more.

    Raises:
        TypeError: It is not an integer.
        ValueError: It is below 1.

    """
    if isinstance(batch_size, bool) or not isinstance(batch_size, int):
        raise TypeError(f"batch_size must be an integer, not {type(batch_size).__name__}")
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    return batch_size


def get_place_request(geoname_id: int, lang: str | None) -> toponym_pb2.GetPlaceRequest:
    """Build the request for one place's details.

    Raises:
        TypeError: ``geoname_id`` is not an integer, or ``lang`` not a string.
        ValueError: ``geoname_id`` does not fit in the 64 bits of the wire, or ``lang`` holds an
            unpaired surrogate.

    """
    if isinstance(geoname_id, bool) or not isinstance(geoname_id, int):
        raise TypeError(f"geoname_id must be an integer, not {type(geoname_id).__name__}")
    if not -(2**63) <= geoname_id < 2**63:
        raise ValueError(f"geoname_id must fit in a signed 64-bit integer (below 2**63), got {geoname_id}")
    if lang is not None:
        _check_text("lang", lang)
    return toponym_pb2.GetPlaceRequest(geoname_id=geoname_id, language=lang or "")


def outcome_from_proto(result: toponym_pb2.ResolveResult) -> ResolveOutcome:
    """Return an item's candidates, or the error its status describes."""
    if result.status_code == _OK:
        return candidates_from_proto(result.candidates)
    return error_for_status(result.status_code, result.error_message)


class StreamTracker:
    """Numbers the requests of one StreamResolve call and orders the answers.

    Each request's ``request_id`` is its index as a string. Answers may arrive
    in any order; :meth:`accept` releases them in request order, paired with
    their names. A name is held only until its answer is released, so an
    endless stream holds no more than the names in flight. When the caller's
    iterable of names raises, the requests end there and :attr:`input_error`
    keeps the exception, for the caller to raise once the answers to the names
    before it are delivered.
    """

    __slots__ = ("_answers", "_hints", "_names", "_next", "_sent", "input_error")

    def __init__(self, hints: toponym_pb2.ResolveHints) -> None:
        self._hints = hints
        self._names: dict[int, str] = {}
        self._answers: dict[int, ResolveOutcome] = {}
        self._next = 0
        self._sent = 0
        self.input_error: Exception | None = None

    @property
    def pending(self) -> int:
        """How many names are held: recorded, and their answers not yet released."""
        return len(self._names)

    def requests(self, names: Iterable[str]) -> Iterator[toponym_pb2.StreamResolveRequest]:
        """The requests for ``names``, in order; a failure of ``names`` ends them (see :attr:`input_error`)."""
        try:
            for name in names:
                if (request := self.request_for(name)) is not None:
                    yield request
        except Exception as err:  # gRPC reads this iterator itself and would hide the error
            self.input_error = err

    def request_for(self, name: str) -> toponym_pb2.StreamResolveRequest | None:
        """Record ``name`` and return its numbered request.

        A name no message can carry (an unpaired surrogate, or no string at all, such as a
        float NaN standing for a missing value) is not sent: it gets its
        :class:`InvalidArgumentError`, naming it ``names[<index>]``, delivered in its turn,
        and ``None`` is returned.
        """
        index = self._sent
        # The sync client reads the names on a gRPC thread while the caller's thread releases the
        # answers: the name is recorded before its answer can exist, and counted before it is.
        self._names[index] = name
        self._sent = index + 1
        try:
            request = resolve_request(name, self._hints, field=f"names[{index}]")
        except InvalidArgumentError as err:
            self._answers[index] = err
            return None
        return toponym_pb2.StreamResolveRequest(request_id=str(index), request=request)

    def accept(self, response: toponym_pb2.StreamResolveResponse) -> list[tuple[str, ResolveOutcome]]:
        """Store an answer; return the answers now deliverable in request order.

        Raises:
            InternalError: The answer's ``request_id`` matches no pending request.

        """
        index = self._index_of(response.request_id)
        self._answers[index] = outcome_from_proto(response.result)
        return self._release()

    def finish(self) -> list[tuple[str, ResolveOutcome]]:
        """Once the server has closed the stream, release what is left and check nothing is missing.

        Returns the answers still held in request order (names refused before sending).

        Raises:
            InternalError: Some requests got no answer.

        """
        ready = self._release()
        missing = self._sent - self._next
        if missing:
            raise InternalError(f"server closed the stream leaving {missing} request(s) unanswered")
        return ready

    def _release(self) -> list[tuple[str, ResolveOutcome]]:
        """Pop the answers deliverable now, in request order."""
        ready: list[tuple[str, ResolveOutcome]] = []
        while self._next in self._answers:
            ready.append((self._names.pop(self._next), self._answers.pop(self._next)))
            self._next += 1
        return ready

    def _index_of(self, request_id: str) -> int:
        """Return the request index named by ``request_id``, checking it is pending."""
        index = int(request_id) if request_id.isascii() and request_id.isdigit() else -1
        if not self._next <= index < self._sent or index in self._answers:
            raise InternalError(f"server answered an unknown or already answered request_id {request_id!r}")
        return index
