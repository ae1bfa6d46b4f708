"""Read GeoNames dump files exactly as GeoNames publishes them, as ``.txt`` or ``.zip``.

- ``allCountries``, per-country ``XX`` and ``citiesN`` dumps: 19 tab-separated columns;
- ``alternateNamesV2`` (10 columns) or the older ``alternateNames`` (8 columns): names with
  language tags and preferred/short/colloquial/historic flags; rows whose "language" is a code
  (``link``, ``wkdt``, ``post``, ``iata`` ...) are not names and are skipped;
- ``admin1CodesASCII``, ``admin2Codes`` and ``countryInfo``.

The dump's readme (``readme.txt`` beside the files) documents the columns. Files are streamed:
memory does not grow with their size. Lines that do not parse are reported with file and line
number and skipped, or raise :class:`MalformedLineError` in strict mode; nothing is silently
corrupted. A leading UTF-8 byte-order mark is ignored.
"""

from __future__ import annotations

import codecs
import hashlib
import logging
import zipfile
import zlib
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import BinaryIO, TypeVar

from toponym_server.sources.records import (
    GEONAME_ID_LIMIT,
    POPULATION_LIMIT,
    AdminDivision,
    NameRecord,
    PlaceIdSet,
    PlaceRecord,
    bounded_int,
    check_name_length,
    is_link,
)

logger = logging.getLogger(__name__)

DUMP_COLUMNS = 19
ALTERNATE_NAME_COLUMNS = (10, 8)  # alternateNamesV2 has the from/to period columns, the older file not
_FLAG_VALUES = frozenset({"", "0", "1"})
NON_NAME_LANGUAGES = frozenset({"link", "wkdt", "post", "unlc", "iata", "icao", "faac", "tcid", "nuts", "lauc", "phon"})
"""The "languages" of alternate-name rows that are not names of the place: links, identifiers and codes
(Wikidata, postal, UN/LOCODE, airport, NUTS and local administrative unit codes such as ``DE300``
and ``11000000``) and pronunciations (``MYOO-nik``)."""


class GeoNamesFileError(ValueError):
    """A GeoNames file that cannot be read at all (a damaged zip, say); names the file."""


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


@dataclass(frozen=True, slots=True)
class PlaceFilter:
    """Which dump features to keep; an empty set keeps every value."""

    feature_classes: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    min_population: int = 0

    def keeps(self, place: PlaceRecord) -> bool:
        """Tell whether ``place`` passes the filter."""
        return (
            (not self.feature_classes or place.feature_class in self.feature_classes)
            and (not self.countries or place.country_code in self.countries)
            and place.population >= self.min_population
        )

    def describe(self) -> str:
        """A stable description, part of the index fingerprint."""
        return f"{sorted(self.feature_classes)}|{sorted(self.countries)}|{self.min_population}"


@contextmanager
def open_geonames_file(path: Path) -> Iterator[BinaryIO]:
    """Open a GeoNames file for binary reading, from inside its ``.zip`` when it is zipped.

    A zip is read from the member named like the zip (``allCountries.zip`` holds
    ``allCountries.txt``), else its only ``.txt`` member that is not a readme. Raise
    :class:`GeoNamesFileError` for a zip that is damaged or truncated (an interrupted
    download), also when the damage is only met while reading.
    """
    if path.suffix.lower() != ".zip":
        with path.open("rb") as handle:
            yield handle
        return
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as err:
        raise GeoNamesFileError(f"{path}: not a readable zip file ({err}); download it again") from err
    with archive:
        members = [m for m in archive.namelist() if m.lower().endswith(".txt")]
        wanted = [m for m in members if Path(m).stem == path.stem]
        if not wanted:
            wanted = [m for m in members if "readme" not in m.lower() and "iso-languagecodes" not in m.lower()]
        if len(wanted) != 1:
            raise GeoNamesFileError(f"{path}: cannot tell which member to read among {members}")
        try:
            with archive.open(wanted[0]) as member:
                yield member  # type: ignore[misc]
        except (zipfile.BadZipFile, zlib.error, EOFError) as err:
            raise GeoNamesFileError(f"{path}: damaged zip file ({err}); download it again") from err


