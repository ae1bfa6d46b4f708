"""Custom places: the checkpoints, camps, crossings and facilities a gazetteer lacks.

A custom-places file is UTF-8 text with a header row, tab-separated (``.tsv``, ``.txt``) or
comma-separated (``.csv``); lines starting with ``#`` are comments, and a leading byte-order
mark is ignored. Columns, in any order:

``id``
    A positive integer below 2**31, unique across all the files of a build, the seed file's
    included (``seeds/custom_places.tsv`` keeps the ids below 1,000). The place's ID in answers is
    ``CUSTOM_ID_BASE + id``, a namespace GeoNames IDs (below 2**31) never reach.
``name``
    The place's canonical name (at most :data:`~toponym_server.sources.records.MAX_NAME_LENGTH`
    characters, as each of ``names``).
``latitude``, ``longitude``
    Decimal degrees (WGS84).
``feature``
    The GeoNames feature class and code, ``S.PSTB`` (border post), ``S.CMPRF`` (refugee
    camp), ``P.PPL`` ... ; ``S.PSTB`` when empty.
``country_code``
    ISO 3166-1 alpha-2.
``names`` (optional)
    More names, ``|``-separated; a name may start with a language tag and a colon
    (``ar:التنف|fr:Al-Tanf|At Tanf``).
``admin1_code``, ``population`` (optional)
``geoname_id`` (optional)
    When set, the row adds its ``name`` and ``names`` to that GeoNames place instead of
    describing a new one (``id`` and the coordinates may then be empty).
``source`` (optional)
    Where the coordinates come from; kept for people, not read.

A custom place that matches a gazetteer feature (a name folding to the same text, within the
merge distance, in the same country) is merged into it as extra names by the index builder.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from toponym_server.sources.records import (
    GEONAME_ID_LIMIT,
    POPULATION_LIMIT,
    NameRecord,
    PlaceRecord,
    bounded_int,
    check_name_length,
)

CUSTOM_ID_BASE = 1_000_000_000_000
_LANG_PREFIX = re.compile(r"^([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*):(?=\S)")
_REQUIRED = ("id", "name", "latitude", "longitude", "country_code")


class CustomPlacesError(ValueError):
    """A custom-places file that cannot be read; names the file and the line."""


@dataclass(frozen=True, slots=True)
class CustomGazetteer:
    """The custom places and the extra names for existing places read from custom-places files."""

    places: tuple[PlaceRecord, ...] = ()
    extra_names: tuple[tuple[int, NameRecord], ...] = ()
    fingerprint: str = ""

    def __bool__(self) -> bool:
        return bool(self.places or self.extra_names)

    def keeping(self, keeps: Callable[[PlaceRecord], bool]) -> tuple[CustomGazetteer, tuple[PlaceRecord, ...]]:
        """Split off the places ``keeps`` rejects: this gazetteer without them, and them.

        The extra names for existing places stay: they reach only the places a build keeps.
        """
        kept = tuple(place for place in self.places if keeps(place))
        if len(kept) == len(self.places):
            return self, ()
        left_out = tuple(place for place in self.places if not keeps(place))
        return CustomGazetteer(kept, self.extra_names, self.fingerprint), left_out


def is_custom_id(place_id: int) -> bool:
    """Tell whether a place ID is in the custom namespace."""
    return place_id >= CUSTOM_ID_BASE


def parse_names(cell: str) -> tuple[NameRecord, ...]:
    """Split a ``|``-separated names cell into name records, reading optional ``lang:`` prefixes."""
    names: list[NameRecord] = []
    for part in cell.split("|"):
        text = part.strip()
        if not text:
            continue
        match = _LANG_PREFIX.match(text)
        lang = ""
        if match:
            lang, text = match.group(1), text[match.end() :]
        names.append(NameRecord(text, lang=lang))
    return tuple(dict.fromkeys(names))


def text_lines(path: Path, data: bytes, error: type[ValueError]) -> list[tuple[int, str]]:
    """Decode a UTF-8 file's ``data`` into (line number, text) for its lines that are neither blank nor comments.

    A leading byte-order mark is dropped; a line that is not UTF-8 raises ``error`` naming the file and line.
    """
    numbered: list[tuple[int, str]] = []
    for number, raw in enumerate(data.removeprefix(codecs.BOM_UTF8).splitlines(), start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            raise error(f"{path}:{number}: not UTF-8 ({err.reason} at byte {err.start + 1} of the line)") from None
        if line.strip() and not line.startswith("#"):
            numbered.append((number, line))
    return numbered


def _rows(path: Path, data: bytes) -> Iterator[tuple[int, dict[str, str]]]:
    delimiter = "," if path.suffix.lower() == ".csv" else "\t"
    numbered = text_lines(path, data, CustomPlacesError)
    if not numbered:
        return
    header_number, header_line = numbered[0]
    header = [h.strip() for h in _cells(header_line, delimiter)]
    missing = [c for c in ("name",) if c not in header]
    if missing:
        raise CustomPlacesError(f"{path}:{header_number}: header lacks the column(s) {', '.join(missing)}")
    for number, line in numbered[1:]:
        cells = _cells(line, delimiter)
        if len(cells) > len(header):
            raise CustomPlacesError(f"{path}:{number}: {len(cells)} columns, the header has {len(header)}")
        yield number, {h: c.strip() for h, c in zip(header, cells, strict=False)}


def _cells(line: str, delimiter: str) -> list[str]:
    """A line's cells: a TSV cell holds its text as written (*"Kilo 55" checkpoint*); only CSV quotes a cell."""
    if delimiter == ",":
        return next(csv.reader([line], delimiter=delimiter))
    return next(csv.reader([line], delimiter=delimiter, quoting=csv.QUOTE_NONE))


