"""The blocking client, :class:`ToponymClient`."""

from __future__ import annotations

from collections.abc import Generator, Iterable, Sequence
from types import TracebackType
from typing import Any, Self, TypeVar

import grpc

from toponym_client import _requests
from toponym_client._config import DEFAULT_TARGET, DEFAULT_TIMEOUT, channel_options
from toponym_client._convert import (
    candidates_from_proto,
    hints_to_proto,
    mentions_from_proto,
    place_details_from_proto,
)
from toponym_client._proto.toponym.v1 import toponym_pb2, toponym_pb2_grpc
from toponym_client.errors import ToponymError, error_from_rpc
from toponym_client.models import Candidate, FeatureKind, Mention, PlaceDetails

__all__ = ["ToponymClient"]

_Request = TypeVar("_Request")
_Response = TypeVar("_Response")


class ToponymClient:
    """Blocking client for a toponym server.

    Opens one gRPC channel to ``target`` and reuses it for every call; it is
    safe to share between threads. Calls that fail with ``UNAVAILABLE`` are
    retried by gRPC with exponential backoff (up to 5 attempts) before
    :class:`~toponym_client.UnavailableError` is raised, and while no server is
    reachable a call waits for one until its deadline (``wait_for_ready``). A ``dns:///host:port``
    target spreads calls round-robin over every address the name resolves to.

    Use it as a context manager, or call :meth:`close` when done::

        with ToponymClient("localhost:50051") as client:
            best = client.resolve("Aleppo", lang="en")[0]

    Args:
        target: gRPC target, e.g. ``"localhost:50051"`` or ``"dns:///toponym:50051"``.
        timeout: Default deadline in seconds for each unary call; ``None`` for none.
        credentials: Channel credentials for TLS (see :func:`~toponym_client.tls_credentials`);
            a plaintext channel when ``None``.
        token: Sent with every call as ``authorization: Bearer <token>`` metadata.
        options: Extra gRPC channel options; they override the defaults of the same key.
        wait_for_ready: While no server is reachable (one restarting), a call waits for one
            until its deadline instead of failing at once with ``UNAVAILABLE``; so a restart
            within the deadline is invisible to the caller.

    """

    def __init__(
        self,
        target: str = DEFAULT_TARGET,
        *,
        timeout: float | None = DEFAULT_TIMEOUT,
        credentials: grpc.ChannelCredentials | None = None,
        token: str | None = None,
        options: Sequence[tuple[str, Any]] = (),
        wait_for_ready: bool = True,
    ) -> None:
        merged = channel_options(options)
        if credentials is None:
            self._channel = grpc.insecure_channel(target, options=merged)
        else:
            self._channel = grpc.secure_channel(target, credentials, options=merged)
        self._stub = toponym_pb2_grpc.ToponymServiceStub(self._channel)
        self._target = target
        self._timeout = timeout
        self._metadata = _requests.auth_metadata(token)
        self._wait_for_ready = wait_for_ready
        self._closed = False

    @property
    def target(self) -> str:
        """The gRPC target this client talks to."""
        return self._target

    @property
    def is_closed(self) -> bool:
        """Whether :meth:`close` has been called."""
        return self._closed

    def close(self) -> None:
        """Close the channel, cancelling calls in flight. Calling it again does nothing."""
        if not self._closed:
            self._closed = True
            self._channel.close()

    def __enter__(self) -> Self:
        """Return the client itself."""
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Close the client."""
        self.close()

    def __repr__(self) -> str:
        """Return the class name and target."""
        return f"{type(self).__name__}(target={self._target!r})"

    def resolve(
        self,
        name: str,
        *,
        country: str | Sequence[str] | None = None,
        restrict_to_country: bool = False,
        lang: str | None = None,
        near: tuple[float, float] | None = None,
        kinds: Iterable[FeatureKind] | None = None,
        limit: int = 5,
        min_confidence: float | None = None,
        near_spellings: bool = False,
        timeout: float | None = None,
    ) -> list[Candidate]:
        """Resolve one name, in any spelling or script, to ranked candidate places.

        Args:
            name: The name as written.
            country: ISO 3166-1 alpha-2 code(s) of countries to prefer.
            restrict_to_country: Return only places in ``country``.
            lang: BCP 47 tag of the text the name comes from; names in this
                language are preferred and reported as ``localized_name``.
            near: A ``(lat, lon)`` point to prefer places near.
            kinds: Feature kinds to allow; all kinds when ``None``.
            limit: Most candidates to return (1 to 50).
            min_confidence: Drop candidates below this confidence; server default when ``None``.
            near_spellings: Rank places spelt nearly as ``name`` beside those named exactly
                as it (slower; a wider list of alternatives). By default a name spelt as the
                gazetteer spells it is answered among the places of that name.
            timeout: Deadline in seconds; the client's default when ``None``.

        Returns:
            Candidates, best first; empty when none reaches ``min_confidence``.

        Raises:
            InvalidArgumentError: A hint or the name was invalid; see ``field_violations``.
            ToponymError: Any other failure, as the subclass for its status code.
            ValueError: ``limit`` is below 1.

        """
        hints = hints_to_proto(
            country=country,
            restrict_to_country=restrict_to_country,
            lang=lang,
            near=near,
            kinds=kinds,
            limit=limit,
            min_confidence=min_confidence,
            near_spellings=near_spellings,
        )
        response = self._unary(self._stub.Resolve, _requests.resolve_request(name, hints), timeout)
        return candidates_from_proto(response.candidates)

    def resolve_batch(
        self,
        names: Sequence[str],
        *,
        context: bool = False,
        country: str | Sequence[str] | None = None,
        restrict_to_country: bool = False,
        lang: str | None = None,
        near: tuple[float, float] | None = None,
        kinds: Iterable[FeatureKind] | None = None,
        limit: int = 5,
        min_confidence: float | None = None,
        near_spellings: bool = False,
        timeout: float | None = None,
    ) -> list[list[Candidate]]:
        """Resolve many names in one call, all with the same hints.

        Args:
            names: The names to resolve.
            context: Let the names pull one another toward one coherent region,
                as the places of one document usually lie together.
            country: See :meth:`resolve`.
            restrict_to_country: See :meth:`resolve`.
            lang: See :meth:`resolve`.
            near: See :meth:`resolve`.
            kinds: See :meth:`resolve`.
            limit: See :meth:`resolve`.
            min_confidence: See :meth:`resolve`.
            near_spellings: See :meth:`resolve`.
            timeout: Deadline in seconds for the whole batch; the client's default when ``None``.

        Returns:
            One candidate list per name, in the order of ``names``.

        Raises:
            BatchError: Some names failed; ``results`` keeps the answers of the others.
            ToponymError: The whole call failed, as the subclass for its status code.

        """
        hints = hints_to_proto(
            country=country,
            restrict_to_country=restrict_to_country,
            lang=lang,
            near=near,
            kinds=kinds,
            limit=limit,
            min_confidence=min_confidence,
            near_spellings=near_spellings,
        )
        plan = _requests.plan_batch(names, hints, use_context=context)
        response = self._unary(self._stub.ResolveBatch, plan.request, timeout)
        return plan.candidates(response)

    def stream_resolve(
        self,
        names: Iterable[str],
        *,
        country: str | Sequence[str] | None = None,
        restrict_to_country: bool = False,
        lang: str | None = None,
        near: tuple[float, float] | None = None,
        kinds: Iterable[FeatureKind] | None = None,
        limit: int = 5,
        min_confidence: float | None = None,
        near_spellings: bool = False,
        timeout: float | None = None,
    ) -> Generator[tuple[str, list[Candidate] | ToponymError], None, None]:
        """Resolve a possibly endless iterable of names over one bidirectional stream.

        ``names`` is consumed lazily while answers come back, so neither side
        holds the whole input. The call starts when iteration starts; call
        ``close()`` on the returned generator to stop early and cancel the call.

        Args:
            names: The names to resolve.
            country: See :meth:`resolve`.
            restrict_to_country: See :meth:`resolve`.
            lang: See :meth:`resolve`.
            near: See :meth:`resolve`.
            kinds: See :meth:`resolve`.
            limit: See :meth:`resolve`.
            min_confidence: See :meth:`resolve`.
            near_spellings: See :meth:`resolve`.
            timeout: Deadline in seconds for the whole stream; none when ``None``
                (the client's default deadline does not apply to streams).

        Returns:
            An iterator of ``(name, outcome)`` pairs in the order of ``names``,
            where ``outcome`` is the name's candidates or, when that one name
            failed, its :class:`ToponymError`.

        Raises:
            ToponymError: While iterating, when the stream as a whole fails.
            Exception: Whatever ``names`` raises while it is read (or :class:`TypeError`
                for a name that is not a string), once the answers to the names before it
                have been yielded.

        """
        self._ensure_open()
        if isinstance(names, str):
            raise TypeError("names must be an iterable of names, not a single string")
        tracker = _requests.StreamTracker(
            hints_to_proto(
                country=country,
                restrict_to_country=restrict_to_country,
                lang=lang,
                near=near,
                kinds=kinds,
                limit=limit,
                min_confidence=min_confidence,
                near_spellings=near_spellings,
            )
        )
        return self._stream(tracker, names, timeout)

    def resolve_text(
        self,
        text: str,
        *,
        country: str | Sequence[str] | None = None,
        restrict_to_country: bool = False,
        lang: str | None = None,
        limit: int = 3,
        min_confidence: float | None = None,
        timeout: float | None = None,
    ) -> list[Mention]:
        """Find the place names a text mentions and resolve them together.

        Person and organisation names that look like places are left out; a capital named for
        its government (*Washington says*) resolves to the capital.

        Args:
            text: The text, in any script (at most the server's text length limit).
            country: ISO 3166-1 alpha-2 code(s) of countries to prefer for every mention.
            restrict_to_country: Return only places in ``country``.
            lang: BCP 47 tag of the text's language.
            limit: Most candidates per mention (1 to 50).
            min_confidence: The confidence a mention's best candidate must reach; server default
                (0.5) when ``None``.
            timeout: Deadline in seconds; the client's default when ``None``.

        Returns:
            The mentions in text order, each with its offsets and candidates.

        Raises:
            InvalidArgumentError: The text or a hint was invalid; see ``field_violations``.
            ToponymError: Any other failure, as the subclass for its status code.

        """
        hints = hints_to_proto(
            country=country,
            restrict_to_country=restrict_to_country,
            lang=lang,
            near=None,
            kinds=None,
            limit=limit,
            min_confidence=min_confidence,
        )
        request = toponym_pb2.ResolveTextRequest(text=text, hints=hints)
        response = self._unary(self._stub.ResolveText, request, timeout)
        return mentions_from_proto(response.mentions)

    def get_place(self, geoname_id: int, *, lang: str | None = None, timeout: float | None = None) -> PlaceDetails:
        """Return a place with all its names.

        Args:
            geoname_id: GeoNames ID of the place.
            lang: BCP 47 tag; fills ``localized_name`` when the gazetteer has a name in it.
            timeout: Deadline in seconds; the client's default when ``None``.

        Raises:
            NotFoundError: No place has this ID.
            ToponymError: Any other failure, as the subclass for its status code.

        """
        request = _requests.get_place_request(geoname_id, lang)
        response = self._unary(self._stub.GetPlace, request, timeout)
        return place_details_from_proto(response.place_details)

    def _ensure_open(self) -> None:
        """Raise RuntimeError when the client is closed."""
        if self._closed:
            raise RuntimeError("cannot call a closed ToponymClient")

    def _unary(
        self,
        method: grpc.UnaryUnaryMultiCallable[_Request, _Response],
        request: _Request,
        timeout: float | None,
    ) -> _Response:
        """Make a unary call, mapping gRPC failures to ToponymError."""
        self._ensure_open()
        try:
            return method(
                request,
                timeout=self._timeout if timeout is None else timeout,
                metadata=self._metadata,
                wait_for_ready=self._wait_for_ready,
            )
        except grpc.RpcError as err:
            raise error_from_rpc(err) from err

    def _stream(
        self,
        tracker: _requests.StreamTracker,
        names: Iterable[str],
        timeout: float | None,
    ) -> Generator[tuple[str, list[Candidate] | ToponymError], None, None]:
        """Run one StreamResolve call, yielding answers in request order.

        When ``names`` fails, the answers to the names before the failure are yielded, then its
        exception is raised.
        """
        responses = self._stub.StreamResolve(
            tracker.requests(names), timeout=timeout, metadata=self._metadata, wait_for_ready=self._wait_for_ready
        )
        try:
            for response in responses:
                yield from tracker.accept(response)
            yield from tracker.finish()
        except grpc.RpcError as err:
            raise error_from_rpc(err) from err
        finally:
            responses.cancel()  # type: ignore[no-untyped-call]  # grpc-stubs leaves cancel() untyped
        if tracker.input_error is not None:
            raise tracker.input_error
