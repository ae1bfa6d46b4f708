"""Exceptions raised by the toponym clients.

Every failed call raises a :class:`ToponymError` subclass chosen by the gRPC
status code, never a raw :class:`grpc.RpcError` (which stays available as
``__cause__``). Invalid input raises :class:`InvalidArgumentError`, whose
``field_violations`` say which request field was wrong and why, decoded from
the ``grpc-status-details-bin`` trailer (with protobuf alone: see
:mod:`toponym_client._status`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

import grpc

from toponym_client._status import field_violations

if TYPE_CHECKING:
    from toponym_client.models import Candidate

__all__ = [
    "BatchError",
    "DeadlineExceededError",
    "FieldViolation",
    "InternalError",
    "InvalidArgumentError",
    "NotFoundError",
    "PermissionDeniedError",
    "ResourceExhaustedError",
    "ToponymError",
    "UnauthenticatedError",
    "UnavailableError",
    "UnexpectedStatusError",
    "error_for_status",
    "error_from_rpc",
]

_STATUS_DETAILS_KEY = "grpc-status-details-bin"


@dataclass(frozen=True, slots=True)
class FieldViolation:
    """One invalid request field, as reported by the server."""

    field: str
    """Path of the offending field, e.g. ``"hints.max_candidates"``."""
    description: str
    """Why the value was rejected."""


class ToponymError(Exception):
    """Base class of every error raised by the toponym clients.

    Attributes:
        code: The gRPC status code of the failure.
        details: The server's error message.
        field_violations: The invalid request fields, when the server named them.

    """

    default_code: ClassVar[grpc.StatusCode] = grpc.StatusCode.UNKNOWN
    """Status code assumed when none is given to the constructor."""

    code: grpc.StatusCode
    details: str
    field_violations: tuple[FieldViolation, ...]

    def __init__(
        self,
        details: str,
        *,
        code: grpc.StatusCode | None = None,
        field_violations: Iterable[FieldViolation] = (),
    ) -> None:
        super().__init__(details)
        self.code = self.default_code if code is None else code
        self.details = details
        self.field_violations = tuple(field_violations)

    def __str__(self) -> str:
        """Return ``CODE: details``, followed by the field violations the details do not already name.

        The toponym server's details list its violations as ``field: description``, so each
        appears once.
        """
        text = f"{self.code.name}: {self.details}"
        unnamed = [named for v in self.field_violations if (named := f"{v.field}: {v.description}") not in self.details]
        if unnamed:
            text = f"{text} ({'; '.join(unnamed)})"
        return text

    def __repr__(self) -> str:
        """Return the class name, code and details."""
        return f"{type(self).__name__}(code={self.code.name}, details={self.details!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle every attribute, so errors survive crossing process boundaries."""
        return (_restore_error, (type(self), self.details, dict(self.__dict__)))


class InvalidArgumentError(ToponymError):
    """The request was invalid (``INVALID_ARGUMENT``); see ``field_violations``."""

    default_code = grpc.StatusCode.INVALID_ARGUMENT


class NotFoundError(ToponymError):
    """The requested place does not exist (``NOT_FOUND``)."""

    default_code = grpc.StatusCode.NOT_FOUND


class UnavailableError(ToponymError):
    """The server could not be reached even after retries (``UNAVAILABLE``).

    Also raised, naming the target, when a call's deadline passed (or a stream's wait for a
    connection ended) before any connection to the server could be made: nothing listening at
    the address, a name that does not resolve, or TLS that client and server do not agree on.
    """

    default_code = grpc.StatusCode.UNAVAILABLE


class DeadlineExceededError(ToponymError):
    """The call did not finish before its deadline (``DEADLINE_EXCEEDED``)."""

    default_code = grpc.StatusCode.DEADLINE_EXCEEDED


class UnauthenticatedError(ToponymError):
    """The call carried no valid credentials (``UNAUTHENTICATED``)."""

    default_code = grpc.StatusCode.UNAUTHENTICATED


class PermissionDeniedError(ToponymError):
    """The credentials do not allow this call (``PERMISSION_DENIED``)."""

    default_code = grpc.StatusCode.PERMISSION_DENIED


