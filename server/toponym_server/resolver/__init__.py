"""The resolver: answers queries from an index file with the rules of ``toponym_server.matching``."""

from toponym_server.resolver.answers import Candidate, PlaceDetails, RelatedPlace
from toponym_server.resolver.context import contexts_for, contexts_within, settle_in_context
from toponym_server.resolver.resolver import Query, Resolver, alone_in_document, in_document, reaching

__all__ = [
    "Candidate",
    "PlaceDetails",
    "Query",
    "RelatedPlace",
    "Resolver",
    "alone_in_document",
    "contexts_for",
    "contexts_within",
    "in_document",
    "reaching",
    "settle_in_context",
]
