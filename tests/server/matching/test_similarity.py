"""Name similarity: equal folds beat equal sounds beat equal skeletons beat everything else."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
from rapidfuzz.distance import Indel, Levenshtein

from toponym_server.matching.normalize import normalize
from toponym_server.matching.similarity import (
    FEW_CHOICES,
    PHONETIC_EQUAL,
    SKELETON_EQUAL,
    name_similarity,
    partial_credit,
    partial_credits,
    similarity_array,
    similarity_row,
)


def similarity(query: str, name: str) -> tuple[float, str]:
    views = normalize(name)
    return name_similarity(normalize(query), views.folded, views.phonetic, views.skeleton)


def score(query: str, name: str) -> float:
    return similarity(query, name)[0]


@pytest.mark.parametrize(
    ("query", "name"), [("Hasakah", "Hasakah"), ("HASAKAH", "Ḩasakah"), ("Deir ez-Zor", "Deirez Zor")]
)
def test_equal_fold_scores_one(query: str, name: str) -> None:
    assert similarity(query, name) == (1.0, "folded")


def test_levels_are_ordered() -> None:
    exact = score("Hasakah", "Hasakah")
    phonetic = score("Hasakah", "Hassakeh")  # same phonetic form, different spelling
    skeleton_only = score("Hasakah", "Haskah")  # same consonants, vowels differ
    unrelated = score("Hasakah", "Paris")
    assert normalize("Hasakah").phonetic == normalize("Hassakeh").phonetic
    assert normalize("Hasakah").phonetic != normalize("Haskah").phonetic
    assert normalize("Hasakah").skeleton == normalize("Haskah").skeleton
    assert exact == 1.0
    assert exact > phonetic > unrelated
    # A spelling one letter off stands level with a phonetic equal (the weights measured best).
    assert exact > skeleton_only > unrelated
    assert abs(skeleton_only - phonetic) < 0.05
    assert similarity("Hasakah", "Hassakeh")[1] == "phonetic"


@pytest.mark.parametrize(
    ("query", "name"),
    [("Hasakah", "Al-Hasakah"), ("Deir ez-Zor", "Dayr az Zawr"), ("Kobane", "كوباني"), ("Raqqa", "Ar-Raqqah")],
)
def test_phonetic_equal_stays_below_exact_and_at_most_the_phonetic_ceiling(query: str, name: str) -> None:
    value, view = similarity(query, name)
    assert view == "phonetic"
    assert PHONETIC_EQUAL - 0.1 <= value < PHONETIC_EQUAL


@pytest.mark.parametrize(("query", "name"), [("Manbij", "منبج"), ("Hasakah", "الحسكة")])
def test_skeleton_equal_scores_near_the_skeleton_level(query: str, name: str) -> None:
    value, view = similarity(query, name)
    assert view in ("skeleton", "folded")
    assert SKELETON_EQUAL <= value < PHONETIC_EQUAL - 0.05


@pytest.mark.parametrize(
    ("query", "name"), [("Afrin", "عفرين"), ("Ain Issa", "عين عيسى"), ("Ayn al-Arab", "عين العرب")]
)
def test_an_arabic_name_with_an_ayn_meets_its_latin_spelling_above_the_skeleton_level(query: str, name: str) -> None:
    # The ayn is read as the vowel a Latin spelling writes there, not dropped (Frin).
    assert score(query, name) >= PHONETIC_EQUAL - 0.1


def test_among_phonetic_equals_the_closer_spelling_scores_higher() -> None:
    query = "Hasakah"
    close, far = "Hasaka", "Al-Hassakeh"
    assert normalize(close).phonetic == normalize(far).phonetic == normalize(query).phonetic
    assert score(query, close) > score(query, far)
    assert score("Deir ez-Zor", "Deir al-Zor") > score("Deir ez-Zor", "Dayr az Zawr")


@pytest.mark.parametrize(("query", "name"), [("Hasakah", "Homs"), ("Raqqa", "Paris"), ("Aleppo", "Tokyo")])
def test_unrelated_names_score_low(query: str, name: str) -> None:
    assert score(query, name) < 0.7


def test_similarity_never_leaves_the_unit_interval() -> None:
    names = ["Hasakah", "Haskah", "Hasakat", "Al-Hasakah", "Paris", "x", "الحسكة", "Хасеке"]
    for query in names:
        for name in names:
            assert 0.0 <= score(query, name) <= 1.0


def test_a_typo_scores_below_a_phonetic_equal() -> None:
    assert score("Zabadani", "Zabadanii") > score("Zabadani", "Zamadani")


def test_a_name_that_is_one_word_of_a_longer_name_gets_partial_credit() -> None:
    assert similarity("Hucknall Torkard", "Hucknall")[1] == "partial"
    assert score("Hucknall Torkard", "Hucknall") > score("Hucknall Torkard", "Huddersfield")


def test_partial_credits_are_each_names_partial_credit() -> None:
    query = normalize("Hucknall Torkard")
    texts = ["Hucknall", "Torkard", "Hucknall Torkard", "Huddersfield", "Hucknall Torkard Hall", "Al Hucknall", ""]
    views = [(v.folded, v.phonetic, v.skeleton) for v in map(normalize, texts)]
    credits = partial_credits(query, views)
    assert credits == [partial_credit(query, folded, phonetic) for folded, phonetic, _ in views]
    assert credits[0] > 0.0  # one of them passes the cheap tests and is compared


def test_a_shared_start_within_one_word_is_not_a_part_of_the_name() -> None:
    # Mekinez is a spelling of Meknes; Macon only shares its first letters
    assert similarity("Mekinez", "Macon")[1] != "partial"
    assert score("Mekinez", "Meknes") > score("Mekinez", "Macon")


def test_a_name_spelt_across_two_words_of_the_query_is_not_a_part_of_it() -> None:
    # Cairo's name Masr is spelt in the middle of Sowme'eh Sara's Persian name, across its words:
    # that names neither word, and Sowme'eh Sara's own Latin name is the nearer.
    assert similarity("صومعه سرا", "Masr")[1] != "partial"
    assert score("صومعه سرا", "Şowme‘eh Sarā") > score("صومعه سرا", "Masr")


def test_a_word_that_starts_the_other_name_is_not_a_part_of_it() -> None:
    # Sadr City is "the city of Sadr"; Shahr-e Sadra "the city of Sadra", another word
    assert similarity("مدينة الصدر", "شهر صدرا")[1] != "partial"


def test_a_run_of_the_longer_name_s_words_is_a_part_of_it() -> None:
    assert similarity("Sant Cugat", "Sant Cugat del Vallès")[1] == "partial"
    assert similarity("Hucknall Torkard Bulwell", "Hucknall Torkard")[1] == "partial"


@pytest.mark.parametrize("count", [0, 1, FEW_CHOICES, FEW_CHOICES + 1, 40])
@pytest.mark.parametrize("scorer", [Indel.normalized_similarity, Levenshtein.normalized_similarity])
def test_similarities_of_few_or_many_choices_are_the_pairwise_ones(count: int, scorer: Callable[..., float]) -> None:
    rng = random.Random(count)
    choices = ["".join(rng.choice("abdhlrsu ") for _ in range(rng.randint(0, 12))) for _ in range(count)]
    expected = [scorer("al hasaka", choice) for choice in choices]
    assert similarity_array(scorer, "al hasaka", choices).tolist() == expected  # bit for bit
    assert similarity_row(scorer, "al hasaka", choices) == expected
