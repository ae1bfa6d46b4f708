"""The blocking client, :class:`ToponymClient`."""

from __future__ import annotations

import atexit
import threading
import time
import weakref
from collections.abc import Callable, Generator, Iterable, Sequence
from types import TracebackType
from typing import Any, Final, Self, TypeVar

import grpc

from toponym_client import _requests
from toponym_client._config import BATCH_REQUEST_SIZE, DEFAULT_TARGET, DEFAULT_TIMEOUT, channel_options
from toponym_client._convert import (
    candidates_from_proto,
    hints_to_proto,
    mentions_from_proto,
    place_details_from_proto,
)
from toponym_client._proto.toponym.v1 import toponym_pb2_grpc
from toponym_client.errors import DeadlineExceededError, ToponymError, error_from_rpc
from toponym_client.models import Candidate, FeatureKind, Mention, PlaceDetails

__all__ = ["ToponymClient"]

_Request = TypeVar("_Request")
_Response = TypeVar("_Response")

_STATE_WAIT: Final = 1.0
"""Seconds to wait for the channel to report its connectivity state."""


_OPEN_CLIENTS: weakref.WeakSet[ToponymClient] = weakref.WeakSet()
"""The clients not closed yet: closed at interpreter exit, before gRPC's own finalizers run."""


@atexit.register
def _close_open_clients() -> None:
    # A channel left open after a stream that waited for its connection is closed at exit by
    # gRPC's finalizer, which then waits for ever: a script that forgot close() never ended.
    for client in list(_OPEN_CLIENTS):
        client.close()


