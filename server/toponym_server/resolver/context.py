"""A document's context: which points each of its names is ranked again with, and in what order.

A document's names (a ``ResolveBatch`` with ``use_context``, the spans of a text) pull one
another toward one region: each name not settled alone is ranked again with the confident
leaders of the *other* names as context (:func:`contexts_for`). Ranking every name against the
others' *lone* leaders can cross them: *Tripoli* beside *Saida* goes to Lebanon, pulled by
Sidon, while *Saida* goes to Saïda in Algeria, pulled by the Libyan Tripoli that *Tripoli* no
longer means. :func:`settle_in_context` ranks them once that way, then settles them one after
another, the surest first, each against what the names settled before it now mean.

Two names that are both unsure alone may still say where they are together: *Kingston* alone is
Jamaica's capital and *Prescott* the Arizona city, but each has a likely place near one of the
other's, in Ontario. A name unsure alone (below :data:`UNSURE_BELOW`) offers its likely places
(:data:`LIKELY_PLACES`) as *companions*: each that lies within :data:`COMPANION_KM` of one of
another name's likely places joins that name's context, until the name offering it settles.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

from toponym_server.matching.features import Kind
from toponym_server.matching.ranking import FIRST_LEVEL_DIVISIONS, ContextPoint, ContextWeights, context_weights
from toponym_server.resolver.answers import Candidate

SETTLED_CONFIDENCE = 0.95
"""A name resolved alone with this confidence is not ranked again in context."""

LEADER_CONFIDENCE = 0.5
"""A name's best answer pulls the document's other names only with this confidence."""

UNSURE_BELOW = 0.6
"""A name whose lone answer is less sure offers its likely places to the others as companions."""

LIKELY_PLACES = 5
"""How many of a name's places alone are its likely ones (each at :data:`LIKELY_CONFIDENCE` at least)."""

LIKELY_CONFIDENCE = 0.05
"""The least confidence of a likely place."""

COMPANION_KM = 150.0
"""A likely place of an unsure name this near one of another name's likely places joins its context."""

_EARTH_RADIUS_KM = 6371.0

Point = ContextPoint
Points = tuple[Point, ...]
Answers = list[Candidate] | None
Identity = tuple[int, str] | None
"""What tells a document's names apart: the best lone place and the name that met it (none without)."""
RankInContext = Callable[[int, Points], Answers]
"""Ranks the document's name at this position with these context points (never with none)."""
Likely = Callable[[int], Answers]
"""The likely places of the document's name at this position alone: its first
:data:`LIKELY_PLACES` candidates at :data:`LIKELY_CONFIDENCE` or more, best first."""


def contexts_for(alone: Sequence[Answers], current: Sequence[Answers] | None = None) -> list[Points]:
    """For each name of a document resolved alone, the points to rank it again with; empty for none.

    The points are the confident leaders of the *other* names, each place once: the name
    repeated does not pull it toward itself, and pulls the others no harder than once, so a batch
    answers as a text with the same names does. (Another name of its place still pulls it: *New
    York City* in a text says which *New York* it means.) A name without an answer, or whose
    lone answer reaches :data:`SETTLED_CONFIDENCE`, is not ranked again. The leaders are those
    of ``current`` (the names' answers so far, the lone ones by default); which names are the
    same is told by the lone answers. (Companions are :func:`settle_in_context`'s.)
    """
    # A name's lone answer stands for it: the same name (or one that folds alike) gets the same.
    firsts = [_first(answers) for answers in alone]
    leaders = [_leader(answers) for answers in (alone if current is None else current)]
    return [_points(firsts[i], leaders, firsts) if _unsettled(answers) else () for i, answers in enumerate(alone)]


def contexts_within(parts: Sequence[int], alone: Sequence[Answers], current: Sequence[Answers]) -> list[Points]:
    """For each name of a document divided into parts, the leaders of the *other* names of its own part.

    ``parts`` numbers the part each name stands in (a name written in two parts is two
    entries); ``current`` holds each entry's answers so far, whose confident leaders pull; which
    names are the same is told by the ``alone`` answers, as :func:`contexts_for` tells it.
    """
    firsts = [_first(answers) for answers in alone]
    leaders = [_leader(answers) for answers in current]
    by_part: dict[int, list[int]] = {}
    for i, part in enumerate(parts):
        by_part.setdefault(part, []).append(i)
    return [
        _points(firsts[i], [leaders[j] for j in by_part[part]], [firsts[j] for j in by_part[part]])
        for i, part in enumerate(parts)
    ]


