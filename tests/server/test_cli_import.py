"""``toponym index build`` from zipped GeoNames files with custom places, and ``toponym index verify``."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from toponym_server.cli import main

from .index.conftest import dump_row

ROWS = [
    dump_row(174448, "Abu Kamal", "Abu Kamal", "", 34.4506, 40.9171, "P.PPL", "SY", "07", 57000),
    dump_row(92138, "Al Qaim", "Al Qaim", "", 34.3683, 41.0944, "P.PPL", "IQ", "01", 74100),
    dump_row(9001, "Nahr al Khabur", "Nahr al Khabur", "", 35.1, 40.4, "H.STM", "SY"),
]
ALTERNATES = ["1\t174448\tar\tالبوكمال\t1\t\t\t\t\t", "2\t92138\tlink\thttps://example.org\t\t\t\t\t\t"]
CUSTOM = "id\tname\tlatitude\tlongitude\tfeature\tcountry_code\tnames\n5\tCamp Echo\t34.4\t40.95\tS.CMPRF\tSY\tEcho\n"


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
    assert "places (3 custom" in summary  # Camp Echo and the two seed crossings, not the seed region (class A)
    assert "cross-border links" in summary
    (kamal, *_) = resolve(dump_dir, "البوكمال", capsys)
    assert kamal["geoname_id"] == 174448
    assert [r["geoname_id"] for r in kamal["related"]] == [92138]  # type: ignore[index]
    (camp, *_) = resolve(dump_dir, "Camp Echo", capsys)
    assert camp["geoname_id"] == 1_000_000_000_005 and camp["custom"] is True
    assert resolve(dump_dir, "Nahr al Khabur", capsys) == []  # class H was filtered out
    assert resolve(dump_dir, "al-Tanf", capsys)[0]["custom"] is True


def test_the_filters_apply_to_custom_places_as_to_the_dump(
    dump_dir: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    # A Syrian index held the seeds' Iraqi crossing and region, ranked for every caller.
    (dump_dir / "custom.tsv").write_text(CUSTOM + "6\tCamp Foxtrot\t36.1\t43.9\tS.CMPRF\tIQ\t\n", encoding="utf-8")
    assert build(dump_dir, "--countries", "SY") == 0
    assert "places (2 custom" in capsys.readouterr().out  # Camp Echo and al-Tanf
    assert resolve(dump_dir, "al-Tanf", capsys)[0]["custom"] is True
    assert resolve(dump_dir, "Camp Echo", capsys)[0]["custom"] is True
    for left_out in ("al-Waleed", "Camp Foxtrot", "Kurdistan Region"):
        assert all(c["custom"] is False for c in resolve(dump_dir, left_out, capsys)), left_out
        assert f"{left_out} (" in caplog.text
    assert "the filters leave out 3 custom places" in caplog.text


def test_no_seeds_leaves_the_seed_places_out(dump_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert build(dump_dir, "--no-seeds") == 0
    assert "places (1 custom" in capsys.readouterr().out
    assert all(c["custom"] is False for c in resolve(dump_dir, "al-Tanf", capsys))


def test_a_bad_custom_file_fails_the_build_naming_the_line(
    dump_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (dump_dir / "custom.tsv").write_text(CUSTOM + "6\tNowhere\t\t\tS.PSTB\tSY\t\n", encoding="utf-8")
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
