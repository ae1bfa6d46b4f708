"""Reading the GeoNames files as published: zipped files, alternateNamesV2 and the place filters."""

from __future__ import annotations

import logging
import zipfile
from pathlib import Path

import pytest

from toponym_server.sources.geonames import (
    GeoNamesDumpSource,
    MalformedLineError,
    PlaceFilter,
    open_geonames_file,
    parse_alternate_name_line,
    read_alternate_names,
    read_dump,
)
from toponym_server.sources.records import PLACE_ID_BITMAP_LIMIT, NameRecord, PlaceIdSet

from .test_geonames import dump_row

DUMP = "\n".join(
    [
        dump_row(170063, "Aleppo", "Aleppo", "Halab,Alep", 36.2, 37.16, "P.PPLA", "SY", "09", population=1602264),
        dump_row(173811, "Al Hasakah", "Al Hasakah", "Hasakah", 36.5, 40.7, "P.PPLA", "SY", "01", population=188160),
        dump_row(9000001, "Nahr al Khabur", "Nahr al Khabur", "", 35.1, 40.4, "H.STM", "SY"),
        dump_row(92138, "Al Qaim", "Al Qaim", "", 34.37, 41.09, "P.PPL", "IQ", population=74100),
    ]
)
# alternateNameId, geonameid, isolanguage, name, isPreferred, isShort, isColloquial, isHistoric, from, to
ALTERNATES = "\n".join(
    [
        "1\t170063\tar\tحلب\t1\t\t\t\t\t",
        "2\t170063\tfr\tAlep\t\t\t\t\t\t",
        "3\t170063\tlink\thttps://en.wikipedia.org/wiki/Aleppo\t\t\t\t\t\t",
        "4\t170063\twkdt\tQ41183\t\t\t\t\t\t",
        "5\t170063\tiata\tALP\t\t\t\t\t\t",
        "6\t170063\tpost\t12345\t\t\t\t\t\t",
        "7\t170063\tla\tBeroea\t\t\t\t1\t\t",
        "8\t170063\ten\tHaleb\t\t\t1\t\t\t",
        "9\t173811\t\tHassakeh\t\t\t\t\t\t1990",
        "10\t173811\tabbr\tHSK\t\t\t\t\t\t",
        "not-a-number\t173811\ten\tBroken\t\t\t\t\t\t",
        "11\t173811\ten\tToo few columns",
        "12\t173811\ten\tBad flag\t2\t\t\t\t\t",
        "13\t99999999\ten\tOrphan\t\t\t\t\t\t",
    ]
)


@pytest.fixture()
def files(tmp_path: Path) -> dict[str, Path]:
    dump = tmp_path / "SY.txt"
    dump.write_text(DUMP + "\n", encoding="utf-8")
    alternates = tmp_path / "alternateNamesV2.txt"
    alternates.write_text(ALTERNATES + "\n", encoding="utf-8")
    zipped_dump = tmp_path / "allCountries.zip"
    with zipfile.ZipFile(zipped_dump, "w") as archive:
        archive.writestr("allCountries.txt", DUMP + "\n")
    zipped_alternates = tmp_path / "alternateNamesV2.zip"
    with zipfile.ZipFile(zipped_alternates, "w") as archive:
        archive.writestr("iso-languagecodes.txt", "ISO 639-3\tISO 639-2\n")
        archive.writestr("alternateNamesV2.txt", ALTERNATES + "\n")
    return {"dump": dump, "alternates": alternates, "zip_dump": zipped_dump, "zip_alternates": zipped_alternates}


def test_a_zipped_dump_reads_like_the_text_file(files: dict[str, Path]) -> None:
    assert list(read_dump(files["zip_dump"])) == list(read_dump(files["dump"]))


def test_a_zip_with_several_members_is_read_from_the_one_named_like_it(files: dict[str, Path]) -> None:
    from_zip = list(read_alternate_names(files["zip_alternates"]))
    assert from_zip == list(read_alternate_names(files["alternates"]))
    assert from_zip


def test_a_zip_without_a_recognisable_member_is_refused(tmp_path: Path) -> None:
    archive_path = tmp_path / "mystery.zip"
    with zipfile.ZipFile(archive_path, "w") as archive:
        archive.writestr("one.txt", "a")
        archive.writestr("two.txt", "b")
    with pytest.raises(ValueError, match="cannot tell which member"), open_geonames_file(archive_path):
        pass


def test_alternate_names_keep_languages_and_flags(files: dict[str, Path]) -> None:
    names = dict(((pid, n.text), n) for pid, n in read_alternate_names(files["alternates"]))
    assert names[(170063, "حلب")] == NameRecord("حلب", "ar", is_preferred=True)
    assert names[(170063, "Alep")] == NameRecord("Alep", "fr")
    assert names[(170063, "Beroea")].is_historic
    assert names[(170063, "Haleb")].is_colloquial
    assert names[(173811, "Hassakeh")].is_historic  # it has an end date
    assert names[(173811, "HSK")] == NameRecord("HSK", "", is_short=True)


def test_codes_and_links_are_not_names(files: dict[str, Path]) -> None:
    texts = {n.text for _pid, n in read_alternate_names(files["alternates"])}
    assert not texts & {"https://en.wikipedia.org/wiki/Aleppo", "Q41183", "ALP", "12345"}


