"""Scoring: the evidence the fitted model reads, and how it orders candidates."""

from __future__ import annotations

from dataclasses import fields

import pytest

from toponym_server.matching.normalize import normalize
from toponym_server.matching.ranking import FLAG_CANONICAL, Hints, Memo, NameHit, PlaceFacts, evidence
from toponym_server.matching.scoring import (
    FEATURES,
    MODEL,
    NAME_EVIDENCE,
    RankingModel,
    is_syllabic,
    name_evidence,
    score,
)


def hit(text: str, flags: int = FLAG_CANONICAL) -> NameHit:
    views = normalize(text)
    return NameHit(1, text, "", flags, views.folded, views.phonetic, views.skeleton)


def features_of(query: str, name: str, prominence: float = 0.5, hints: Hints | None = None) -> list[float]:
    place = PlaceFacts(1, "P", "PPL", "SY", 35.0, 38.0, prominence)
    return evidence(normalize(query), place, [hit(name)], hints or Hints(), Memo()).features


def test_every_weight_has_a_feature_and_none_is_last() -> None:
    assert tuple(f.name for f in fields(RankingModel))[:-1] == FEATURES
    assert len(MODEL.weights()) == len(FEATURES)
    assert len(features_of("Hama", "Hama")) == len(FEATURES)


def test_an_equal_name_shows_as_equal_on_every_view() -> None:
    values = dict(zip(FEATURES, features_of("Al-Hasakah", "Al Hasakah"), strict=True))
    for feature in ("similarity", "folded_equal", "folded", "phonetic_equal", "skeleton_equal", "levenshtein"):
        assert values[feature] == pytest.approx(1.0), feature


def test_name_evidence_lies_in_the_unit_interval() -> None:
    query = normalize("Deir ez-Zor")
    for name in ("Dayr az Zawr", "Deir Ezzor", "Tokyo", "دير الزور"):
        views = normalize(name)
        values = name_evidence(query, views.folded, views.phonetic, views.skeleton)
        assert len(values) == NAME_EVIDENCE
        assert all(0.0 <= v <= 1.0 for v in values), name


@pytest.mark.parametrize(
    ("text", "syllabic"),
    [("哈薩克", True), ("サンビザンガ", True), ("서울", True), ("Хасеке", False), ("الحسكة", False), ("Hama", False)],
)
def test_syllabic_scripts_are_told_apart(text: str, syllabic: bool) -> None:
    assert is_syllabic(text) is syllabic


def test_the_evidence_is_that_of_the_name_that_matched_best() -> None:
    place = PlaceFacts(1, "P", "PPL", "LB", 34.4, 35.8, 0.7)
    names = [hit("Tripoli"), hit("Tripoli Lebanon")]
    values = dict(zip(FEATURES, evidence(normalize("Tripoli"), place, names, Hints(), Memo()).features, strict=True))
    assert values["folded_equal"] == 1.0
    assert values["partial"] == 0.0  # the longer name's partial credit does not add to an exact match


@pytest.mark.parametrize(
    ("closer", "farther"),
    [("Hasakah", "Hasakahia"), ("Hassakeh", "Hasbaya"), ("Deir ez-Zor", "Deir Hafer"), ("Raqqa", "Rakan")],
)
def test_a_closer_name_scores_higher(closer: str, farther: str) -> None:
    query = {"Hasakah": "Hasakeh", "Hassakeh": "Hasakeh", "Deir ez-Zor": "Dayr az Zawr", "Raqqa": "Rakka"}[closer]
    assert score(features_of(query, closer)) > score(features_of(query, farther))


def test_a_more_prominent_place_scores_higher_for_the_same_name() -> None:
    assert score(features_of("Hama", "Hama", 0.8)) > score(features_of("Hama", "Hama", 0.3))


def test_a_place_in_the_hinted_country_scores_higher() -> None:
    hinted = Hints(frozenset({"SY"}))
    elsewhere = Hints(frozenset({"IQ"}))
    assert score(features_of("Hama", "Hama", hints=hinted)) > score(features_of("Hama", "Hama", hints=elsewhere))
