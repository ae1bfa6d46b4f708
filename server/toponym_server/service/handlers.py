"""Register the toponym service with deserializers that turn malformed bytes into INVALID_ARGUMENT.

The generated ``add_ToponymServiceServicer_to_server`` parses with ``FromString``, so a request
that does not decode becomes INTERNAL before the servicer sees it; these handlers use the
lenient decoders of :mod:`toponym_server.service.decoding` instead.
"""

from __future__ import annotations

from typing import Any

import grpc

from toponym_client._proto.toponym.v1 import toponym_pb2 as pb
from toponym_server.service.decoding import decode_batch, decode_stream_item, lenient
from toponym_server.service.servicer import ToponymServicer

SERVICE_NAME = pb.DESCRIPTOR.services_by_name["ToponymService"].full_name


def toponym_handler(servicer: ToponymServicer) -> grpc.GenericRpcHandler[Any, Any]:
    """Return the generic handler serving ``servicer``'s RPCs."""
    handlers = {
        "Resolve": grpc.unary_unary_rpc_method_handler(
            servicer.Resolve,
            request_deserializer=lenient(pb.ResolveRequest),
            response_serializer=pb.ResolveResponse.SerializeToString,
        ),
        "ResolveBatch": grpc.unary_unary_rpc_method_handler(
            servicer.encoded_batch,
            request_deserializer=decode_batch,
            response_serializer=None,  # encoded_batch answers in bytes, ready to send
        ),
        "StreamResolve": grpc.stream_stream_rpc_method_handler(
            servicer.StreamResolve,
            request_deserializer=decode_stream_item,
            response_serializer=pb.StreamResolveResponse.SerializeToString,
        ),
        "ResolveText": grpc.unary_unary_rpc_method_handler(
            servicer.ResolveText,
            request_deserializer=lenient(pb.ResolveTextRequest),
            response_serializer=pb.ResolveTextResponse.SerializeToString,
        ),
        "GetPlace": grpc.unary_unary_rpc_method_handler(
            servicer.GetPlace,
            request_deserializer=lenient(pb.GetPlaceRequest),
            response_serializer=pb.GetPlaceResponse.SerializeToString,
        ),
    }
    return grpc.method_handlers_generic_handler(SERVICE_NAME, handlers)
