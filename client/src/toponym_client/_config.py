"""Channel defaults shared by the sync and async clients.

The service config makes gRPC itself retry calls that fail with
``UNAVAILABLE`` (a restarting or overloaded replica) or that a stopping server
``CANCELLED`` with exponential backoff, and spread calls over every address a
``dns:///host:port`` target resolves to.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, Final

__all__ = [
    "BATCH_REQUEST_SIZE",
    "DEFAULT_TARGET",
    "DEFAULT_TIMEOUT",
    "SERVICE_CONFIG",
    "SERVICE_NAME",
    "channel_options",
]

DEFAULT_TARGET: Final = "localhost:50051"
"""Address used when the caller gives none."""

DEFAULT_TIMEOUT: Final = 10.0
"""Deadline in seconds for each unary call unless the caller says otherwise.

It also bounds how long a stream waits for a connection before it starts.
"""

BATCH_REQUEST_SIZE: Final = 1_000
"""The most names one ``ResolveBatch`` request carries for a batch resolved without context.

A longer batch goes as several requests, one after another, each with its own deadline: names
the server has not met before resolve at a few hundred a second, so a request of this size
finishes well within :data:`DEFAULT_TIMEOUT`, where one of 5,000 new names would not.
"""

SERVICE_NAME: Final = "toponym.v1.ToponymService"
"""Fully qualified name of the gRPC service."""

SERVICE_CONFIG: Final[dict[str, Any]] = {
    "loadBalancingConfig": [{"round_robin": {}}],
    "methodConfig": [
        {
            "name": [{"service": SERVICE_NAME}],
            "retryPolicy": {
                "maxAttempts": 5,
                "initialBackoff": "0.1s",
                "maxBackoff": "2s",
                "backoffMultiplier": 2,
                # A gRPC Python server that stops cancels the calls it had received but not yet
                # handed to a handler (grpc issue 41785): those come back CANCELLED, not
                # UNAVAILABLE. Every toponym call is a read, so retrying them is safe; a call
                # the caller itself cancelled is over and never retried.
                "retryableStatusCodes": ["UNAVAILABLE", "CANCELLED"],
            },
        }
    ],
}
"""gRPC service config: round-robin load balancing and retries on UNAVAILABLE and server-side CANCELLED."""

_DEFAULT_OPTIONS: Final[tuple[tuple[str, Any], ...]] = (
    ("grpc.service_config", json.dumps(SERVICE_CONFIG)),
    ("grpc.enable_retries", 1),
    # Ping an idle-looking connection during calls to notice dead peers. Five
    # minutes is the least a gRPC server accepts by default
    # (grpc.http2.min_ping_interval_without_data_ms) before it answers with
    # GOAWAY "too_many_pings".
    ("grpc.keepalive_time_ms", 300_000),
    ("grpc.keepalive_timeout_ms", 20_000),
    ("grpc.keepalive_permit_without_calls", 0),
    # Reconnect soon after a server restarts: waiting calls (wait_for_ready) go out as soon as it
    # listens again, instead of after gRPC's default backoff of up to two minutes.
    ("grpc.initial_reconnect_backoff_ms", 200),
    ("grpc.max_reconnect_backoff_ms", 2_000),
    # A batch answer can exceed gRPC's default of 4 MiB (10,000 names with their candidates).
    ("grpc.max_receive_message_length", 256 * 1024 * 1024),
)


def channel_options(overrides: Iterable[tuple[str, Any]] = ()) -> list[tuple[str, Any]]:
    """Return the default channel options with ``overrides`` applied.

    An override replaces the default of the same key, so callers can pass
    their own ``grpc.service_config`` or keepalive settings; other keys are
    added.
    """
    merged = dict(_DEFAULT_OPTIONS)
    merged.update(overrides)
    return list(merged.items())