def document_weights(alone: Sequence[Answers]) -> ContextWeights:
    """How much a document's places pull its names: the :func:`context_weights` of its names' lone leaders.

    Worked out once a document, from where its names lead alone, so that the weight does not
    change while they settle: a name judged by it before (a text's names that can never be
    mentions) is judged as the others are ranked.
    """
    return context_weights(tuple(dict.fromkeys(p for p in map(_leader, alone) if p is not None)))


def settle_in_context(
    alone: Sequence[Answers],
    rank_in_context: RankInContext,
    movable: Sequence[bool] | None = None,
    likely: Likely | None = None,
) -> tuple[list[Answers], list[Points]]:
    """Each name's answers in its document's context, and the points each was last ranked with.

    First every name not settled alone (and ``movable``: all by default) is ranked with the
    others' lone leaders (:func:`contexts_for`). Then, the surest of those answers first, each
    such name is ranked again with the leaders the names before it settled on and the lone
    leaders of those after it (one that nothing pulled at first too, its lone answer standing
    for its first). The surest name keeps its first answer; a name whose context
    did not change keeps its first answer without a second ranking; so *Tripoli* beside *Saida*
    is the Lebanese city, and *Saida* then Sidon beside it. A name that is not movable keeps its
    lone answer, and pulls the others with it. With ``likely``, the names unsure alone (and
    movable) offer companions, each until it settles (see the module's docstring).
    """
    firsts = [_first(answers) for answers in alone]
    companions = _Companions(alone, firsts, likely, movable) if likely is not None else None

    leaders = [_leader(answers) for answers in alone]  # each name's as it settles

    def context_of(i: int) -> Points:
        return _with_companions(_points(firsts[i], leaders, firsts), companions, i)

    contexts = [context_of(i) if _unsettled(answers) else () for i, answers in enumerate(alone)]
    # A name nothing pulls at first (no other name leads alone, no companion lies near it) still
    # settles in its turn: the names settled before it may lead by then.
    settles = [_unsettled(answers) and (movable is None or movable[i]) for i, answers in enumerate(alone)]
    first = [rank_in_context(i, points) if settles[i] and points else alone[i] for i, points in enumerate(contexts)]
    settled = list(alone)
    used = list(contexts)
    for i in sorted(range(len(alone)), key=lambda i: -_confidence(first[i])):
        if not settles[i]:
            continue
        points = context_of(i)
        used[i] = points
        if points == contexts[i]:
            settled[i] = first[i]
        else:
            settled[i] = rank_in_context(i, points) if points else alone[i]
        leaders[i] = _leader(settled[i])
        if companions is not None:
            companions.withdraw(i)  # settled, it pulls by its answer now
    return settled, used


