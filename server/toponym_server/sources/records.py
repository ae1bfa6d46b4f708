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
    seat: bool = False
    """The place is the seat of an administrative division of a level ``feature_code`` does not tell."""
    name_count: int | None = None
    """How many alternate names the gazetteer gives the place when ``names`` leaves them out (they
    come from another file) or holds more (translations every place of its kind has); ``None``:
    ``names`` holds them all. Prominence counts them."""

    @property
    def alternate_name_count(self) -> int:
        """How many alternate names the gazetteer gives the place: :attr:`name_count`, else those of ``names``."""
        return len(self.names) if self.name_count is None else self.name_count


@dataclass(frozen=True, slots=True)
class AdminDivision:
    """The name of an administrative division, keyed by its GeoNames code.

    ``code`` is ``CC.ADMIN1`` or ``CC.ADMIN1.ADMIN2`` as in GeoNames' admin code files.
    """

    code: str
    name: str
    geoname_id: int


PLACE_ID_BITMAP_LIMIT = 1 << 27
"""Place IDs below this are kept in a :class:`PlaceIdSet`'s bitmap (at most 16 MiB; 2 MiB for GeoNames,
whose IDs reach 13 million); the others, such as a stray row's huge ID, in a set."""


class PlaceIdSet:
    """A set of place IDs: a bitmap for GeoNames-range IDs (2 MiB for all of GeoNames), a set for the rest."""

    def __init__(self) -> None:
        self._bits = bytearray()
        self._large: set[int] = set()

    def add(self, place_id: int) -> None:
        """Add ``place_id``."""
        if not 0 <= place_id < PLACE_ID_BITMAP_LIMIT:
            self._large.add(place_id)
            return
        byte = place_id >> 3
        if byte >= len(self._bits):
            self._bits.extend(bytes(max(byte + 1 - len(self._bits), len(self._bits))))
        self._bits[byte] |= 1 << (place_id & 7)

    @property
    def bitmap(self) -> bytearray:
        """The bitmap: bit ``i % 8`` of byte ``i // 8`` is set for each place ID ``i`` it holds."""
        return self._bits

    def __contains__(self, place_id: int) -> bool:
        if not 0 <= place_id < PLACE_ID_BITMAP_LIMIT:
            return place_id in self._large
        byte = place_id >> 3
        return byte < len(self._bits) and bool(self._bits[byte] >> (place_id & 7) & 1)

    def lacks(self, place_id: int) -> bool:
        """Tell whether ``place_id`` is not in the set."""
        return place_id not in self
