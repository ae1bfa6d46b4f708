"""Confidence: a calibrated probability that a ranked candidate is the place meant.

A logistic model over five features of each candidate: its name similarity, its prominence,
its score margin over the best *other* candidate (negative for all but the leader), the part
of its score that hints and context added, and whether the query was transliterated from
another script. A city and the division named
after it do not count against each other in the margin. The coefficients are fitted by
``bench/fit_confidence.py`` on benchmark sets built from places the evaluation sets never
pick (odd GeoNames IDs); BENCHMARKS.md records the calibration error they reach.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from toponym_server.matching.features import kind_of_feature
from toponym_server.matching.ranking import Ranked, distance_km

DEFAULT_MIN_CONFIDENCE = 0.3


@dataclass(frozen=True, slots=True)
class Calibration:
    """Coefficients of the logistic confidence model."""

    similarity: float
    prominence: float
    margin: float
    bonus: float
    transliterated: float
    intercept: float


CALIBRATION = Calibration(
    similarity=14.363, prominence=1.119, margin=28.102, bonus=5.940, transliterated=0.371, intercept=-14.991
)


NESTED_WITHIN_KM = 50.0
# The score of a weak match to an obscure place: what a lone candidate must beat.
LONE_RIVAL_SCORE = 0.75


def _nested(a: Ranked, b: Ranked) -> bool:
    """Tell whether two candidates are one place at two levels (a city and the division or country it heads).

    Such pairs share a name and a location, so the runner-up being the other level says
    nothing against the leader; the margin ignores it.
    """
    kind_a = kind_of_feature(a.place.feature_class, a.place.feature_code)
    kind_b = kind_of_feature(b.place.feature_class, b.place.feature_code)
    if kind_a is kind_b:
        return False
    here, there = (a.place.latitude, a.place.longitude), (b.place.latitude, b.place.longitude)
    return distance_km(here, there) <= NESTED_WITHIN_KM


def features(ranked: Sequence[Ranked], index: int, transliterated: bool) -> tuple[float, float, float, float, float]:
    """The model's inputs for candidate ``index`` of a ranked list.

    The margin is taken over the best other candidate, or over a weak virtual rival when there
    is none, so that a lone poor match is not reported as certain.
    """
    candidate = ranked[index]
    others = [r.score for i, r in enumerate(ranked[:8]) if i != index and not _nested(candidate, r)]
    # The virtual rival enjoys the same hints as the candidate: a hint alone proves nothing.
    margin = candidate.score - max([*others, LONE_RIVAL_SCORE + candidate.bonus])
    return candidate.similarity, candidate.place.prominence, margin, candidate.bonus, float(transliterated)


def iter_confidences(
    ranked: Sequence[Ranked], transliterated: bool, calibration: Calibration = CALIBRATION
) -> Iterator[float]:
    """Yield the calibrated confidence of each ranked candidate, in order, computed lazily.

    No candidate is reported as more likely than one ranked above it, so a caller may stop at
    the first value below its threshold.
    """
    previous = 1.0
    for index in range(len(ranked)):
        similarity, prominence, margin, bonus, translit = features(ranked, index, transliterated)
        z = (
            calibration.similarity * similarity
            + calibration.prominence * prominence
            + calibration.margin * max(min(margin, 0.5), -0.5)
            + calibration.bonus * bonus
            + calibration.transliterated * translit
            + calibration.intercept
        )
        previous = min(previous, 1.0 / (1.0 + math.exp(-z)))
        yield previous


def confidences(ranked: Sequence[Ranked], transliterated: bool, calibration: Calibration = CALIBRATION) -> list[float]:
    """Return the calibrated confidence of every ranked candidate (see :func:`iter_confidences`)."""
    return list(iter_confidences(ranked, transliterated, calibration))
