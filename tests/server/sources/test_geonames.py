"""The GeoNames dump reader: records, rejected lines and the countries the dump lacks."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from toponym_server.sources.geonames import (
    DUMP_COLUMNS,
    WRONG_FILE_LINES,
    GeoNamesDumpSource,
    GeoNamesFileError,
    MalformedLineError,
    parse_alternate_name_line,
    parse_dump_line,
    read_admin_codes,
    read_alternate_names,
    read_country_info,
    read_dump,
)
from toponym_server.sources.records import AdminDivision, NameRecord, PlaceRecord

LOGGER = "toponym_server.sources.geonames"


def dump_row(
    geoname_id: int | str,
    name: str,
    ascii_name: str,
    alternates: str,
    lat: float | str,
    lon: float | str,
    feature: str,
    country: str,
    admin1: str = "",
    admin2: str = "",
    population: int | str = 0,
) -> str:
    feature_class, feature_code = feature.split(".")
    fields = [
        str(geoname_id),
        name,
        ascii_name,
        alternates,
        str(lat),
        str(lon),
        feature_class,
        feature_code,
        country,
        "",  # cc2
        admin1,
        admin2,
        "",  # admin3
        "",  # admin4
        str(population),
        "",  # elevation
        "300",  # dem
        "Asia/Damascus",
        "2024-01-01",
    ]
    assert len(fields) == DUMP_COLUMNS
    return "\t".join(fields)


def country_row(iso: str, name: str, capital: str, population: int, geoname_id: int | str) -> str:
    fields = [iso, iso + "X", "000", iso, name, capital, "1000", str(population), "AS", "." + iso.lower()]
    fields += ["XXX", "Currency", "000", "", "", "ar", str(geoname_id), "", ""]
    return "\t".join(fields)


GOOD_ROWS = [
    dump_row(
        170654, "Damascus", "Damascus", "Dimashq,دمشق,Damas", 33.5102, 36.29128, "P.PPLC", "SY", "13", "", 1569394
    ),
    dump_row(170063, "Aleppo", "Aleppo", "Halab,حلب,Alep,Halab", 36.20124, 37.16117, "P.PPLA", "SY", "09", "", 1602264),
    dump_row(
        173, "Al Ḩasakah", "Al Hasakah", "Hasakah,الحسكة,Хасеке", 36.50237, 40.74772, "P.PPLA", "SY", "01", "", 188160
    ),
    dump_row(
        163914,
        "Muḩāfaz̧at ar Raqqah",
        "Muhafazat ar Raqqah",
        "Raqqa Governorate,,محافظة الرقة",
        35.9,
        38.8,
        "A.ADM1",
        "SY",
        "04",
        "",
        944000,
    ),
    dump_row(3017382, "France", "France", "Frankreich,Francia", 46.0, 2.0, "A.PCLI", "FR", "00", "", 66987244),
    dump_row(2988507, "Paris", "Paris", "", 48.85341, 2.3488, "P.PPLC", "FR", "11", "75", ""),
]


@pytest.fixture()
def dump(tmp_path: Path) -> Path:
    """A dump with six good rows, comments, a blank line and four malformed lines."""
    path = tmp_path / "SY.txt"
    lines: list[bytes] = [
        b"# GeoNames test fixture",  # 1
        GOOD_ROWS[0].encode(),  # 2
        b"12345\tBroken\tBroken\t\t1.0\t2.0",  # 3: 6 columns
        GOOD_ROWS[1].encode(),  # 4
        dump_row(99, "Nowhere", "Nowhere", "", "north", 36.0, "P.PPL", "SY").encode(),  # 5: bad latitude
        b"",  # 6: blank
        GOOD_ROWS[2].encode(),  # 7
        dump_row(98, "BadName", "Bad", "", 35.0, 36.0, "P.PPL", "SY").encode().replace(b"BadName", b"Bad\xffName"),  # 8
        dump_row(97, "Faraway", "Faraway", "", 95.0, 36.0, "P.PPL", "SY").encode(),  # 9: latitude out of range
        GOOD_ROWS[3].encode(),  # 10
        b"# another comment",  # 11
        GOOD_ROWS[4].encode(),  # 12
        GOOD_ROWS[5].encode() + b"\r",  # 13: CRLF line ending
    ]
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


@pytest.fixture()
def country_info(tmp_path: Path) -> Path:
    path = tmp_path / "countryInfo.txt"
    rows = [
        "# ISO\tISO3\tISO-Numeric\tfips\tCountry\tCapital\tArea(in sq km)\tPopulation\tContinent\t...",
        country_row("SY", "Syria", "Damascus", 22933531, 163843),
        country_row("FR", "France", "Paris", 66987244, 3017382),
        country_row("TR", "Turkey", "Ankara", 82319724, 298795),  # its capital is not in the dump
        "XX\tbroken row",
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture()
def admin_codes(tmp_path: Path) -> Path:
    path = tmp_path / "admin1CodesASCII.txt"
    rows = [
        "SY.13\tDimashq\tDimashq\t170652",
        "SY.04\tAr-Raqqah\tAr-Raqqah\t163914",
        "SY.01\tAl-Hasakah\tAl-Hasakah\t173",
        "SY.09\tAleppo\tAleppo\tnot-a-number",
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


# --- records ---------------------------------------------------------------------------


def test_good_rows_become_records(dump: Path) -> None:
    places = list(read_dump(dump))
    assert [p.geoname_id for p in places] == [170654, 170063, 173, 163914, 3017382, 2988507]
    damascus = places[0]
    assert damascus == PlaceRecord(
        geoname_id=170654,
        name="Damascus",
        ascii_name="Damascus",
        latitude=33.5102,
        longitude=36.29128,
        feature_class="P",
        feature_code="PPLC",
        country_code="SY",
        admin1_code="13",
        admin2_code="",
        population=1569394,
        names=(NameRecord("Dimashq"), NameRecord("دمشق"), NameRecord("Damas")),
    )


def test_alternate_names_are_deduplicated_and_empty_ones_dropped(dump: Path) -> None:
    places = {p.geoname_id: p for p in read_dump(dump)}
    assert [n.text for n in places[170063].names] == ["Halab", "حلب", "Alep"]
    assert [n.text for n in places[163914].names] == ["Raqqa Governorate", "محافظة الرقة"]
    assert places[2988507].names == ()


def test_non_ascii_names_and_codes_are_kept(dump: Path) -> None:
    hasakah = next(p for p in read_dump(dump) if p.geoname_id == 173)
    assert hasakah.name == "Al Ḩasakah"
    assert hasakah.ascii_name == "Al Hasakah"
    assert "Хасеке" in {n.text for n in hasakah.names}


def test_empty_population_reads_as_zero_and_crlf_is_stripped(dump: Path) -> None:
    paris = next(p for p in read_dump(dump) if p.geoname_id == 2988507)
    assert paris.population == 0
    assert paris.admin2_code == "75"
    assert paris.feature_code == "PPLC"


def test_empty_ascii_name_falls_back_to_the_name() -> None:
    fields = dump_row(1, "Ḩimş", "", "", 34.7, 36.7, "P.PPLA", "SY").split("\t")
    assert parse_dump_line(fields).ascii_name == "Ḩimş"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (["1", "x"], "expected 19"),
        (dump_row("id", "X", "X", "", 1.0, 2.0, "P.PPL", "SY").split("\t"), "geonameid is not a whole number"),
        (dump_row(1, "", "X", "", 1.0, 2.0, "P.PPL", "SY").split("\t"), "empty name"),
        (dump_row(1, "X", "X", "", 1.0, 200.0, "P.PPL", "SY").split("\t"), "out of range"),
        (
            dump_row(1, "X", "X", "", 1.0, 2.0, "P.PPL", "SY", population="many").split("\t"),
            "population is not a whole number",
        ),
    ],
)
def test_parse_dump_line_rejects(row: list[str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_dump_line(row)


# --- rejected lines --------------------------------------------------------------------


def test_bad_lines_are_skipped_and_reported_with_file_and_line(dump: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        places = list(read_dump(dump))
    assert len(places) == 6
    messages = [r.getMessage() for r in caplog.records if r.name == LOGGER]
    assert len(messages) == 4
    for line_number in (3, 5, 8, 9):
        assert any(f"{dump}:{line_number}:" in m for m in messages), (line_number, messages)
    assert any("expected 19 tab-separated columns, found 6" in m for m in messages)
    assert any("invalid UTF-8" in m for m in messages)
    assert any("out of range" in m for m in messages)
    # comments and blank lines are not rejected
    for line_number in (1, 6, 11):
        assert not any(f"{dump}:{line_number}:" in m for m in messages)


def test_strict_mode_raises_on_the_first_bad_line(dump: Path) -> None:
    reader = read_dump(dump, strict=True)
    assert next(reader).geoname_id == 170654
    with pytest.raises(MalformedLineError) as caught:
        list(reader)
    assert caught.value.path == dump
    assert caught.value.line_number == 3
    assert str(caught.value).startswith(f"{dump}:3: ")


def test_strict_mode_raises_on_invalid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(GOOD_ROWS[0].encode() + b"\n\xff\xfe\n")
    with pytest.raises(MalformedLineError, match="invalid UTF-8") as caught:
        list(read_dump(path, strict=True))
    assert caught.value.line_number == 2


def test_strict_source_raises(dump: Path) -> None:
    with pytest.raises(MalformedLineError):
        list(GeoNamesDumpSource([dump], strict=True).places())


def test_malformed_line_error_is_a_value_error() -> None:
    error = MalformedLineError(Path("a.txt"), 7, "boom")
    assert isinstance(error, ValueError)
    assert str(error) == "a.txt:7: boom"


# --- countryInfo and admin codes -------------------------------------------------------


def test_country_info_rows(country_info: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        rows = {c.iso: c for c in read_country_info(country_info)}
    assert set(rows) == {"SY", "FR", "TR"}
    assert rows["SY"].name == "Syria"
    assert rows["SY"].capital == "Damascus"
    assert rows["SY"].geoname_id == 163843
    assert rows["SY"].population == 22933531
    assert any(f"{country_info}:5:" in r.getMessage() for r in caplog.records)


def test_admin_codes(admin_codes: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        rows = list(read_admin_codes(admin_codes))
    assert rows[:2] == [AdminDivision("SY.13", "Dimashq", 170652), AdminDivision("SY.04", "Ar-Raqqah", 163914)]
    assert len(rows) == 3
    assert any(f"{admin_codes}:4:" in r.getMessage() for r in caplog.records)
    with pytest.raises(MalformedLineError):
        list(read_admin_codes(admin_codes, strict=True))


# --- the source ------------------------------------------------------------------------


def test_source_adds_missing_countries_at_their_capital(dump: Path, country_info: Path) -> None:
    places = list(GeoNamesDumpSource([dump], country_info=country_info).places())
    by_id = {p.geoname_id: p for p in places}
    syria = by_id[163843]
    assert (syria.feature_class, syria.feature_code) == ("A", "PCLI")
    assert syria.country_code == "SY"
    assert syria.name == "Syria"
    assert (syria.latitude, syria.longitude) == (33.5102, 36.29128)  # Damascus
    assert syria.population == 22933531
    assert NameRecord("Syria", lang="en", is_preferred=True) in syria.names
    # the dump's places come first, then the added countries
    assert [p.geoname_id for p in places][:7] == [170654, 170063, 173, 163914, 3017382, 2988507, 163843]


def test_source_does_not_duplicate_a_country_the_dump_has(dump: Path, country_info: Path) -> None:
    places = list(GeoNamesDumpSource([dump], country_info=country_info).places())
    assert [p.geoname_id for p in places].count(3017382) == 1
    assert len(places) == len({p.geoname_id for p in places})


def test_source_without_country_info_yields_only_the_dump(dump: Path) -> None:
    places = list(GeoNamesDumpSource([dump]).places())
    assert [p.geoname_id for p in places] == [170654, 170063, 173, 163914, 3017382, 2988507]


def test_source_reads_several_dumps_in_order(tmp_path: Path, dump: Path) -> None:
    second = tmp_path / "FR.txt"
    second.write_text(dump_row(2996944, "Lyon", "Lyon", "", 45.75, 4.85, "P.PPLA2", "FR", "84", "69", 522969) + "\n")
    places = list(GeoNamesDumpSource([dump, second]).places())
    assert places[-1].name == "Lyon"
    assert len(places) == 7


def test_source_admin_divisions(dump: Path, admin_codes: Path) -> None:
    divisions = list(GeoNamesDumpSource([dump], admin_codes=[admin_codes]).admin_divisions())
    assert AdminDivision("SY.04", "Ar-Raqqah", 163914) in divisions
    assert list(GeoNamesDumpSource([dump]).admin_divisions()) == []


def test_fingerprint_changes_when_a_file_changes(dump: Path, country_info: Path) -> None:
    source = GeoNamesDumpSource([dump], country_info=country_info)
    before = source.fingerprint()
    assert before == GeoNamesDumpSource([dump], country_info=country_info).fingerprint()
    with dump.open("a", encoding="utf-8") as handle:
        handle.write(dump_row(1, "New", "New", "", 1.0, 1.0, "P.PPL", "SY") + "\n")
    assert source.fingerprint() != before


def test_describe_names_the_dumps(dump: Path) -> None:
    assert str(dump) in GeoNamesDumpSource([dump]).describe()


def test_a_missing_country_is_placed_at_its_capital_not_a_namesake_listed_first(
    tmp_path: Path, country_info: Path
) -> None:
    # A citiesN dump may hold a small town named as the capital before the capital itself.
    dump = tmp_path / "cities.txt"
    rows = [
        dump_row(9001, "Damascus", "Damascus", "", 40.0, 20.0, "P.PPL", "SY", population=500),
        dump_row(170654, "Damascus", "Damascus", "", 33.5102, 36.29128, "P.PPLC", "SY", population=1569394),
        dump_row(9002, "Damascus", "Damascus", "", 41.0, 21.0, "P.PPL", "SY", population=2_000_000),
    ]
    dump.write_text("\n".join(rows) + "\n", encoding="utf-8")
    places = {p.geoname_id: p for p in GeoNamesDumpSource([dump], country_info=country_info).places()}
    assert (places[163843].latitude, places[163843].longitude) == (33.5102, 36.29128)


# --- what is not a name, and files given for the wrong option ---------------------------


@pytest.mark.parametrize(("language", "text"), [("nuts", "DE300"), ("lauc", "11000000"), ("phon", "MYOO-nik")])
def test_codes_and_pronunciations_are_not_names(language: str, text: str) -> None:
    # Before, DE300 and 11000000 resolved to Berlin, and a text's "region DE300" was Berlin at 1.00.
    assert parse_alternate_name_line(["1", "2950159", language, text, "", "", "", "", "", ""]) is None


def test_a_link_in_the_alternate_names_column_is_no_name() -> None:
    # GeoNames lists a place's Wikipedia link among its names; its comma split it into two "names".
    row = dump_row(
        13665338,
        "Asahi",
        "Asahi",
        "Asahi-machi,https://en.wikipedia.org/wiki/Asahi,_Toyama",
        36.9,
        137.6,
        "P.PPL",
        "JP",
    )
    assert [n.text for n in parse_dump_line(row.split("\t")).names] == ["Asahi-machi"]


def test_a_name_of_spaces_only_is_malformed() -> None:
    with pytest.raises(ValueError, match="empty name"):
        parse_dump_line(dump_row(1, "   ", "   ", "", 1.0, 2.0, "P.PPL", "SY").split("\t"))


def test_a_file_given_for_the_wrong_option_stops_after_its_first_lines(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Before, a dump given as the alternate names warned once a line and the build went on
    # without any of the names.
    dump = tmp_path / "SY.txt"
    dump.write_text("\n".join(GOOD_ROWS * 100) + "\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger=LOGGER), pytest.raises(GeoNamesFileError, match="right file"):
        list(read_alternate_names(dump))
    assert len(caplog.records) == WRONG_FILE_LINES
    with pytest.raises(GeoNamesFileError, match="no line is a countryInfo row"):
        list(read_country_info(_short(tmp_path, GOOD_ROWS[:2])))


def _short(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "short.txt"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_a_file_with_some_good_rows_is_read_with_warnings(dump: Path) -> None:
    assert len(list(read_dump(dump))) == 6


def test_a_missing_country_is_placed_at_its_capital_spelt_otherwise_or_its_largest_place(tmp_path: Path) -> None:
    # Before, Antigua and Barbuda (St. John's in countryInfo, Saint John's in the dump) and
    # Curaçao (" Willemstad") were left out without a word.
    info = _short(
        tmp_path,
        [
            country_row("AG", "Antigua and Barbuda", "St. John's", 86754, 3576396),
            country_row("CW", "Curacao", " Willemstad", 159849, 7626836),
            country_row("PW", "Palau", "Melekeok", 17907, 1559582),
        ],
    )
    dump = tmp_path / "cities500.txt"
    rows = [
        dump_row(3576022, "Saint John\u2019s", "Saint John's", "", 17.12, -61.85, "P.PPLC", "AG", population=51737),
        dump_row(3576000, "All Saints", "All Saints", "", 17.06, -61.80, "P.PPL", "AG", population=3412),
        dump_row(3513090, "Willemstad", "Willemstad", "", 12.10, -68.93, "P.PPL", "CW", population=125000),
        dump_row(1559804, "Koror Town", "Koror Town", "", 7.34, 134.48, "P.PPL", "PW", population=11200),
        dump_row(1559900, "Kloulklubed", "Kloulklubed", "", 7.04, 134.26, "P.PPL", "PW", population=300),
    ]
    dump.write_text("\n".join(rows) + "\n", encoding="utf-8")
    places = {p.geoname_id: p for p in GeoNamesDumpSource([dump], country_info=info).places()}
    assert (places[3576396].latitude, places[7626836].latitude, places[1559582].latitude) == (17.12, 12.10, 7.34)
