"""Request building and response handling shared by the sync and async clients.

Nothing here performs I/O: the clients only add the transport around it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from toponym_client._convert import candidates_from_proto
from toponym_client._proto.toponym.v1 import toponym_pb2
from toponym_client.errors import (
    BatchError,
    FieldViolation,
    InternalError,
    InvalidArgumentError,
    ToponymError,
    error_for_status,
)
from toponym_client.models import Candidate

Metadata = tuple[tuple[str, str], ...]
"""Call metadata as gRPC takes it."""

ResolveOutcome = list[Candidate] | ToponymError
"""The answer to one name of a batch or stream: its candidates, or its error."""

_OK = 0


def auth_metadata(token: str | None) -> Metadata:
    """Return the metadata sending ``token`` as a bearer token, or none without a token."""
    if token is None:
        return ()
    return (("authorization", f"Bearer {token}"),)


def resolve_request(name: str, hints: toponym_pb2.ResolveHints, field: str = "name") -> toponym_pb2.ResolveRequest:
    """Build the request for one name.

    Raises:
        InvalidArgumentError: The name holds an unpaired surrogate, which no message can carry.

    """
    try:
        return toponym_pb2.ResolveRequest(name=name, hints=hints)
    except UnicodeEncodeError:
        raise _unencodable(field) from None


def _unencodable(field: str) -> InvalidArgumentError:
    """The error for a name no message can carry: it holds an unpaired surrogate."""
    violation = FieldViolation(field, "must be valid Unicode text: it holds an unpaired surrogate")
    return InvalidArgumentError(f"{field}: {violation.description}", field_violations=[violation])


@dataclass(frozen=True, slots=True)
class BatchPlan:
    """A batch to send: the names a message can carry, and the errors of those it cannot.

    A name with an unpaired surrogate is not sent; it gets its own
    :class:`InvalidArgumentError` in its place among the answers, as a bad item
    refused by the server would. An empty item takes its place in the request, so
    that the server's errors name every other item by the caller's index.
    """

    request: toponym_pb2.ResolveBatchRequest
    refused: dict[int, ToponymError]
    size: int

    def candidates(self, response: toponym_pb2.ResolveBatchResponse) -> list[list[Candidate]]:
        """Return the candidates of every name in the caller's order.

        Raises:
            BatchError: Some items failed; it carries every item's outcome.
            InternalError: The server answered a different number of items than were sent.

        """
        if len(response.results) != self.size:
            raise InternalError(f"server answered {len(response.results)} batch items, {self.size} were sent")
        outcomes: list[ResolveOutcome] = [
            self.refused[i] if i in self.refused else outcome_from_proto(result)
            for i, result in enumerate(response.results)
        ]
        good = [o for o in outcomes if not isinstance(o, ToponymError)]
        if len(good) != len(outcomes):
            raise BatchError(outcomes)
        return good


def plan_batch(names: Sequence[str], hints: toponym_pb2.ResolveHints, *, use_context: bool) -> BatchPlan:
    """Build a batch request giving every name the same hints."""
    if isinstance(names, str):
        raise TypeError("names must be a sequence of names, not a single string")
    request = toponym_pb2.ResolveBatchRequest(use_context=use_context)
    items = request.requests
    refused: dict[int, ToponymError] = {}
    for i, name in enumerate(names):
        sent = len(items)
        try:
            # Made in place: building each item apart and appending it (a second copy) costs twice as much.
            items.add(name=name, hints=hints)
        except UnicodeEncodeError:
            del items[sent:]  # an item the failed add may have left
            items.add()  # holds the name's place: the server refuses it, the client's own error is kept
            refused[i] = _unencodable(f"requests[{i}].name")
    return BatchPlan(request, refused, len(names))


def get_place_request(geoname_id: int, lang: str | None) -> toponym_pb2.GetPlaceRequest:
    """Build the request for one place's details."""
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
    their names. When the caller's names fail (their iterable raises, or one is
    not a string), the requests end there and :attr:`input_error` keeps the
    exception, for the caller to raise once the answers to the names before it
    are delivered.
    """

    __slots__ = ("_answers", "_hints", "_names", "_next", "input_error")

    def __init__(self, hints: toponym_pb2.ResolveHints) -> None:
        self._hints = hints
        self._names: list[str] = []
        self._answers: dict[int, ResolveOutcome] = {}
        self._next = 0
        self.input_error: Exception | None = None

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

        A name no message can carry (an unpaired surrogate) is not sent: it gets its
        :class:`InvalidArgumentError` here, delivered in its turn, and ``None`` is returned.
        """
        index = len(self._names)
        try:
            request = resolve_request(name, self._hints)
        except InvalidArgumentError as err:
            self._names.append(name)
            self._answers[index] = err
            return None
        self._names.append(name)  # only once a request is made: a name that is no string is not one to answer
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
        missing = len(self._names) - self._next
        if missing:
            raise InternalError(f"server closed the stream leaving {missing} request(s) unanswered")
        return ready

    def _release(self) -> list[tuple[str, ResolveOutcome]]:
        """Pop the answers deliverable now, in request order."""
        ready: list[tuple[str, ResolveOutcome]] = []
        while self._next in self._answers:
            ready.append((self._names[self._next], self._answers.pop(self._next)))
            self._next += 1
        return ready

    def _index_of(self, request_id: str) -> int:
        """Return the request index named by ``request_id``, checking it is pending."""
        index = int(request_id) if request_id.isascii() and request_id.isdigit() else -1
        if not self._next <= index < len(self._names) or index in self._answers:
            raise InternalError(f"server answered an unknown or already answered request_id {request_id!r}")
        return index
