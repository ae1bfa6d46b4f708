"""Ranking: combine name similarity, prominence and the caller's hints into one score per place.

Signals:

- how the query meets the place's names, on several views of them, its prominence, its kind
  and a preferred country: the fitted log-odds model of :mod:`.scoring`;
- the name's status (historic, in the caller's language), a point to be near, a generic word in
  the query (*governorate* asks for an admin area, *city* for a populated place) and a city over
  the division named after it: hand-set weights in the same units;
- context: the places other names of the same batch resolved to (:func:`with_context`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple, Protocol

import numpy as np
from rapidfuzz.distance import Indel, JaroWinkler, Levenshtein
from rapidfuzz.process import cdist

from toponym_server.matching.features import Kind, kind_of_feature
from toponym_server.matching.normalize import Normalized
from toponym_server.matching.scoring import (
    MODEL,
    NameComparer,
    RankingModel,
    best_of,
    is_syllabic,
    place_evidence,
    score,
)
from toponym_server.matching.similarity import MatchKind, name_similarities

FLAG_PREFERRED = 1
FLAG_SHORT = 2
FLAG_COLLOQUIAL = 4
FLAG_HISTORIC = 8
FLAG_CANONICAL = 16
FLAG_NON_LATIN = 32
FLAG_CODE = 64  # an abbreviation or code (IATA, FAA ...) among the alternate names, not a name
FLAG_CUSTOM = 128  # a name from a custom-places file

# Scores are log-odds (see :mod:`.scoring`, whose weights are fitted). The benchmark sets hold no
# bias points, documents, generic words, language hints or name statuses, so these weights are
# set by hand, in the same units.
W_NEAR = 3.0
W_CONTEXT = 8.0
W_GENERIC = 2.4
W_LANGUAGE = 1.5  # outweighs the fitted preference for a canonical name
W_HISTORIC = -0.6
# A country's names are the best covered of all (hundreds of languages and spellings), so a
# country met only through an inexact spelling (*Angela* for Angola) is weak evidence; the
# benchmarks ask for towns and cannot fit this.
W_COUNTRY_INEXACT = -2.0
# A national capital is named far more often than the towns named after it, and stands for its
# government (*Washington says*); the benchmarks ask for towns and cannot fit this either.
W_CAPITAL = 1.5
W_CANONICAL = 0.1  # the place's own name over an equally close alternate one, all else equal
# A bare name more often means the city than the division named after it (the convention of
# GeoNames-based geocoders); a generic word such as "governorate" outweighs this.
W_ADMIN_AREA = -1.0
# Within _best_name, in similarity units: which of a place's names decided.
_NAME_LANGUAGE = 0.03
_NAME_STATUS = 0.005  # a canonical or preferred name over an equally close alternate one
_NAME_HISTORIC = 0.03
_NAME_CODE = -0.1  # a match on a code such as "SRY" is weak evidence for a name
_NAME_SCRIPT_BRIDGE = 0.08  # a Latin query meeting a name only through that name's transliteration
NEAR_SCALE_KM = 250.0
# A document's places spread wider than one bias point's neighbourhood (a country, a front line).
CONTEXT_SCALE_KM = 400.0
EARTH_RADIUS_KM = 6371.0


@dataclass(frozen=True, slots=True)
class Hints:
    """What the caller told us besides the name."""

    countries: frozenset[str] = frozenset()
    restrict_to_countries: bool = False
    language: str = ""
    near: tuple[float, float] | None = None
    kinds: frozenset[Kind] = frozenset()


@dataclass(frozen=True, slots=True)
class NameHit:
    """A gazetteer name that the candidate step reached, with its precomputed views."""

    name_id: int
    text: str
    lang: str
    flags: int
    folded: str
    phonetic: str
    skeleton: str


class NameView(Protocol):
    """What ranking reads of a name: a :class:`NameHit`, or the index's own name row as it is."""

    @property
    def name_id(self) -> int:
        """The name's ID in the index."""
        ...

    @property
    def text(self) -> str:
        """The name as written."""
        ...

    @property
    def lang(self) -> str:
        """Its language tag, or empty."""
        ...

    @property
    def flags(self) -> int:
        """Its FLAG_* bits."""
        ...

    @property
    def folded(self) -> str:
        """Its folded form."""
        ...

    @property
    def phonetic(self) -> str:
        """Its phonetic form."""
        ...

    @property
    def skeleton(self) -> str:
        """Its consonant skeleton."""
        ...


