"""The curated crosswalk file."""

from __future__ import annotations

from pathlib import Path

import pytest

from toponym_server.sources.crosswalk import CrosswalkError, CrosswalkLink, read_crosswalk
from toponym_server.sources.custom import CUSTOM_ID_BASE
from toponym_server.sources.seeds import seed_crosswalk


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "crosswalk.tsv"
    path.write_text("# links\nplace\tcounterpart\trelation\tnote\n" + body, encoding="utf-8")
    return path


def test_links_name_geonames_and_custom_places(tmp_path: Path) -> None:
    links, fingerprint = read_crosswalk(write(tmp_path, "custom:1\t92138\tacross_border\ttwins\n"))
    assert links == (CrosswalkLink(CUSTOM_ID_BASE + 1, 92138, "across_border", "twins"),)
    assert fingerprint


@pytest.mark.parametrize(
    ("row", "message"),
    [("1\t2\tsister_city\t\n", "unknown relation"), ("custom:x\t2\tacross_border\t\n", "neither a GeoNames ID")],
)
def test_bad_rows_are_refused_with_their_line(tmp_path: Path, row: str, message: str) -> None:
    path = write(tmp_path, row)
    with pytest.raises(CrosswalkError, match=message) as raised:
        read_crosswalk(path)
    assert f"{path}:3:" in str(raised.value)


def test_a_file_without_the_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "crosswalk.tsv"
    path.write_text("1\t2\tacross_border\n", encoding="utf-8")
    with pytest.raises(CrosswalkError, match="header"):
        read_crosswalk(path)


def test_the_seed_crosswalk_links_tanf_to_waleed_and_bukamal_to_qaim() -> None:
    links, _ = seed_crosswalk()
    pairs = {(link.place_id, link.counterpart_id) for link in links}
    assert (CUSTOM_ID_BASE + 1, CUSTOM_ID_BASE + 2) in pairs
    assert (174448, 92138) in pairs
