"""Input files as people make them: byte-order marks, other encodings, damaged zips, huge numbers and names."""

from __future__ import annotations

import logging
import re
import zipfile
from pathlib import Path

import pytest

from toponym_server.sources.crosswalk import CrosswalkError, read_crosswalk
from toponym_server.sources.custom import CUSTOM_ID_BASE, CustomPlacesError, read_custom_places
from toponym_server.sources.geonames import (
    GeoNamesFileError,
    MalformedLineError,
    parse_alternate_name_line,
    parse_dump_line,
    read_alternate_names,
    read_dump,
)
from toponym_server.sources.records import MAX_NAME_LENGTH
from toponym_server.sources.seeds import CUSTOM_PLACES_FILE, seeds_dir

from .test_geonames import dump_row

LOGGER = "toponym_server.sources.geonames"
BOM = "\ufeff"
ROWS = [
    dump_row(170654, "Damascus", "Damascus", "Dimashq", 33.51, 36.29, "P.PPLC", "SY", "13", "", 1569394),
    dump_row(170063, "Aleppo", "Aleppo", "Halab", 36.20, 37.16, "P.PPLA", "SY", "09", "", 1602264),
]
CUSTOM_HEADER = "id\tname\tlatitude\tlongitude\tfeature\tcountry_code\tnames\tgeoname_id\tpopulation\n"
LONG_NAME = "x" * (MAX_NAME_LENGTH + 1)


# --- byte-order marks ------------------------------------------------------------------


def test_a_dump_with_a_byte_order_mark_keeps_its_first_place(tmp_path: Path) -> None:
    path = tmp_path / "SY.txt"
    path.write_text(BOM + "\n".join(ROWS) + "\n", encoding="utf-8")
    assert [p.name for p in read_dump(path, strict=True)] == ["Damascus", "Aleppo"]


def test_an_alternate_names_file_with_a_byte_order_mark_keeps_its_first_name(tmp_path: Path) -> None:
    path = tmp_path / "alternateNamesV2.txt"
    path.write_text(BOM + "1\t170063\tar\tحلب\t1\t\t\t\t\t\n", encoding="utf-8")
    assert [(pid, n.text) for pid, n in read_alternate_names(path, strict=True)] == [(170063, "حلب")]


@pytest.mark.parametrize(("name", "delimiter"), [("custom.tsv", "\t"), ("custom.csv", ",")])
def test_a_custom_places_file_with_a_byte_order_mark_is_read(tmp_path: Path, name: str, delimiter: str) -> None:
    path = tmp_path / name
    rows = ["id", "name", "latitude", "longitude", "country_code"], ["1", "Rukban", "33.3", "38.7", "SY"]
    path.write_text(BOM + "".join(delimiter.join(row) + "\r\n" for row in rows), encoding="utf-8")
    (place,) = read_custom_places(path).places
    assert (place.geoname_id, place.name) == (CUSTOM_ID_BASE + 1, "Rukban")


def test_a_crosswalk_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "crosswalk.tsv"
    path.write_text(BOM + "place\tcounterpart\trelation\tnote\n174448\t92138\tacross_border\t\n", encoding="utf-8")
    (link,) = read_crosswalk(path)[0]
    assert (link.place_id, link.counterpart_id) == (174448, 92138)


# --- encodings and damaged files -------------------------------------------------------


def test_a_custom_places_line_that_is_not_utf8_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "custom.tsv"
    path.write_bytes(
        CUSTOM_HEADER.encode()
        + b"1\tAl-Tanf\t33.5\t38.62\tS.PSTB\tSY\t\t\t\n2\tCamp \xe9l\xe9phant\t33.6\t38.7\tS.CMPRF\tSY\t\t\t\n"
    )
    with pytest.raises(CustomPlacesError, match=re.escape(f"{path}:3: not UTF-8")):
        read_custom_places(path)


def test_a_crosswalk_line_that_is_not_utf8_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "crosswalk.tsv"
    path.write_bytes(b"place\tcounterpart\trelation\tnote\n174448\t92138\tacross_border\tAl-Q\xe2'im\n")
    with pytest.raises(CrosswalkError, match=re.escape(f"{path}:2: not UTF-8")):
        read_crosswalk(path)