class PlaceFacts(NamedTuple):
    """The facts about a candidate place that ranking needs."""

    place_id: int
    feature_class: str
    feature_code: str
    country_code: str
    latitude: float
    longitude: float
    prominence: float


Signal = tuple[str, tuple[object, ...]]
"""A reason for a score, as a ``str.format`` template and its values."""

_NAME = "name {:.2f} by {}"
_PROMINENCE = "prominence {:.2f}"
_IN_COUNTRY = "in hinted country {}"
_HISTORIC = ("historic name", ())
_LANGUAGE = "name in {}"
_NEAR = "near the bias point {:.2f}"
_ASKS_ADMIN = ("generic word asks for an admin area", ())
_ASKS_PLACE = ("generic word asks for a place", ())
_CONTEXT = "near the batch's other places {:.2f}"


@dataclass(slots=True)
class Ranked:
    """A scored candidate, with the evidence that explains its score."""

    place: PlaceFacts
    score: float
    similarity: float
    match_kind: MatchKind
    matched: NameView
    view: str
    bonus: float = 0.0
    signals: tuple[Signal, ...] = ()

    @property
    def reasons(self) -> list[str]:
        """The signals behind the score, in words: only answers are explained, so they are written on demand."""
        return [template.format(*values) for template, values in self.signals]


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _unit_vector(point: tuple[float, float]) -> tuple[float, float, float]:
    lat, lon = math.radians(point[0]), math.radians(point[1])
    return math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat)


def unit_vectors(points: np.ndarray) -> np.ndarray:
    """The unit vectors of (lat, lon) points in degrees, one row each (:func:`_unit_vector` for many)."""
    lat, lon = np.radians(points[:, 0]), np.radians(points[:, 1])
    return np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)))


def _nearest_km(points: Sequence[tuple[float, float, float]], here: tuple[float, float]) -> float:
    """The great-circle distance from ``here`` to the nearest of ``points`` (unit vectors).

    The nearest point has the largest dot product with ``here``: one multiplication per point
    instead of a haversine, and exact all the same.
    """
    x, y, z = _unit_vector(here)
    closest = max(px * x + py * y + pz * z for px, py, pz in points)
    return EARTH_RADIUS_KM * math.acos(max(-1.0, min(1.0, closest)))


def _match_kind(query: Normalized, hit: NameView, view: str, similarity: float) -> MatchKind:
    if view == "folded" and similarity >= 1.0:
        if query.transliterated and not hit.flags & FLAG_NON_LATIN:
            return MatchKind.TRANSLITERATION
        return MatchKind.EXACT if hit.flags & FLAG_CANONICAL else MatchKind.ALTERNATE_NAME
    if query.transliterated != bool(hit.flags & FLAG_NON_LATIN):
        return MatchKind.TRANSLITERATION
    return MatchKind.PHONETIC if view in ("phonetic", "skeleton") and similarity >= 0.8 else MatchKind.FUZZY


def _best_name(
    query: Normalized,
    hits: Iterable[NameView],
    language: str,
    memo: dict[tuple[str, str, str], tuple[float, str]],
) -> tuple[float, str, NameView]:
    best: tuple[float, str, NameView] | None = None
    for hit in hits:
        similarity, view = memo[(hit.folded, hit.phonetic, hit.skeleton)]
        if hit.flags & FLAG_NON_LATIN and not query.transliterated:
            similarity -= _NAME_SCRIPT_BRIDGE
        if hit.flags & FLAG_CODE:
            similarity += _NAME_CODE
        if hit.flags & FLAG_HISTORIC:
            similarity -= _NAME_HISTORIC
        if language and hit.lang and hit.lang.split("-")[0] == language:
            similarity += _NAME_LANGUAGE
        elif hit.flags & (FLAG_CANONICAL | FLAG_PREFERRED):
            similarity += _NAME_STATUS
        if best is None or similarity > best[0]:
            best = (similarity, view, hit)
    assert best is not None, "a candidate place always has a name that reached it"
    return best


