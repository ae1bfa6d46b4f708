"""The records every gazetteer source yields and the index builder consumes."""

from __future__ import annotations

from dataclasses import dataclass, field

GEONAME_ID_LIMIT = 2**31
"""GeoNames IDs, and the ``id`` of a custom place, are whole numbers from 1 up to below this."""

POPULATION_LIMIT = 2**63
"""Populations are whole numbers from 0 up to below this (what an SQLite integer holds)."""

MAX_NAME_LENGTH = 1_000
"""The longest name, in characters, a source accepts; a row with a longer one is malformed.

Real GeoNames names are at most a couple of hundred characters, and the index's keys of a
name cost memory growing with the square of its length.
"""


def bounded_int(text: str, what: str, low: int, limit: int) -> int:
    """Read ``text`` as a whole number from ``low`` up to below ``limit``; raise ``ValueError`` naming ``what``."""
    try:
        value = int(text)
    except ValueError:
        raise ValueError(f"{what} is not a whole number: {text!r}") from None
    if not low <= value < limit:
        raise ValueError(f"{what} out of range: {text!r} (expected {low} to {limit - 1:,})")
    return value


def is_link(text: str) -> bool:
    """Tell whether an alternate name is a piece of a link, not a name.

    The alternatenames column of a dump holds a place's Wikipedia link among its names, and a
    link's comma splits it in two (``https://en.wikipedia.org/wiki/Asahi`` and ``_Toyama``).
    """
    return "://" in text or text.startswith("_")


def check_name_length(text: str, what: str = "name") -> str:
    """Return ``text`` if it is at most :data:`MAX_NAME_LENGTH` characters; raise ``ValueError`` otherwise."""
    if len(text) > MAX_NAME_LENGTH:
        raise ValueError(f"{what} of {len(text):,} characters, longer than {MAX_NAME_LENGTH:,}")
    return text


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
