"""The resolver: answers queries from an index file with the rules of ``toponym_server.matching``."""

from toponym_server.resolver.answers import Candidate, PlaceDetails, RelatedPlace
from toponym_server.resolver.context import contexts_for, settle_in_context
from toponym_server.resolver.resolver import Query, Resolver, in_document

__all__ = [
    "Candidate",
    "PlaceDetails",
    "Query",
    "RelatedPlace",
    "Resolver",
    "contexts_for",
    "in_document",
    "settle_in_context",
]
