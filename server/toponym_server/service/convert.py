"""Conversions from resolver results to protobuf messages."""

from __future__ import annotations

from toponym_client._proto.toponym.v1 import toponym_pb2 as pb
from toponym_server.index.reader import NameRow, PlaceRow
from toponym_server.index.schema import RELATION_ACROSS_BORDER
from toponym_server.matching.features import Kind
from toponym_server.matching.ranking import FLAG_COLLOQUIAL, FLAG_HISTORIC, FLAG_PREFERRED, FLAG_SHORT
from toponym_server.matching.similarity import MatchKind
from toponym_server.resolver import Candidate, PlaceDetails, RelatedPlace
from toponym_server.text import Mention

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
    return pb.RelatedPlace(
        geoname_id=related.place.geoname_id,
        name=related.place.name,
        country_code=related.place.country_code,
        relation=_RELATION.get(related.relation, pb.RELATION_UNSPECIFIED),
        distance_km=related.distance_km,
        curated=related.curated,
    )


def place_message(
    place: PlaceRow, kind: Kind, admin1_name: str, related: tuple[RelatedPlace, ...] = ()
) -> pb.Place:
    """Convert a stored place and its links."""
    return pb.Place(
        geoname_id=place.geoname_id,
        name=place.name,
        ascii_name=place.ascii_name,
        country_code=place.country_code,
        admin1_code=place.admin1_code,
        admin1_name=admin1_name,
        admin2_code=place.admin2_code,
        feature_class=place.feature_class,
        feature_code=place.feature_code,
        feature_kind=_KIND[kind],
        latitude=place.latitude,
        longitude=place.longitude,
        population=place.population,
        custom=place.custom,
        related=[related_message(r) for r in related],
    )


def candidate_message(candidate: Candidate) -> pb.Candidate:
    """Convert one resolver candidate."""
    return pb.Candidate(
        place=place_message(candidate.place, candidate.kind, candidate.admin1_name, candidate.related),
        localized_name=candidate.localized_name,
        confidence=candidate.confidence,
        match_kind=_MATCH[candidate.match_kind],
        matched_name=candidate.matched_name,
        explanation=candidate.explanation,
    )


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
    return pb.Mention(
        text=mention.text,
        start=mention.start,
        end=mention.end,
        candidates=[candidate_message(c) for c in mention.candidates],
        confidence=mention.confidence,
    )
