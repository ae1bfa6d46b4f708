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
    status.field.add(name="code", number=1, type=_FIELD.TYPE_INT32, label=_FIELD.LABEL_OPTIONAL)
    status.field.add(name="message", number=2, type=_FIELD.TYPE_STRING, label=_FIELD.LABEL_OPTIONAL)
    status.field.add(
        name="details",
        number=3,
        type=_FIELD.TYPE_MESSAGE,
        type_name=".google.protobuf.Any",
        label=_FIELD.LABEL_REPEATED,
    )
    bad_request = file.message_type.add(name="BadRequest")
    violation = bad_request.nested_type.add(name="FieldViolation")
    violation.field.add(name="field", number=1, type=_FIELD.TYPE_STRING, label=_FIELD.LABEL_OPTIONAL)
    violation.field.add(name="description", number=2, type=_FIELD.TYPE_STRING, label=_FIELD.LABEL_OPTIONAL)
    bad_request.field.add(
        name="field_violations",
        number=1,
        type=_FIELD.TYPE_MESSAGE,
        type_name=".google.rpc.BadRequest.FieldViolation",
        label=_FIELD.LABEL_REPEATED,
    )
    pool.Add(file)
    return (
        message_factory.GetMessageClass(pool.FindMessageTypeByName("google.rpc.Status")),
        message_factory.GetMessageClass(pool.FindMessageTypeByName(_BAD_REQUEST)),
    )


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