def _place(path: Path, number: int, row: dict[str, str], names: tuple[NameRecord, ...]) -> PlaceRecord:
    missing = [c for c in _REQUIRED if not row.get(c)]
    if missing:
        raise CustomPlacesError(f"{path}:{number}: a new place needs {', '.join(missing)}")
    try:
        local_id = int(row["id"])
        if not 0 < local_id < GEONAME_ID_LIMIT:
            raise ValueError(f"id must be a positive integer below {GEONAME_ID_LIMIT:,}, got {row['id']}")
        latitude, longitude = float(row["latitude"]), float(row["longitude"])
        population = bounded_int(row.get("population") or "0", "population", 0, POPULATION_LIMIT)
        check_name_length(row["name"])
    except ValueError as err:
        raise CustomPlacesError(f"{path}:{number}: {err}") from err
    if not (-90.0 <= latitude <= 90.0 and -180.0 <= longitude <= 180.0):
        raise CustomPlacesError(f"{path}:{number}: coordinates out of range: {latitude}, {longitude}")
    feature_class, _, feature_code = (row.get("feature") or "S.PSTB").partition(".")
    if not feature_code:
        raise CustomPlacesError(f"{path}:{number}: feature must be CLASS.CODE, such as S.PSTB")
    return PlaceRecord(
        geoname_id=CUSTOM_ID_BASE + local_id,
        name=row["name"],
        ascii_name=row["name"],
        latitude=latitude,
        longitude=longitude,
        feature_class=feature_class.upper(),
        feature_code=feature_code.upper(),
        country_code=row["country_code"].upper(),
        admin1_code=row.get("admin1_code", ""),
        population=population,
        names=names,
    )


def read_custom_places(*paths: Path) -> CustomGazetteer:
    """Read custom-places files; raise :class:`CustomPlacesError` naming the line on any bad row."""
    places: dict[int, PlaceRecord] = {}
    first_use: dict[int, str] = {}  # place ID -> "file:line" of the row that took it
    extra: list[tuple[int, NameRecord]] = []
    digest = hashlib.sha256()
    for path in map(Path, paths):
        data = path.read_bytes()
        digest.update(data)
        for number, row in _rows(path, data):
            try:
                names = parse_names(row.get("names", ""))
                for name in names:
                    check_name_length(name.text, "a name in names")
            except ValueError as err:
                raise CustomPlacesError(f"{path}:{number}: {err}") from err
            if row.get("geoname_id"):
                try:
                    target = bounded_int(row["geoname_id"], "geoname_id", 1, GEONAME_ID_LIMIT)
                    check_name_length(row.get("name", ""))
                except ValueError as err:
                    raise CustomPlacesError(f"{path}:{number}: {err}") from err
                extra.extend((target, n) for n in (NameRecord(row.get("name", "")), *names) if n.text)
                continue
            place = _place(path, number, row, names)
            if place.geoname_id in places:
                raise CustomPlacesError(
                    f"{path}:{number}: id {place.geoname_id - CUSTOM_ID_BASE} is already used by "
                    f"{first_use[place.geoname_id]} ({places[place.geoname_id].name}): ids must be unique across "
                    "all the custom-places files of a build, the seed file's included; give this place an unused id "
                    "(ids below 1,000 are kept for the seeds)"
                )
            places[place.geoname_id] = place
            first_use[place.geoname_id] = f"{path}:{number}"
    return CustomGazetteer(tuple(places.values()), tuple(extra), digest.hexdigest())
