"""Name similarity on several views at once: folded, phonetic and consonant skeleton."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import cast

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz
from rapidfuzz.distance import Indel
from rapidfuzz.process import cdist

from toponym_server.matching.normalize import Normalized, content_tokens, token_phonetics


class MatchKind(StrEnum):
    """How a query met a name; values mirror ``toponym.v1.MatchKind`` names."""

    EXACT = "exact"
    ALTERNATE_NAME = "alternate_name"
    TRANSLITERATION = "transliteration"
    PHONETIC = "phonetic"
    FUZZY = "fuzzy"


PHONETIC_EQUAL = 0.94
# View weights chosen on held-out (odd-ID) sets: spelling closeness is the strongest single view.
SKELETON_EQUAL = 0.8
FOLDED_SCALE = 1.0
PHONETIC_SCALE = 0.85
PART_BASE = 0.72
PART_COVERAGE = 0.18
PART_MIN_OVERLAP = 88


FEW_CHOICES = 8
"""Up to this many choices, calling the scorer pair by pair costs less than one batch call (about 5 µs)."""


def similarity_array(scorer: Callable[..., float], query: str, choices: Sequence[str]) -> NDArray[np.float64]:
    """``scorer(query, choice)`` for every choice, computed in one call into rapidfuzz's core.

    For the Indel and Levenshtein similarities the values are exactly those of calling
    ``scorer`` on each pair (double precision); rapidfuzz 3.14's batch Jaro-Winkler differs from
    its pairwise one in the last bit, so that one is called pair by pair. Up to
    :data:`FEW_CHOICES` choices, every scorer is called pair by pair.
    """
    if len(choices) <= FEW_CHOICES:
        return np.array([scorer(query, choice) for choice in choices], dtype=np.float64)
    return cast("NDArray[np.float64]", cdist([query], choices, scorer=scorer, dtype=np.float64)[0])


def similarity_row(scorer: Callable[..., float], query: str, choices: Sequence[str]) -> list[float]:
    """:func:`similarity_array` as a list of Python floats."""
    if len(choices) <= FEW_CHOICES:
        return [float(scorer(query, choice)) for choice in choices]
    return cast("list[float]", similarity_array(scorer, query, choices).tolist())


def partial_credit(query: Normalized, folded: str, phonetic: str) -> float:
    """The credit for one name naming part of the other (*Hucknall Torkard* / *Hucknall*), or 0.

    The shared part is credited, less the more of the longer one it leaves out. Only whole
    words count: the shorter must be spelt (nearly) as a run of the longer's words, not all of
    them. Within one word a shared start is just a shorter name (*Macon* is not part of
    *Mekinez*, *Sadr* not of *Sadra*), and a stretch across two words names neither (*Masr*
    is not part of *Sawma Sara*). ``folded`` and ``phonetic`` are the gazetteer name's views.
    """
    name_longer = len(query.phonetic) <= len(phonetic)
    shorter, longer = (query.phonetic, phonetic) if name_longer else (phonetic, query.phonetic)
    if not shorter or len(shorter) >= 0.8 * len(longer) or len(query.tokens) == folded.count(" ") + 1:
        return 0.0
    if not fuzz.partial_ratio(shorter, longer, score_cutoff=PART_MIN_OVERLAP):
        return 0.0  # the cheap tests first: most names pass none, and the longer's words cost more
    words = _name_words(folded, phonetic) if name_longer else token_phonetics(query.tokens, not query.transliterated)
    overlap = _best_word_run(shorter, words)
    if overlap * 100 < PART_MIN_OVERLAP:
        return 0.0
    return overlap * (PART_BASE + PART_COVERAGE * (len(shorter) / len(longer)))


def partial_credits(query: Normalized, views: Sequence[tuple[str, str, str]]) -> list[float]:
    """:func:`partial_credit` of each (folded, phonetic, skeleton) view of ``views``, in order.

    Most names fail its first, cheap tests (their length and word count against the query's):
    those are made here on the query's values read once, and only the others are compared.
    """
    own_length = len(query.phonetic)
    word_count = len(query.tokens)
    credits: list[float] = []
    for folded, phonetic, _ in views:
        length = len(phonetic)
        shorter, longer = (own_length, length) if own_length <= length else (length, own_length)
        if not shorter or shorter >= 0.8 * longer or word_count == folded.count(" ") + 1:
            credits.append(0.0)
        else:
            credits.append(partial_credit(query, folded, phonetic))
    return credits


# Two strings whose lengths differ by a factor beyond this cannot reach PART_MIN_OVERLAP's
# Indel similarity, 2 * common / (both lengths): at most 2 * shorter / (shorter + longer).
_RUN_LENGTH_FACTOR = 2 * 100 / PART_MIN_OVERLAP - 1


def _best_word_run(shorter: str, words: tuple[str, ...]) -> float:
    """The best Indel similarity of ``shorter`` to a run of ``words`` joined, not all of them.

    Only runs of a length that could reach :data:`PART_MIN_OVERLAP` are compared, so a query
    of thousands of words costs a pass over them, not one comparison per pair of words.
    """
    longest = len(shorter) * _RUN_LENGTH_FACTOR
    best = 0.0
    for start in range(len(words)):
        length = 0
        for end in range(start + 1, len(words) + 1):
            length += len(words[end - 1])
            if length > longest or end - start == len(words):
                break
            if length * _RUN_LENGTH_FACTOR >= len(shorter):
                best = max(best, Indel.normalized_similarity(shorter, "".join(words[start:end])))
    return best


def _name_words(folded: str, phonetic: str) -> tuple[str, ...]:
    """The phonetic form of each content word of a gazetteer name whose views are ``folded`` and ``phonetic``.

    A name's phonetic form is its content words' forms joined, read as Latin script or not (which
    the views do not say); if neither reading joins to it, the name counts as one word.
    """
    tokens = content_tokens(folded)[0]
    for latin in (True, False):
        words = token_phonetics(tokens, latin)
        if "".join(words) == phonetic:
            return words
    return (phonetic,)


def name_similarity(query: Normalized, folded: str, phonetic: str, name_skeleton: str) -> tuple[float, str]:
    """Score how alike a query and a gazetteer name are, in [0, 1], and name the view that decided.

    An equal folded form scores 1, an equal phonetic form up to :data:`PHONETIC_EQUAL` (closer
    spellings higher), and other
    pairs the best of the normalized Indel similarities of the phonetic, folded and skeleton
    views, each scaled below the equality it approximates. :func:`name_similarities` does the
    same for many names at once.
    """
    return name_similarities(query, [(folded, phonetic, name_skeleton)])[0]


def name_similarities(
    query: Normalized, views: Sequence[tuple[str, str, str]], credits: Sequence[float] | None = None
) -> list[tuple[float, str]]:
    """:func:`name_similarity` of each (folded, phonetic, skeleton) view of ``views``, in order.

    ``credits`` are the views' :func:`partial_credit`, when the caller has them.
    """
    if not views:
        return []
    folded_views = [folded for folded, _, _ in views]
    spellings = similarity_row(Indel.normalized_similarity, query.folded, folded_views)
    phonetics = similarity_row(Indel.normalized_similarity, query.phonetic, [phonetic for _, phonetic, _ in views])
    skeletons = similarity_row(Indel.normalized_similarity, query.skeleton, [skel for _, _, skel in views])
    query_folded = query.folded.replace(" ", "")
    query_phonetic, readings, query_skeleton = query.phonetic, query.readings, query.skeleton
    if credits is None:
        credits = partial_credits(query, views)
    results: list[tuple[float, str]] = []
    for (folded, phonetic, name_skeleton), spelling, phonetic_similarity, skeleton_similarity, credit in zip(
        views, spellings, phonetics, skeletons, credits, strict=True
    ):
        if query_folded == folded.replace(" ", ""):
            results.append((1.0, "folded"))
            continue
        by_folded = spelling * FOLDED_SCALE
        if phonetic == query_phonetic or phonetic in readings:
            # Among names that sound alike, the one spelt closer to the query wins.
            results.append((PHONETIC_EQUAL - 0.1 + 0.1 * spelling, "phonetic"))
            continue
        by_phonetic = phonetic_similarity * PHONETIC_SCALE
        equal_skeletons = bool(name_skeleton) and query_skeleton == name_skeleton
        by_skeleton = SKELETON_EQUAL if equal_skeletons else skeleton_similarity * 0.8
        best = max((by_phonetic, "phonetic"), (by_folded, "folded"), (by_skeleton, "skeleton"))
        if credit:
            best = max(best, (credit, "partial"))
        # Two views agreeing is stronger evidence than the best one alone.
        blended = best[0] + 0.1 * (by_phonetic + by_skeleton - best[0]) * (1 - best[0])
        results.append((min(blended, PHONETIC_EQUAL - 0.01), best[1]))
    return results