@dataclass(slots=True)
class Memo:
    """Comparisons made once per ranking: namesakes share their views."""

    similarity: dict[tuple[str, str, str], tuple[float, str]] = field(default_factory=dict)
    evidence: dict[tuple[str, str, str], tuple[float, ...]] = field(default_factory=dict)
    comparer: NameComparer | None = None

    def compare_all(self, query: Normalized, hits: Iterable[NameView]) -> None:
        """Compare the query with every distinct view of ``hits`` not compared yet, all at once."""
        views = [
            views
            for views in dict.fromkeys((hit.folded, hit.phonetic, hit.skeleton) for hit in hits)
            if views not in self.evidence
        ]
        similarities = name_similarities(query, views)
        self.similarity.update(zip(views, similarities, strict=True))
        found = self.comparer_for(query).evidence_of_many(views, [similarity for similarity, _ in similarities])
        self.evidence.update(zip(views, found, strict=True))

    def comparer_for(self, query: Normalized) -> NameComparer:
        """The query's :class:`~.scoring.NameComparer`, made once per ranking."""
        comparer = self.comparer
        if comparer is None or comparer.query is not query:
            comparer = self.comparer = NameComparer(query)
        return comparer


class Evidence(NamedTuple):
    """What ranking knows about one candidate: the model's features and the name that decided."""

    features: list[float]
    similarity: float
    view: str
    name: NameView


def evidence(query: Normalized, place: PlaceFacts, hits: Sequence[NameView], hints: Hints, memo: Memo) -> Evidence:
    """Compute the features of :mod:`.scoring` for one candidate place and the names that reached it.

    Names ``memo`` has not compared yet are compared first (:meth:`Memo.compare_all`); a ranking
    compares all its candidates' names at once beforehand.
    """
    if any((hit.folded, hit.phonetic, hit.skeleton) not in memo.evidence for hit in hits):
        memo.compare_all(query, hits)
    language = hints.language.split("-")[0].lower()
    similarity, view, hit = _best_name(query, hits, language, memo.similarity)
    per_name = [memo.evidence[(other.folded, other.phonetic, other.skeleton)] for other in hits]
    decided = memo.evidence[(hit.folded, hit.phonetic, hit.skeleton)]
    # Most places are reached by one name, which is then the best on every view.
    name = decided if len(per_name) == 1 else best_of(per_name, decided)
    bridge = bool(hit.flags & FLAG_NON_LATIN) and not query.transliterated
    features = place_evidence(
        query,
        name,
        (bridge, bridge and is_syllabic(hit.text), bool(hit.flags & FLAG_CODE)),
        (
            place.prominence,
            all(len(query.tokens) != other.folded.count(" ") + 1 for other in hits),
        ),
        bool(hints.countries),
        place.country_code in hints.countries,
    )
    return Evidence(features, similarity, view, hit)


def admits(hints: Hints, place: PlaceFacts, kind: Kind | None = None) -> bool:
    """Tell whether the caller's hints allow ``place`` at all (its kind, a country restriction)."""
    if hints.kinds and (kind or kind_of_feature(place.feature_class, place.feature_code)) not in hints.kinds:
        return False
    return not hints.restrict_to_countries or place.country_code in hints.countries


def shortlist(
    query: Normalized,
    candidates: Sequence[tuple[PlaceFacts, Sequence[NameView]]],
    hints: Hints,
    size: int,
    model: RankingModel = MODEL,
) -> list[int]:
    """The positions of the ``size`` candidates likeliest to rank high, in their original order.

    A first stage before :func:`rank`: a query's keys reach tens to hundreds of places, most of
    them far from it. Each candidate (with at least one name) is scored by the part of the model
    that costs a few vectorised string comparisons (the Indel, Levenshtein and Jaro-Winkler
    similarities of its closest folded name, its prominence, the country hint and the bias
    point), so that only the shortlist pays for the full evidence. Only places the hints admit
    (:func:`admits`) are chosen.
    """
    if len(candidates) <= size:
        return list(range(len(candidates)))
    # Places the hints rule out (rank drops them anyway) or without a name take no place here.
    allowed = [i for i, (place, hits) in enumerate(candidates) if hits and admits(hints, place)]
    if len(allowed) < len(candidates):
        return [allowed[i] for i in shortlist(query, [candidates[i] for i in allowed], hints, size, model)]
    folded = query.folded.replace(" ", "")
    names = [hit.folded.replace(" ", "") for _, hits in candidates for hit in hits]
    starts = np.cumsum([0] + [len(hits) for _, hits in candidates[:-1]])
    name_part = np.zeros(len(names))
    for scorer, weight in (
        (Indel.normalized_similarity, model.folded),
        (Levenshtein.normalized_similarity, model.levenshtein),
        (JaroWinkler.normalized_similarity, model.jaro_winkler),
    ):
        name_part += weight * cdist([folded], names, scorer=scorer, dtype=np.float64)[0]
    prominence = np.array([place.prominence for place, _ in candidates])
    hinted = np.array([place.country_code in hints.countries for place, _ in candidates], dtype=float)
    total = (
        np.maximum.reduceat(name_part, starts)
        + model.prominence * prominence
        + model.prominence_squared * prominence * prominence
        + model.in_hinted_country * hinted
    )
    if hints.near is not None:
        vectors = unit_vectors(np.array([(place.latitude, place.longitude) for place, _ in candidates]))
        kilometres = EARTH_RADIUS_KM * np.arccos(np.clip(vectors @ np.array(_unit_vector(hints.near)), -1.0, 1.0))
        total += W_NEAR * np.exp(-kilometres / NEAR_SCALE_KM)
    return sorted(np.argsort(-total, kind="stable")[:size].tolist())


