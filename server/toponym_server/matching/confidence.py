"""Confidence: a calibrated probability that a ranked candidate is the place meant.

A logistic model over four features of each candidate: its name similarity, its prominence,
its score margin over the best *other* candidate (negative for all but the leader), and
whether the query was transliterated from another script. The coefficients are fitted by
``bench/fit_confidence.py`` on benchmark sets built from places the evaluation sets never
pick (odd GeoNames IDs); BENCHMARKS.md records the calibration error they reach.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from toponym_server.matching.ranking import Ranked

DEFAULT_MIN_CONFIDENCE = 0.3


@dataclass(frozen=True, slots=True)
class Calibration:
    """Coefficients of the logistic confidence model."""

    similarity: float
    prominence: float
    margin: float
    transliterated: float
    intercept: float


CALIBRATION = Calibration(similarity=9.0, prominence=3.0, margin=8.0, transliterated=0.0, intercept=-8.5)


def features(ranked: Sequence[Ranked], index: int, transliterated: bool) -> tuple[float, float, float, float]:
    """The model's inputs for candidate ``index`` of a ranked list."""
    candidate = ranked[index]
    others = [r.score for i, r in enumerate(ranked[:8]) if i != index]
    margin = candidate.score - max(others) if others else 0.5
    return candidate.similarity, candidate.place.prominence, margin, float(transliterated)


def confidences(ranked: Sequence[Ranked], transliterated: bool, calibration: Calibration = CALIBRATION) -> list[float]:
    """Return the calibrated confidence of each ranked candidate, in order."""
    result = []
    for index in range(len(ranked)):
        similarity, prominence, margin, translit = features(ranked, index, transliterated)
        z = (
            calibration.similarity * similarity
            + calibration.prominence * prominence
            + calibration.margin * max(min(margin, 0.5), -0.5)
            + calibration.transliterated * translit
            + calibration.intercept
        )
        result.append(1.0 / (1.0 + math.exp(-z)))
    return result