def test_a_truncated_zip_is_refused_naming_the_file(tmp_path: Path) -> None:
    whole = tmp_path / "whole.zip"
    with zipfile.ZipFile(whole, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("allCountries.txt", "\n".join(ROWS * 200) + "\n")
    truncated = tmp_path / "allCountries.zip"
    truncated.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])  # an interrupted download
    with pytest.raises(GeoNamesFileError, match=re.escape(f"{truncated}: not a readable zip file")):
        list(read_dump(truncated))


def test_a_zip_with_damaged_contents_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "allCountries.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("allCountries.txt", "\n".join(ROWS * 200) + "\n")
    data = bytearray(path.read_bytes())
    data[60:80] = bytes(20)  # inside the compressed member; the directory at the end is intact
    path.write_bytes(bytes(data))
    with pytest.raises(GeoNamesFileError, match=re.escape(f"{path}: damaged zip file")):
        list(read_dump(path))


# --- numbers out of range --------------------------------------------------------------


@pytest.mark.parametrize(
    ("geoname_id", "population", "message"),
    [
        (10**20, 100, "geonameid out of range"),
        (2**31, 100, "geonameid out of range"),
        (0, 100, "geonameid out of range"),
        (170654, 10**20, "population out of range"),
        (170654, -1, "population out of range"),
    ],
)
def test_a_dump_number_out_of_range_is_a_malformed_line(geoname_id: int, population: int, message: str) -> None:
    fields = dump_row(geoname_id, "Tell Abyad", "Tell Abyad", "", 36.69, 38.95, "P.PPL", "SY", population=population)
    with pytest.raises(ValueError, match=message):
        parse_dump_line(fields.split("\t"))


def test_the_largest_geonames_id_and_population_are_read() -> None:
    fields = dump_row(2**31 - 1, "Tell Abyad", "Tell Abyad", "", 36.69, 38.95, "P.PPL", "SY", population=2**63 - 1)
    place = parse_dump_line(fields.split("\t"))
    assert (place.geoname_id, place.population) == (2**31 - 1, 2**63 - 1)


def test_an_alternate_name_of_a_huge_place_id_is_a_malformed_line() -> None:
    with pytest.raises(ValueError, match="geonameid out of range"):
        parse_alternate_name_line(f"1\t{10**20}\ten\tAleppo\t\t\t\t\t\t".split("\t"))


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ("99999999999999999999\tCamp\t33.3\t38.7\tS.CMPRF\tSY\t\t\t", "id must be a positive integer below"),
        (f"{2**31}\tCamp\t33.3\t38.7\tS.CMPRF\tSY\t\t\t", "id must be a positive integer below"),
        (f"1\tCamp\t33.3\t38.7\tS.CMPRF\tSY\t\t\t{10**20}", "population out of range"),
        (f"\tKobani\t\t\t\t\t\t{10**20}\t", "geoname_id out of range"),
    ],
)
def test_a_custom_number_out_of_range_is_refused_with_its_line(tmp_path: Path, cells: str, message: str) -> None:
    path = tmp_path / "custom.tsv"
    path.write_text(CUSTOM_HEADER + cells + "\n", encoding="utf-8")
    with pytest.raises(CustomPlacesError, match=message) as raised:
        read_custom_places(path)
    assert str(raised.value).startswith(f"{path}:2: ")


def test_a_crosswalk_reference_out_of_range_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "crosswalk.tsv"
    path.write_text(f"place\tcounterpart\trelation\ncustom:{10**20}\t92138\tacross_border\n", encoding="utf-8")
    with pytest.raises(CrosswalkError, match=re.escape(f"{path}:2: ")):
        read_crosswalk(path)


