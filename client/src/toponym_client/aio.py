"""The asyncio client, :class:`AsyncToponymClient`, built on ``grpc.aio``."""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterable, AsyncIterator, Iterable, Sequence
from types import TracebackType
from typing import Any, Self, TypeVar

import grpc
import grpc.aio

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

__all__ = ["AsyncToponymClient"]

_Request = TypeVar("_Request")
_Response = TypeVar("_Response")


class AsyncToponymClient:
    """Asyncio client for a toponym server; the coroutine twin of :class:`~toponym_client.ToponymClient`.

    Same constructor, methods, retries, deadlines and errors as the blocking
    client; create it inside the event loop that will use it::

        async with AsyncToponymClient("localhost:50051") as client:
            best = (await client.resolve("Aleppo", lang="en"))[0]

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
            self._channel = grpc.aio.insecure_channel(target, options=merged)
        else:
            self._channel = grpc.aio.secure_channel(target, credentials, options=merged)
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
        kinds: Iterable[FeatureKind] | None = None,
        limit: int = 5,
        min_confidence: float | None = None,
        near_spellings: bool = False,
        timeout: float | None = None,
    ) -> list[Candidate]:
        """Resolve one name to ranked candidate places.

        Behaves as :meth:`toponym_client.ToponymClient.resolve`.
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
        kinds: Iterable[FeatureKind] | None = None,
        limit: int = 5,
        min_confidence: float | None = None,
        near_spellings: bool = False,
        timeout: float | None = None,
    ) -> list[list[Candidate]]:
        """Resolve many names in one call, all with the same hints.

        Behaves as :meth:`toponym_client.ToponymClient.resolve_batch`, raising
        :class:`~toponym_client.BatchError` with the good answers when some names fail.
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
        response = await self._unary(self._stub.ResolveBatch, plan.request, timeout)
        return plan.candidates(response)

    def stream_resolve(
        self,
        names: Iterable[str] | AsyncIterable[str],
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
    ) -> AsyncGenerator[tuple[str, list[Candidate] | ToponymError], None]:
        """Resolve names over one bidirectional stream; iterate with ``async for``.

        Behaves as :meth:`toponym_client.ToponymClient.stream_resolve`;
        ``names`` may also be an async iterable. ``timeout`` bounds the whole
        stream and defaults to none. ``await`` the returned generator's
        ``aclose()`` to stop early and cancel the call.
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
        """Make a unary call, mapping gRPC failures to ToponymError."""
        self._ensure_open()
        try:
            return await method(
                request,
                timeout=self._timeout if timeout is None else timeout,
                metadata=self._metadata,
                wait_for_ready=self._wait_for_ready,
            )
        except grpc.RpcError as err:
            raise error_from_rpc(err) from err

    async def _stream(
        self,
        tracker: _requests.StreamTracker,
        names: Iterable[str] | AsyncIterable[str],
        timeout: float | None,
    ) -> AsyncGenerator[tuple[str, list[Candidate] | ToponymError], None]:
        """Run one StreamResolve call, yielding answers in request order.

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

        call = self._stub.StreamResolve(
            requests(), timeout=timeout, metadata=self._metadata, wait_for_ready=self._wait_for_ready
        )
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
