"""The limits a server puts on what one request or one connection may ask of it."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MAX_NAME_LENGTH = 256
DEFAULT_MAX_BATCH_SIZE = 10_000
DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024
DEFAULT_MAX_CONCURRENT_RPCS = 1_000
DEFAULT_MAX_STREAMS_PER_CONNECTION = 100
DEFAULT_MAX_TEXT_LENGTH = 100_000


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on requests and connections; a request past one is refused, never half-served.

    ``max_name_length``, ``max_batch_size`` and ``max_text_length`` are checked by validation
    (INVALID_ARGUMENT);
    ``max_message_bytes`` by gRPC on receipt (RESOURCE_EXHAUSTED); ``max_concurrent_rpcs``
    server-wide (RESOURCE_EXHAUSTED past it) and ``max_streams_per_connection`` per HTTP/2
    connection (further calls on that connection wait for a free stream).
    """

    max_name_length: int = DEFAULT_MAX_NAME_LENGTH
    max_batch_size: int = DEFAULT_MAX_BATCH_SIZE
    max_message_bytes: int = DEFAULT_MAX_MESSAGE_BYTES
    max_concurrent_rpcs: int = DEFAULT_MAX_CONCURRENT_RPCS
    max_streams_per_connection: int = DEFAULT_MAX_STREAMS_PER_CONNECTION
    max_text_length: int = DEFAULT_MAX_TEXT_LENGTH

    def __post_init__(self) -> None:
        for name in (
            "max_name_length",
            "max_batch_size",
            "max_message_bytes",
            "max_concurrent_rpcs",
            "max_streams_per_connection",
            "max_text_length",
        ):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, got {getattr(self, name)}")
