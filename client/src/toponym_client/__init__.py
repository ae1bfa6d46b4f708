"""Thin Python client for the toponym place-name resolution service.

Resolve place names in any spelling, script or language to GeoNames IDs::

    from toponym_client import ToponymClient

    with ToponymClient("localhost:50051") as client:
        for candidate in client.resolve("Halab", country="SY"):
            print(candidate.geoname_id, candidate.name, candidate.confidence)

:class:`ToponymClient` blocks; :class:`AsyncToponymClient` is its asyncio
twin. Both return the immutable types of :mod:`toponym_client.models` and
raise the :class:`ToponymError` subclasses of :mod:`toponym_client.errors`.
"""

from toponym_client.aio import AsyncToponymClient
from toponym_client.client import ToponymClient
from toponym_client.errors import (
    BatchError,
    DeadlineExceededError,
    FieldViolation,
    InternalError,
    InvalidArgumentError,
    NotFoundError,
    PermissionDeniedError,
    ResourceExhaustedError,
    ToponymError,
    UnauthenticatedError,
    UnavailableError,
    UnexpectedStatusError,
)
from toponym_client.models import (
    Candidate,
    FeatureKind,
    MatchKind,
    Mention,
    Place,
    PlaceDetails,
    PlaceName,
    RelatedPlace,
    Relation,
)
from toponym_client.tls import tls_credentials

__version__ = "0.1.0"
"""Version of this distribution (``toponym-client``)."""

__all__ = [
    "AsyncToponymClient",
    "BatchError",
    "Candidate",
    "DeadlineExceededError",
    "FeatureKind",
    "FieldViolation",
    "InternalError",
    "InvalidArgumentError",
    "MatchKind",
    "Mention",
    "NotFoundError",
    "PermissionDeniedError",
    "Place",
    "PlaceDetails",
    "PlaceName",
    "RelatedPlace",
    "Relation",
    "ResourceExhaustedError",
    "ToponymClient",
    "ToponymError",
    "UnauthenticatedError",
    "UnavailableError",
    "UnexpectedStatusError",
    "__version__",
    "tls_credentials",
]
