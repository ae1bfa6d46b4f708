"""Conversions between the public model types and the ``toponym.v1`` messages."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from toponym_client._proto.toponym.v1 import toponym_pb2
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

_FEATURE_KINDS = {kind.value: kind for kind in FeatureKind}
_MATCH_KINDS = {kind.value: kind for kind in MatchKind}
_RELATIONS = {relation.value: relation for relation in Relation}


def feature_kind_from_proto(value: int) -> FeatureKind:
    """Return the :class:`FeatureKind` for a wire value; unknown values become UNSPECIFIED."""
    return _FEATURE_KINDS.get(value, FeatureKind.UNSPECIFIED)


def match_kind_from_proto(value: int) -> MatchKind:
    """Return the :class:`MatchKind` for a wire value; unknown values become UNSPECIFIED."""
    return _MATCH_KINDS.get(value, MatchKind.UNSPECIFIED)


def relation_from_proto(value: int) -> Relation:
    """Return the :class:`Relation` for a wire value; unknown values become UNSPECIFIED."""
    return _RELATIONS.get(value, Relation.UNSPECIFIED)


def related_from_proto(msg: toponym_pb2.RelatedPlace) -> RelatedPlace:
    """Build a :class:`RelatedPlace` from its message."""
    return RelatedPlace(
        geoname_id=msg.geoname_id,
        name=msg.name,
        country_code=msg.country_code,
        relation=relation_from_proto(msg.relation),
        distance_km=msg.distance_km,
        curated=msg.curated,
    )


def place_from_proto(msg: toponym_pb2.Place) -> Place:
    """Build a :class:`Place` from its message."""
    return Place(
        geoname_id=msg.geoname_id,
        name=msg.name,
        ascii_name=msg.ascii_name,
        country_code=msg.country_code,
        admin1_code=msg.admin1_code,
        admin1_name=msg.admin1_name,
        admin2_code=msg.admin2_code,
        feature_class=msg.feature_class,
        feature_code=msg.feature_code,
        feature_kind=feature_kind_from_proto(msg.feature_kind),
        lat=msg.latitude,
        lon=msg.longitude,
        population=msg.population,
        custom=msg.custom,
        related=tuple(map(related_from_proto, related)) if (related := msg.related) else (),
    )


def candidate_from_proto(msg: toponym_pb2.Candidate) -> Candidate:
    """Build a :class:`Candidate` from its message."""
    return Candidate(
        place=place_from_proto(msg.place),
        confidence=msg.confidence,
        match_kind=match_kind_from_proto(msg.match_kind),
        matched_name=msg.matched_name,
        localized_name=msg.localized_name,
        explanation=msg.explanation,
    )


def candidates_from_proto(msgs: Iterable[toponym_pb2.Candidate]) -> list[Candidate]:
    """Build a list of candidates, keeping the server's ranking."""
    return list(map(candidate_from_proto, msgs))


def place_name_from_proto(msg: toponym_pb2.PlaceName) -> PlaceName:
    """Build a :class:`PlaceName` from its message."""
    return PlaceName(
        name=msg.name,
        language=msg.language,
        is_preferred=msg.is_preferred,
        is_short=msg.is_short,
        is_colloquial=msg.is_colloquial,
        is_historic=msg.is_historic,
    )


def place_details_from_proto(msg: toponym_pb2.PlaceDetails) -> PlaceDetails:
    """Build a :class:`PlaceDetails` from its message."""
    return PlaceDetails(
        place=place_from_proto(msg.place),
        names=tuple(place_name_from_proto(n) for n in msg.names),
        localized_name=msg.localized_name,
    )


def hints_to_proto(
    *,
    country: str | Sequence[str] | None = None,
    restrict_to_country: bool = False,
    lang: str | None = None,
    near: tuple[float, float] | None = None,
    kinds: Iterable[FeatureKind] | None = None,
    limit: int = 5,
    min_confidence: float | None = None,
    near_spellings: bool = False,
) -> toponym_pb2.ResolveHints:
    """Build the ``ResolveHints`` message for the keyword hints of the client methods.

    ``country`` is one ISO 3166-1 alpha-2 code or several; ``near`` is a
    ``(lat, lon)`` pair; ``min_confidence=None`` leaves the server default.
    The server validates the values; only ``limit < 1`` (which the wire would
    turn into "the default") is refused here, with :class:`ValueError`.
    """
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")
    hints = toponym_pb2.ResolveHints(
        restrict_to_countries=restrict_to_country,
        language=lang or "",
        max_candidates=limit,
        min_confidence=0.0 if min_confidence is None else min_confidence,
        include_near_spellings=near_spellings,
    )
    if country is not None:
        hints.country_codes.extend([country] if isinstance(country, str) else country)
    if near is not None:
        lat, lon = near
        hints.near.latitude = lat
        hints.near.longitude = lon
    if kinds is not None:
        hints.feature_kinds.extend(toponym_pb2.FeatureKind.ValueType(FeatureKind(k)) for k in kinds)
    return hints


def mentions_from_proto(messages: Iterable[toponym_pb2.Mention]) -> list[Mention]:
    """Build :class:`Mention` objects from their messages, keeping their order."""
    return [
        Mention(m.text, m.start, m.end, tuple(candidates_from_proto(m.candidates)), m.confidence)
        for m in messages
        if m.candidates
    ]
