"""Conversions to the wire messages: every field of a resolver result reaches its message."""

from __future__ import annotations

import pytest

from toponym_client._proto.toponym.v1 import toponym_pb2 as pb
from toponym_server.index.reader import PlaceRow
from toponym_server.matching.features import Kind
from toponym_server.matching.similarity import MatchKind
from toponym_server.resolver import Candidate, RelatedPlace
from toponym_server.service.convert import add_candidates, candidate_message, place_message

_PLACE = PlaceRow(
    170063, "Aleppo", "Aleppo ascii", 36.20124, 37.16117, "P", "PPLA", "SY", "09", "0901", 1602264, 0.9, True
)
_CROSSING = PlaceRow(7, "al-Waleed", "al-Waleed", 33.4, 38.8, "S", "PSTB", "IQ", "", "", 0, 0.1, False)
_LINKS = (RelatedPlace(_CROSSING, 1, 2.5, True), RelatedPlace(_CROSSING, 99, 9.0, False))


def _expected_place(place: PlaceRow, kind: int, admin1_name: str, related: list[pb.RelatedPlace]) -> pb.Place:
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
        feature_kind=kind,  # type: ignore[arg-type]
        latitude=place.latitude,
        longitude=place.longitude,
        population=place.population,
        custom=place.custom,
        related=related,
    )


_EXPECTED_LINKS = [
    pb.RelatedPlace(geoname_id=7, name="al-Waleed", country_code="IQ", relation=pb.RELATION_ACROSS_BORDER,
                    distance_km=2.5, curated=True),
    pb.RelatedPlace(geoname_id=7, name="al-Waleed", country_code="IQ", relation=pb.RELATION_UNSPECIFIED,
                    distance_km=9.0, curated=False),
]


@pytest.mark.parametrize(("related", "expected_related"), [((), []), (_LINKS, _EXPECTED_LINKS)])
def test_a_candidate_message_holds_every_field_of_the_candidate(
    related: tuple[RelatedPlace, ...], expected_related: list[pb.RelatedPlace]
) -> None:
    candidate = Candidate(
        place=_PLACE,
        kind=Kind.POPULATED_PLACE,
        admin1_name="Aleppo Governorate",
        localized_name="Alep",
        confidence=0.8276,
        match_kind=MatchKind.FUZZY,
        matched_name="Halab",
        explanation="matched 'Halab' (fuzzy)",
        related=related,
    )
    expected = pb.Candidate(
        place=_expected_place(_PLACE, pb.FEATURE_KIND_POPULATED_PLACE, "Aleppo Governorate", expected_related),
        localized_name="Alep",
        confidence=0.8276,
        match_kind=pb.MATCH_KIND_FUZZY,
        matched_name="Halab",
        explanation="matched 'Halab' (fuzzy)",
    )
    message = candidate_message(candidate)
    assert message == expected
    assert message.SerializeToString() == expected.SerializeToString()


def test_a_place_of_default_values_is_still_a_place() -> None:
    empty = PlaceRow(0, "", "", 0.0, 0.0, "", "", "", "", "", 0, 0.0, False)
    candidate = Candidate(empty, Kind.OTHER, "", "", 0.0, MatchKind.EXACT, "", "", ())
    message = candidate_message(candidate)
    assert message.HasField("place")
    assert message.place == _expected_place(empty, pb.FEATURE_KIND_OTHER, "", [])
    assert place_message(_PLACE, Kind.ADMIN_AREA, "", _LINKS) == _expected_place(
        _PLACE, pb.FEATURE_KIND_ADMIN_AREA, "", _EXPECTED_LINKS
    )


def test_candidates_added_to_a_message_are_their_messages_in_order() -> None:
    candidates = [
        Candidate(_PLACE, Kind.ADMIN_AREA, "Aleppo Governorate", "", 0.9, MatchKind.EXACT, "Aleppo", "x", _LINKS),
        Candidate(_CROSSING, Kind.OTHER, "", "", 0.4, MatchKind.PHONETIC, "al-Walid", "y"),
    ]
    result = pb.ResolveResult(status_code=0)
    add_candidates(result.candidates, candidates)
    assert list(result.candidates) == [candidate_message(c) for c in candidates]
    assert result == pb.ResolveResult(candidates=[candidate_message(c) for c in candidates])
