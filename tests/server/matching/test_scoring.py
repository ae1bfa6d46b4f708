"""Scoring: the evidence the fitted model reads, and how it orders candidates."""

from __future__ import annotations

import random
from dataclasses import fields

import numpy as np
import pytest

from toponym_server.matching.normalize import content_spelling, normalize
from toponym_server.matching.ranking import (
    FLAG_CANONICAL,
    FLAG_HISTORIC,
    FLAG_NON_LATIN,
    Hints,
    NameHit,
    PlaceFacts,
    evidence,
    evidence_table,
)
from toponym_server.matching.scoring import (
    FEATURES,
    MODEL,
    NAME_EVIDENCE,
    PARTIAL,
    NameComparer,
    RankingModel,
    best_of,
    is_syllabic,
    name_evidence,
    scores,
)


def score(features: list[float]) -> float:
    """The score of one candidate."""
    return float(scores(np.array([features]))[0])


def hit(text: str, flags: int = FLAG_CANONICAL) -> NameHit:
    views = normalize(text)
    return NameHit(1, text, "", flags, views.folded, views.phonetic, views.skeleton, content_spelling(views.folded))


def features_of(query: str, name: str, prominence: float = 0.5, hints: Hints | None = None) -> list[float]:
    place = PlaceFacts(1, "P", "PPL", "SY", 35.0, 38.0, prominence)
    return evidence(normalize(query), place, [hit(name)], hints or Hints()).features


def test_every_weight_has_a_feature_and_none_is_last() -> None:
    assert tuple(f.name for f in fields(RankingModel))[:-1] == FEATURES
    assert len(MODEL.weights()) == len(FEATURES)
    assert len(features_of("Hama", "Hama")) == len(FEATURES)


def test_an_equal_name_shows_as_equal_on_every_view() -> None:
    values = dict(zip(FEATURES, features_of("Al-Hasakah", "Al Hasakah"), strict=True))
    for feature in ("similarity", "folded_equal", "folded", "phonetic_equal", "skeleton_equal", "levenshtein"):
        assert values[feature] == pytest.approx(1.0), feature


def test_a_name_in_the_turkish_alphabet_is_compared_as_its_letters_sound_too() -> None:
    # Kurdish Cindirês is Jindires: folded alike the two differ in their first letter.
    kurdish = dict(zip(FEATURES, features_of("Cindirês", "Jindires"), strict=True))
    folded_alike = dict(zip(FEATURES, features_of("Cindires", "Jindires"), strict=True))
    for feature in ("folded_equal", "folded", "jaro_winkler", "first_letter", "levenshtein", "spelling"):
        assert kurdish[feature] == pytest.approx(1.0), feature
        assert folded_alike[feature] < 1.0, feature
    # Compared as written too: a name spelt as the query meets it as closely as before.
    assert features_of("Cindirês", "Cindires") == features_of("Cindires", "Cindires")


def test_many_names_get_the_evidence_each_gets_alone_for_a_name_in_the_turkish_alphabet() -> None:
    comparer = NameComparer(normalize("Xaneqîn"))
    names = ["Khanaqin", "Xaneqin", "Hanekin", "Sanakan", "Chanaqin", "Xanaqin", "Khaniqin", "Qanaqin"] * 3
    views = [(v.folded, v.phonetic, v.skeleton) for v in map(normalize, names)]
    spellings = [content_spelling(folded) for folded, _, _ in views]
    matrix = comparer.evidence_matrix(views, spellings)
    for row, (folded, phonetic, skeleton) in zip(matrix.tolist(), views, strict=True):
        assert row == list(comparer.evidence(folded, phonetic, skeleton)), folded


def test_name_evidence_lies_in_the_unit_interval() -> None:
    query = normalize("Deir ez-Zor")
    for name in ("Dayr az Zawr", "Deir Ezzor", "Tokyo", "دير الزور"):
        views = normalize(name)
        values = name_evidence(query, views.folded, views.phonetic, views.skeleton)
        assert len(values) == NAME_EVIDENCE
        assert all(0.0 <= v <= 1.0 for v in values), name


@pytest.mark.parametrize(
    ("text", "syllabic"),
    [
        ("哈薩克", True),
        ("サンビザンガ", True),
        ("서울", True),
        ("ha sa ke", True),  # GeoNames' pinyin of a Chinese name
        ("Хасеке", False),
        ("الحسكة", False),
        ("Hama", False),
        ("hama", False),
    ],
)
def test_syllabic_scripts_are_told_apart(text: str, syllabic: bool) -> None:
    assert is_syllabic(text) is syllabic


