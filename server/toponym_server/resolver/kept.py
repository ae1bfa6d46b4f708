"""Answers and lone rankings kept for later, in a form the garbage collector does not walk.

A resolver keeps the answers to thousands of queries, and a few thousand lone rankings of up to
64 candidates so that a document's context re-orders a name's candidates instead of ranking them
again. As objects (each :class:`~toponym_server.matching.ranking.Ranked` with its place facts and
its matched name, each :class:`~toponym_server.resolver.answers.Candidate` with its place row)
they are a couple of hundred thousand objects that every full collection of CPython's cyclic
garbage collector visits: each such collection then held the interpreter for up to 0.7 s. Kept
here as plain tuples of numbers and strings, which the collector stops tracking, they are made
again when they are asked for.
"""

from __future__ import annotations

import marshal
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np

from toponym_server.index.reader import PlaceRow, packed_views, unpacked_name
from toponym_server.matching.features import Kind
from toponym_server.matching.normalize import Normalized
from toponym_server.matching.ranking import (
    FULL_CONTEXT_WEIGHTS,
    ContextPoint,
    ContextWeights,
    Hints,
    PlaceFacts,
    Ranked,
    Signal,
    context_geometry,
    context_pulls,
    unit_vectors,
)
from toponym_server.matching.similarity import MatchKind
from toponym_server.resolver.answers import Candidate, RelatedPlace

# Slack for the difference between the vectorised pull and dot products and ranking's own
# arithmetic (a few units in the last place).
_PULL_SLACK = 1e-9
_DOT_SLACK = 1e-12


# Each kept row is one flat tuple of numbers and strings. The collector stops tracking a tuple
# only once it has stopped tracking its parts, and it finds the parts of a nested tuple after
# the tuple itself: each level of nesting would wait for a collection of an older generation.
_PLACE_FACTS = len(PlaceFacts._fields)
_COUNTRY = PlaceFacts._fields.index("country_code")
_FEATURE_CODE = PlaceFacts._fields.index("feature_code")
_SIMILARITY = _PLACE_FACTS + 1  # after the place's facts and the score (see _plain)
_POINT = slice(PlaceFacts._fields.index("latitude"), PlaceFacts._fields.index("longitude") + 1)
_PLACE_ROW = len(PlaceRow._fields)
# Where a ranked row's signals start: after the place's facts, the score, the similarity, the
# match kind, the matched name as a compact row keeps it (its ID, its views and text packed in
# one string, its language tag and flags), the view that decided and the bonus.
_RANKED_SIGNALS = _PLACE_FACTS + 3 + 4 + 2


def _flat_signals(signals: Sequence[Signal]) -> tuple[Any, ...]:
    """The signals as one flat run: each template, the number of its values, then the values."""
    flat: list[Any] = []
    for template, values in signals:  # a loop: half the time of a nested generator (every ranked row)
        flat += (template, len(values), *values)
    return tuple(flat)


def _signals(row: tuple[Any, ...], start: int) -> tuple[Signal, ...]:
    signals: list[Signal] = []
    while start < len(row):
        count = row[start + 1]
        signals.append((row[start], row[start + 2 : start + 2 + count]))
        start += 2 + count
    return tuple(signals)


def _plain(item: Ranked) -> tuple[Any, ...]:
    name = item.matched
    return (
        *item.place,
        item.score,
        item.similarity,
        str(item.match_kind),  # its value: a StrEnum member is its value as a string
        name.name_id,
        packed_views(name.folded, name.phonetic, name.skeleton, name.spelled, name.text),
        name.lang,
        name.flags,
        item.view,
        item.bonus,
        *_flat_signals(item.signals),
    )


def _ranked(row: tuple[Any, ...]) -> Ranked:
    facts = tuple.__new__(PlaceFacts, row[:_PLACE_FACTS])
    score, similarity, match_kind, name_id, packed, lang, flags, view, bonus = row[_PLACE_FACTS:_RANKED_SIGNALS]
    matched = unpacked_name((name_id, facts.place_id, packed, lang, flags))
    signals = _signals(row, _RANKED_SIGNALS)
    return Ranked(facts, score, similarity, MatchKind(match_kind), matched, view, bonus, signals)


class _Columns(NamedTuple):
    """A kept ranking's columns, as arrays, made when it is first ranked in a context."""

    vectors: np.ndarray
    scores: np.ndarray
    countries: np.ndarray
    place_ids: np.ndarray
    feature_codes: np.ndarray
    similarities: np.ndarray