def _lines(path: Path, strict: bool) -> Iterator[tuple[int, str]]:
    """Yield (line number, text) for the non-comment lines of a UTF-8 file."""
    with open_geonames_file(path) as handle:
        for number, raw in enumerate(handle, start=1):
            if number == 1:
                raw = raw.removeprefix(codecs.BOM_UTF8)
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


WRONG_FILE_LINES = 100
"""A file whose first this many lines are all malformed is taken for the wrong file, and stops the build."""

_Row = TypeVar("_Row")


def _rows(path: Path, strict: bool, kind: str, parse: Callable[[list[str]], _Row]) -> Iterator[_Row]:
    """Yield ``parse`` of each line's tab-separated fields; a line it refuses (``ValueError``) is malformed.

    A malformed line is skipped with a warning (raised in strict mode). A file none of whose
    lines is a ``kind`` row (among its first :data:`WRONG_FILE_LINES`, or in all) is the wrong
    file, given for another option (a dump as the alternate names): it stops the build with
    :class:`GeoNamesFileError` rather than warn once a line and lose what the option was for.
    """
    good = bad = 0
    first = ""
    for number, line in _lines(path, strict):
        try:
            row = parse(line.split("\t"))
        except (IndexError, ValueError) as err:
            error = MalformedLineError(path, number, str(err))
            _reject(error, strict)
            bad += 1
            first = first or error.reason
            if bad == WRONG_FILE_LINES and not good:
                break
            continue
        good += 1
        yield row
    if bad and not good:
        raise GeoNamesFileError(
            f"{path}: {'none of the first ' + str(bad) if bad == WRONG_FILE_LINES else 'no'} line is a {kind} "
            f"row (the first: {first}); is it the right file for its option?"
        )


def parse_dump_line(fields: Sequence[str], *, with_alternates: bool | Callable[[int], bool] = True) -> PlaceRecord:
    """Turn the 19 columns of a dump line into a :class:`PlaceRecord`; raise ``ValueError`` if invalid.

    ``with_alternates=False`` leaves out the alternatenames column (when the names come from
    ``alternateNamesV2`` instead, with their languages and flags); a function of the place's ID
    tells it place by place.
    """
    if len(fields) != DUMP_COLUMNS:
        raise ValueError(f"expected {DUMP_COLUMNS} tab-separated columns, found {len(fields)}")
    geoname_id = bounded_int(fields[0], "geonameid", 1, GEONAME_ID_LIMIT)
    if not isinstance(with_alternates, bool):
        with_alternates = with_alternates(geoname_id)
    latitude, longitude = float(fields[4]), float(fields[5])
    if not (-90.0 <= latitude <= 90.0 and -180.0 <= longitude <= 180.0):
        raise ValueError(f"coordinates out of range: {latitude}, {longitude}")
    if not fields[1].strip():
        raise ValueError("empty name")
    check_name_length(fields[1])
    check_name_length(fields[2], "ascii name")
    listed = [
        text for text in dict.fromkeys(name.strip() for name in fields[3].split(",")) if text and not is_link(text)
    ]
    alternates = (
        tuple(NameRecord(check_name_length(text, "alternate name")) for text in listed) if with_alternates else ()
    )
    population = bounded_int(fields[14] or "0", "population", 0, POPULATION_LIMIT)
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
        population=population,
        names=alternates,
        # Names left out for another file's are still counted: how many names a place has is
        # part of its prominence, which must not depend on where its names are read from.
        name_count=None if with_alternates else len(listed),
    )


def read_dump(
    path: Path, *, strict: bool = False, with_alternates: bool | Callable[[int], bool] = True
) -> Iterator[PlaceRecord]:
    """Stream the places of a GeoNames dump file (``with_alternates`` as :func:`parse_dump_line` takes it)."""
    return _rows(path, strict, "GeoNames dump", partial(parse_dump_line, with_alternates=with_alternates))