def rank(
    query: Normalized,
    candidates: Sequence[tuple[PlaceFacts, Sequence[NameView]]],
    hints: Hints,
    context: Sequence[tuple[float, float]] = (),
    model: RankingModel = MODEL,
) -> list[Ranked]:
    """Score every candidate place and return them best first.

    The score is the log-odds of :mod:`.scoring`'s fitted model, plus the hand-set weights of
    the signals the benchmarks cannot fit; those are kept apart as the candidate's ``bonus``.
    """
    language = hints.language.split("-")[0].lower()
    weights = model.weights()
    ranked: list[Ranked] = []
    kept = []
    for place, hits in candidates:
        kind = kind_of_feature(place.feature_class, place.feature_code)
        if admits(hints, place, kind):
            kept.append((place, hits, kind))
    memo = Memo()
    memo.compare_all(query, [hit for _, hits, _ in kept for hit in hits])
    for place, hits, kind in kept:
        found = evidence(query, place, hits, hints, memo)
        similarity, view, hit = found.similarity, found.view, found.name
        base = score(found.features, weights)
        signals: list[Signal] = [(_NAME, (similarity, view)), (_PROMINENCE, (place.prominence,))]
        if place.country_code in hints.countries:
            signals.append((_IN_COUNTRY, (place.country_code,)))
        if kind is Kind.ADMIN_AREA and query.generic_kind != "admin":
            base += W_ADMIN_AREA
        elif kind is Kind.COUNTRY and similarity < 1.0:
            base += W_COUNTRY_INEXACT
        if place.feature_code == "PPLC":
            base += W_CAPITAL
        flags = hit.flags
        if flags & FLAG_CANONICAL:
            base += W_CANONICAL
        if flags & FLAG_HISTORIC:
            base += W_HISTORIC
            signals.append(_HISTORIC)
        if language and hit.lang and hit.lang.split("-")[0] == language:
            base += W_LANGUAGE
            signals.append((_LANGUAGE, (language,)))
        total = base
        if hints.near is not None:
            closeness = math.exp(-distance_km(hints.near, (place.latitude, place.longitude)) / NEAR_SCALE_KM)
            total += W_NEAR * closeness
            signals.append((_NEAR, (closeness,)))
        if query.generic_kind == "admin" and kind in (Kind.ADMIN_AREA, Kind.COUNTRY):
            total += W_GENERIC
            signals.append(_ASKS_ADMIN)
        elif query.generic_kind == "place" and kind is not Kind.ADMIN_AREA:
            total += W_GENERIC / 2
            signals.append(_ASKS_PLACE)
        match_kind = _match_kind(query, hit, view, similarity)
        ranked.append(Ranked(place, total, min(similarity, 1.0), match_kind, hit, view, total - base, tuple(signals)))
    ranked.sort(key=lambda r: r.score, reverse=True)
    return with_context(ranked, context)


def with_context(ranked: Sequence[Ranked], context: Sequence[tuple[float, float]]) -> list[Ranked]:
    """Add to each candidate the pull of a document's other places, nearest first, and rank again.

    The pull depends only on the candidate's place, so a ranking made without context can be
    given one afterwards: :func:`rank` with a context is :func:`rank` without, then this.
    """
    if not context:
        return list(ranked)
    vectors = [_unit_vector(point) for point in context]
    pulled: list[Ranked] = []
    for item in ranked:
        pull = math.exp(-_nearest_km(vectors, (item.place.latitude, item.place.longitude)) / CONTEXT_SCALE_KM)
        signals = (*item.signals, (_CONTEXT, (pull,)))
        pulled.append(replace(item, score=item.score + W_CONTEXT * pull, signals=signals))
    pulled.sort(key=lambda r: r.score, reverse=True)
    return pulled
