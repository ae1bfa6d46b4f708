"""The area codes an index holds: what *Kingston, ON* and *Lyon, FR* name their area by."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from toponym_server.index.build import build_index
from toponym_server.index.reader import IndexReader, open_index
from toponym_server.sources.area_codes import AreaCode
from toponym_server.sources.records import AdminDivision, PlaceRecord

from .conftest import ListSource

CANADA = 6251999
ONTARIO = 6093943
TEXAS = 4736286
KINGSTON_ON = 5992500


@pytest.fixture(scope="module")
def coded_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of Canada, Ontario, Texas and a town: the areas of real GeoNames IDs, so of real ISO codes."""
    places = [
        PlaceRecord(CANADA, "Canada", "Canada", 60.1, -113.6, "A", "PCLI", "CA", population=37_058_856),
        PlaceRecord(ONTARIO, "Ontario", "Ontario", 49.3, -84.5, "A", "ADM1", "CA", "08", population=12_861_940),
        PlaceRecord(TEXAS, "Texas", "Texas", 31.3, -99.3, "A", "ADM1", "US", "TX", population=22_875_689),
        PlaceRecord(KINGSTON_ON, "Kingston", "Kingston", 44.2, -76.5, "P", "PPL", "CA", "08", population=114_195),
    ]
    divisions = [AdminDivision("CA.08", "Ontario", ONTARIO), AdminDivision("US.TX", "Texas", TEXAS)]
    path = tmp_path_factory.mktemp("coded") / "index.sqlite"
    abbreviations = [AreaCode("Tex.", TEXAS), AreaCode("N.S.W.", 2155400)]  # New South Wales: not in the index
    build_index(ListSource(places, divisions), path, progress=False, area_codes=abbreviations)
    return path


@pytest.fixture(scope="module")
def coded(coded_path: Path) -> Iterator[IndexReader]:
    reader = open_index(coded_path)
    yield reader
    reader.close()


def test_a_province_is_found_by_its_iso_code(coded: IndexReader) -> None:
    # GeoNames codes Ontario 08: only ISO 3166-2 (CA-ON) writes it as an address does.
    assert coded.areas_coded("ON") == [ONTARIO]


def test_a_country_is_found_by_its_two_and_three_letter_codes(coded: IndexReader) -> None:
    assert coded.areas_coded("CA") == [CANADA]
    assert coded.areas_coded("CAN") == [CANADA]


def test_a_state_is_found_once_by_the_code_iso_and_geonames_share(coded: IndexReader) -> None:
    assert coded.areas_coded("TX") == [TEXAS]


def test_an_abbreviation_given_to_the_build_is_found_as_written(coded: IndexReader) -> None:
    assert coded.areas_coded("Tex.") == [TEXAS]
    assert coded.areas_coded("Tex") == []


def test_only_the_codes_of_areas_the_index_holds_are_written(coded: IndexReader) -> None:
    assert coded.areas_coded("N.S.W.") == []
    assert coded.areas_coded("NSW") == []  # New South Wales: in the ISO table, not in this index
    assert coded.areas_coded("FR") == []
    assert coded.areas_coded("on") == []  # written as a code is: in capitals


def test_a_format_12_file_finds_the_geonames_codes_of_its_divisions(coded_path: Path, tmp_path: Path) -> None:
    older = tmp_path / "format-12.sqlite"
    shutil.copyfile(coded_path, older)
    with sqlite3.connect(older) as conn:
        conn.execute("UPDATE meta SET value = '12' WHERE key = 'format_version'")
        conn.execute("DROP TABLE area_codes")
    conn.close()
    reader = open_index(older)
    try:
        assert reader.areas_coded("TX") == [TEXAS]
        assert reader.areas_coded("ON") == []
    finally:
        reader.close()