class KeptRanking:
    """A lone ranking, best first, kept as one ``marshal`` string of plain tuples; its context arrays made on first use.

    As tuples of numbers and strings a ranking of 32 candidates held some 18 KiB, most of it
    float and tuple objects: 2,000 of them took 35.5 MiB of a server whose caches are full. One
    string of bytes holds the same rows in about a third of that, and the collector never walks
    it. Unpacking costs some 11 µs when the ranking is asked for again, packing about as much
    when it is kept (BENCHMARKS.md, twenty-ninth session).
    """

    __slots__ = ("_columns", "_count", "_packed")

    def __init__(self, ranked: Sequence[Ranked]) -> None:
        self._packed = marshal.dumps(tuple(_plain(item) for item in ranked))
        self._count = len(ranked)
        self._columns: _Columns | None = None

    def __len__(self) -> int:
        return self._count

    def _rows(self) -> tuple[tuple[Any, ...], ...]:
        rows: tuple[tuple[Any, ...], ...] = marshal.loads(self._packed)
        return rows

    def places(self) -> list[tuple[int, str, float]]:
        """The candidates' place IDs, feature codes and similarities (of the names that met them), in ranking order."""
        columns = self._made_columns()
        return list(
            zip(columns.place_ids.tolist(), columns.feature_codes.tolist(), columns.similarities.tolist(), strict=True)
        )

    def candidates(self, positions: Iterable[int] | None = None) -> list[Ranked]:
        """The candidates at ``positions`` (all of them by default), made again, in ranking order."""
        rows = self._rows()
        return [_ranked(row) for row in (rows if positions is None else (rows[i] for i in positions))]

    def _made_columns(self) -> _Columns:
        # One unpacking for the context's arrays and places(): a ranking in context asks for both.
        if self._columns is None:
            rows = self._rows()
            points = np.array([row[_POINT] for row in rows], dtype=float).reshape(-1, 2)
            self._columns = _Columns(
                unit_vectors(points),
                np.array([row[_PLACE_FACTS] for row in rows], dtype=float),
                np.array([row[_COUNTRY] for row in rows], dtype=str),
                np.array([row[0] for row in rows], dtype=np.int64),
                np.array([row[_FEATURE_CODE] for row in rows], dtype=str),
                np.array([row[_SIMILARITY] for row in rows], dtype=float),
            )
        return self._columns

    def _pulled(
        self,
        context: Sequence[ContextPoint],
        vectors: np.ndarray,
        weights: ContextWeights,
        divisions: Mapping[int, str] | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """The candidates' scores with the pull of ``context``, and which of its points pull each (rows)."""
        columns = self._made_columns()
        in_divisions = None
        if divisions is not None:
            in_divisions = [divisions.get(place_id, "") for place_id in columns.place_ids.tolist()]
        dots, shared, holds = context_geometry(
            columns.vectors @ vectors.T, columns.countries, context, in_divisions, columns.feature_codes
        )
        pulls, pulled_by, closest, compatriot = context_pulls(dots, shared, weights.of_points(context), holds)
        # Where a candidate's nearest point of its own country is not its nearest point, both may pull it.
        nearest = (dots >= closest[:, None] - _DOT_SLACK) | (shared & (dots >= compatriot[:, None] - _DOT_SLACK))
        return columns.scores + pulled_by * pulls, nearest

    def within(
        self,
        context: Sequence[ContextPoint],
        depth: int,
        vectors: np.ndarray | None = None,
        weights: ContextWeights | None = None,
        divisions: Mapping[int, str] | None = None,
    ) -> tuple[list[Ranked], list[ContextPoint]]:
        """The candidates that may be among the first ``depth`` once ``context`` pulls them, and their pullers.

        A context only adds to each score (at most the weight of the place that pulls it, of
        ``weights``: :func:`~toponym_server.matching.ranking.context_weights`), so a candidate whose score
        with its pull stays below the ``depth``-th best such score cannot reach an answer or the
        rivals its confidence is measured against; and a candidate's pull comes from its nearest
        point and its nearest point of its own country alone, so the points that are neither for
        any of the candidates kept change nothing. Both are found here at once for all
        candidates and points; :func:`~toponym_server.matching.ranking.with_context` then ranks
        the candidates kept (in their order) among those points, which orders them and gives them
        the pulls it would among all: the answer is the same, for a fraction of the work.
        ``vectors`` are the points' unit vectors, when the caller has them; ``divisions`` the
        candidates' first-level division codes by place ID
        (:func:`~toponym_server.matching.ranking.context_geometry`).
        """
        if not self._count:
            return [], list(context)
        if vectors is None:
            vectors = unit_vectors(np.array([point[:2] for point in context], dtype=float).reshape(-1, 2))
        scores, nearest = self._pulled(context, vectors, weights or FULL_CONTEXT_WEIGHTS, divisions)
        keep = np.ones(self._count, dtype=bool)
        if self._count > depth:
            cut = len(scores) - depth
            keep = scores >= float(np.partition(scores, cut)[cut]) - _PULL_SLACK
        kept = self.candidates(np.flatnonzero(keep).tolist())
        return kept, [context[i] for i in np.flatnonzero(nearest[keep].any(axis=0)).tolist()]

    def leaders(
        self,
        context: Sequence[ContextPoint],
        vectors: np.ndarray,
        weights: ContextWeights | None = None,
        divisions: Mapping[int, str] | None = None,
    ) -> list[Ranked]:
        """The candidates that may be first once ``context`` pulls them: one, or those tied with it."""
        if not self._count:
            return []
        scores, _ = self._pulled(context, vectors, weights or FULL_CONTEXT_WEIGHTS, divisions)
        floor = float(scores.max()) - _PULL_SLACK
        return self.candidates(np.flatnonzero(scores >= floor).tolist())


def kept_answers(answers: Sequence[Candidate]) -> tuple[tuple[Any, ...], ...]:
    """A query's answers as flat tuples, kept as they are (no object around them: see the module)."""
    # str() of a StrEnum member is its value as a plain string, made in C: Enum.value is a
    # property, a Python call (3.11). Most answers have no related place: no tuple is made for them.
    return tuple(
        (
            *answer.place,
            str(answer.kind),
            answer.admin1_name,
            answer.localized_name,
            answer.confidence,
            str(answer.match_kind),
            answer.matched_name,
            answer.explanation,
            *(kept_related(answer.related) if answer.related else ()),
        )
        for answer in answers
    )


def answers_from(kept: tuple[tuple[Any, ...], ...]) -> list[Candidate]:
    """The answers :func:`kept_answers` kept, made again."""
    return [_candidate(row) for row in kept]


def query_key(normalized: Normalized, hints: Hints, near_spellings: bool = False) -> tuple[Any, ...]:
    """What identifies a lone query among kept answers and rankings, as one flat tuple.

    A name's views all follow from its folded form, whether it was transliterated and, for a
    name written in the Turkish alphabet, its form as its letters sound there, for one in Chinese
    characters the characters, and for a Latin one with marks its letters as written (ranking tells
    names written alike from those folded alike); the hints are written
    out as sorted codes and values, so no object the collector keeps tracking (a view, a frozen
    set, an enum member) is kept in the key. ``near_spellings`` is the query's flag of that name
    (it changes which places are ranked).
    """
    return folded_query_key(
        normalized.folded,
        normalized.transliterated,
        hints,
        near_spellings,
        normalized.sounded,
        normalized.characters,
        normalized.marked,
    )


def folded_query_key(
    folded: str,
    transliterated: bool,
    hints: Hints,
    near_spellings: bool = False,
    sounded: str = "",
    characters: str = "",
    marked: str = "",
) -> tuple[Any, ...]:
    """:func:`query_key` of a name known by its folded form, its script, its sounded form, its characters and marks."""
    return (
        folded,
        transliterated,
        sounded,
        characters,
        marked,
        near_spellings,
        hints.restrict_to_countries,
        hints.language,
        hints.near,
        tuple(sorted(hints.countries)) if hints.countries else (),
        tuple(sorted(str(kind) for kind in hints.kinds)) if hints.kinds else (),  # a Kind is its value as a string
    )


_RELATED = _PLACE_ROW + 3


def _flat_related(link: RelatedPlace) -> tuple[Any, ...]:
    return (*link.place, link.relation, link.distance_km, link.curated)


def kept_related(links: Sequence[RelatedPlace]) -> tuple[Any, ...]:
    """A place's related places as one flat tuple (empty for none), kept as it is (see the module)."""
    return tuple(part for link in links for part in _flat_related(link))


def related_from(row: tuple[Any, ...], start: int = 0) -> tuple[RelatedPlace, ...]:
    """The related places :func:`kept_related` kept (from ``start`` in ``row``), made again."""
    return tuple(
        RelatedPlace(tuple.__new__(PlaceRow, row[at : at + _PLACE_ROW]), *row[at + _PLACE_ROW : at + _RELATED])
        for at in range(start, len(row), _RELATED)
    )


def _candidate(row: tuple[Any, ...]) -> Candidate:
    kind, admin1, localized, confidence, match_kind, matched_name, explanation = row[_PLACE_ROW : _PLACE_ROW + 7]
    related = related_from(row, _PLACE_ROW + 7)
    return Candidate(
        tuple.__new__(PlaceRow, row[:_PLACE_ROW]),
        Kind(kind),
        admin1,
        localized,
        confidence,
        MatchKind(match_kind),
        matched_name,
        explanation,
        related,
    )
