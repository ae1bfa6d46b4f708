"""Bearer-token authentication: a server interceptor that refuses calls without a valid token.

A call must carry ``authorization: Bearer <token>`` metadata with one of the configured tokens,
or it is answered UNAUTHENTICATED before any of its work starts. Health checks stay open so that
load balancers and orchestrators can probe the server without a token.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import grpc

if TYPE_CHECKING:  # grpc-stubs makes the interceptor generic; the runtime class is not subscriptable
    _Interceptor = grpc.ServerInterceptor[Any, Any]
else:
    _Interceptor = grpc.ServerInterceptor

from toponym_server.service.security import SecurityConfigError

OPEN_METHOD_PREFIXES = ("/grpc.health.v1.Health/",)
"""Methods callable without a token."""

_SCHEME = "bearer "


def load_tokens(path: Path) -> frozenset[str]:
    """Read tokens from a file, one a line (blank lines and ``#`` comments ignored); several allow rotation."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise SecurityConfigError(f"cannot read the auth token file {path}: {err}") from err
    tokens = frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))
    if not tokens:
        raise SecurityConfigError(f"the auth token file {path} holds no token")
    return check_tokens(tokens)


def check_tokens(tokens: Iterable[str]) -> frozenset[str]:
    """Return the tokens, refusing any that could not travel as gRPC metadata."""
    checked = frozenset(tokens)
    for token in checked:
        if not token or not token.isascii() or not token.isprintable() or " " in token:
            raise SecurityConfigError("an auth token must be printable ASCII without spaces")
    return checked


class BearerTokenInterceptor(_Interceptor):
    """Let a call through only with ``authorization: Bearer <token>`` naming one of ``tokens``."""

    def __init__(self, tokens: Iterable[str], open_prefixes: tuple[str, ...] = OPEN_METHOD_PREFIXES) -> None:
        self._tokens = tuple(t.encode() for t in check_tokens(tokens))
        self._open = open_prefixes

    def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], grpc.RpcMethodHandler[Any, Any] | None],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler[Any, Any] | None:
        """Pass an open or authenticated call on; answer any other UNAUTHENTICATED."""
        if handler_call_details.method.startswith(self._open):
            return continuation(handler_call_details)
        problem = self._problem(handler_call_details.invocation_metadata or ())
        handler = continuation(handler_call_details)
        if problem is None or handler is None:
            return handler
        return _refusal(handler, problem)

    def _problem(self, metadata: Iterable[Any]) -> str | None:
        """Say what is wrong with the call's credentials, or ``None`` when they are good."""
        values = [value for key, value in metadata if key == "authorization"]
        if not values:
            return "missing bearer token: send 'authorization: Bearer <token>' metadata"
        value = values[0] if isinstance(values[0], str) else ""
        if not value.lower().startswith(_SCHEME):
            return "the authorization metadata must use the Bearer scheme"
        offered = value[len(_SCHEME) :].strip().encode("utf-8", "replace")
        # Compare with every token, in constant time, so timing tells nothing about them.
        matches = [hmac.compare_digest(offered, token) for token in self._tokens]
        return None if any(matches) else "invalid bearer token"


def _refusal(handler: grpc.RpcMethodHandler[Any, Any], message: str) -> grpc.RpcMethodHandler[Any, Any]:
    """A handler of the same shape as ``handler`` that answers UNAUTHENTICATED."""

    def refuse(_request: Any, context: grpc.ServicerContext) -> Any:
        context.abort(grpc.StatusCode.UNAUTHENTICATED, message)

    if handler.request_streaming and handler.response_streaming:
        return grpc.stream_stream_rpc_method_handler(refuse)
    if handler.request_streaming:
        return grpc.stream_unary_rpc_method_handler(refuse)
    if handler.response_streaming:
        return grpc.unary_stream_rpc_method_handler(refuse)
    return grpc.unary_unary_rpc_method_handler(refuse)