class _Companions:
    """The likely places that a document's names unsure alone offer the others (see the module's docstring)."""

    def __init__(
        self,
        alone: Sequence[Answers],
        firsts: Sequence[Identity],
        likely: Likely,
        offering: Sequence[bool] | None,
    ) -> None:
        self._likely = likely
        self._kept: dict[int, Points] = {}
        # Names alike (by lone answer) neither offer each other companions nor take their own.
        identities: dict[Identity, int] = {}
        self._identity = np.array([identities.setdefault(first, len(identities)) for first in firsts], dtype=np.int64)
        self._offers = np.array(
            [_unsure(answers) and (offering is None or offering[i]) for i, answers in enumerate(alone)], dtype=bool
        )
        offered = [(i, point) for i in np.flatnonzero(self._offers).tolist() for point in self._places(i)]
        self._owners = np.array([i for i, _ in offered], dtype=np.int64)
        self._points = [point for _, point in offered]
        self._vectors = _unit_vectors(self._points)
        self._within = math.cos(COMPANION_KM / _EARTH_RADIUS_KM)

    def of(self, i: int, leaders: Points = ()) -> Points:
        """The companions the other names offer the name at ``i``: near one of its likely places.

        None when one of the ``leaders`` pulling it already lies near one of them.
        """
        if not self._points:
            return ()
        mine = _unit_vectors(self._places(i))
        if not len(mine) or (leaders and (_unit_vectors(leaders) @ mine.T).max() >= self._within):
            return ()
        near = (self._vectors @ mine.T).max(axis=1) >= self._within
        near &= self._offers[self._owners] & (self._identity[self._owners] != self._identity[i])
        return tuple(self._points[k] for k in np.flatnonzero(near).tolist())

    def withdraw(self, i: int) -> None:
        """The name at ``i`` offers no more companions."""
        self._offers[i] = False

    def _places(self, i: int) -> Points:
        kept = self._kept.get(i)
        if kept is None:
            found = self._likely(i) or []
            kept = self._kept[i] = tuple(point_of(c) for c in found[:LIKELY_PLACES])
        return kept


def _unit_vectors(points: Sequence[Point]) -> np.ndarray:
    """The points as unit vectors (rows), whose dot products are the cosines of their angular distances."""
    if not points:
        return np.empty((0, 3))
    radians = np.radians(np.array([point[:2] for point in points], dtype=np.float64))
    latitude, longitude = radians[:, 0], radians[:, 1]
    return np.column_stack(
        (np.cos(latitude) * np.cos(longitude), np.cos(latitude) * np.sin(longitude), np.sin(latitude))
    )


def _with_companions(points: Points, companions: _Companions | None, i: int) -> Points:
    """The leaders' ``points`` pulling the name at ``i``, and the companions offered to it."""
    return _joined(points, companions.of(i, points)) if companions is not None else points


def _joined(points: Points, more: Points) -> Points:
    """``points`` then ``more``, each point once."""
    return tuple(dict.fromkeys(points + more)) if more else points


def _unsure(answers: Answers) -> bool:
    """Tell whether a name's lone answer is unsure enough that it offers its likely places as companions."""
    return answers is not None and bool(answers) and answers[0].confidence < UNSURE_BELOW


def _first(answers: Answers) -> Identity:
    """What identifies a name by its lone answer: the best place and the name that met it."""
    return (answers[0].place.geoname_id, answers[0].matched_name) if answers else None


def _leader(answers: Answers) -> Point | None:
    """The point of a name's best answer when it is sure enough to pull the others."""
    if not answers or answers[0].confidence < LEADER_CONFIDENCE:
        return None
    return point_of(answers[0])


def point_of(answer: Candidate) -> Point:
    """The point an answer pulls a document's other names from, with the first-level division its place lies in.

    A division holds the places of its code wherever its point lies, so the code of the
    division, and whether the place is that division, go with the point
    (:func:`~toponym_server.matching.ranking.context_geometry`); a place without a code has
    none. So does a country, which holds its country's places: no code, and true.
    """
    place = answer.place
    if answer.kind is Kind.COUNTRY:
        return (place.latitude, place.longitude, place.country_code, "", True)
    if not place.admin1_code:
        return (place.latitude, place.longitude, place.country_code)
    is_division = place.feature_code in FIRST_LEVEL_DIVISIONS
    return (place.latitude, place.longitude, place.country_code, place.admin1_code, is_division)


def _unsettled(answers: Answers) -> bool:
    """Tell whether a name's lone answer leaves it to be ranked again in context."""
    return answers is not None and bool(answers) and answers[0].confidence < SETTLED_CONFIDENCE


def _points(own: Identity, leaders: Sequence[Point | None], firsts: Sequence[Identity]) -> Points:
    """The leaders of the names other than ``own`` (by lone answer), each point once, in order."""
    others = (point for point, first in zip(leaders, firsts, strict=True) if point is not None and first != own)
    return tuple(dict.fromkeys(others))


def _confidence(answers: Answers) -> float:
    """The confidence of a name's best answer; none for a name without one."""
    return answers[0].confidence if answers else 0.0
