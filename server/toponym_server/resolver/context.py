"""A document's context: which points each of its names is ranked again with, and in what order.

A document's names (a ``ResolveBatch`` with ``use_context``, the spans of a text) pull one
another toward one region: each name not settled alone is ranked again with the confident
leaders of the *other* names as context (:func:`contexts_for`). Ranking every name against the
others' *lone* leaders can cross them: *Tripoli* beside *Saida* goes to Lebanon, pulled by
Sidon, while *Saida* goes to Saïda in Algeria, pulled by the Libyan Tripoli that *Tripoli* no
longer means. :func:`settle_in_context` ranks them once that way, then settles them one after
another, the surest first, each against what the names settled before it now mean.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from toponym_server.resolver.answers import Candidate

SETTLED_CONFIDENCE = 0.95
"""A name resolved alone with this confidence is not ranked again in context."""

LEADER_CONFIDENCE = 0.5
"""A name's best answer pulls the document's other names only with this confidence."""

Point = tuple[float, float]
Points = tuple[Point, ...]
Answers = list[Candidate] | None
Identity = tuple[int, str] | None
"""What tells a document's names apart: the best lone place and the name that met it (none without)."""
RankInContext = Callable[[int, Points], Answers]
"""Ranks the document's name at this position with these context points (never with none)."""


def contexts_for(alone: Sequence[Answers], current: Sequence[Answers] | None = None) -> list[Points]:
    """For each name of a document resolved alone, the points to rank it again with; empty for none.

    The points are the confident leaders of the *other* names, each place once: the name
    repeated does not pull it toward itself, and pulls the others no harder than once, so a batch
    answers as a text with the same names does. (Another name of its place still pulls it: *New
    York City* in a text says which *New York* it means.) A name without an answer, or whose
    lone answer reaches :data:`SETTLED_CONFIDENCE`, is not ranked again. The leaders are those
    of ``current`` (the names' answers so far, the lone ones by default); which names are the
    same is told by the lone answers.
    """
    # A name's lone answer stands for it: the same name (or one that folds alike) gets the same.
    firsts = [_first(answers) for answers in alone]
    leaders = [_leader(answers) for answers in (alone if current is None else current)]
    return [_points(firsts[i], leaders, firsts) if _unsettled(answers) else () for i, answers in enumerate(alone)]


def settle_in_context(
    alone: Sequence[Answers],
    rank_in_context: RankInContext,
    movable: Sequence[bool] | None = None,
) -> tuple[list[Answers], list[Points]]:
    """Each name's answers in its document's context, and the points each was last ranked with.

    First every name not settled alone (and ``movable``: all by default) is ranked with the
    others' lone leaders (:func:`contexts_for`). Then, the surest of those answers first, each
    such name is ranked again with the leaders the names before it settled on and the lone
    leaders of those after it. The surest name keeps its first answer; a name whose context
    did not change keeps its first answer without a second ranking; so *Tripoli* beside *Saida*
    is the Lebanese city, and *Saida* then Sidon beside it. A name that is not movable keeps its
    lone answer, and pulls the others with it.
    """
    contexts = contexts_for(alone)
    moves = [bool(points) and (movable is None or movable[i]) for i, points in enumerate(contexts)]
    first = [rank_in_context(i, points) if moves[i] else alone[i] for i, points in enumerate(contexts)]
    settled = list(alone)
    used = list(contexts)
    firsts = [_first(answers) for answers in alone]
    for i in sorted(range(len(alone)), key=lambda i: -_confidence(first[i])):
        if not moves[i]:
            continue
        points = _points(firsts[i], [_leader(answers) for answers in settled], firsts)
        used[i] = points
        if points == contexts[i]:
            settled[i] = first[i]
        else:
            settled[i] = rank_in_context(i, points) if points else alone[i]
    return settled, used


def _first(answers: Answers) -> Identity:
    """What identifies a name by its lone answer: the best place and the name that met it."""
    return (answers[0].place.geoname_id, answers[0].matched_name) if answers else None


def _leader(answers: Answers) -> Point | None:
    """The point of a name's best answer when it is sure enough to pull the others."""
    if not answers or answers[0].confidence < LEADER_CONFIDENCE:
        return None
    return (answers[0].place.latitude, answers[0].place.longitude)


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
