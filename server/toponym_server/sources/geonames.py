"""Read GeoNames dump files: ``allCountries``/``XX``/``citiesN``, ``countryInfo`` and ``admin1CodesASCII``.

The dump format is 19 tab-separated columns (https://download.geonames.org/export/dump/readme.txt
documents it). Lines that do not parse are reported with file and line number and skipped, or
raise :class:`MalformedLineError` in strict mode; nothing is silently corrupted.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from toponym_server.sources.records import AdminDivision, NameRecord, PlaceRecord

logger = logging.getLogger(__name__)

DUMP_COLUMNS = 19


class MalformedLineError(ValueError):
    """A line of a GeoNames file that cannot be read; names the file and the line."""

    def __init__(self, path: Path, line_number: int, reason: str) -> None:
        super().__init__(f"{path}:{line_number}: {reason}")
        self.path = path
        self.line_number = line_number
        self.reason = reason


@dataclass(frozen=True, slots=True)
class CountryInfo:
    """One row of GeoNames' ``countryInfo.txt``."""

    iso: str
    name: str
    capital: str
    population: int
    geoname_id: int


def _lines(path: Path, strict: bool) -> Iterator[tuple[int, str]]:
    """Yield (line number, text) for the non-comment lines of a UTF-8 file."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                line = raw.decode("utf-8").rstrip("\r\n")
            except UnicodeDecodeError as err:
                _reject(MalformedLineError(path, number, f"invalid UTF-8 ({err.reason})"), strict)
                continue
            if line and not line.startswith("#"):
                yield number, line


def _reject(error: MalformedLineError, strict: bool) -> None:
    if strict:
        raise error
    logger.warning("skipped %s", error)


def parse_dump_line(fields: Sequence[str]) -> PlaceRecord:
    """Turn the 19 columns of a dump line into a :class:`PlaceRecord`; raise ``ValueError`` if invalid."""
    if len(fields) != DUMP_COLUMNS:
        raise ValueError(f"expected {DUMP_COLUMNS} tab-separated columns, found {len(fields)}")
    geoname_id = int(fields[0])
    latitude, longitude = float(fields[4]), float(fields[5])
    if not (-90.0 <= latitude <= 90.0 and -180.0 <= longitude <= 180.0):
        raise ValueError(f"coordinates out of range: {latitude}, {longitude}")
    if not fields[1]:
        raise ValueError("empty name")
    alternates = tuple(NameRecord(text) for text in dict.fromkeys(fields[3].split(",")) if text)
    return PlaceRecord(
        geoname_id=geoname_id,
        name=fields[1],
        ascii_name=fields[2] or fields[1],
        latitude=latitude,
        longitude=longitude,
        feature_class=fields[6],
        feature_code=fields[7],
        country_code=fields[8],
        admin1_code=fields[10],
        admin2_code=fields[11],
        population=int(fields[14] or 0),
        names=alternates,
    )


def read_dump(path: Path, *, strict: bool = False) -> Iterator[PlaceRecord]:
    """Stream the places of a GeoNames dump file."""
    for number, line in _lines(path, strict):
        try:
            yield parse_dump_line(line.split("\t"))
        except ValueError as err:
            _reject(MalformedLineError(path, number, str(err)), strict)


def read_country_info(path: Path, *, strict: bool = False) -> Iterator[CountryInfo]:
    """Stream the rows of ``countryInfo.txt``."""
    for number, line in _lines(path, strict):
        fields = line.split("\t")
        try:
            yield CountryInfo(
                iso=fields[0],
                name=fields[4],
                capital=fields[5],
                population=int(fields[7] or 0),
                geoname_id=int(fields[16]),
            )
        except (IndexError, ValueError) as err:
            _reject(MalformedLineError(path, number, f"not a countryInfo row ({err})"), strict)


def read_admin_codes(path: Path, *, strict: bool = False) -> Iterator[AdminDivision]:
    """Stream ``admin1CodesASCII.txt`` or ``admin2Codes.txt`` rows (code, name, ascii name, geonameid)."""
    for number, line in _lines(path, strict):
        fields = line.split("\t")
        try:
            yield AdminDivision(code=fields[0], name=fields[1], geoname_id=int(fields[3]))
        except (IndexError, ValueError) as err:
            _reject(MalformedLineError(path, number, f"not an admin code row ({err})"), strict)


class GeoNamesDumpSource:
    """A gazetteer read from GeoNames dump files.

    Countries listed in ``countryInfo`` that the dump itself lacks (a ``citiesN`` file has
    no country features) are added as ``A.PCLI`` places placed at their capital.
    """

    def __init__(
        self,
        dumps: Sequence[Path],
        *,
        country_info: Path | None = None,
        admin_codes: Sequence[Path] = (),
        strict: bool = False,
    ) -> None:
        self._dumps = tuple(dumps)
        self._country_info = country_info
        self._admin_codes = tuple(admin_codes)
        self._strict = strict

    def places(self) -> Iterator[PlaceRecord]:
        """Yield the dump's places, then any country features it lacked."""
        countries = {c.iso: c for c in read_country_info(self._country_info)} if self._country_info else {}
        seen_countries: set[int] = set()
        capitals: dict[str, tuple[float, float]] = {}
        for dump in self._dumps:
            for place in read_dump(dump, strict=self._strict):
                info = countries.get(place.country_code)
                if info is not None:
                    if place.geoname_id == info.geoname_id:
                        seen_countries.add(place.geoname_id)
                    elif place.feature_class == "P" and info.capital in (place.name, place.ascii_name):
                        capitals.setdefault(place.country_code, (place.latitude, place.longitude))
                yield place
        for info in countries.values():
            if info.geoname_id in seen_countries or info.iso not in capitals:
                continue
            latitude, longitude = capitals[info.iso]
            yield PlaceRecord(
                geoname_id=info.geoname_id,
                name=info.name,
                ascii_name=info.name,
                latitude=latitude,
                longitude=longitude,
                feature_class="A",
                feature_code="PCLI",
                country_code=info.iso,
                population=info.population,
                names=(NameRecord(info.name, lang="en", is_preferred=True),),
            )

    def admin_divisions(self) -> Iterator[AdminDivision]:
        """Yield the rows of the admin code files given."""
        for path in self._admin_codes:
            yield from read_admin_codes(path, strict=self._strict)

    def fingerprint(self) -> str:
        """Hash the paths, sizes and modification times of every input file."""
        digest = hashlib.sha256()
        for path in (*self._dumps, *filter(None, [self._country_info]), *self._admin_codes):
            stat = path.stat()
            digest.update(f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
        return digest.hexdigest()

    def describe(self) -> str:
        """Name the dump files."""
        return "GeoNames dump " + ", ".join(str(p) for p in self._dumps)
