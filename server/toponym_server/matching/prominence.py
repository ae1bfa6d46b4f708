"""Prominence: how likely a place is to be the one meant, before looking at the name.

Countries first, then capitals and first-level divisions, then places by population on a
log scale, raised for places the gazetteer names in many ways. The value lies in [0, 1] and
also orders the index's posting lists, so that the candidate step meets prominent places first.
"""

from __future__ import annotations

import math

from toponym_server.matching.features import Kind, kind_of_feature

_FLOOR = {"PPLC": 0.82, "PPLA": 0.62, "PPLA2": 0.5, "PPLA3": 0.45, "PPLA4": 0.4, "ADM1": 0.7, "ADM2": 0.5}
# A seat of a division whose level the gazetteer does not give counts as one of the lowest level.
_SEAT_FLOOR = _FLOOR["PPLA4"]


FAME_WEIGHT = 0.15
# A place named in about 300 ways (a capital, a famous city) counts as fully known.
_FAME_SCALE = 2.5
_BELOW_COUNTRIES = 0.99


def prominence(
    feature_class: str, feature_code: str, population: int, name_count: int = 0, seat: bool = False
) -> float:
    """Return the prior weight of a place in [0, 1].

    ``name_count`` is how many names the gazetteer gives the place: places written about in
    many languages carry many names, so it measures how well known a place is beyond its
    population (the Syrian *Palmyra* against the towns named after it). A ``seat`` of an
    administrative division of a level its code does not tell (see
    :class:`~toponym_server.sources.records.PlaceRecord`) weighs at least as a seat of the lowest
    level: a seat is named in the news more often than its population says, and a gazetteer
    that gives it no population is silent, not saying that nobody lives there.
    """
    kind = kind_of_feature(feature_class, feature_code)
    if kind is Kind.COUNTRY:
        return 1.0
    fame = min(1.0, math.log10(max(name_count, 0) + 1) / _FAME_SCALE)
    return min(_BELOW_COUNTRIES, _by_kind(kind, feature_code, population, seat) + FAME_WEIGHT * fame)


def _by_kind(kind: Kind, feature_code: str, population: int, seat: bool) -> float:
    by_population = min(1.0, math.log10(max(population, 0) + 1) / 7.0)
    if kind is Kind.ADMIN_AREA:
        # Divisions hold more people than their seat but are named less often in text.
        by_population *= 0.85
    elif kind is Kind.OTHER:
        by_population = 0.3 + 0.5 * by_population
    return max(by_population, _FLOOR.get(feature_code, 0.0), _SEAT_FLOOR if seat else 0.0)


def as_populated(prominence_value: float, feature_code: str, population: int) -> float:
    """``prominence_value``, of a place of ``feature_code``, without what its kind's floor added to its population's.

    What a capital of a territory of a few thousand people weighs as the town it is.
    """
    by_population = min(1.0, math.log10(max(population, 0) + 1) / 7.0)
    return prominence_value - max(0.0, _FLOOR.get(feature_code, 0.0) - by_population)
