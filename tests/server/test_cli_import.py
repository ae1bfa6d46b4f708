"""``toponym index build`` from zipped GeoNames files with custom places, and ``toponym index verify``."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from toponym_server.cli import main
from toponym_server.sources.seeds import seed_custom_places

from .index.conftest import dump_row

ROWS = [
    dump_row(174448, "Abu Kamal", "Abu Kamal", "", 34.4506, 40.9171, "P.PPL", "SY", "07", 57000),
    dump_row(92138, "Al Qaim", "Al Qaim", "", 34.3683, 41.0944, "P.PPL", "IQ", "01", 74100),
    dump_row(9001, "Nahr al Khabur", "Nahr al Khabur", "", 35.1, 40.4, "H.STM", "SY"),
]
ALTERNATES = ["1\t174448\tar\tالبوكمال\t1\t\t\t\t\t", "2\t92138\tlink\thttps://example.org\t\t\t\t\t\t"]
# A user's file takes ids from 1,000 on: the seeds keep the ids below.
CUSTOM = (
    "id\tname\tlatitude\tlongitude\tfeature\tcountry_code\tnames\n1005\tCamp Echo\t34.4\t40.95\tS.CMPRF\tSY\tEcho\n"
)
SEED_PLACES = seed_custom_places().places


@pytest.fixture()
def dump_dir(tmp_path: Path) -> Path:
    with zipfile.ZipFile(tmp_path / "SY.zip", "w") as archive:
        archive.writestr("SY.txt", "\n".join(ROWS) + "\n")
    with zipfile.ZipFile(tmp_path / "alternateNamesV2.zip", "w") as archive:
        archive.writestr("alternateNamesV2.txt", "\n".join(ALTERNATES) + "\n")
    (tmp_path / "custom.tsv").write_text(CUSTOM, encoding="utf-8")
    return tmp_path


def build(dump_dir: Path, *extra: str) -> int:
    return main(
        [
            "index",
            "build",
            "--quiet",
            "--geonames",
            str(dump_dir / "SY.zip"),
            "--alternate-names",
            str(dump_dir / "alternateNamesV2.zip"),
            "--custom",
            str(dump_dir / "custom.tsv"),
            "--output",
            str(dump_dir / "index.sqlite"),
            *extra,
        ]
    )


def resolve(dump_dir: Path, name: str, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    capsys.readouterr()
    assert main(["resolve", "--index", str(dump_dir / "index.sqlite"), "--json", name]) == 0
    candidates: list[dict[str, object]] = json.loads(capsys.readouterr().out)["candidates"]
    return candidates


def test_build_from_zipped_dumps_with_custom_places_and_seeds(
    dump_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert build(dump_dir, "--feature-classes", "PS") == 0
    summary = capsys.readouterr().out
    # Camp Echo and the seed crossings and towns, not the seed region (class A)
    kept = 1 + sum(place.feature_class in "PS" for place in SEED_PLACES)
    assert f"places ({kept} custom" in summary
    assert "cross-border links" in summary
    (kamal, *_) = resolve(dump_dir, "البوكمال", capsys)
    assert kamal["geoname_id"] == 174448
    assert [r["geoname_id"] for r in kamal["related"]] == [92138]  # type: ignore[index]
    (camp, *_) = resolve(dump_dir, "Camp Echo", capsys)
    assert camp["geoname_id"] == 1_000_000_001_005 and camp["custom"] is True
    assert resolve(dump_dir, "Nahr al Khabur", capsys) == []  # class H was filtered out
    assert resolve(dump_dir, "al-Tanf", capsys)[0]["custom"] is True


def test_the_filters_apply_to_custom_places_as_to_the_dump(
    dump_dir: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    # A Syrian index held the seeds' Iraqi crossing and region, ranked for every caller.
    (dump_dir / "custom.tsv").write_text(CUSTOM + "1006\tCamp Foxtrot\t36.1\t43.9\tS.CMPRF\tIQ\t\n", encoding="utf-8")
    assert build(dump_dir, "--countries", "SY") == 0
    syrian = sum(place.country_code == "SY" for place in SEED_PLACES)  # al-Tanf, Bab al-Hawa, Nasib ...
    assert f"places ({1 + syrian} custom" in capsys.readouterr().out  # and Camp Echo
    assert resolve(dump_dir, "al-Tanf", capsys)[0]["custom"] is True
    assert resolve(dump_dir, "Camp Echo", capsys)[0]["custom"] is True
    for left_out in ("al-Waleed", "Camp Foxtrot", "Kurdistan Region"):
        assert all(c["custom"] is False for c in resolve(dump_dir, left_out, capsys)), left_out
    for named in ("al-Waleed", "Kurdistan Region"):  # the warning names the first ten
        assert f"{named} (" in caplog.text
    assert f"the filters leave out {len(SEED_PLACES) - syrian + 1} custom places" in caplog.text


def test_no_seeds_leaves_the_seed_places_out(dump_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert build(dump_dir, "--no-seeds") == 0
    assert "places (1 custom" in capsys.readouterr().out
    assert all(c["custom"] is False for c in resolve(dump_dir, "al-Tanf", capsys))


def test_a_bad_custom_file_fails_the_build_naming_the_line(
    dump_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (dump_dir / "custom.tsv").write_text(CUSTOM + "1006\tNowhere\t\t\tS.PSTB\tSY\t\n", encoding="utf-8")
    assert build(dump_dir) == 1
    assert "custom.tsv:3: a new place needs latitude, longitude" in caplog.text
    assert not (dump_dir / "index.sqlite").exists()


def test_strict_fails_on_a_malformed_line(dump_dir: Path, caplog: pytest.LogCaptureFixture) -> None:
    with zipfile.ZipFile(dump_dir / "SY.zip", "w") as archive:
        archive.writestr("SY.txt", "\n".join([*ROWS, "12\ttoo few"]) + "\n")
    assert build(dump_dir, "--strict") == 1
    assert "SY.zip:4: expected 19 tab-separated columns, found 2" in caplog.text


def test_verify_passes_a_sound_file_and_fails_a_damaged_one(
    dump_dir: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    assert build(dump_dir) == 0
    index = dump_dir / "index.sqlite"
    assert main(["index", "verify", str(index)]) == 0
    assert "checksum OK" in capsys.readouterr().out
    data = bytearray(index.read_bytes())
    data[len(data) - 100] ^= 0x01
    index.write_bytes(bytes(data))
    assert main(["index", "verify", str(index)]) == 2
    assert "checksum does not match" in caplog.text