class ResourceExhaustedError(ToponymError):
    """A quota or size limit was hit (``RESOURCE_EXHAUSTED``)."""

    default_code = grpc.StatusCode.RESOURCE_EXHAUSTED


class InternalError(ToponymError):
    """The server failed, or broke the protocol (``INTERNAL``)."""

    default_code = grpc.StatusCode.INTERNAL


class UnexpectedStatusError(ToponymError):
    """A status code without a dedicated class (e.g. ``UNIMPLEMENTED``, ``CANCELLED``)."""


class BatchError(ToponymError):
    """Some items of a batch failed; the others still have their answers.

    ``results`` holds one entry per requested name, in request order: the
    candidates of each item that succeeded, or the :class:`ToponymError` of
    each item that failed. ``code`` and ``field_violations`` are those of the
    first failed item.
    """

    results: list[list[Candidate] | ToponymError]

    def __init__(self, results: Sequence[list[Candidate] | ToponymError]) -> None:
        self.results = list(results)
        failed = self.errors
        if not failed:
            raise ValueError("BatchError needs at least one failed item")
        first = next(iter(failed.values()))
        summary = "; ".join(f"item {i}: {e.details}" for i, e in failed.items())
        super().__init__(
            f"{len(failed)} of {len(self.results)} batch items failed: {summary}",
            code=first.code,
            field_violations=first.field_violations,
        )

    @property
    def errors(self) -> dict[int, ToponymError]:
        """The failed items' errors keyed by their index in the batch."""
        return {i: r for i, r in enumerate(self.results) if isinstance(r, ToponymError)}


def _restore_error(cls: type[ToponymError], details: str, state: dict[str, Any]) -> ToponymError:
    """Rebuild a pickled error without calling its constructor."""
    err = cls.__new__(cls)
    Exception.__init__(err, details)
    err.__dict__.update(state)
    return err


_ERROR_CLASSES: Mapping[grpc.StatusCode, type[ToponymError]] = {
    cls.default_code: cls
    for cls in (
        InvalidArgumentError,
        NotFoundError,
        UnavailableError,
        DeadlineExceededError,
        UnauthenticatedError,
        PermissionDeniedError,
        ResourceExhaustedError,
        InternalError,
    )
}

_CODES_BY_NUMBER: Mapping[int, grpc.StatusCode] = {code.value[0]: code for code in grpc.StatusCode}


def error_for_status(
    code: grpc.StatusCode | int,
    details: str,
    field_violations: Iterable[FieldViolation] = (),
) -> ToponymError:
    """Build the :class:`ToponymError` subclass for a status code.

    ``code`` may be a :class:`grpc.StatusCode` or its ``google.rpc.Code``
    number (as carried by ``ResolveResult.status_code``); an unknown number
    becomes ``UNKNOWN``.
    """
    if isinstance(code, int):
        code = _CODES_BY_NUMBER.get(code, grpc.StatusCode.UNKNOWN)
    cls = _ERROR_CLASSES.get(code, UnexpectedStatusError)
    return cls(details, code=code, field_violations=field_violations)


def error_from_rpc(err: grpc.RpcError) -> ToponymError:
    """Map a failed call's :class:`grpc.RpcError` to a :class:`ToponymError`.

    Works for both sync and ``grpc.aio`` errors. Field violations come from a
    ``google.rpc.BadRequest`` in the status details trailer when it can be
    decoded, and are empty otherwise.
    """
    code = _call_attr(err, "code", grpc.StatusCode.UNKNOWN)
    details = _call_attr(err, "details", None) or str(code.value[1])
    trailers = _call_attr(err, "trailing_metadata", None) or ()
    return error_for_status(code, details, _field_violations(trailers))


def _call_attr(err: grpc.RpcError, name: str, default: Any) -> Any:
    """Call ``err.<name>()``; return ``default`` when a bare RpcError lacks it."""
    method = getattr(err, name, None)
    if not callable(method):
        return default
    value = method()
    return default if value is None else value


def _field_violations(trailers: Iterable[tuple[str, str | bytes]]) -> tuple[FieldViolation, ...]:
    """Decode BadRequest field violations from the status details trailer, if any."""
    for key, value in trailers:
        if key == _STATUS_DETAILS_KEY and isinstance(value, bytes):
            return tuple(FieldViolation(field=f, description=d) for f, d in field_violations(value))
    return ()
