"""Conversions from the wire messages: the models they build are the ones their constructors build."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from toponym_client._convert import _slot_setters, candidate_from_proto, place_from_proto
from toponym_client._proto.toponym.v1 import toponym_pb2 as pb
from toponym_client.models import Candidate, FeatureKind, MatchKind, Place, RelatedPlace, Relation


def _place_message(**changes: object) -> pb.Place:
    fields: dict[str, object] = {
        "geoname_id": 170063,
        "name": "Aleppo",
        "ascii_name": "Aleppo ascii",
        "country_code": "SY",
        "admin1_code": "09",
        "admin1_name": "Aleppo Governorate",
        "admin2_code": "0901",
        "feature_class": "P",
        "feature_code": "PPLA",
        "feature_kind": pb.FEATURE_KIND_POPULATED_PLACE,
        "latitude": 36.20124,
        "longitude": 37.16117,
        "population": 1602264,
        "custom": True,
    }
    fields.update(changes)
    return pb.Place(**fields)  # type: ignore[arg-type]


def _expected_place(related: tuple[RelatedPlace, ...] = (), kind: FeatureKind = FeatureKind.POPULATED_PLACE) -> Place:
    return Place(
        geoname_id=170063,
        name="Aleppo",
        ascii_name="Aleppo ascii",
        country_code="SY",
        admin1_code="09",
        admin1_name="Aleppo Governorate",
        admin2_code="0901",
        feature_class="P",
        feature_code="PPLA",
        feature_kind=kind,
        lat=36.20124,
        lon=37.16117,
        population=1602264,
        custom=True,
        related=related,
    )


def test_a_place_is_the_value_its_constructor_makes() -> None:
    place = place_from_proto(_place_message())
    assert place == _expected_place()
    assert hash(place) == hash(_expected_place())
    assert repr(place) == repr(_expected_place())
    assert pickle.loads(pickle.dumps(place)) == place


def test_a_place_keeps_its_related_places_in_order() -> None:
    related = [
        pb.RelatedPlace(geoname_id=1, name="al-Waleed", country_code="IQ", relation=pb.RELATION_ACROSS_BORDER,
                        distance_km=2.5, curated=True),
        pb.RelatedPlace(geoname_id=2, name="Other", country_code="JO", relation=99, distance_km=9.0),
    ]
    place = place_from_proto(_place_message(related=related))
    assert place.related == (
        RelatedPlace(1, "al-Waleed", "IQ", Relation.ACROSS_BORDER, 2.5, True),
        RelatedPlace(2, "Other", "JO", Relation.UNSPECIFIED, 9.0, False),  # a relation this client does not know
    )
    assert place == _expected_place(place.related)


def test_a_candidate_is_the_value_its_constructor_makes() -> None:
    message = pb.Candidate(
        place=_place_message(feature_kind=42),  # a kind this client does not know
        confidence=0.8276,
        match_kind=pb.MATCH_KIND_FUZZY,
        matched_name="Al-Hasakah",
        localized_name="Alep",
        explanation="matched 'Al-Hasakah' (fuzzy)",
    )
    expected = Candidate(
        place=_expected_place(kind=FeatureKind.UNSPECIFIED),
        confidence=0.8276,
        match_kind=MatchKind.FUZZY,
        matched_name="Al-Hasakah",
        localized_name="Alep",
        explanation="matched 'Al-Hasakah' (fuzzy)",
    )
    candidate = candidate_from_proto(message)
    assert candidate == expected
    assert hash(candidate) == hash(expected)
    assert candidate.geoname_id == 170063
    assert candidate_from_proto(pb.Candidate(match_kind=77)).match_kind is MatchKind.UNSPECIFIED


def test_converted_values_stay_frozen() -> None:
    candidate = candidate_from_proto(pb.Candidate(place=_place_message()))
    with pytest.raises(dataclasses.FrozenInstanceError):
        candidate.confidence = 1.0  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        candidate.place.name = "Halab"  # type: ignore[misc]


def test_only_frozen_slotted_dataclasses_without_post_init_are_built_slot_by_slot() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        value: int

        def __post_init__(self) -> None:
            if self.value < 0:
                raise ValueError("negative")

    @dataclasses.dataclass(frozen=True)
    class Unslotted:
        value: int

    with pytest.raises(TypeError, match="__post_init__"):
        _slot_setters(Checked)
    with pytest.raises(TypeError, match="not a slot"):
        _slot_setters(Unslotted)
