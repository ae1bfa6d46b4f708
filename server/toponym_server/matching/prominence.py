"""Prominence: how likely a place is to be the one meant, before looking at the name.

Countries first, then capitals and first-level divisions, then places by population on a
log scale. The value lies in [0, 1] and also orders the index's posting lists, so that the
candidate step meets prominent places first.
"""

from __future__ import annotations

import math

from toponym_server.matching.features import Kind, kind_of_feature

_FLOOR = {"PPLC": 0.82, "PPLA": 0.62, "PPLA2": 0.5, "ADM1": 0.7, "ADM2": 0.5}


def prominence(feature_class: str, feature_code: str, population: int) -> float:
    """Return the prior weight of a place in [0, 1]."""
    kind = kind_of_feature(feature_class, feature_code)
    if kind is Kind.COUNTRY:
        return 1.0
    by_population = min(1.0, math.log10(max(population, 0) + 1) / 7.0)
    if kind is Kind.ADMIN_AREA:
        # Divisions hold more people than their seat but are named less often in text.
        by_population *= 0.85
    elif kind is Kind.OTHER:
        by_population = 0.3 + 0.5 * by_population
    return max(by_population, _FLOOR.get(feature_code, 0.0))
