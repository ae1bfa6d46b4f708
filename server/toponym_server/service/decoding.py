"""Decode request bytes so that a malformed message is refused as invalid input, never as a server fault.

gRPC answers a request its deserializer cannot parse with INTERNAL. The deserializers here
return a :class:`Malformed` marker instead, which the servicer answers with INVALID_ARGUMENT.
A batch whose bytes do not parse as a whole (say, one item's name is not valid UTF-8) is split
into its items on the wire, so that only the bad items fail and the others are answered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from google.protobuf.message import Message

from toponym_client._proto.toponym.v1 import toponym_pb2 as pb

_VARINT, _FIXED64, _LENGTH, _FIXED32 = 0, 1, 2, 5
_BATCH_REQUESTS, _BATCH_USE_CONTEXT = 1, 2
_STREAM_REQUEST_ID = 1
_M = TypeVar("_M", bound=Message)


@dataclass(frozen=True, slots=True)
class Malformed:
    """Request bytes that do not decode as the message the method takes."""

    message_type: str
    reason: str

    def __str__(self) -> str:
        return f"is not a valid {self.message_type}: {self.reason}"


@dataclass(frozen=True, slots=True)
class BatchItems:
    """A decoded batch: malformed items are empty placeholders, with their reasons in ``malformed``."""

    request: pb.ResolveBatchRequest
    malformed: dict[int, Malformed] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class MalformedStreamItem:
    """A streamed request that does not decode, with its ``request_id`` when that much could be read."""

    request_id: str | None
    problem: Malformed


def _parse(message_type: type[_M], data: bytes) -> _M | Malformed:
    try:
        return message_type.FromString(data)
    except Exception as err:  # any parse failure is the sender's, not ours
        name = message_type.DESCRIPTOR.full_name
        reason = str(err).split(": ", 1)[-1] or type(err).__name__
        return Malformed(name, reason)


def lenient(message_type: type[_M]) -> Callable[[bytes], _M | Malformed]:
    """Return a request deserializer for ``message_type`` that yields :class:`Malformed` on bad bytes."""

    def deserialize(data: bytes) -> _M | Malformed:
        return _parse(message_type, data)

    return deserialize


def decode_batch(data: bytes) -> BatchItems | Malformed:
    """Decode a ResolveBatchRequest, isolating the items that do not decode."""
    whole = _parse(pb.ResolveBatchRequest, data)
    if not isinstance(whole, Malformed):
        return BatchItems(whole)
    try:
        fields = list(_fields(data))
    except ValueError as err:
        return Malformed(whole.message_type, f"{whole.reason} ({err})")
    request = pb.ResolveBatchRequest()
    malformed: dict[int, Malformed] = {}
    for number, wire_type, value in fields:
        if number == _BATCH_REQUESTS and wire_type == _LENGTH:
            assert isinstance(value, bytes)
            item = _parse(pb.ResolveRequest, value)
            if isinstance(item, Malformed):
                malformed[len(request.requests)] = item
                request.requests.add()
            else:
                request.requests.append(item)
        elif number == _BATCH_USE_CONTEXT and wire_type == _VARINT:
            request.use_context = bool(value)
    if not malformed:  # the failure was elsewhere in the message: refuse it whole
        return whole
    return BatchItems(request, malformed)


def decode_stream_item(data: bytes) -> pb.StreamResolveRequest | MalformedStreamItem:
    """Decode one StreamResolveRequest; when it is malformed, recover its ``request_id`` if possible."""
    item = _parse(pb.StreamResolveRequest, data)
    if not isinstance(item, Malformed):
        return item
    # Proto3 leaves an empty request_id off the wire: once the fields read, its absence is the
    # empty ID a caller may well send (answers are matched by order then), not an unreadable one.
    request_id: str | None = ""
    try:
        for number, wire_type, value in _fields(data):
            if number == _STREAM_REQUEST_ID and wire_type == _LENGTH:
                assert isinstance(value, bytes)
                request_id = value.decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        request_id = None
    return MalformedStreamItem(request_id, item)


def _varint(data: bytes, position: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        if position >= len(data) or shift > 63:
            raise ValueError("truncated or overlong varint")
        byte = data[position]
        position += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, position
        shift += 7


def _fields(data: bytes) -> Iterator[tuple[int, int, int | bytes]]:
    """Yield (field number, wire type, value) for each top-level field of a serialized message."""
    position = 0
    while position < len(data):
        key, position = _varint(data, position)
        number, wire_type = key >> 3, key & 7
        if number == 0:
            raise ValueError("field number 0")
        if wire_type == _VARINT:
            value, position = _varint(data, position)
            yield number, wire_type, value
        elif wire_type in (_FIXED64, _FIXED32):
            size = 8 if wire_type == _FIXED64 else 4
            if position + size > len(data):
                raise ValueError("truncated fixed-width field")
            yield number, wire_type, data[position : position + size]
            position += size
        elif wire_type == _LENGTH:
            size, position = _varint(data, position)
            if position + size > len(data):
                raise ValueError("truncated length-delimited field")
            yield number, wire_type, data[position : position + size]
            position += size
        else:
            raise ValueError(f"unsupported wire type {wire_type}")
