"""The records every gazetteer source yields and the index builder consumes."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class NameRecord:
    """One name of a place, with what the gazetteer says about it.

    ``lang`` is an ISO 639 / BCP 47 tag, empty when the source does not say.
    """

    text: str
    lang: str = ""
    is_preferred: bool = False
    is_short: bool = False
    is_colloquial: bool = False
    is_historic: bool = False


@dataclass(frozen=True, slots=True)
class PlaceRecord:
    """A gazetteer feature with its canonical data and all its names.

    ``names`` holds the alternate names; the canonical ``name`` and ``ascii_name``
    are indexed as names too and need not be repeated there.
    """

    geoname_id: int
    name: str
    ascii_name: str
    latitude: float
    longitude: float
    feature_class: str
    feature_code: str
    country_code: str
    admin1_code: str = ""
    admin2_code: str = ""
    population: int = 0
    names: tuple[NameRecord, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class AdminDivision:
    """The name of an administrative division, keyed by its GeoNames code.

    ``code`` is ``CC.ADMIN1`` or ``CC.ADMIN1.ADMIN2`` as in GeoNames' admin code files.
    """

    code: str
    name: str
    geoname_id: int
