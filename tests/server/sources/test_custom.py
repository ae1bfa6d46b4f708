"""Custom-places files: the documented format, extra names for existing places, and clear errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from toponym_server.sources.custom import (
    CUSTOM_ID_BASE,
    CustomPlacesError,
    is_custom_id,
    parse_names,
    read_custom_places,
)
from toponym_server.sources.records import NameRecord
from toponym_server.sources.seeds import seed_custom_places

HEADER = "id\tname\tlatitude\tlongitude\tfeature\tcountry_code\tnames\tgeoname_id\tsource\n"


def write(tmp_path: Path, body: str, name: str = "custom.tsv", header: str = HEADER) -> Path:
    path = tmp_path / name
    path.write_text("# my places\n" + header + body, encoding="utf-8")
    return path


def test_a_custom_place_gets_an_id_in_its_own_namespace(tmp_path: Path) -> None:
    path = write(tmp_path, "7\tCamp Alpha\t33.1\t38.2\tS.CMPRF\tsy\tar:مخيم ألفا|Alpha Camp\t\tfield report\n")
    custom = read_custom_places(path)
    (place,) = custom.places
    assert place.geoname_id == CUSTOM_ID_BASE + 7
    assert is_custom_id(place.geoname_id) and not is_custom_id(12_000_000)
    assert (place.feature_class, place.feature_code, place.country_code) == ("S", "CMPRF", "SY")
    assert place.names == (NameRecord("مخيم ألفا", "ar"), NameRecord("Alpha Camp"))


def test_a_row_with_a_geoname_id_adds_names_to_that_place(tmp_path: Path) -> None:
    path = write(tmp_path, "\tKobanî\t\t\t\t\tku:Kobani|ar:كوباني\t172256\t\n")
    custom = read_custom_places(path)
    assert custom.places == ()
    assert custom.extra_names == (
        (172256, NameRecord("Kobanî")),
        (172256, NameRecord("Kobani", "ku")),
        (172256, NameRecord("كوباني", "ar")),
    )


def test_csv_files_are_read_too(tmp_path: Path) -> None:
    header = "id,name,latitude,longitude,country_code,names\n"
    path = write(tmp_path, '3,"Checkpoint 3, north",34.0,39.0,IQ,CP3\n', name="custom.csv", header=header)
    (place,) = read_custom_places(path).places
    assert place.name == "Checkpoint 3, north"
    assert place.feature_code == "PSTB"  # the default feature


def test_quotes_in_a_tsv_cell_are_its_text(tmp_path: Path) -> None:
    # Before, "Kilo 55" checkpoint lost its quotes, and a lone quote swallowed the rest of the row.
    path = write(
        tmp_path,
        '1000\t"Kilo 55" checkpoint\t35.3\t37.2\tS.CHKP\tSY\t\t\t\n1002\t"Rukban\t33.3\t38.7\tS.CMPRF\tSY\t\t\t\n',
    )
    assert [place.name for place in read_custom_places(path).places] == ['"Kilo 55" checkpoint', '"Rukban']


def test_names_with_a_colon_that_is_not_a_language_tag_are_kept_whole() -> None:
    assert parse_names("Station: North|de:Nordbahnhof") == (
        NameRecord("Station: North"),
        NameRecord("Nordbahnhof", "de"),
    )


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("1\tNo coordinates\t\t\tS.PSTB\tSY\t\t\t\n", "needs latitude, longitude"),
        ("1\tFar north\t91\t0\tS.PSTB\tSY\t\t\t\n", "coordinates out of range"),
        ("x\tBad id\t1\t1\tS.PSTB\tSY\t\t\t\n", "invalid literal"),
        ("0\tZero id\t1\t1\tS.PSTB\tSY\t\t\t\n", "positive integer"),
        ("1\tNo code\t1\t1\tS\tSY\t\t\t\n", "CLASS.CODE"),
        ("\tBad target\t\t\t\t\t\tabc\t\n", "geoname_id"),
    ],
)
def test_bad_rows_are_refused_naming_the_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    path = write(tmp_path, row)
    with pytest.raises(CustomPlacesError, match=message) as raised:
        read_custom_places(path)
    assert f"{path}:3:" in str(raised.value)


def test_an_id_used_twice_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "1\tA\t1\t1\tS.PSTB\tSY\t\t\t\n1\tB\t2\t2\tS.PSTB\tSY\t\t\t\n")
    with pytest.raises(CustomPlacesError, match=re.escape(f"{path}:4: id 1 is already used by {path}:3 ")):
        read_custom_places(path)


def test_the_fingerprint_follows_the_contents(tmp_path: Path) -> None:
    first = read_custom_places(write(tmp_path, "1\tA\t1\t1\tS.PSTB\tSY\t\t\t\n")).fingerprint
    second = read_custom_places(write(tmp_path, "1\tA\t1.5\t1\tS.PSTB\tSY\t\t\t\n")).fingerprint
    assert first != second


def test_keeping_splits_off_the_places_a_filter_rejects_and_keeps_the_extra_names(tmp_path: Path) -> None:
    rows = "1\tCamp A\t33.1\t38.2\tS.CMPRF\tSY\t\t\t\n2\tCamp B\t36.1\t43.9\tS.CMPRF\tIQ\t\t\t\n"
    custom = read_custom_places(write(tmp_path, rows + "\tKobanî\t\t\t\t\t\t172256\t\n"))
    kept, left_out = custom.keeping(lambda place: place.country_code == "SY")
    assert [p.name for p in kept.places] == ["Camp A"]
    assert [p.name for p in left_out] == ["Camp B"]
    assert kept.extra_names == custom.extra_names
    assert custom.keeping(lambda place: True) == (custom, ())


def test_the_seed_file_holds_both_sides_of_the_tanf_crossing() -> None:
    seeds = seed_custom_places()
    by_name = {p.name: p for p in seeds.places}
    assert by_name["al-Tanf"].country_code == "SY"
    assert by_name["al-Waleed"].country_code == "IQ"
    assert {by_name["al-Tanf"].feature_code, by_name["al-Waleed"].feature_code} == {"PSTB"}


def test_the_seed_file_adds_the_kurdistan_region_as_a_first_level_division_of_iraq() -> None:
    region = {p.name: p for p in seed_custom_places().places}["Kurdistan Region"]
    assert (region.country_code, region.feature_class, region.feature_code) == ("IQ", "A", "ADM1")
    assert region.population > 0
    assert {"Iraqi Kurdistan", "إقليم كردستان"} <= {n.text for n in region.names}
