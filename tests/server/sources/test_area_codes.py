"""The ISO 3166 and GeoNames codes areas are written by."""

from __future__ import annotations

from toponym_server.sources.area_codes import AreaCode, geonames_area_codes, is_written_code, iso_area_codes
from toponym_server.sources.records import AdminDivision


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
