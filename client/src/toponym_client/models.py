"""Immutable value types returned by the toponym clients.

Every type here is a frozen, slotted dataclass built from the wire messages,
so results can be hashed, compared, stored and shared between threads without
holding on to protobuf objects.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

__all__ = [
    "Candidate",
    "FeatureKind",
    "MatchKind",
    "Mention",
    "Place",
    "PlaceDetails",
    "PlaceName",
    "RelatedPlace",
    "Relation",
]


class FeatureKind(enum.IntEnum):
    """Broad kind of a feature; mirrors ``toponym.v1.FeatureKind``.

    Pass members to ``kinds=`` to restrict which places may be returned.
    """

    UNSPECIFIED = 0
    """Not set (also used for kinds this client version does not know)."""
    COUNTRY = 1
    """Countries, dependencies and other political entities (GeoNames A/PCL*)."""
    ADMIN_AREA = 2
    """Administrative divisions (GeoNames A/ADM*)."""
    POPULATED_PLACE = 3
    """Cities, towns and villages (GeoNames class P)."""
    OTHER = 4
    """Every other feature: natural features, facilities, crossings ..."""


class MatchKind(enum.IntEnum):
    """How a candidate's name matched the query; mirrors ``toponym.v1.MatchKind``."""

    UNSPECIFIED = 0
    """Not set (also used for kinds this client version does not know)."""
    EXACT = 1
    """The query equals the canonical name once case and diacritics are folded."""
    ALTERNATE_NAME = 2
    """The query equals one of the place's alternate names once folded."""
    TRANSLITERATION = 3
    """The query meets a name after transliteration from another script."""
    PHONETIC = 4
    """The query is another romanisation of a name."""
    FUZZY = 5
    """The query is close to a name in spelling only (typos)."""


class Relation(enum.IntEnum):
    """How a related place relates to the place it is listed under; mirrors ``toponym.v1.Relation``."""

    UNSPECIFIED = 0
    """Not set (also used for relations this client version does not know)."""
    ACROSS_BORDER = 1
    """Its counterpart across a border: the same crossing or a twin town under the other country's name."""


@dataclass(frozen=True, slots=True)
class RelatedPlace:
    """A place linked to another, such as *al-Waleed* (Iraq) listed under *al-Tanf* (Syria)."""

    geoname_id: int
    """GeoNames (or custom) ID of the related place."""
    name: str
    """Its canonical name."""
    country_code: str
    """Its ISO 3166-1 alpha-2 country code."""
    relation: Relation
    """How it relates."""
    distance_km: float
    """Great-circle distance between the two places, in kilometres."""
    curated: bool
    """True when the link comes from the curated crosswalk rather than from the gazetteer's geography."""


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer place.

    Empty strings stand for values the gazetteer does not have; ``population``
    is 0 when unknown.
    """

    geoname_id: int
    """GeoNames ID; custom places (``custom=True``) have IDs from 1,000,000,000,000 up."""
    name: str
    """Canonical name as the gazetteer writes it (e.g. ``"Al Ḩasakah"``)."""
    ascii_name: str
    """The canonical name in plain ASCII."""
    country_code: str
    """ISO 3166-1 alpha-2 country code."""
    admin1_code: str
    """GeoNames first-level administrative division code (e.g. ``"01"``)."""
    admin1_name: str
    """Name of the first-level administrative division."""
    admin2_code: str
    """GeoNames second-level administrative division code."""
    feature_class: str
    """GeoNames feature class (A, P, H, L, R, S, T, U, V)."""
    feature_code: str
    """GeoNames feature code (e.g. ``"PPLA"``, ``"ADM1"``, ``"PCLI"``)."""
    feature_kind: FeatureKind
    """Broad kind of the feature."""
    lat: float
    """Latitude in WGS 84 degrees."""
    lon: float
    """Longitude in WGS 84 degrees."""
    population: int
    """Population, 0 when unknown."""
    custom: bool = False
    """True for a place from a custom-places file rather than from the gazetteer."""
    related: tuple[RelatedPlace, ...] = ()
    """Places related to this one, nearest first (its counterparts across a border)."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One ranked answer to a name: a place plus how well and why it matched.

    The most used place fields are repeated as read-only properties, so
    ``candidate.geoname_id`` is ``candidate.place.geoname_id``.
    """

    place: Place
    """The place."""
    confidence: float
    """Calibrated probability in [0, 1] that this is the place meant."""
    match_kind: MatchKind
    """How the query matched."""
    matched_name: str
    """The gazetteer name that matched the query."""
    localized_name: str
    """The place's name in the requested language; empty when none is known."""
    explanation: str
    """Human-readable account of the match and of the signals that ranked it."""

    @property
    def geoname_id(self) -> int:
        """GeoNames ID of the place."""
        return self.place.geoname_id

    @property
    def name(self) -> str:
        """Canonical name of the place."""
        return self.place.name

    @property
    def country_code(self) -> str:
        """ISO 3166-1 alpha-2 country code of the place."""
        return self.place.country_code

    @property
    def admin1_name(self) -> str:
        """Name of the place's first-level administrative division."""
        return self.place.admin1_name

    @property
    def feature_code(self) -> str:
        """GeoNames feature code of the place."""
        return self.place.feature_code

    @property
    def feature_kind(self) -> FeatureKind:
        """Broad kind of the place."""
        return self.place.feature_kind

    @property
    def lat(self) -> float:
        """Latitude of the place in degrees."""
        return self.place.lat

    @property
    def lon(self) -> float:
        """Longitude of the place in degrees."""
        return self.place.lon


@dataclass(frozen=True, slots=True)
class PlaceName:
    """One name of a place, with the gazetteer's flags for it."""

    name: str
    """The name as written."""
    language: str
    """BCP 47 / ISO 639 language tag; empty when the gazetteer does not say."""
    is_preferred: bool
    """Marked as the preferred name in its language."""
    is_short: bool
    """Marked as a short form."""
    is_colloquial: bool
    """Marked as colloquial or slang."""
    is_historic: bool
    """Marked as historic."""


@dataclass(frozen=True, slots=True)
class PlaceDetails:
    """A place with every name the gazetteer knows for it."""

    place: Place
    """The place."""
    names: tuple[PlaceName, ...]
    """Every name of the place, in the server's order."""
    localized_name: str
    """The place's name in the requested language; empty when none is known."""

    def names_in(self, language: str) -> tuple[PlaceName, ...]:
        """Return the names whose language tag equals ``language``, case-insensitively."""
        wanted = language.casefold()
        return tuple(n for n in self.names if n.language.casefold() == wanted)


@dataclass(frozen=True, slots=True)
class Mention:
    """A place name found in a text, with where it is and the places it may name."""

    text: str
    """The mention as written."""
    start: int
    """Offset of its first character in the text (a Python string index)."""
    end: int
    """Offset just past its last character (``text == document[start:end]``)."""
    candidates: tuple[Candidate, ...]
    """The places it may name, best first."""
    confidence: float
    """The best candidate's confidence that it is the place meant."""

    @property
    def best(self) -> Candidate:
        """The best candidate."""
        return self.candidates[0]