def parse_alternate_name_line(fields: Sequence[str]) -> tuple[int, NameRecord] | None:
    """Turn an ``alternateNamesV2`` row into (place ID, name); ``None`` for a row that is not a name.

    Raise ``ValueError`` if the row is malformed. A name with an end date (``to``) is historic;
    ``abbr`` rows are kept as short names, ``fr_1793`` rows as historic names.
    """
    if len(fields) not in ALTERNATE_NAME_COLUMNS:
        raise ValueError(f"expected 10 (or 8) tab-separated columns, found {len(fields)}")
    geoname_id = bounded_int(fields[1], "geonameid", 1, GEONAME_ID_LIMIT)
    if not fields[0].isdigit():
        raise ValueError(f"alternate name ID is not a number: {fields[0]!r}")
    lang, text = fields[2], fields[3].strip()
    if lang in NON_NAME_LANGUAGES or not text:
        return None
    check_name_length(text)
    preferred, short, colloquial, historic = fields[4:8]
    if not _FLAG_VALUES.issuperset((preferred, short, colloquial, historic)):
        raise ValueError(f"flags must be empty, 0 or 1: {fields[4:8]}")
    is_historic = historic == "1" or lang == "fr_1793" or (len(fields) == 10 and bool(fields[9]))
    is_short = short == "1" or lang == "abbr"
    if lang in ("abbr", "fr_1793"):
        lang = ""
    return geoname_id, NameRecord(text, lang, preferred == "1", is_short, colloquial == "1", is_historic)


def read_alternate_names(path: Path, *, strict: bool = False) -> Iterator[tuple[int, NameRecord]]:
    """Stream (place ID, name) from an ``alternateNamesV2`` file, skipping rows that are not names."""
    for parsed in _rows(path, strict, "alternateNames", parse_alternate_name_line):
        if parsed is not None:
            yield parsed


def places_named_in(paths: Sequence[Path]) -> PlaceIdSet:
    """The IDs of the places the ``alternateNames`` files give a name for; lines that do not parse are passed over.

    One quick pass over the files (their rows are read again for the names themselves): a
    build reads a place's names from them if they hold any, else from the dump's own column.
    Rows that are no name (links, codes, an empty name) do not count: a place the files give
    only such rows for (files of another date than the dump's) keeps the column's names.
    """
    named = PlaceIdSet()
    for path in paths:
        for _, line in _lines(path, strict=False):
            fields = line.split("\t", 4)
            if (
                len(fields) >= 4
                and fields[1].isdigit()
                and len(fields[1]) <= 10
                and fields[2] not in NON_NAME_LANGUAGES
                and fields[3].strip()
            ):
                named.add(int(fields[1]))
    return named


def read_country_info(path: Path, *, strict: bool = False) -> Iterator[CountryInfo]:
    """Stream the rows of ``countryInfo.txt``."""
    return _rows(path, strict, "countryInfo", _country_info_row)


def _country_info_row(fields: list[str]) -> CountryInfo:
    try:
        return CountryInfo(
            iso=fields[0],
            name=fields[4],
            capital=fields[5].strip(),
            population=bounded_int(fields[7] or "0", "population", 0, POPULATION_LIMIT),
            geoname_id=bounded_int(fields[16], "geonameid", 1, GEONAME_ID_LIMIT),
        )
    except (IndexError, ValueError) as err:
        raise ValueError(f"not a countryInfo row ({err})") from None


def read_admin_codes(path: Path, *, strict: bool = False) -> Iterator[AdminDivision]:
    """Stream ``admin1CodesASCII.txt`` or ``admin2Codes.txt`` rows (code, name, ascii name, geonameid)."""
    return _rows(path, strict, "admin code", _admin_code_row)


def _admin_code_row(fields: list[str]) -> AdminDivision:
    try:
        return AdminDivision(
            code=fields[0], name=fields[1], geoname_id=bounded_int(fields[3], "geonameid", 1, GEONAME_ID_LIMIT)
        )
    except (IndexError, ValueError) as err:
        raise ValueError(f"not an admin code row ({err})") from None


