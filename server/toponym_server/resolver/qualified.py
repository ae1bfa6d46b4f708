"""Answer a name written with the areas it lies in (*Paris, Texas*) with the places inside them.

The qualifiers are read from the outermost in (:func:`~toponym_server.matching.qualifier.qualified`):
each names a country or an admin division, met whole by one of its names or, written as a
code (*TX*, *ON*, *FR*), by its ISO 3166 or GeoNames code; an inner qualifier is looked
for inside the outer one (*Georgia, USA* is the state). The name is then resolved inside the
innermost area; when a qualifier may name several areas (*Georgia*: the country, or the state),
the first that holds a place named so answers (*Atlanta, Georgia*), or else the first that holds
a place of a near spelling it is sure of (*Hassakeh, Syria*).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from toponym_server.index.reader import PlaceRow
from toponym_server.matching.features import Kind, kind_of_feature
from toponym_server.matching.qualifier import Qualified
from toponym_server.matching.ranking import hinted_country_reason
from toponym_server.resolver.answers import MET_WHOLE, Candidate

AREA_CHOICES = 3
"""How many areas one qualifier may name, likeliest first."""
AREA_CONFIDENCE = 0.05
"""A qualifier names an area met whole by one of its names only if the area is at least this likely its meaning."""
AREA_SURE = 0.5
"""A qualifier names an area met otherwise (*Hasakah*, *Al-Hasakah* without its article) this likely."""
NEAR_INSIDE_CONFIDENCE = 0.5
"""Where no area holds a place named as written, a near spelling inside one answers only this sure."""

AREA_KINDS = frozenset({Kind.COUNTRY, Kind.ADMIN_AREA})
"""The kinds of place a qualifier names: countries and admin divisions."""


@dataclass(frozen=True, slots=True)
class Area:
    """A country or an admin division that a name is asked inside."""

    geoname_id: int
    name: str
    country_code: str
    admin1_code: str = ""
    """Empty for a country."""
    admin2_code: str = ""
    """Empty for a country or a first-level division."""

    @classmethod
    def of(cls, place: PlaceRow) -> Area | None:
        """The area a place is, if it is a country or an admin division with its codes."""
        kind = kind_of_feature(place.feature_class, place.feature_code)
        if kind is Kind.COUNTRY:
            return cls(place.geoname_id, place.name, place.country_code)
        if kind is not Kind.ADMIN_AREA or not place.admin1_code:
            return None
        second = "" if place.feature_code == "ADM1" else place.admin2_code
        if place.feature_code != "ADM1" and not second:
            return None
        return cls(place.geoname_id, place.name, place.country_code, place.admin1_code, second)

    @property
    def is_country(self) -> bool:
        """It is a whole country: a country restriction is all it asks."""
        return not self.admin1_code

    def holds_area(self, area: Area) -> bool:
        """Tell whether ``area`` is this area or lies inside it (*Georgia* the state in *USA*)."""
        return (
            area.country_code == self.country_code
            and (not self.admin1_code or area.admin1_code == self.admin1_code)
            and (not self.admin2_code or area.admin2_code == self.admin2_code)
        )

    def holds(self, place: PlaceRow) -> bool:
        """Tell whether ``place`` lies inside this area and is not the area itself.

        A place that is no division and carries no second-level code (no town of the embedded
        gazetteer does) may lie in any second-level division of its first-level one: a
        county holds the towns of its state that carry none (*Paris, Lamar County, Texas*).
        """
        if (
            place.geoname_id == self.geoname_id
            or place.country_code != self.country_code
            or (self.admin1_code and place.admin1_code != self.admin1_code)
        ):
            return False
        if not self.admin2_code or place.admin2_code == self.admin2_code:
            return True
        return not place.admin2_code and kind_of_feature(place.feature_class, place.feature_code) not in AREA_KINDS


@dataclass(frozen=True, slots=True)
class AnsweredWithin:
    """A qualified name's answers, and the area that holds them."""

    area: Area
    answers: list[Candidate]


def answer_within(
    name: Qualified,
    areas_named: Callable[[str, Area | None], Sequence[Area]],
    resolve_inside: Callable[[Area], list[Candidate]],
    hinted: frozenset[str] = frozenset(),
    spelt_inside: Callable[[str, Sequence[Area]], list[Area]] | None = None,
) -> AnsweredWithin | None:
    """The answers for ``name`` inside the areas its qualifiers name, or ``None`` if none holds one.

    ``areas_named(text, outer)`` gives the areas a qualifier may name, likeliest first, inside
    ``outer`` when it is not ``None``; ``resolve_inside(area)`` resolves the name inside an area.
    An outer qualifier that names no area is passed over (*Hama, Syria, Middle East*). The
    answers' explanations say the area holds them; they say the country was hinted only if it
    is one of ``hinted``, the caller's, not the qualifier's.

    ``spelt_inside(name, areas)``, if given, tells which of ``areas`` hold a place spelt as the
    name: those are resolved inside first, so that a code of twenty areas (*BA*) costs one
    resolution, not twenty, when the last is the one; of the others, only the likeliest
    :data:`AREA_CHOICES` are looked in for a near spelling, so that a name none holds (*Smith,
    BA*) costs three, not twenty.
    """
    outer: list[Area | None] = [None]
    for text in reversed(name.areas):
        found = [area for within in outer for area in areas_named(text, within)]
        if found:
            outer = list(dict.fromkeys(found))
    if outer == [None]:
        return None  # no qualifier named an area
    areas = [area for area in outer if area is not None]
    if spelt_inside is not None and len(areas) > 1:
        holding = spelt_inside(name.name, areas)
        areas = holding + [area for area in areas if area not in holding][:AREA_CHOICES]
    found_inside: list[tuple[Area, list[Candidate]]] = []
    for area in areas:
        answers = resolve_inside(area)
        if answers and answers[0].match_kind in MET_WHOLE:
            return _explained(area, answers, hinted)
        if answers and answers[0].confidence >= NEAR_INSIDE_CONFIDENCE:
            found_inside.append((area, answers))
    # No area holds a place of the name as written: the likeliest area's sure near spelling.
    return _explained(*found_inside[0], hinted) if found_inside else None


def as_asked(explanation: str, country: str, hinted: frozenset[str]) -> str:
    """``explanation`` without its "in hinted country" reason for ``country``, unless the caller hinted it.

    A name resolved inside an area, or as a listed division, is asked with the area's country
    hinted: only the caller's hint is one to name.
    """
    return explanation if country in hinted else explanation.replace(f"; {hinted_country_reason(country)}", "")


def _explained(area: Area, answers: list[Candidate], hinted: frozenset[str]) -> AnsweredWithin:
    inside = f"; inside {area.name}, as the name says"
    explained = [
        replace(answer, explanation=as_asked(answer.explanation, area.country_code, hinted) + inside)
        for answer in answers
    ]
    return AnsweredWithin(area, explained)