def test_malformed_alternate_name_lines_are_reported_with_file_and_line(
    files: dict[str, Path], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        texts = {n.text for _pid, n in read_alternate_names(files["alternates"])}
    assert not texts & {"Broken", "Too few columns", "Bad flag"}
    reported = " ".join(caplog.messages)
    for line in (11, 12, 13):
        assert f"alternateNamesV2.txt:{line}:" in reported


def test_strict_mode_fails_on_the_first_malformed_alternate_name(files: dict[str, Path]) -> None:
    with pytest.raises(MalformedLineError) as raised:
        list(read_alternate_names(files["alternates"], strict=True))
    assert raised.value.line_number == 11


def test_invalid_utf8_in_a_zipped_file_is_reported(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    archive_path = tmp_path / "alternateNamesV2.zip"
    with zipfile.ZipFile(archive_path, "w") as archive:
        archive.writestr("alternateNamesV2.txt", b"1\t5\ten\tGood\t\t\t\t\t\t\n2\t5\ten\t\xff\xfe\t\t\t\t\t\t\n")
    with caplog.at_level(logging.WARNING):
        assert [n.text for _pid, n in read_alternate_names(archive_path)] == ["Good"]
    assert "alternateNamesV2.zip:2: invalid UTF-8" in caplog.text


def test_parse_alternate_name_line_rejects_a_non_numeric_place_id() -> None:
    with pytest.raises(ValueError):
        parse_alternate_name_line(["1", "x", "en", "Name", "", "", "", "", "", ""])


def test_with_alternate_name_files_the_dump_column_is_left_out(files: dict[str, Path]) -> None:
    source = GeoNamesDumpSource([files["dump"]], alternate_names=[files["alternates"]])
    aleppo = next(p for p in source.places() if p.geoname_id == 170063)
    assert aleppo.names == ()
    assert any(n.text == "Alep" for pid, n in source.alternate_names() if pid == 170063)
    # still counted: how many names a place has weighs in its prominence
    inline = next(p for p in GeoNamesDumpSource([files["dump"]]).places() if p.geoname_id == 170063)
    assert aleppo.alternate_name_count == inline.alternate_name_count == len(inline.names) > 0


def test_a_place_the_alternate_name_files_leave_out_keeps_the_dumps_names(tmp_path: Path) -> None:
    # Before, SY.txt and IQ.txt with SY's alternate names only dropped every Iraqi place's names
    # (Basra, بغداد) without a word.
    dump = tmp_path / "IQ.txt"
    dump.write_text(dump_row(99532, "Basrah", "Basrah", "Basra,البصرة", 30.5, 47.8, "P.PPLA", "IQ") + "\n")
    alternates = tmp_path / "SY_alternatenames.txt"
    alternates.write_text("1\t170063\tar\tحلب\t1\t\t\t\t\t\n")
    source = GeoNamesDumpSource([dump], alternate_names=[alternates])
    [basra] = source.places()
    assert [n.text for n in basra.names] == ["Basra", "البصرة"]


def test_a_place_the_alternate_name_files_give_only_links_and_codes_keeps_the_dumps_names(tmp_path: Path) -> None:
    # Such rows are no names: files of another date than the dump's left Basra nameless.
    dump = tmp_path / "IQ.txt"
    dump.write_text(dump_row(99532, "Basrah", "Basrah", "Basra,البصرة", 30.5, 47.8, "P.PPLA", "IQ") + "\n")
    alternates = tmp_path / "alternateNamesV2.txt"
    rows = ["1\t99532\tlink\thttps://en.wikipedia.org/wiki/Basra", "2\t99532\tiata\tBSR", "3\t99532\ten\t "]
    alternates.write_text("".join(row + "\t\t\t\t\t\t\n" for row in rows))
    source = GeoNamesDumpSource([dump], alternate_names=[alternates])
    [basra] = source.places()
    assert [n.text for n in basra.names] == ["Basra", "البصرة"]


@pytest.mark.parametrize(
    ("place_filter", "expected"),
    [
        (PlaceFilter(), {170063, 173811, 9000001, 92138}),
        (PlaceFilter(feature_classes=frozenset("P")), {170063, 173811, 92138}),
        (PlaceFilter(countries=frozenset({"IQ"})), {92138}),
        (PlaceFilter(min_population=100_000), {170063, 173811}),
    ],
)
def test_filters_keep_only_the_places_asked_for(
    files: dict[str, Path], place_filter: PlaceFilter, expected: set[int]
) -> None:
    source = GeoNamesDumpSource([files["zip_dump"]], place_filter=place_filter)
    assert {p.geoname_id for p in source.places()} == expected


def test_the_filter_is_part_of_the_fingerprint(files: dict[str, Path]) -> None:
    everything = GeoNamesDumpSource([files["dump"]])
    populated = GeoNamesDumpSource([files["dump"]], place_filter=PlaceFilter(feature_classes=frozenset("P")))
    assert everything.fingerprint() != populated.fingerprint()


def test_the_set_of_named_places_holds_any_id_it_was_given() -> None:
    named = PlaceIdSet()
    for geoname_id in (0, 7, 8, 12_999_999, 99_999_999):
        named.add(geoname_id)
    assert all(i in named for i in (0, 7, 8, 12_999_999, 99_999_999))
    assert not any(i in named for i in (1, 9, 13_000_000, 99_999_998, 2**40))
    assert named.lacks(1) and not named.lacks(7)


def test_a_huge_place_id_does_not_grow_the_bitmap_to_reach_it() -> None:
    # One stray alternate-names row of ID 2,147,483,000 cost a build some 220 MB.
    named = PlaceIdSet()
    named.add(12_999_999)
    named.add(2_147_483_000)
    assert 2_147_483_000 in named and 12_999_999 in named
    assert len(named.bitmap) <= PLACE_ID_BITMAP_LIMIT // 8 <= 16 << 20
