"""A tiny index built from a GeoNames-format fixture, and a second one from hand-made records."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from toponym_server.index.build import BuildSummary, build_index
from toponym_server.index.reader import IndexReader, open_index
from toponym_server.index.stored import ANSWERS_FINGERPRINT
from toponym_server.sources.geonames import GeoNamesDumpSource
from toponym_server.sources.records import AdminDivision, NameRecord, PlaceRecord

# GeoNames IDs of the fixture's places
SYRIA = 163843
DAMASCUS = 170654
ALEPPO = 170063
HAMA = 170017
HAMA_JP = 1862001
HASAKAH = 173
RAQQA_GOVERNORATE = 163914
RAQQA = 163915

# Places: the 7 distinct good dump rows plus Syria, which only countryInfo lists.
EXPECTED_PLACES = 8
# Names per place: Damascus 4, Aleppo 4, Hama 3, Hama (JP) 1, Al Hasakah 5 (name and ascii name
# differ), the governorate 3, Ar Raqqah 4, Syria 2 (the canonical name and its English name).
EXPECTED_NAMES = 26


def dump_row(
    geoname_id: int,
    name: str,
    ascii_name: str,
    alternates: str,
    lat: float,
    lon: float,
    feature: str,
    country: str,
    admin1: str = "",
    population: int = 0,
) -> str:
    feature_class, feature_code = feature.split(".")
    return "\t".join(
        [
            str(geoname_id),
            name,
            ascii_name,
            alternates,
            str(lat),
            str(lon),
            feature_class,
            feature_code,
            country,
            "",
            admin1,
            "",
            "",
            "",
            str(population),
            "",
            "0",
            "UTC",
            "2024-01-01",
        ]
    )


DUMP_LINES = [
    "# a tiny GeoNames dump",
    dump_row(DAMASCUS, "Damascus", "Damascus", "Dimashq,دمشق,Damas", 33.5102, 36.29128, "P.PPLC", "SY", "13", 1569394),
    dump_row(ALEPPO, "Aleppo", "Aleppo", "Halab,حلب,Alep", 36.20124, 37.16117, "P.PPLA", "SY", "09", 1602264),
    dump_row(HAMA_JP, "Hama", "Hama", "", 35.0, 136.0, "P.PPL", "JP", "01", 150),
    dump_row(HAMA, "Hama", "Hama", "Hamah,حماة", 35.13179, 36.75783, "P.PPLA", "SY", "10", 460602),
    "1\tBroken line\twith too few columns",
    dump_row(
        HASAKAH, "Al Ḩasakah", "Al Hasakah", "Hasakah,الحسكة,Хасеке", 36.50237, 40.74772, "P.PPLA", "SY", "01", 188160
    ),
    dump_row(
        RAQQA_GOVERNORATE,
        "Muḩāfaz̧at ar Raqqah",
        "Muhafazat ar Raqqah",
        "Raqqa Governorate",
        35.9,
        38.8,
        "A.ADM1",
        "SY",
        "04",
        944000,
    ),
    dump_row(RAQQA, "Ar Raqqah", "Ar Raqqah", "Raqqa,الرقة,Rakka", 35.95283, 39.00788, "P.PPLA", "SY", "04", 177636),
    dump_row(DAMASCUS, "Damascus again", "Damascus again", "", 33.5, 36.3, "P.PPL", "SY", "13", 1),  # duplicate ID
]

COUNTRY_INFO = "\n".join(
    [
        "#ISO\tISO3\tISO-Numeric\tfips\tCountry\tCapital\tArea\tPopulation\tContinent\ttld\t...",
        "\t".join(
            [
                *("SY", "SYR", "760", "SY", "Syria", "Damascus", "185180", "22933531", "AS", ".sy", "SYP", "Pound"),
                *("963", "", "", "ar-SY", str(SYRIA), "IQ,JO,IL,TR,LB", ""),
            ]
        ),
    ]
)

ADMIN_CODES = "\n".join(
    [
        "SY.13\tDimashq\tDimashq\t170652",
        "SY.09\tAleppo\tAleppo\t170062",
        "SY.10\tHama\tHama\t170016",
        "SY.01\tAl-Hasakah\tAl-Hasakah\t173",
        f"SY.04\tAr-Raqqah\tAr-Raqqah\t{RAQQA_GOVERNORATE}",
    ]
)


def copy_with_answers_of_other_rules(index: Path, copy: Path) -> Path:
    """Copy ``index`` to ``copy`` as if other matching rules had stored its answers; return ``copy``."""
    shutil.copyfile(index, copy)
    with sqlite3.connect(copy) as conn:
        conn.execute("UPDATE meta SET value = 'older rules' WHERE key = ?", (ANSWERS_FINGERPRINT,))
    conn.close()
    return copy


def write_fixture(directory: Path) -> GeoNamesDumpSource:
    """Write the dump, countryInfo and admin code files into ``directory`` and return their source."""
    directory.mkdir(parents=True, exist_ok=True)
    dump = directory / "SY.txt"
    dump.write_text("\n".join(DUMP_LINES) + "\n", encoding="utf-8")
    countries = directory / "countryInfo.txt"
    countries.write_text(COUNTRY_INFO + "\n", encoding="utf-8")
    admin = directory / "admin1CodesASCII.txt"
    admin.write_text(ADMIN_CODES + "\n", encoding="utf-8")
    return GeoNamesDumpSource([dump], country_info=countries, admin_codes=[admin])


@dataclass
class ListSource:
    """A gazetteer source over records held in memory."""

    records: Sequence[PlaceRecord]
    divisions: Sequence[AdminDivision] = ()
    label: str = "in-memory"
    separate_names: Sequence[tuple[int, NameRecord]] = ()

    def places(self) -> Iterator[PlaceRecord]:
        yield from self.records

    def alternate_names(self) -> Iterator[tuple[int, NameRecord]]:
        yield from self.separate_names

    def admin_divisions(self) -> Iterator[AdminDivision]:
        yield from self.divisions

    def fingerprint(self) -> str:
        return f"{self.label}:{len(self.records)}"

    def describe(self) -> str:
        return self.label


ALEPPO_WITH_LANGUAGES = PlaceRecord(
    geoname_id=ALEPPO,
    name="Aleppo",
    ascii_name="Aleppo",
    latitude=36.20124,
    longitude=37.16117,
    feature_class="P",
    feature_code="PPLA",
    country_code="SY",
    admin1_code="09",
    population=1602264,
    names=(
        NameRecord("Alep", lang="fr"),
        NameRecord("Alep (Québec)", lang="fr-CA"),
        NameRecord("حلب الشهباء", lang="ar"),
        NameRecord("حلب", lang="ar", is_preferred=True),
        NameRecord("Aleppo", lang="en", is_preferred=True),
        NameRecord("Beroea", lang="la", is_historic=True),
    ),
)


@pytest.fixture(scope="session")
def fixture_source(tmp_path_factory: pytest.TempPathFactory) -> GeoNamesDumpSource:
    return write_fixture(tmp_path_factory.mktemp("geonames"))


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, fixture_source: GeoNamesDumpSource) -> BuildSummary:
    """The index of the fixture, built once per session."""
    return build_index(fixture_source, tmp_path_factory.mktemp("index") / "index.sqlite", progress=False)


@pytest.fixture(scope="session")
def index_path(built: BuildSummary) -> Path:
    return built.path


@pytest.fixture(scope="session")
def reader(index_path: Path) -> Iterator[IndexReader]:
    opened = open_index(index_path)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def languages_reader(tmp_path_factory: pytest.TempPathFactory) -> Iterator[IndexReader]:
    """An index of one place with names in several languages."""
    path = tmp_path_factory.mktemp("languages") / "index.sqlite"
    build_index(ListSource([ALEPPO_WITH_LANGUAGES]), path, progress=False)
    opened = open_index(path)
    yield opened
    opened.close()
