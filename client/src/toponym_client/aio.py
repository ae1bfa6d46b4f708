"""The asyncio client, :class:`AsyncToponymClient`, built on ``grpc.aio``."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncGenerator, AsyncIterable, AsyncIterator, Iterable, Sequence
from types import TracebackType
from typing import Any, Self, TypeVar

import grpc
import grpc.aio

from toponym_client import _requests
from toponym_client._config import BATCH_REQUEST_SIZE, DEFAULT_TARGET, DEFAULT_TIMEOUT, channel_options
from toponym_client._convert import (
    candidates_from_proto,
    hints_to_proto,
    mentions_from_proto,
    place_details_from_proto,
)
from toponym_client._proto.toponym.v1 import toponym_pb2, toponym_pb2_grpc
from toponym_client.errors import DeadlineExceededError, ToponymError, error_from_rpc
from toponym_client.models import Candidate, FeatureKind, Mention, PlaceDetails

__all__ = ["AsyncToponymClient"]

_Request = TypeVar("_Request")
_Response = TypeVar("_Response")


class AsyncToponymClient:
    """Asyncio client for a toponym server; the coroutine twin of :class:`~toponym_client.ToponymClient`.

    Same constructor, methods, retries, deadlines and errors as the blocking
    client (a deadline that passes before any connection could be made raises
    :class:`~toponym_client.UnavailableError` naming the target); create it inside
    the event loop that will use it::

        async with AsyncToponymClient("localhost:50051") as client:
            best = (await client.resolve("Aleppo", lang="en"))[0]

    Args:
        target: gRPC target, e.g. ``"localhost:50051"`` or ``"dns:///toponym:50051"``.
        timeout: Default deadline in seconds for each unary call (each request of a batch
            resolved without context), and the longest a stream waits for a connection
            before it starts; ``None`` for none.
        credentials: Channel credentials for TLS (see :func:`~toponym_client.tls_credentials`);
            a plaintext channel when ``None``.
        token: Sent with every call as ``authorization: Bearer <token>`` metadata; whitespace
            around it (the line break a token file ends with) is dropped.
        options: Extra gRPC channel options; they override the defaults of the same key.
        wait_for_ready: While no server is reachable (one restarting), a call waits for one
            until its deadline instead of failing at once with ``UNAVAILABLE``; so a restart
            within the deadline is invisible to a unary call or a batch. A stream waits for a
            connection before it starts, but is not resumed once started.
        batch_size: The most names of one request of a batch resolved without context
            (1,000 by default): a server refuses a request of more names than its
            ``--max-batch-size`` allows (10,000 by default), so give one no larger.

    Raises:
        ValueError: ``token`` is empty, or holds a character an HTTP header cannot carry
            (one that is not printable ASCII), or ``batch_size`` is below 1.
        TypeError: ``batch_size`` is not an integer.

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
        batch_size: int = BATCH_REQUEST_SIZE,
    ) -> None:
        self._metadata = _requests.auth_metadata(token)  # refused before a channel is opened
        merged = channel_options(options)
        if credentials is None:
            self._channel = grpc.aio.insecure_channel(target, options=merged)
        else:
            self._channel = grpc.aio.secure_channel(target, credentials, options=merged)
        self._stub = toponym_pb2_grpc.ToponymServiceStub(self._channel)
        self._target = target
        self._timeout = timeout
        self._wait_for_ready = wait_for_ready
        self._batch_size = _requests.checked_batch_size(batch_size)
        self._closed = False

    @property
    def target(self) -> str:
        """The gRPC target this client talks to."""
        return self._target

    @property
    def is_closed(self) -> bool:
        """Whether :meth:`close` has been called."""
        return self._closed

    async def close(self) -> None:
        """Close the channel, cancelling calls in flight. Calling it again does nothing."""
        if not self._closed:
            self._closed = True
            await self._channel.close(None)

    async def __aenter__(self) -> Self:
        """Return the client itself."""
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Close the client."""
        await self.close()

    def __repr__(self) -> str:
        """Return the class name and target."""
        return f"{type(self).__name__}(target={self._target!r})"

    async def resolve(
        self,
        name: str,
        *,
        country: str | Sequence[str] | None = None,
        restrict_to_country: bool = False,
        lang: str | None = None,
        near: tuple[float, float] | None = None,
        kinds: FeatureKind | Iterable[FeatureKind] | None = None,
        limit: int = 5,
        min_confidence: float | None = None,
        near_spellings: bool = False,
        timeout: float | None = None,
    ) -> list[Candidate]:
        """Resolve one name to ranked candidate places.

        Behaves as :meth:`toponym_client.ToponymClient.resolve`: ``min_confidence=None``
        leaves the server's default of 0.3, and ``timeout`` bounds the call.
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
        response = await self._unary(self._stub.Resolve, _requests.resolve_request(name, hints), timeout)
        return candidates_from_proto(response.candidates)

    async def resolve_batch(
        self,
        names: Sequence[str],
        *,
        context: bool = False,
        country: str | Sequence[str] | None = None,
        restrict_to_country: bool = False,
        lang: str | None = None,
        near: tuple[float, float] | None = None,
        kinds: FeatureKind | Iterable[FeatureKind] | None = None,
        limit: int = 5,
        min_confidence: float | None = None,
        near_spellings: bool = False,
        timeout: float | None = None,
    ) -> list[list[Candidate]]:
        """Resolve many names, all with the same hints.

        Behaves as :meth:`toponym_client.ToponymClient.resolve_batch`, raising
        :class:`~toponym_client.BatchError` with the good answers when some names fail.
        Without context, the names go as requests of at most ``batch_size`` names each, one after
        another, and ``timeout`` bounds each request; with ``context=True`` the batch is one
        request and ``timeout`` must cover all of it. ``min_confidence=None`` leaves the
        server's default of 0.3.
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
        outcomes: list[_requests.ResolveOutcome] = []
        for plan in _requests.plan_batch(names, hints, use_context=context, size=self._batch_size):
            outcomes += plan.outcomes(await self._unary(self._stub.ResolveBatch, plan.request, timeout))
        return _requests.batch_candidates(outcomes)

    def stream_resolve(
        self,
        names: Iterable[str] | AsyncIterable[str],
        *,
        country: str | Sequence[str] | None = None,
        restrict_to_country: bool = False,
        lang: str | None = None,
        near: tuple[float, float] | None = None,
        kinds: FeatureKind | Iterable[FeatureKind] | None = None,
        limit: int = 5,
        min_confidence: float | None = None,
        near_spellings: bool = False,
        timeout: float | None = None,
    ) -> AsyncGenerator[tuple[str, list[Candidate] | ToponymError], None]:
        """Resolve names over one bidirectional stream; iterate with ``async for``.

        Behaves as :meth:`toponym_client.ToponymClient.stream_resolve`: it first waits for
        a connection, at most ``timeout`` or the client's timeout, whichever is shorter
        (:class:`~toponym_client.UnavailableError` naming the target when none could be
        made), then runs for as long as ``names`` lasts; ``timeout`` bounds the whole
        stream and defaults to none. A name is forgotten once its answer is yielded. A
        server that stops or restarts ends the stream with
        :class:`~toponym_client.UnavailableError` after the answers that came before; it is
        not resumed. ``await`` the returned generator's ``aclose()`` to stop early and
        cancel the call.

        ``names`` may be an async iterable, which is read in the event loop as any
        coroutine. A plain iterable is read on the event loop too, between its other
        tasks: fine for a list, but an iterable that blocks (a file on a slow disk, a
        database cursor, a queue) blocks the whole loop while it does. Give such a source
        as an async iterable, reading each item in a worker thread, e.g.
        ``next(rows, None)`` through :func:`asyncio.to_thread`.
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

    async def resolve_text(
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
            timeout: Deadline in seconds for the call; the client's default when ``None``.

        Returns:
            The mentions in text order, each with its offsets and candidates.

        Raises:
            InvalidArgumentError: The text or a hint was invalid (including a text that is not a
                string or holds an unpaired surrogate); see ``field_violations``.
            ToponymError: Any other failure, as the subclass for its status code (see
                :meth:`toponym_client.ToponymClient.resolve`).

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
        request = _requests.resolve_text_request(text, hints)
        response = await self._unary(self._stub.ResolveText, request, timeout)
        return mentions_from_proto(response.mentions)

    async def get_place(
        self, geoname_id: int, *, lang: str | None = None, timeout: float | None = None
    ) -> PlaceDetails:
        """Return a place with all its names.

        Behaves as :meth:`toponym_client.ToponymClient.get_place`, raising
        :class:`~toponym_client.NotFoundError` for an unknown ID.
        """
        request = _requests.get_place_request(geoname_id, lang)
        response = await self._unary(self._stub.GetPlace, request, timeout)
        return place_details_from_proto(response.place_details)

    def _ensure_open(self) -> None:
        """Raise RuntimeError when the client is closed."""
        if self._closed:
            raise RuntimeError("cannot call a closed AsyncToponymClient")

    async def _unary(
        self,
        method: grpc.aio.UnaryUnaryMultiCallable[_Request, _Response],
        request: _Request,
        timeout: float | None,
    ) -> _Response:
        """Make a unary call, mapping gRPC failures to ToponymError.

        A deadline that passes while the channel is not connected raises UnavailableError
        naming the target: the call never reached a server.
        """
        self._ensure_open()
        deadline = self._timeout if timeout is None else timeout
        try:
            return await method(request, timeout=deadline, metadata=self._metadata, wait_for_ready=self._wait_for_ready)
        except grpc.RpcError as err:
            error = error_from_rpc(err)
            if isinstance(error, DeadlineExceededError):
                state = self._channel.get_state(try_to_connect=False)
                if state is not grpc.ChannelConnectivity.READY:
                    raise _requests.connection_error(self._target, deadline, state) from err
            raise error from err

    async def _stream(
        self,
        tracker: _requests.StreamTracker,
        names: Iterable[str] | AsyncIterable[str],
        timeout: float | None,
    ) -> AsyncGenerator[tuple[str, list[Candidate] | ToponymError], None]:
        """Run one StreamResolve call, yielding answers in request order.

        With ``wait_for_ready``, the call starts once the channel is connected (see
        :meth:`_connect`) and does not wait for a connection again: a stream has no deadline,
        and one waiting for a server that went away would wait for ever.
        When ``names`` fails, the answers to the names before the failure are yielded, then its
        exception is raised.
        """

        async def requests() -> AsyncIterator[toponym_pb2.StreamResolveRequest]:
            if not isinstance(names, AsyncIterable):
                for made in tracker.requests(names):
                    yield made
                return
            try:
                async for name in names:
                    if (request := tracker.request_for(name)) is not None:
                        yield request
            except Exception as err:  # gRPC reads this iterator in a task of its own and would hide the error
                tracker.input_error = err

        started = time.monotonic()
        if self._wait_for_ready:
            await self._connect(_requests.shorter_timeout(timeout, self._timeout))
        remaining = None if timeout is None else max(timeout - (time.monotonic() - started), 0.0)
        call = self._stub.StreamResolve(requests(), timeout=remaining, metadata=self._metadata, wait_for_ready=False)
        try:
            async for response in call:
                for item in tracker.accept(response):
                    yield item
            for item in tracker.finish():
                yield item
        except grpc.RpcError as err:
            raise error_from_rpc(err) from err
        finally:
            call.cancel()
        if tracker.input_error is not None:
            raise tracker.input_error

    async def _connect(self, timeout: float | None) -> None:
        """Wait up to ``timeout`` seconds (for ever when ``None``) for the channel to be connected.

        Raises:
            UnavailableError: No connection was made in time; it names the target.

        """
        try:
            await asyncio.wait_for(self._channel.channel_ready(), timeout)
        except TimeoutError:
            state = self._channel.get_state(try_to_connect=False)
            raise _requests.connection_error(self._target, timeout, state) from None
