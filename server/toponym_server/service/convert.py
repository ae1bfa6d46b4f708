"""Conversions from resolver results to protobuf messages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from toponym_client._proto.toponym.v1 import toponym_pb2 as pb
from toponym_server.index.reader import NameRow, PlaceRow
from toponym_server.index.schema import RELATION_ACROSS_BORDER
from toponym_server.matching.features import Kind
from toponym_server.matching.ranking import FLAG_COLLOQUIAL, FLAG_HISTORIC, FLAG_PREFERRED, FLAG_SHORT
from toponym_server.matching.similarity import MatchKind
from toponym_server.resolver import Candidate, PlaceDetails, RelatedPlace
from toponym_server.text import Mention

if TYPE_CHECKING:
    from google.protobuf.internal.containers import RepeatedCompositeFieldContainer

_KIND = {
    Kind.COUNTRY: pb.FEATURE_KIND_COUNTRY,
    Kind.ADMIN_AREA: pb.FEATURE_KIND_ADMIN_AREA,
    Kind.POPULATED_PLACE: pb.FEATURE_KIND_POPULATED_PLACE,
    Kind.OTHER: pb.FEATURE_KIND_OTHER,
}
_RELATION = {RELATION_ACROSS_BORDER: pb.RELATION_ACROSS_BORDER}
_MATCH = {
    MatchKind.EXACT: pb.MATCH_KIND_EXACT,
    MatchKind.ALTERNATE_NAME: pb.MATCH_KIND_ALTERNATE_NAME,
    MatchKind.TRANSLITERATION: pb.MATCH_KIND_TRANSLITERATION,
    MatchKind.PHONETIC: pb.MATCH_KIND_PHONETIC,
    MatchKind.FUZZY: pb.MATCH_KIND_FUZZY,
}


def related_message(related: RelatedPlace) -> pb.RelatedPlace:
    """Convert a link to a related place."""
    message = pb.RelatedPlace()
    _fill_related(message, related)
    return message


def place_message(
    place: PlaceRow, kind: Kind, admin1_name: str, related: tuple[RelatedPlace, ...] = ()
) -> pb.Place:
    """Convert a stored place and its links."""
    message = pb.Place()
    _fill_place(message, place, kind, admin1_name, related)
    return message


def candidate_message(candidate: Candidate) -> pb.Candidate:
    """Convert one resolver candidate."""
    message = pb.Candidate()
    _fill_candidate(message, candidate)
    return message


def add_candidates(field: RepeatedCompositeFieldContainer[pb.Candidate], candidates: Iterable[Candidate]) -> None:
    """Convert each candidate into a new element of ``field``, a message's repeated Candidate field, in order.

    What ``field.extend(map(candidate_message, candidates))`` does, without copying each message in.
    """
    for candidate in candidates:
        _fill_candidate(field.add(), candidate)


# Messages are filled field by field: the same message as keyword arguments to the
# constructor make, in less than half the time (BENCHMARKS.md, twenty-fifth session).


def _fill_candidate(message: pb.Candidate, candidate: Candidate) -> None:
    _fill_place(message.place, candidate.place, candidate.kind, candidate.admin1_name, candidate.related)
    message.localized_name = candidate.localized_name
    message.confidence = candidate.confidence
    message.match_kind = _MATCH[candidate.match_kind]
    message.matched_name = candidate.matched_name
    message.explanation = candidate.explanation


def _fill_related(message: pb.RelatedPlace, related: RelatedPlace) -> None:
    message.geoname_id = related.place.geoname_id
    message.name = related.place.name
    message.country_code = related.place.country_code
    message.relation = _RELATION.get(related.relation, pb.RELATION_UNSPECIFIED)
    message.distance_km = related.distance_km
    message.curated = related.curated


def _fill_place(
    message: pb.Place, place: PlaceRow, kind: Kind, admin1_name: str, related: tuple[RelatedPlace, ...]
) -> None:
    message.geoname_id = place.geoname_id
    message.name = place.name
    message.ascii_name = place.ascii_name
    message.country_code = place.country_code
    message.admin1_code = place.admin1_code
    message.admin1_name = admin1_name
    message.admin2_code = place.admin2_code
    message.feature_class = place.feature_class
    message.feature_code = place.feature_code
    message.feature_kind = _KIND[kind]
    message.latitude = place.latitude
    message.longitude = place.longitude
    message.population = place.population
    message.custom = place.custom
    for link in related:
        _fill_related(message.related.add(), link)


def name_message(name: NameRow) -> pb.PlaceName:
    """Convert one stored name."""
    return pb.PlaceName(
        name=name.text,
        language=name.lang,
        is_preferred=bool(name.flags & FLAG_PREFERRED),
        is_short=bool(name.flags & FLAG_SHORT),
        is_colloquial=bool(name.flags & FLAG_COLLOQUIAL),
        is_historic=bool(name.flags & FLAG_HISTORIC),
    )


def details_message(details: PlaceDetails) -> pb.PlaceDetails:
    """Convert a place with all its names."""
    return pb.PlaceDetails(
        place=place_message(details.place, details.kind, details.admin1_name, details.related),
        names=[name_message(n) for n in details.names],
        localized_name=details.localized_name,
    )


def mention_message(mention: Mention) -> pb.Mention:
    """Convert a place mention found in a text."""
    message = pb.Mention(text=mention.text, start=mention.start, end=mention.end, confidence=mention.confidence)
    add_candidates(message.candidates, mention.candidates)
    return message