class ToponymClient:
    """Blocking client for a toponym server.

    Opens one gRPC channel to ``target`` and reuses it for every call; it is
    safe to share between threads. Calls that fail with ``UNAVAILABLE`` are
    retried by gRPC with exponential backoff (up to 5 attempts) before
    :class:`~toponym_client.UnavailableError` is raised, and while no server is
    reachable a call waits for one until its deadline (``wait_for_ready``); when
    no connection could be made by then, it raises
    :class:`~toponym_client.UnavailableError` naming the target, not
    :class:`~toponym_client.DeadlineExceededError` (which means a connected server
    did not answer in time). A ``dns:///host:port`` target spreads calls round-robin
    over every address the name resolves to.

    Use it as a context manager, or call :meth:`close` when done::

        with ToponymClient("localhost:50051") as client:
            best = client.resolve("Aleppo", lang="en")[0]

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
            connection before it starts, but is not resumed once started (see
            :meth:`stream_resolve`).
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
            self._channel = grpc.insecure_channel(target, options=merged)
        else:
            self._channel = grpc.secure_channel(target, credentials, options=merged)
        self._stub = toponym_pb2_grpc.ToponymServiceStub(self._channel)
        self._target = target
        self._timeout = timeout
        self._wait_for_ready = wait_for_ready
        self._batch_size = _requests.checked_batch_size(batch_size)
        self._closed = False
        self._watched = False  # whether gRPC's connectivity thread runs for the channel (see _connect)
        _OPEN_CLIENTS.add(self)

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
            _OPEN_CLIENTS.discard(self)
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
        kinds: FeatureKind | Iterable[FeatureKind] | None = None,
        limit: int = 5,
        min_confidence: float | None = None,
        near_spellings: bool = False,
        timeout: float | None = None,
    ) -> list[Candidate]:
        """Resolve one name, in any spelling or script, to ranked candidate places.

        Args:
            name: The name as written; it may carry the areas it lies in, by name or by ISO
                3166 code (``"Paris, Texas"``, ``"Springfield, IL, USA"``, ``"Kingston, ON"``,
                ``"Tripoli (Lebanon)"``), and is then answered with the places of the name
                inside them.
            country: ISO 3166-1 alpha-2 code(s) of countries to prefer.
            restrict_to_country: Return only places in ``country``.
            lang: BCP 47 tag of the text the name comes from; names in this
                language are preferred and reported as ``localized_name``.
            near: A ``(lat, lon)`` point to prefer places near.
            kinds: A :class:`FeatureKind`, or several, to allow; all kinds when ``None``.
            limit: Most candidates to return (1 to 50).
            min_confidence: Drop candidates below this confidence, in [0, 1]; when ``None``, the
                server's default of 0.3. An empty answer under the default means no place is
                likely, not that none matched: ask again with ``min_confidence=0`` to see the
                weak candidates of an ambiguous or unusual name.
            near_spellings: Rank places spelt nearly as ``name`` beside those named exactly
                as it (slower; a wider list of alternatives). By default a name spelt as the
                gazetteer spells it is answered among the places of that name.
            timeout: Deadline in seconds for the call; the client's default when ``None``.

        Returns:
            Candidates, best first; empty when none reaches ``min_confidence``.

        Raises:
            InvalidArgumentError: A hint or the name was invalid (including a name that is not a
                string or holds an unpaired surrogate); see ``field_violations``.
            UnavailableError: No server could be reached, even after retries, or no connection
                to one could be made before the deadline.
            DeadlineExceededError: A connected server did not answer before the deadline.
            ToponymError: Any other failure, as the subclass for its status code.
            TypeError: ``limit`` is not an integer, or ``kinds`` is a string.
            ValueError: ``limit`` is below 1 or past 32 bits, or ``kinds`` holds a value that is
                no :class:`FeatureKind`.

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
        kinds: FeatureKind | Iterable[FeatureKind] | None = None,
        limit: int = 5,
        min_confidence: float | None = None,
        near_spellings: bool = False,
        timeout: float | None = None,
    ) -> list[list[Candidate]]:
        """Resolve many names, all with the same hints.

        Without context, the names go as requests of at most ``batch_size`` names each
        (the client's, 1,000 by default), one after another, each retried on its own; with
        context, the whole batch is one request, as its names are one document.

        Args:
            names: The names to resolve.
            context: Let the names pull one another toward one coherent region,
                as the places of one document usually lie together. The batch is then
                one request, bounded by the server's batch size limit (10,000 by default).
            country: See :meth:`resolve`.
            restrict_to_country: See :meth:`resolve`.
            lang: See :meth:`resolve`.
            near: See :meth:`resolve`.
            kinds: See :meth:`resolve`.
            limit: See :meth:`resolve`.
            min_confidence: See :meth:`resolve`.
            near_spellings: See :meth:`resolve`.
            timeout: Deadline in seconds of each request; the client's default when ``None``.
                Without context, it bounds each request of at most ``batch_size`` names, not the whole
                batch. With ``context=True``, it bounds the whole batch, so give one that covers
                it: names the server has not met before resolve at a few hundred a second.

        Returns:
            One candidate list per name, in the order of ``names``.

        Raises:
            BatchError: Some names failed; ``results`` keeps the answers of the others, and the
                error of each failed name at its index in ``names``. A name that is not a string
                or holds an unpaired surrogate fails alone, with an
                :class:`InvalidArgumentError` naming ``requests[<index>].name``.
            ToponymError: A request failed as a whole, as the subclass for its status code
                (see :meth:`resolve`); the answers of the requests before it are not kept.

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
            outcomes += plan.outcomes(self._unary(self._stub.ResolveBatch, plan.request, timeout))
        return _requests.batch_candidates(outcomes)

    def stream_resolve(
        self,
        names: Iterable[str],
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
    ) -> Generator[tuple[str, list[Candidate] | ToponymError], None, None]:
        """Resolve a possibly endless iterable of names over one bidirectional stream.

        ``names`` is consumed lazily while answers come back, and a name is
        forgotten once its answer is yielded, so neither side holds the whole
        input. The call starts when iteration starts: it first waits for a
        connection to the server, at most ``timeout`` or the client's timeout,
        whichever is shorter, and raises :class:`UnavailableError` naming the target
        when none could be made; once started, the stream may run for as long as
        ``names`` lasts. Call ``close()`` on the returned generator to stop early and
        cancel the call.

        ``names`` is read on a thread gRPC starts for the call, not on the caller's:
        an iterable bound to the thread that made it, such as a ``sqlite3`` cursor,
        fails there (``sqlite3.ProgrammingError``, raised once the answers before it
        are yielded). Read such rows into a list first, open the connection with
        ``check_same_thread=False``, or hand the names over from their own thread
        through a :class:`queue.Queue` (``iter(queue.get, None)``).

        A stream is not resumed: when the server stops or restarts, the stream ends
        with :class:`UnavailableError` once the answers that came before are yielded
        (unary calls and batches are retried instead). To go on, stream the names
        after the last one answered.

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
            timeout: Deadline in seconds for the whole stream, its wait for a connection
                included; none when ``None`` (the client's default deadline does not apply to
                a stream once it is connected).

        Returns:
            An iterator of ``(name, outcome)`` pairs in the order of ``names``,
            where ``outcome`` is the name's candidates or, when that one name
            failed, its :class:`ToponymError`. A name that is not a string (a float
            NaN standing for a missing value) or holds an unpaired surrogate is not
            sent: its outcome is an :class:`InvalidArgumentError` naming ``names[<index>]``.

        Raises:
            UnavailableError: While iterating, when no connection could be made before the
                stream started, or when the server went away (see above).
            ToponymError: While iterating, when the stream as a whole fails otherwise.
            Exception: Whatever ``names`` raises while it is read, once the answers to the
                names before it have been yielded.

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
            timeout: Deadline in seconds for the call; the client's default when ``None``.

        Returns:
            The mentions in text order, each with its offsets and candidates.

        Raises:
            InvalidArgumentError: The text or a hint was invalid (including a text that is not a
                string or holds an unpaired surrogate); see ``field_violations``.
            ToponymError: Any other failure, as the subclass for its status code (see
                :meth:`resolve`).

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
            ToponymError: Any other failure, as the subclass for its status code (see
                :meth:`resolve`).
            TypeError: ``geoname_id`` is not an integer.
            ValueError: ``geoname_id`` does not fit in 64 bits.

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
        """Make a unary call, mapping gRPC failures to ToponymError.

        A deadline that passes while the channel is not connected raises UnavailableError
        naming the target: the call never reached a server.
        """
        self._ensure_open()
        deadline = self._timeout if timeout is None else timeout
        try:
            return method(request, timeout=deadline, metadata=self._metadata, wait_for_ready=self._wait_for_ready)
        except grpc.RpcError as err:
            error = error_from_rpc(err)
            if isinstance(error, DeadlineExceededError):
                state = self._channel_state()
                if state is not None and state is not grpc.ChannelConnectivity.READY:
                    raise _requests.connection_error(self._target, deadline, state) from err
            raise error from err

    def _stream(
        self,
        tracker: _requests.StreamTracker,
        names: Iterable[str],
        timeout: float | None,
    ) -> Generator[tuple[str, list[Candidate] | ToponymError], None, None]:
        """Run one StreamResolve call, yielding answers in request order.

        With ``wait_for_ready``, the call starts once the channel is connected (see
        :meth:`_connect`) and does not wait for a connection again: a stream has no deadline,
        and one waiting for a server that went away would wait for ever.
        When ``names`` fails, the answers to the names before the failure are yielded, then its
        exception is raised.
        """
        started = time.monotonic()
        if self._wait_for_ready:
            self._connect(_requests.shorter_timeout(timeout, self._timeout))
        remaining = None if timeout is None else max(timeout - (time.monotonic() - started), 0.0)
        responses = self._stub.StreamResolve(
            tracker.requests(names), timeout=remaining, metadata=self._metadata, wait_for_ready=False
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

    def _connect(self, timeout: float | None) -> None:
        """Wait up to ``timeout`` seconds (for ever when ``None``) for the channel to be connected.

        Raises:
            UnavailableError: No connection was made in time; it names the target.

        """
        # Asked to connect a channel that is connected, gRPC's connectivity thread would keep the
        # request and act on it up to 0.2 s after the last watch ended: on a channel closed by then,
        # it fails with a traceback on stderr. So once the channel has been watched (that thread
        # runs: a stream connected, or a deadline was looked into), the state is read first,
        # without asking. Not before: a first connection would start up to 0.2 s late.
        if self._watched and self._channel_state() is grpc.ChannelConnectivity.READY:
            return
        state = self._watch_channel(lambda seen: seen is grpc.ChannelConnectivity.READY, timeout, try_to_connect=True)
        if state is not grpc.ChannelConnectivity.READY:
            raise _requests.connection_error(self._target, timeout, state)

    def _channel_state(self) -> grpc.ChannelConnectivity | None:
        """The channel's connectivity now; ``None`` when it does not say within a second."""
        return self._watch_channel(lambda seen: seen is not None, _STATE_WAIT, try_to_connect=False)

    def _watch_channel(
        self,
        until: Callable[[grpc.ChannelConnectivity | None], bool],
        timeout: float | None,
        *,
        try_to_connect: bool,
    ) -> grpc.ChannelConnectivity | None:
        """Follow the channel's connectivity until ``until`` holds or ``timeout`` passes; return the last state."""
        watch = _ConnectivityWatch()
        self._watched = True
        self._channel.subscribe(watch, try_to_connect=try_to_connect)
        try:
            return watch.wait(until, timeout)
        finally:
            self._channel.unsubscribe(watch)


class _ConnectivityWatch:
    """Keeps the last connectivity state a channel reported to it, for a thread to wait on."""

    __slots__ = ("_changed", "_state")

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._state: grpc.ChannelConnectivity | None = None

    def __call__(self, state: grpc.ChannelConnectivity) -> None:
        """Record a state the channel reports (gRPC calls this on a thread of its own)."""
        with self._changed:
            self._state = state
            self._changed.notify_all()

    def wait(
        self, until: Callable[[grpc.ChannelConnectivity | None], bool], timeout: float | None
    ) -> grpc.ChannelConnectivity | None:
        """Wait until ``until`` holds of the last state, or ``timeout`` passes; return the last state."""
        with self._changed:
            self._changed.wait_for(lambda: until(self._state), timeout)
            return self._state
