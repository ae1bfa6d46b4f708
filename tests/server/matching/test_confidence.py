"""Confidence: a probability per ranked candidate, monotone in the evidence."""

from __future__ import annotations

import pytest

from toponym_server.matching.confidence import CALIBRATION, Calibration, confidences, features
from toponym_server.matching.normalize import normalize
from toponym_server.matching.ranking import FLAG_CANONICAL, Hints, NameHit, PlaceFacts, Ranked, rank
from toponym_server.matching.similarity import MatchKind

_HIT = NameHit(1, "Hama", "", FLAG_CANONICAL, "hama", "hama", "hm")


def ranked(score: float, similarity: float, prominence: float = 0.5, place_id: int = 1) -> Ranked:
    facts = PlaceFacts(place_id, "P", "PPL", "SY", 35.0, 36.0, prominence)
    return Ranked(facts, score, similarity, MatchKind.EXACT, _HIT, "folded")


def sole(similarity: float, prominence: float = 0.5) -> float:
    return confidences([ranked(similarity, similarity, prominence)], transliterated=False)[0]


def leader_with_margin(margin: float, similarity: float = 1.0) -> float:
    leader = ranked(1.0 + margin, similarity, place_id=1)
    runner_up = ranked(1.0, similarity, place_id=2)
    return confidences([leader, runner_up], transliterated=False)[0]


def test_empty_list_has_no_confidences() -> None:
    assert confidences([], transliterated=False) == []


@pytest.mark.parametrize("similarity", [0.0, 0.3, 0.6, 0.86, 0.94, 1.0])
@pytest.mark.parametrize("prominence", [0.0, 0.5, 1.0])
def test_values_lie_in_the_unit_interval(similarity: float, prominence: float) -> None:
    assert 0.0 <= sole(similarity, prominence) <= 1.0


def test_extreme_margins_stay_in_the_unit_interval() -> None:
    for margin in (-100.0, -1.0, 0.0, 1.0, 100.0):
        values = confidences([ranked(margin, 1.0), ranked(0.0, 1.0, place_id=2)], transliterated=True)
        assert all(0.0 <= v <= 1.0 for v in values)


def test_monotone_in_similarity() -> None:
    values = [sole(s) for s in (0.5, 0.7, 0.84, 0.9, 1.0)]
    assert values == sorted(values)
    assert len(set(values)) == len(values)


def test_monotone_in_margin() -> None:
    values = [leader_with_margin(m) for m in (0.0, 0.05, 0.1, 0.2, 0.4)]
    assert values == sorted(values)
    assert len(set(values)) == len(values)


def test_leader_above_runner_up() -> None:
    # Coefficient-agnostic: the leader is at least as similar and ahead on score.
    candidates = [ranked(1.3, 1.0, 0.6, place_id=1), ranked(1.1, 1.0, 0.6, place_id=2), ranked(0.9, 0.8, 0.6, 3)]
    values = confidences(candidates, transliterated=False)
    assert values[0] > values[1] > values[2]


def test_a_tie_gives_both_candidates_the_same_confidence() -> None:
    values = confidences([ranked(1.0, 1.0, place_id=1), ranked(1.0, 1.0, place_id=2)], transliterated=False)
    assert values[0] == pytest.approx(values[1])
    assert values[0] < leader_with_margin(0.1)


def test_margin_is_measured_against_the_best_other_candidate() -> None:
    candidates = [ranked(1.2, 1.0, place_id=1), ranked(1.0, 1.0, place_id=2), ranked(0.5, 0.6, place_id=3)]
    assert features(candidates, 0, False)[2] == pytest.approx(0.2)
    assert features(candidates, 1, False)[2] == pytest.approx(-0.2)
    assert features(candidates, 2, False)[2] == pytest.approx(-0.7)


def test_leader_of_a_real_ranking_is_the_most_confident() -> None:
    syria = PlaceFacts(170017, "P", "PPLA", "SY", 35.13, 36.75, 0.80)
    japan = PlaceFacts(1862000, "P", "PPL", "JP", 35.0, 136.0, 0.30)
    views = normalize("Hama")
    hits = [NameHit(1, "Hama", "", FLAG_CANONICAL, views.folded, views.phonetic, views.skeleton)]
    result = rank(views, [(japan, hits), (syria, hits)], Hints())
    values = confidences(result, transliterated=False)
    assert result[0].place.place_id == 170017
    assert values[0] > values[1]


def test_leader_carried_by_a_hint_is_still_the_most_confident() -> None:
    query = normalize("Hasakah")

    def name(text: str, name_id: int) -> NameHit:
        views = normalize(text)
        return NameHit(name_id, text, "", FLAG_CANONICAL, views.folded, views.phonetic, views.skeleton)

    in_syria = PlaceFacts(1, "P", "PPL", "SY", 36.5, 40.7, 0.6)
    elsewhere = PlaceFacts(2, "P", "PPL", "IQ", 33.0, 44.0, 0.6)
    candidates = [(in_syria, [name("Hasakahia", 1)]), (elsewhere, [name("Hasakah", 2)])]
    result = rank(query, candidates, Hints(frozenset({"SY"})))
    assert result[0].place.place_id == 1  # the country hint carries it past the exact name
    values = confidences(result, transliterated=False)
    assert values[0] >= values[1]


def test_custom_calibration_is_used() -> None:
    flat = Calibration(similarity=0.0, prominence=0.0, margin=0.0, bonus=0.0, transliterated=0.0, intercept=0.0)
    assert confidences([ranked(1.0, 1.0)], False, flat) == [0.5]
    assert confidences([ranked(1.0, 1.0)], False, CALIBRATION) != [0.5]


def test_a_division_at_the_same_place_does_not_count_against_the_city() -> None:
    city = Ranked(PlaceFacts(1, "P", "PPLA", "SY", 35.95, 39.01, 0.75), 1.16, 1.0, MatchKind.EXACT, _HIT, "folded")
    division = Ranked(PlaceFacts(2, "A", "ADM1", "SY", 35.80, 38.80, 0.70), 1.15, 1.0, MatchKind.EXACT, _HIT, "folded")
    namesake = Ranked(PlaceFacts(3, "P", "PPL", "JP", 35.0, 136.0, 0.70), 1.15, 1.0, MatchKind.EXACT, _HIT, "folded")
    alone = confidences([city], transliterated=False)[0]
    assert confidences([city, division], transliterated=False)[0] == pytest.approx(alone)
    assert confidences([city, namesake], transliterated=False)[0] < alone
    far_division = Ranked(
        PlaceFacts(2, "A", "ADM1", "JP", 35.0, 136.0, 0.70), 1.15, 1.0, MatchKind.EXACT, _HIT, "folded"
    )
    assert confidences([city, far_division], transliterated=False)[0] < alone


def test_a_lone_candidate_whose_name_barely_matches_is_not_confident() -> None:
    # Only one Syrian place was reached for "Hasakah", and it is Homs.
    name = normalize("Homs")
    place = PlaceFacts(169577, "P", "PPLA", "SY", 34.73, 36.71, 0.8)
    hits = [NameHit(1, "Homs", "", FLAG_CANONICAL, name.folded, name.phonetic, name.skeleton)]
    result = rank(normalize("Hasakah"), [(place, hits)], Hints(frozenset({"SY"}), restrict_to_countries=True))
    assert result[0].similarity < 0.6
    assert confidences(result, transliterated=False)[0] < 0.5