class GeoNamesDumpSource:
    """A gazetteer read from GeoNames dump files.

    Countries listed in ``countryInfo`` that the dump itself lacks (a ``citiesN`` file has
    no country features) are added as ``A.PCLI`` places placed at their capital (else at their
    most populous place). When ``alternate_names`` files are given, a place's names come from
    them (with languages and flags) instead of the dump's alternatenames column, which repeats
    them without either; the column still names the places the files leave out (the
    per-country file of one of several dumps' countries).
    """

    def __init__(
        self,
        dumps: Sequence[Path],
        *,
        alternate_names: Sequence[Path] = (),
        country_info: Path | None = None,
        admin_codes: Sequence[Path] = (),
        place_filter: PlaceFilter | None = None,
        strict: bool = False,
    ) -> None:
        self._dumps = tuple(dumps)
        self._alternate_names = tuple(alternate_names)
        self._country_info = country_info
        self._admin_codes = tuple(admin_codes)
        self._filter = place_filter or PlaceFilter()
        self._strict = strict

    def places(self) -> Iterator[PlaceRecord]:
        """Yield the dump's places, then any country features it lacked."""
        countries = {c.iso: c for c in read_country_info(self._country_info)} if self._country_info else {}
        seen_countries: set[int] = set()
        # Where a country the dump lacks is placed: at its capital, the place coded as one (PPLC),
        # else the one named as countryInfo names it (the most populous: a citiesN dump may hold a
        # small namesake first), else at its most populous place. countryInfo spells some capitals
        # otherwise (St. John's for the dump's Saint John's) or with a space before them.
        seats: dict[str, tuple[tuple[bool, bool, int], float, float]] = {}
        inline_names: bool | Callable[[int], bool] = True
        if self._alternate_names:
            inline_names = places_named_in(self._alternate_names).lacks
        for dump in self._dumps:
            for place in read_dump(dump, strict=self._strict, with_alternates=inline_names):
                if not self._filter.keeps(place):
                    continue
                info = countries.get(place.country_code)
                if info is not None:
                    if place.geoname_id == info.geoname_id:
                        seen_countries.add(place.geoname_id)
                    elif place.feature_class == "P":
                        named = info.capital in (place.name, place.ascii_name)
                        rank = (place.feature_code == "PPLC", named, place.population)
                        found = seats.get(place.country_code)
                        if found is None or rank > found[0]:
                            seats[place.country_code] = (rank, place.latitude, place.longitude)
                yield place
        for info in countries.values():
            if info.geoname_id in seen_countries or info.iso not in seats:
                continue
            _, latitude, longitude = seats[info.iso]
            country = PlaceRecord(
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
            if self._filter.keeps(country):
                yield country

    def check_files(self) -> None:
        """Raise :class:`GeoNamesFileError` now for a file given for the wrong option, read from its first lines.

        A build reads the alternate names and admin codes after the whole dump, minutes into
        it; a dump given as the alternate names would otherwise stop it only then. Files that
        are not regular ones (a named pipe streaming a download) are left to the build: read
        here, their first lines would be lost to it.
        """
        readers: list[tuple[Path, Callable[[Path], Iterator[object]]]] = [
            *((path, partial(read_dump, strict=False)) for path in self._dumps),
            *((path, read_alternate_names) for path in self._alternate_names),
            *((path, read_admin_codes) for path in self._admin_codes),
        ]
        if self._country_info is not None:
            readers.append((self._country_info, read_country_info))
        for path, reader in readers:
            if path.is_file():
                rows = reader(path)
                try:
                    next(rows, None)  # the first good row, or the wrong file's error
                finally:
                    if isinstance(rows, Generator):
                        rows.close()  # and the file with it

    def alternate_names(self) -> Iterator[tuple[int, NameRecord]]:
        """Yield the names of the ``alternateNamesV2`` files given."""
        for path in self._alternate_names:
            yield from read_alternate_names(path, strict=self._strict)

    def admin_divisions(self) -> Iterator[AdminDivision]:
        """Yield the rows of the admin code files given."""
        for path in self._admin_codes:
            yield from read_admin_codes(path, strict=self._strict)

    def fingerprint(self) -> str:
        """Hash the paths, sizes and modification times of every input file."""
        digest = hashlib.sha256()
        inputs = (*self._dumps, *self._alternate_names, *filter(None, [self._country_info]), *self._admin_codes)
        for path in inputs:
            stat = path.stat()
            digest.update(f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
        digest.update(self._filter.describe().encode())
        return digest.hexdigest()

    def describe(self) -> str:
        """Name the dump files."""
        return "GeoNames dump " + ", ".join(str(p) for p in self._dumps)