# --- over-long names -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "ascii_name", "alternates"),
    [(LONG_NAME, "X", ""), ("X", LONG_NAME, ""), ("X", "X", f"Short,{LONG_NAME}")],
)
def test_a_dump_row_with_an_over_long_name_is_a_malformed_line(name: str, ascii_name: str, alternates: str) -> None:
    fields = dump_row(9000001, name, ascii_name, alternates, 35.0, 38.0, "P.PPL", "SY").split("\t")
    with pytest.raises(ValueError, match="longer than 1,000"):
        parse_dump_line(fields)


def test_a_name_of_the_longest_length_is_read() -> None:
    longest = "x" * MAX_NAME_LENGTH
    fields = dump_row(9000001, longest, longest, longest, 35.0, 38.0, "P.PPL", "SY").split("\t")
    assert parse_dump_line(fields).name == longest


@pytest.mark.parametrize(
    ("bad_row", "logged", "refused"),
    [
        (
            dump_row(9000001, "Tell Abyad", "Tell Abyad", "", 36.69, 38.95, "P.PPL", "SY", population=10**20),
            "population out of range",
            "population out of range",
        ),
        (
            dump_row(9000001, " ".join(f"w{i}" for i in range(16000)), "X", "", 35.0, 38.0, "P.PPL", "SY"),
            "name of 100,889 characters",
            "longer than 1,000",
        ),
    ],
    ids=["huge-number", "over-long-name"],
)
def test_a_dump_row_out_of_bounds_is_reported_and_skipped(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, bad_row: str, logged: str, refused: str
) -> None:
    path = tmp_path / "SY.txt"
    path.write_text("\n".join([ROWS[0], bad_row, ROWS[1]]) + "\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        assert [p.name for p in read_dump(path)] == ["Damascus", "Aleppo"]
    assert f"{path}:2: {logged}" in caplog.text
    with pytest.raises(MalformedLineError, match=refused):
        list(read_dump(path, strict=True))


def test_an_over_long_alternate_name_is_reported_and_skipped(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "alternateNamesV2.txt"
    path.write_text(f"1\t170063\ten\t{LONG_NAME}\t\t\t\t\t\t\n2\t170063\tar\tحلب\t\t\t\t\t\t\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        assert [n.text for _pid, n in read_alternate_names(path)] == ["حلب"]
    assert f"{path}:1: name of 1,001 characters" in caplog.text
    with pytest.raises(MalformedLineError):
        list(read_alternate_names(path, strict=True))


@pytest.mark.parametrize(
    "cells",
    [
        f"1\t{LONG_NAME}\t33.3\t38.7\tS.CMPRF\tSY\t\t\t",
        f"1\tCamp\t33.3\t38.7\tS.CMPRF\tSY\tar:{LONG_NAME}\t\t",
        f"\t{LONG_NAME}\t\t\t\t\t\t172256\t",
        f"\tKobani\t\t\t\t\t{LONG_NAME}\t172256\t",
    ],
)
def test_a_custom_row_with_an_over_long_name_is_refused_with_its_line(tmp_path: Path, cells: str) -> None:
    path = tmp_path / "custom.tsv"
    path.write_text(CUSTOM_HEADER + cells + "\n", encoding="utf-8")
    with pytest.raises(CustomPlacesError, match=re.escape(f"{path}:2: ") + ".*longer than 1,000"):
        read_custom_places(path)


# --- ids used twice --------------------------------------------------------------------


def test_an_id_the_seeds_use_is_refused_naming_the_seed_row_and_a_remedy(tmp_path: Path) -> None:
    seeds = seeds_dir() / CUSTOM_PLACES_FILE
    seed_line = next(n for n, line in enumerate(seeds.read_text(encoding="utf-8").splitlines(), 1) if line[:2] == "1\t")
    path = tmp_path / "checkpoints.tsv"
    path.write_text(CUSTOM_HEADER + "1\tRukban camp\t33.3\t38.7\tS.CMPRF\tSY\t\t\t\n", encoding="utf-8")
    with pytest.raises(CustomPlacesError) as raised:
        read_custom_places(seeds, path)
    message = str(raised.value)
    assert message.startswith(f"{path}:2: id 1 is already used by {seeds}:{seed_line} (al-Tanf)")
    assert "give this place an unused id" in message
