"""Decode the field violations of a ``grpc-status-details-bin`` trailer with protobuf alone.

A server refusing a request sends a ``google.rpc.Status`` whose details hold a
``google.rpc.BadRequest``. Their generated classes ship in ``googleapis-common-protos``, which the
client does not depend on (only ``grpcio`` and ``protobuf``): the two messages are declared here,
field for field as ``google/rpc/status.proto`` and ``google/rpc/error_details.proto`` declare them,
in a descriptor pool of their own, so that they never clash with those classes when both are
installed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from google.protobuf import any_pb2, descriptor_pb2, descriptor_pool, message_factory
from google.protobuf.message import DecodeError

_BAD_REQUEST = "google.rpc.BadRequest"
_FIELD = descriptor_pb2.FieldDescriptorProto


def _declare() -> tuple[Any, Any]:
    """The message classes of ``google.rpc.Status`` and ``google.rpc.BadRequest``, in a pool of their own."""
    pool = descriptor_pool.DescriptorPool()
    pool.AddSerializedFile(any_pb2.DESCRIPTOR.serialized_pb)
    file = descriptor_pb2.FileDescriptorProto(
        name="toponym_client/google_rpc_status.proto",
        package="google.rpc",
        syntax="proto3",
        dependency=[any_pb2.DESCRIPTOR.name],
    )
    status = file.message_type.add(name="Status")
    _field(status, "code", 1, _FIELD.TYPE_INT32)
    _field(status, "message", 2, _FIELD.TYPE_STRING)
    _field(status, "details", 3, _FIELD.TYPE_MESSAGE, ".google.protobuf.Any")
    bad_request = file.message_type.add(name="BadRequest")
    violation = bad_request.nested_type.add(name="FieldViolation")
    _field(violation, "field", 1, _FIELD.TYPE_STRING)
    _field(violation, "description", 2, _FIELD.TYPE_STRING)
    _field(bad_request, "field_violations", 1, _FIELD.TYPE_MESSAGE, ".google.rpc.BadRequest.FieldViolation")
    pool.Add(file)
    return (
        message_factory.GetMessageClass(pool.FindMessageTypeByName("google.rpc.Status")),
        message_factory.GetMessageClass(pool.FindMessageTypeByName(_BAD_REQUEST)),
    )


def _field(message: descriptor_pb2.DescriptorProto, name: str, number: int, kind: int, message_type: str = "") -> None:
    """Declare a field of ``message``: a repeated one when it holds messages (as every such field here does)."""
    label = _FIELD.LABEL_REPEATED if message_type else _FIELD.LABEL_OPTIONAL
    message.field.add(name=name, number=number, type=kind, type_name=message_type or None, label=label)


_Status, _BadRequest = _declare()


def field_violations(status_details: bytes) -> Iterator[tuple[str, str]]:
    """Yield (field, description) of each field violation in a serialized ``google.rpc.Status``.

    Details of other types are passed over; bytes that do not parse yield nothing (a malformed
    trailer must not hide the error it came with).
    """
    try:
        status = _Status.FromString(status_details)
        for detail in status.details:
            if detail.type_url.rpartition("/")[2] == _BAD_REQUEST:
                for violation in _BadRequest.FromString(detail.value).field_violations:
                    yield violation.field, violation.description
    except DecodeError:
        return