def test_the_evidence_is_that_of_the_name_that_matched_best() -> None:
    place = PlaceFacts(1, "P", "PPL", "LB", 34.4, 35.8, 0.7)
    names = [hit("Tripoli"), hit("Tripoli Lebanon")]
    values = dict(zip(FEATURES, evidence(normalize("Tripoli"), place, names, Hints()).features, strict=True))
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


def _left_to_right(row: list[float]) -> float:
    total = 0.0
    for weight, feature in zip(MODEL.weights(), row, strict=True):
        total += weight * feature
    return total


def test_scores_add_the_products_left_to_right_in_feature_order() -> None:
    rng = random.Random(3)
    rows = [[rng.uniform(-1.0, 2.0) for _ in FEATURES] for _ in range(200)]
    expected = [_left_to_right(row) for row in rows]
    assert scores(np.array(rows)).tolist() == expected  # bit for bit, whatever the number of rows
    assert scores(np.array(rows[:1])).tolist() == expected[:1]


def test_scores_refuse_features_of_another_model() -> None:
    with pytest.raises(ValueError, match="weights"):
        scores(np.zeros((2, len(FEATURES) - 1)))


def test_best_of_takes_each_best_but_partial_credit_from_the_name_that_decided() -> None:
    rows = np.array([np.full(NAME_EVIDENCE, value) for value in (0.2, 0.8, 0.5)])
    rows[0, 1] = 0.9
    rows[1, PARTIAL] = 0.95
    best = best_of(rows, np.array([0, 2]), np.array([0, 2]))  # places: names 0-1, then name 2
    assert best[0, 0] == 0.8 and best[0, 1] == 0.9
    assert best[0, PARTIAL] == 0.2  # name 0 decided: name 1's partial credit is not added
    assert best[1].tolist() == rows[2].tolist()


def test_a_table_of_many_places_holds_what_each_place_alone_has() -> None:
    query = normalize("Tripoli")
    candidates = [
        (PlaceFacts(1, "P", "PPL", "LB", 34.4, 35.8, 0.7), [hit("Tripoli Lebanon"), hit("Tripoli")]),
        (PlaceFacts(2, "P", "PPL", "LY", 32.9, 13.2, 0.9), [hit("Tarabulus"), hit("Tripolis", FLAG_HISTORIC)]),
        (PlaceFacts(3, "P", "PPL", "GR", 37.5, 22.4, 0.4), [hit("طرابلس", FLAG_NON_LATIN)]),
    ]
    hints = Hints(frozenset({"LB"}), language="en")
    table = evidence_table(query, candidates, hints)
    for row, (place, names) in enumerate(candidates):
        alone = evidence(query, place, names, hints)
        assert table.features[row].tolist() == alone.features
        assert (table.similarities[row], table.views[row], table.names[row]) == (
            alone.similarity,
            alone.view,
            alone.name,
        )
    assert table.names[0].text == "Tripoli"  # the closest name decides, not the first


def test_the_first_of_equally_close_names_decides() -> None:
    place = PlaceFacts(1, "P", "PPL", "SY", 35.0, 38.0, 0.5)
    first, second = hit("Hama"), NameHit(2, "Hama", "", FLAG_CANONICAL, *_views("Hama"), "hama")
    assert evidence(normalize("Hama"), place, [first, second], Hints()).name is first


def _views(text: str) -> tuple[str, str, str]:
    views = normalize(text)
    return views.folded, views.phonetic, views.skeleton


def test_a_candidate_without_a_name_is_refused() -> None:
    place = PlaceFacts(1, "P", "PPL", "SY", 35.0, 38.0, 0.5)
    with pytest.raises(ValueError, match="name"):
        evidence_table(normalize("Hama"), [(place, [hit("Hama")]), (place._replace(place_id=2), [])], Hints())


def test_the_spelling_feature_compares_the_names_stored_spelling() -> None:
    place = PlaceFacts(1, "P", "PPL", "SY", 35.0, 38.0, 0.5)
    query = normalize("Al Hasakah")
    stored = hit("Hasakah")
    assert stored.spelled == content_spelling("hasakah") == "hasaka"
    as_stored = dict(zip(FEATURES, evidence(query, place, [stored], Hints()).features, strict=True))
    assert as_stored["spelling"] == 1.0  # the article is not a content word
    # the ranking reads the spelling the index stored with the name; it does not work it out again
    other = NameHit(1, "Hasakah", "", FLAG_CANONICAL, stored.folded, stored.phonetic, stored.skeleton, "zzzz")
    as_given = dict(zip(FEATURES, evidence(query, place, [other], Hints()).features, strict=True))
    assert as_given["spelling"] == 0.0
    assert {k: v for k, v in as_given.items() if k != "spelling"} == {
        k: v for k, v in as_stored.items() if k != "spelling"
    }
