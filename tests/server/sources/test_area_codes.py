"""The ISO 3166 and GeoNames codes areas are written by."""

from __future__ import annotations

from pathlib import Path

import pytest

from toponym_server.sources.area_codes import (
    AreaCode,
    AreaCodesError,
    geonames_area_codes,
    is_written_code,
    iso_area_codes,
    read_area_abbreviations,
)
from toponym_server.sources.records import AdminDivision
from toponym_server.sources.seeds import seed_area_abbreviations


def test_the_iso_codes_of_countries_and_subdivisions_are_keyed_by_geonames_id() -> None:
    codes = set(iso_area_codes())
    assert {AreaCode("FR", 3017382), AreaCode("FRA", 3017382)} <= codes  # France, both ISO 3166-1 codes
    assert AreaCode("ON", 6093943) in codes  # Ontario: CA-ON
    assert AreaCode("NSW", 2155400) in codes  # New South Wales: AU-NSW
    assert AreaCode("HL", 170062) in codes  # Aleppo governorate: SY-HL


def test_only_codes_of_two_or_three_capitals_are_kept() -> None:
    assert all(is_written_code(area.code) for area in iso_area_codes())
    assert not is_written_code("75")  # FR-75, Paris: no address writes it so
    assert not is_written_code("On")
    assert not is_written_code("ABCD")


def test_a_first_level_division_gives_its_geonames_code_when_it_is_letters() -> None:
    divisions = [
        AdminDivision("US.TX", "Texas", 4736286),
        AdminDivision("CA.08", "Ontario", 6093943),  # digits: no code an address writes
        AdminDivision("US.TX.201", "Harris County", 4696376),  # a second-level division
    ]
    assert list(geonames_area_codes(divisions)) == [AreaCode("TX", 4736286)]


def test_the_seed_abbreviations_are_those_datelines_write() -> None:
    codes, fingerprint = seed_area_abbreviations()
    assert {AreaCode("Ill.", 4896861), AreaCode("N.Y.", 5128638), AreaCode("Ont.", 6093943)} <= set(codes)
    assert AreaCode("Qld", 2152274) in codes
    assert len(fingerprint) == 64


def test_an_abbreviations_file_is_read_with_its_comments_and_notes(tmp_path: Path) -> None:
    path = tmp_path / "codes.tsv"
    path.write_text("\ufeff# comment\nabbreviation\tgeoname_id\tnote\nTex.\t4736286\tTexas\nCalif.\t5332921\n", "utf-8")
    codes, _ = read_area_abbreviations(path)
    assert codes == (AreaCode("Tex.", 4736286), AreaCode("Calif.", 5332921))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("code\tid\nTex.\t4736286\n", r"codes.tsv:1: header must name abbreviation and geoname_id"),
        ("abbreviation\tgeoname_id\nTex.\ttexas\n", r"codes.tsv:2: GeoNames ID is not a whole number"),
        ("abbreviation\tgeoname_id\nN. Y.\t5128638\n", r"codes.tsv:2: abbreviation 'N. Y.' must be"),
        ("abbreviation\tgeoname_id\n\t5128638\n", r"codes.tsv:2: abbreviation '' must be"),
    ],
)
def test_a_bad_abbreviations_file_is_refused_naming_the_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "codes.tsv"
    path.write_text(content, "utf-8")
    with pytest.raises(AreaCodesError, match=message):
        read_area_abbreviations(path)
