"""What the resolver answers: candidates for a name, and a place with all its names."""

from __future__ import annotations

from dataclasses import dataclass

from toponym_server.index.reader import NameRow, PlaceRow
from toponym_server.matching.features import Kind
from toponym_server.matching.similarity import MatchKind

MET_WHOLE = frozenset({MatchKind.EXACT, MatchKind.ALTERNATE_NAME, MatchKind.TRANSLITERATION})
"""The kinds of match whose name is spelt as the query once folded (a transliteration: a name in
Latin script that a query in another script folds as)."""


@dataclass(frozen=True, slots=True)
class RelatedPlace:
    """A place linked to another: its counterpart across a border, with the distance between them."""

    place: PlaceRow
    relation: int
    distance_km: float
    curated: bool


@dataclass(frozen=True, slots=True)
class Candidate:
    """One answer: a place, how sure we are, and why."""

    place: PlaceRow
    kind: Kind
    admin1_name: str
    localized_name: str
    confidence: float
    match_kind: MatchKind
    matched_name: str
    explanation: str
    related: tuple[RelatedPlace, ...] = ()


@dataclass(frozen=True, slots=True)
class PlaceDetails:
    """A place with all its names."""

    place: PlaceRow
    kind: Kind
    admin1_name: str
    localized_name: str
    names: tuple[NameRow, ...]
    related: tuple[RelatedPlace, ...] = ()


def explanation_prefix(matched_name: str, match_kind: MatchKind) -> str:
    """The start of a candidate's explanation: the name that met the query and how; its reasons follow."""
    return f"matched {matched_name!r} ({match_kind}); "  # a StrEnum member formats as its value
