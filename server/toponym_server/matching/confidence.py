"""Confidence: a calibrated probability that a ranked candidate is the place meant.

Scores are log-odds fitted as a softmax over each query's candidates and one *none of these*
option (see :mod:`.scoring`), so a candidate's confidence is its share of that softmax: its
score against its best rivals and against the score of *none* (the chance that the place
meant is not among the candidates at all, or is no place). Two refinements:

- a city and the division or country it heads share a name and a location, so the other level
  is not counted as a rival (*Raqqa* the city is not less certain for *Raqqa* the governorate);
- *none* enjoys the same hand-set bonuses as the candidate (a bias point, a generic word): those
  re-order candidates but prove nothing about the name, and the fit never saw them. A document's
  context is evidence for the places near it, and is not matched, but where the hints leave
  places out (:func:`~.ranking.with_context`).

A last :class:`Calibration` corrects the share for the kind of query. ``bench/evaluate.py``
reports the calibration error this reaches on held-out sets.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from toponym_server.matching.features import Kind, kind_of_feature
from toponym_server.matching.ranking import Ranked, distance_km
from toponym_server.matching.scoring import MODEL, RankingModel

DEFAULT_MIN_CONFIDENCE = 0.3
NESTED_WITHIN_KM = 50.0
RIVALS = 8
"""Only the leading candidates count as rivals: the others' share is negligible."""


def _kind(item: Ranked) -> Kind:
    return kind_of_feature(item.place.feature_class, item.place.feature_code)


def _nested(a: Ranked, kind_a: Kind, b: Ranked, kind_b: Kind) -> bool:
    """Tell whether two candidates are one place at two levels (a city and the division or country it heads).

    ``kind_a`` and ``kind_b`` are their kinds. Such pairs share a name and a location, so the
    runner-up being the other level says nothing against the leader.
    """
    if kind_a is kind_b:
        return False
    here, there = (a.place.latitude, a.place.longitude), (b.place.latitude, b.place.longitude)
    return distance_km(here, there) <= NESTED_WITHIN_KM


@dataclass(frozen=True, slots=True)
class Calibration:
    """A last logistic correction of the softmax share, by kind of query.

    The model is fitted on every place any key reaches, while the service stops looking once
    its answer is sure, and on a mix of queries that is not the mix of any one kind; so the
    share is recalibrated on the answers the service itself gives (``bench/fit_ranking.py
    --calibrate``): ``sigmoid(slope * logit(share) + hinted + transliterated + intercept)``,
    each term present when the query is of that kind. The correction is monotone, so it never
    reorders a query's candidates.
    """

    slope: float
    hinted: float
    transliterated: float
    intercept: float


# Fitted by bench/fit_ranking.py --calibrate on the odd-ID variant and script sets.
CALIBRATION = Calibration(slope=0.9350, hinted=-0.3791, transliterated=-0.0918, intercept=0.5036)
_LOGIT_LIMIT = 30.0


def calibrated(share: float, hinted: bool, transliterated: bool, calibration: Calibration = CALIBRATION) -> float:
    """Apply ``calibration`` to a softmax share."""
    if share <= 0.0 or share >= 1.0:
        return share
    logit = max(-_LOGIT_LIMIT, min(_LOGIT_LIMIT, math.log(share / (1.0 - share))))
    z = calibration.slope * logit + calibration.intercept
    if hinted:
        z += calibration.hinted
    if transliterated:
        z += calibration.transliterated
    return 1.0 / (1.0 + math.exp(-z))


def confidence_of(ranked: Sequence[Ranked], index: int, model: RankingModel = MODEL) -> float:
    """The share of candidate ``index`` of a ranking in the model's softmax, before :class:`Calibration`."""
    leaders = ranked[:RIVALS]
    return _share(ranked, index, leaders, [_kind(r) for r in leaders], model)


def _share(
    ranked: Sequence[Ranked], index: int, leaders: Sequence[Ranked], kinds: Sequence[Kind], model: RankingModel
) -> float:
    """:func:`confidence_of`, given the ranking's ``leaders`` (its first :data:`RIVALS`) and their ``kinds``."""
    candidate = ranked[index]
    kind = kinds[index] if index < len(kinds) else _kind(candidate)
    scores = [
        r.score
        for i, (r, kind_r) in enumerate(zip(leaders, kinds, strict=True))
        if i != index and not _nested(candidate, kind, r, kind_r)
    ]
    scores.append(model.none + candidate.bonus)
    top = max(candidate.score, *scores)
    own = math.exp(candidate.score - top)
    return own / (own + sum(math.exp(s - top) for s in scores))


def iter_confidences(
    ranked: Sequence[Ranked],
    model: RankingModel = MODEL,
    *,
    hinted: bool = False,
    transliterated: bool = False,
    calibration: Calibration = CALIBRATION,
) -> Iterator[float]:
    """Yield the calibrated confidence of each ranked candidate, in order, computed lazily.

    ``hinted`` and ``transliterated`` describe the query (a country hint; another script). No
    candidate is reported as more likely than one ranked above it, so a caller may stop at the
    first value below its threshold.
    """
    previous = 1.0
    # Each candidate is weighed against the same leaders: their kinds are worked out once.
    leaders = ranked[:RIVALS]
    kinds = [_kind(r) for r in leaders]
    for index in range(len(ranked)):
        share = calibrated(_share(ranked, index, leaders, kinds, model), hinted, transliterated, calibration)
        previous = min(previous, share)
        yield previous


def confidences(
    ranked: Sequence[Ranked],
    model: RankingModel = MODEL,
    *,
    hinted: bool = False,
    transliterated: bool = False,
    calibration: Calibration = CALIBRATION,
) -> list[float]:
    """Return the confidence of every ranked candidate (see :func:`iter_confidences`)."""
    return list(
        iter_confidences(ranked, model, hinted=hinted, transliterated=transliterated, calibration=calibration)
    )
