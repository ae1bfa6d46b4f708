"""The learned part of ranking: evidence about a candidate place, and the weights that score it.

A candidate's score is a log-odds: a linear model over the evidence below, fitted by
``bench/fit_ranking.py`` as a softmax over each query's candidates plus one *none of these*
option, on benchmark sets built from places the evaluation sets never pick (odd GeoNames IDs).
The same fit makes the score rank the candidates and, through :mod:`.confidence`, say how
likely each one is.

The evidence, in :data:`FEATURES` order:

- how the query meets the name of the place that matched it best: the similarity
  of :func:`.similarity.name_similarity`; whether the folded forms are equal; the Indel,
  Levenshtein and Jaro-Winkler similarities of the folded forms; the Indel similarity of the
  phonetic forms and whether one equals a reading of the query; the same for the consonant
  skeletons; the credit for naming part of a name of more words; whether the first letters agree;
  the Levenshtein similarity of the names' content words (no articles, generic or link words)
  with their consonants written one way (:func:`.normalize.spelling`);
- that name's status: met only through its transliteration (from a syllabic script or another),
  a code. Whether it is the place's canonical name is left to a hand-set weight in
  :mod:`.ranking`: in the benchmarks the query is never the place's own canonical name, so a
  fitted weight would learn the benchmarks' construction, not the world;
- the place: its prominence (and its square, which flattens the top), and whether the query and
  the place's names differ in their number of words. The kind of place is not a feature: the
  benchmarks ask for towns, and a weight fitted there would hold countries and capitals back
  wherever else they are meant; prominence already ranks them;
- the query: its length, whether it carries a country hint, whether it was transliterated;
- the hint: whether the place lies in a hinted country.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import astuple, dataclass, fields
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray
from rapidfuzz.distance import Indel, JaroWinkler, Levenshtein

from toponym_server.matching.normalize import Normalized, content_spelling, spelling
from toponym_server.matching.pinyin import is_pinyin_romanisation
from toponym_server.matching.similarity import (
    FEW_CHOICES,
    name_similarities,
    partial_credits,
    similarity_array,
)

NAME_EVIDENCE = 12
"""How many leading features describe the name that matched."""

_LONGEST_QUERY = 30
# Up to this many candidates, scores are summed on Python floats (see scores()).
_FEW_ROWS = 16


@dataclass(frozen=True, slots=True)
class RankingModel:
    """One weight per feature, in log-odds per unit, and the score of *none of these*."""

    similarity: float
    folded_equal: float
    folded: float
    phonetic: float
    phonetic_equal: float
    skeleton: float
    skeleton_equal: float
    partial: float
    jaro_winkler: float
    first_letter: float
    levenshtein: float
    spelling: float
    script_bridge: float
    syllabic_bridge: float
    code: float
    prominence: float
    prominence_squared: float
    word_count_differs: float
    query_length: float
    hinted: float
    transliterated: float
    in_hinted_country: float
    none: float

    def weights(self) -> tuple[float, ...]:
        """The feature weights in :data:`FEATURES` order (without :attr:`none`)."""
        return _weights_of(self)


FEATURES: tuple[str, ...] = tuple(f.name for f in fields(RankingModel))[:-1]


@lru_cache(maxsize=16)
def _weights_of(model: RankingModel) -> tuple[float, ...]:
    # Every ranking asks for them: astuple's deep copy is paid once per model.
    return astuple(model)[:-1]


# Fitted by bench/fit_ranking.py on the odd-ID variant and script sets, bare and hinted.
MODEL = RankingModel(
    similarity=2.4519,
    folded_equal=0.7490,
    folded=5.5403,
    phonetic=-1.0133,
    phonetic_equal=0.4253,
    skeleton=-1.9244,
    skeleton_equal=1.1924,
    partial=2.2654,
    jaro_winkler=0.6285,
    first_letter=0.6461,
    levenshtein=4.8175,
    spelling=7.2161,
    script_bridge=0.2216,
    syllabic_bridge=-0.5728,
    code=-2.4857,
    prominence=7.8811,
    prominence_squared=-2.3956,
    word_count_differs=-0.1361,
    query_length=5.8330,
    hinted=-3.3023,
    transliterated=0.8539,
    in_hinted_country=6.3504,
    none=21.1976,
)


# The columns of a name's evidence that compare its folded form (or content spelling) with the
# query's: equal, Indel, Jaro-Winkler, first letter, Levenshtein, content spelling's Levenshtein.
_FOLDED_COLUMNS = (1, 2, 8, 9, 10, 11)


class NameComparer:
    """The query's side of :func:`name_evidence`, worked out once for all the names it meets.

    Ranking compares one query with tens of names; what depends on the query alone (its folded
    form without spaces, its readings, the spelling of its content words) is computed here once.
    """

    __slots__ = ("first_letter", "folded", "query", "readings", "skeleton", "sounded", "spelled")

    def __init__(self, query: Normalized) -> None:
        self.query = query
        self.folded = query.folded.replace(" ", "")
        self.first_letter = self.folded[:1]
        self.readings = query.readings
        self.skeleton = query.skeleton
        self.spelled = spelling(" ".join(query.tokens))
        # A name written in the Turkish alphabet is compared as written and as its letters sound
        # (*Cindirês* as *jindires*), the closer of the two counting: its letters' values there
        # are not those folding gives them.
        self.sounded: tuple[str, str] | None = None
        if query.sounded:
            self.sounded = (query.sounded.replace(" ", ""), content_spelling(query.sounded))

    def evidence(self, folded: str, phonetic: str, skeleton: str, similarity: float | None = None) -> tuple[float, ...]:
        """The first :data:`NAME_EVIDENCE` features for one gazetteer name, given by its views.

        ``similarity`` is :func:`.similarity.name_similarity` of the name, when the caller has it.
        """
        matrix = self.evidence_matrix(
            [(folded, phonetic, skeleton)],
            [content_spelling(folded)],
            None if similarity is None else [similarity],
        )
        return tuple(matrix[0].tolist())

    def evidence_matrix(
        self,
        views: Sequence[tuple[str, str, str]],
        spellings: Sequence[str],
        similarities: Sequence[float] | None = None,
        credits: Sequence[float] | None = None,
    ) -> NDArray[np.float64]:
        """:meth:`evidence` for each (folded, phonetic, skeleton) view of ``views``: one row each, in order.

        ``spellings`` are the views' :func:`.normalize.content_spelling` (the index stores them).
        The string comparisons of all the names are made in one call into rapidfuzz each, and the
        rows come back as one array, which ranking reduces per place without a Python loop.
        ``similarities`` and ``credits`` are the views' :func:`.similarity.name_similarities` and
        :func:`.similarity.partial_credit`, when the caller has them.
        """
        if not views:
            return np.zeros((0, NAME_EVIDENCE))
        query = self.query
        if credits is None:
            credits = partial_credits(query, views)
        if similarities is None:
            similarities = [similarity for similarity, _ in name_similarities(query, views, credits)]
        if len(views) <= FEW_CHOICES:
            rows = [
                self.evidence_row(folded, phonetic, skeleton, spelled, similarity, credit)
                for (folded, phonetic, skeleton), spelled, similarity, credit in zip(
                    views, spellings, similarities, credits, strict=True
                )
            ]
            return np.array(rows, dtype=np.float64)
        names_folded = [folded.replace(" ", "") for folded, _, _ in views]
        joined_phonetics = [phonetic.replace(" ", "") for _, phonetic, _ in views]
        skeletons = [skeleton for _, _, skeleton in views]
        # Each column written in place: stacking a dozen columns made from lists cost more than
        # the lists.
        matrix = np.empty((len(views), NAME_EVIDENCE))
        matrix[:, 0] = similarities
        matrix[:, 1] = [self.folded == name for name in names_folded]
        matrix[:, 2] = similarity_array(Indel.normalized_similarity, self.folded, names_folded)
        by_phonetic = matrix[:, 3]
        by_phonetic[:] = similarity_array(Indel.normalized_similarity, self.readings[0], joined_phonetics)
        for reading in self.readings[1:]:
            other = similarity_array(Indel.normalized_similarity, reading, joined_phonetics)
            np.maximum(by_phonetic, other, out=by_phonetic)
        matrix[:, 4] = [phonetic in self.readings for phonetic in joined_phonetics]
        by_skeleton = similarity_array(Indel.normalized_similarity, self.skeleton, skeletons)
        matrix[:, 5] = np.where([bool(skeleton) for skeleton in skeletons], by_skeleton, 0.0)
        matrix[:, 6] = [bool(skeleton) and skeleton == self.skeleton for skeleton in skeletons]
        matrix[:, 7] = credits
        # One pair at a time: rapidfuzz's batch Jaro-Winkler can differ from it in the last bit.
        matrix[:, 8] = [JaroWinkler.normalized_similarity(self.folded, name) for name in names_folded]
        matrix[:, 9] = [self.first_letter == name[:1] for name in names_folded]
        matrix[:, 10] = similarity_array(Levenshtein.normalized_similarity, self.folded, names_folded)
        matrix[:, 11] = similarity_array(Levenshtein.normalized_similarity, self.spelled, spellings)
        if self.sounded is not None:
            folded, spelled = self.sounded
            as_sounded = (
                np.array([folded == name for name in names_folded], dtype=np.float64),
                similarity_array(Indel.normalized_similarity, folded, names_folded),
                np.array([JaroWinkler.normalized_similarity(folded, name) for name in names_folded]),
                np.array([folded[:1] == name[:1] for name in names_folded], dtype=np.float64),
                similarity_array(Levenshtein.normalized_similarity, folded, names_folded),
                similarity_array(Levenshtein.normalized_similarity, spelled, spellings),
            )
            for column, values in zip(_FOLDED_COLUMNS, as_sounded, strict=True):
                np.maximum(matrix[:, column], values, out=matrix[:, column])
        return matrix

    def evidence_row(
        self, folded: str, phonetic: str, skeleton: str, spelled: str, similarity: float, credit: float
    ) -> list[float]:
        """One row of :meth:`evidence_matrix`, bit for bit, computed pair by pair.

        ``spelled``, ``similarity`` and ``credit`` are the name's content spelling,
        :func:`.similarity.name_similarity` and :func:`.similarity.partial_credit`. For a few names
        this costs less than the batch calls of :meth:`evidence_matrix`, which uses it up to
        :data:`~.similarity.FEW_CHOICES` names.
        """
        name = folded.replace(" ", "")
        joined = phonetic.replace(" ", "")
        row = [
            similarity,
            float(self.folded == name),
            Indel.normalized_similarity(self.folded, name),
            max(Indel.normalized_similarity(reading, joined) for reading in self.readings),
            float(joined in self.readings),
            Indel.normalized_similarity(self.skeleton, skeleton) if skeleton else 0.0,
            float(bool(skeleton) and skeleton == self.skeleton),
            credit,
            JaroWinkler.normalized_similarity(self.folded, name),
            float(self.first_letter == name[:1]),
            Levenshtein.normalized_similarity(self.folded, name),
            Levenshtein.normalized_similarity(self.spelled, spelled),
        ]
        if self.sounded is not None:
            sounded, sounded_spelling = self.sounded
            as_sounded = (
                float(sounded == name),
                Indel.normalized_similarity(sounded, name),
                JaroWinkler.normalized_similarity(sounded, name),
                float(sounded[:1] == name[:1]),
                Levenshtein.normalized_similarity(sounded, name),
                Levenshtein.normalized_similarity(sounded_spelling, spelled),
            )
            for column, value in zip(_FOLDED_COLUMNS, as_sounded, strict=True):
                row[column] = max(row[column], value)
        return row


def name_evidence(
    query: Normalized, folded: str, phonetic: str, skeleton: str, similarity: float | None = None
) -> tuple[float, ...]:
    """The first :data:`NAME_EVIDENCE` features for one gazetteer name, given by its views.

    ``similarity`` is :func:`.similarity.name_similarity` of the name, when the caller has it.
    A caller comparing one query with many names makes one :class:`NameComparer` instead.
    """
    return NameComparer(query).evidence(folded, phonetic, skeleton, similarity)


def place_evidence(
    query: Normalized,
    names: NDArray[np.float64],
    best_name: tuple[NDArray[np.bool_], NDArray[np.bool_], NDArray[np.bool_]],
    place: tuple[NDArray[np.float64], NDArray[np.bool_]],
    hinted: bool,
    in_hinted_country: NDArray[np.bool_],
) -> NDArray[np.float64]:
    """The full feature vectors of candidate places, one row each, in :data:`FEATURES` order.

    ``names`` holds each place's name evidence (:func:`best_of`); ``best_name`` says, per place,
    whether the name that decided was met only through its transliteration, whether that
    transliteration is of a syllabic script (Chinese, Japanese, Korean: the least faithful), and
    whether it is a code; ``place`` gives the prominences and whether each place is named in
    another number of words.
    """
    prominence, word_count_differs = place
    bridge, syllabic, code = best_name
    count = len(names)
    columns: tuple[NDArray[np.float64] | NDArray[np.bool_] | float, ...] = (
        bridge,
        syllabic,
        code,
        prominence,
        prominence * prominence,
        word_count_differs,
        min(len(query.folded), _LONGEST_QUERY) / _LONGEST_QUERY,
        float(hinted),
        float(query.transliterated),
        in_hinted_country,
    )
    # Each column written in place, as in NameComparer.evidence_matrix.
    features = np.empty((count, NAME_EVIDENCE + len(columns)))
    features[:, :NAME_EVIDENCE] = names.reshape(count, NAME_EVIDENCE)
    for at, column in enumerate(columns, NAME_EVIDENCE):
        features[:, at] = column
    return features


def place_features(
    query: Normalized,
    names: Sequence[float],
    best_name: tuple[bool, bool, bool],
    place: tuple[float, bool],
    hinted: bool,
    in_hinted_country: bool,
) -> list[float]:
    """One row of :func:`place_evidence`, bit for bit, from plain values (for a few candidates)."""
    prominence, word_count_differs = place
    bridge, syllabic, code = best_name
    return [
        *names,
        float(bridge),
        float(syllabic),
        float(code),
        prominence,
        prominence * prominence,
        float(word_count_differs),
        min(len(query.folded), _LONGEST_QUERY) / _LONGEST_QUERY,
        float(hinted),
        float(query.transliterated),
        float(in_hinted_country),
    ]


PARTIAL = 7
"""The position of the partial-credit feature among the name features."""


def best_of(evidence: NDArray[np.float64], starts: NDArray[np.intp], decided: NDArray[np.intp]) -> NDArray[np.float64]:
    """The best value of each name feature over each place's names, but partial credit from the name that decided.

    ``evidence`` holds one row per name, each place's names in one run from ``starts``;
    ``decided`` gives the row of the name that decided for each place. A place whose names agree
    with the query on several views is likelier than one met on one view alone; but a longer
    name's partial credit must not add to an exact match of another.
    """
    best = np.maximum.reduceat(evidence, starts, axis=0)
    best[:, PARTIAL] = evidence[decided, PARTIAL]
    return best


def is_syllabic(text: str) -> bool:
    """Tell whether a name is written in Chinese characters, Japanese kana or Korean Hangul, or is pinyin of the first.

    Pinyin as GeoNames lists it (:func:`.pinyin.is_pinyin_romanisation`): *ba li* for *巴黎*.
    """
    if is_pinyin_romanisation(text):
        return True
    for char in text:
        if char.isalpha():
            code = ord(char)
            return 0x3040 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFAFF
    return False


def scores(features: NDArray[np.float64], weights: Sequence[float] | None = None) -> NDArray[np.float64]:
    """The log-odds score of each candidate (a row of ``features``), by ``weights`` (:data:`MODEL`'s by default).

    The products are added feature by feature, left to right, in double precision: a score
    does not depend on how many candidates are scored with it, nor on the Python version (from
    3.12 on, ``sum`` of floats compensates rounding, so it would differ in the last bits).
    """
    chosen = MODEL.weights() if weights is None else weights
    if features.ndim != 2 or features.shape[1] != len(chosen):
        raise ValueError(f"features of shape {features.shape} for {len(chosen)} weights")
    if len(features) <= _FEW_ROWS:
        # The same products and sums in the same order on Python floats (IEEE doubles, as in
        # numpy): for a few rows, two numpy calls per feature cost more than the arithmetic.
        summed: list[float] = []
        for row in features.tolist():
            value = 0.0
            for weight, feature in zip(chosen, row, strict=True):
                value += weight * feature
            summed.append(value)
        return np.array(summed, dtype=np.float64)
    total = np.zeros(len(features))
    for column, weight in enumerate(chosen):
        total += weight * features[:, column]
    return total
