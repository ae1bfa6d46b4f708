"""Confidence: each candidate's share of a softmax over its rivals and *none of these*."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest

from toponym_server.matching.confidence import Calibration, calibrated, confidences
from toponym_server.matching.normalize import content_spelling, normalize
from toponym_server.matching.ranking import FLAG_CANONICAL, Hints, NameHit, PlaceFacts, Ranked, rank
from toponym_server.matching.scoring import MODEL
from toponym_server.matching.similarity import MatchKind

_HIT = NameHit(1, "Hama", "", FLAG_CANONICAL, "hama", "hama", "hm", "hama")
NONE = MODEL.none
IDENTITY = Calibration(slope=1.0, hinted=0.0, transliterated=0.0, intercept=0.0)


def ranked(score: float, place_id: int = 1, bonus: float = 0.0) -> Ranked:
    facts = PlaceFacts(place_id, "P", "PPL", "SY", 35.0 + place_id, 36.0, 0.5)
    return Ranked(facts, score, 1.0, MatchKind.EXACT, _HIT, "folded", bonus)


def sole(score: float) -> float:
    return confidences([ranked(score)])[0]


def leader_with_margin(margin: float) -> float:
    return confidences([ranked(NONE + 3 + margin, 1), ranked(NONE + 3, 2)])[0]


def name(text: str, name_id: int = 1) -> NameHit:
    views = normalize(text)
    return NameHit(
        name_id, text, "", FLAG_CANONICAL, views.folded, views.phonetic, views.skeleton, content_spelling(views.folded)
    )


def test_empty_list_has_no_confidences() -> None:
    assert confidences([]) == []


@pytest.mark.parametrize("offset", [-1000.0, -10.0, 0.0, 10.0, 1000.0])
def test_values_stay_in_the_unit_interval(offset: float) -> None:
    values = confidences([ranked(NONE + offset, 1), ranked(NONE, 2)])
    assert all(0.0 <= v <= 1.0 for v in values)


def test_a_lone_candidate_scoring_like_none_is_a_coin_toss_before_calibration() -> None:
    assert confidences([ranked(NONE)], calibration=IDENTITY)[0] == pytest.approx(0.5)


def test_calibration_is_monotone_and_shifts_by_kind_of_query() -> None:
    shares = [0.05, 0.2, 0.5, 0.8, 0.95]
    for hinted, transliterated in itertools.product((False, True), repeat=2):
        values = [calibrated(p, hinted, transliterated) for p in shares]
        assert values == sorted(values)
        assert all(0.0 < v < 1.0 for v in values)
    assert [calibrated(p, False, False, IDENTITY) for p in shares] == pytest.approx(shares)
    shifted = Calibration(slope=1.0, hinted=-1.0, transliterated=0.0, intercept=0.0)
    assert calibrated(0.5, True, False, shifted) < calibrated(0.5, False, False, shifted) == pytest.approx(0.5)


def test_a_query_of_another_kind_gets_its_own_calibration() -> None:
    row = [ranked(NONE + 1, 1), ranked(NONE, 2)]
    kinds = {(h, t): confidences(row, hinted=h, transliterated=t)[0] for h in (False, True) for t in (False, True)}
    assert len(set(kinds.values())) == 4


def test_monotone_in_score() -> None:
    values = [sole(NONE + d) for d in (-4.0, -1.0, 0.0, 1.0, 4.0)]
    assert values == sorted(values)
    assert len(set(values)) == len(values)


def test_monotone_in_margin() -> None:
    values = [leader_with_margin(m) for m in (0.0, 0.5, 1.0, 2.0, 4.0)]
    assert values == sorted(values)
    assert len(set(values)) == len(values)


def test_leader_above_runner_up() -> None:
    values = confidences([ranked(NONE + 4, 1), ranked(NONE + 3, 2), ranked(NONE + 1, 3)])
    assert values[0] > values[1] > values[2]


def test_a_tie_gives_both_candidates_the_same_confidence_below_a_clear_leader() -> None:
    values = confidences([ranked(NONE + 3, 1), ranked(NONE + 3, 2)])
    assert values[0] == pytest.approx(values[1])
    assert values[0] < leader_with_margin(3.0)
    assert confidences([ranked(NONE + 3, 1), ranked(NONE + 3, 2)], calibration=IDENTITY)[0] < 0.5


def test_confidences_never_rise_down_the_ranking() -> None:
    # The third is nested with nobody, the second is nested with the first: still no rise.
    city = Ranked(PlaceFacts(1, "P", "PPLA", "SY", 35.95, 39.01, 0.75), NONE + 4, 1.0, MatchKind.EXACT, _HIT, "folded")
    division = replace(city, place=PlaceFacts(2, "A", "ADM1", "SY", 35.80, 38.80, 0.70), score=NONE + 3.9)
    values = confidences([city, division, ranked(NONE + 3.8, 3)])
    assert values == sorted(values, reverse=True)


def test_a_hand_set_bonus_reorders_but_does_not_make_a_lone_answer_surer() -> None:
    plain = sole(NONE + 1)
    assert confidences([ranked(NONE + 4, bonus=3.0)])[0] == pytest.approx(plain)


def test_a_division_at_the_same_place_does_not_count_against_the_city() -> None:
    city = Ranked(PlaceFacts(1, "P", "PPLA", "SY", 35.95, 39.01, 0.75), NONE + 4, 1.0, MatchKind.EXACT, _HIT, "folded")
    division = replace(city, place=PlaceFacts(2, "A", "ADM1", "SY", 35.80, 38.80, 0.70), score=NONE + 3.9)
    namesake = replace(city, place=PlaceFacts(3, "P", "PPL", "JP", 35.0, 136.0, 0.70), score=NONE + 3.9)
    far_division = replace(division, place=PlaceFacts(4, "A", "ADM1", "JP", 35.0, 136.0, 0.70))
    alone = confidences([city])[0]
    assert confidences([city, division])[0] == pytest.approx(alone)
    assert confidences([city, namesake])[0] < alone
    assert confidences([city, far_division])[0] < alone


def test_leader_of_a_real_ranking_is_the_most_confident() -> None:
    syria = PlaceFacts(170017, "P", "PPLA", "SY", 35.13, 36.75, 0.80)
    japan = PlaceFacts(1862000, "P", "PPL", "JP", 35.0, 136.0, 0.30)
    result = rank(normalize("Hama"), [(japan, [name("Hama")]), (syria, [name("Hama")])], Hints())
    values = confidences(result)
    assert result[0].place.place_id == 170017
    assert values[0] > values[1]


def test_a_known_name_of_a_prominent_place_is_confident() -> None:
    aleppo = PlaceFacts(170063, "P", "PPLA", "SY", 36.20, 37.16, 0.88)
    assert confidences(rank(normalize("Aleppo"), [(aleppo, [name("Aleppo")])], Hints()))[0] > 0.9


def test_leader_carried_by_a_hint_is_still_the_most_confident() -> None:
    in_syria = PlaceFacts(1, "P", "PPL", "SY", 36.5, 40.7, 0.6)
    elsewhere = PlaceFacts(2, "P", "PPL", "IQ", 33.0, 44.0, 0.6)
    candidates = [(in_syria, [name("Hassakeh", 1)]), (elsewhere, [name("Hasakah", 2)])]
    result = rank(normalize("Hasakah"), candidates, Hints(frozenset({"SY"})))
    assert result[0].place.place_id == 1  # the country hint carries it past the exact name
    values = confidences(result)
    assert values[0] >= values[1]


def test_a_lone_candidate_whose_name_barely_matches_is_not_confident() -> None:
    # Only one Syrian place was reached for "Hasakah", and it is Homs.
    place = PlaceFacts(169577, "P", "PPLA", "SY", 34.73, 36.71, 0.8)
    hints = Hints(frozenset({"SY"}), restrict_to_countries=True)
    result = rank(normalize("Hasakah"), [(place, [name("Homs")])], hints)
    assert result[0].similarity < 0.6
    assert confidences(result)[0] < 0.3


def test_a_custom_model_is_used() -> None:
    certain = replace(MODEL, none=-100.0)
    assert confidences([ranked(NONE)], certain, calibration=IDENTITY)[0] == pytest.approx(1.0)
