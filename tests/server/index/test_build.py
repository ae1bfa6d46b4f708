"""Building the index file: counts, contents, and atomic replacement."""

from __future__ import annotations

import logging
import multiprocessing
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from toponym_server.index.build import BuildSummary, build_index, exit_with, expected_fingerprint, normalize_names
from toponym_server.index.keyblocks import BLOCK_BYTES, BLOCK_ENTRIES, ENTRY_BYTES, KEY_BYTES, PAGE_SIZE, Block
from toponym_server.index.reader import IndexReader, open_index
from toponym_server.index.schema import APPLICATION_ID, FORMAT_VERSION
from toponym_server.matching.normalize import content_spelling
from toponym_server.matching.ranking import FLAG_CANONICAL, FLAG_NON_LATIN, FLAG_ROMANISED
from toponym_server.sources.geonames import GeoNamesDumpSource
from toponym_server.sources.records import PlaceRecord

from .conftest import DAMASCUS, EXPECTED_NAMES, EXPECTED_PLACES, HASAKAH, SYRIA, ListSource, write_fixture


class SourceThatBreaks:
    """Yields a few places of a real source, then fails as a broken download would."""

    def __init__(self, source: GeoNamesDumpSource, after: int = 3) -> None:
        self.source = source
        self.after = after

    def places(self) -> Iterator[PlaceRecord]:
        for number, place in enumerate(self.source.places()):
            if number == self.after:
                raise OSError("connection reset while reading the dump")
            yield place

    def admin_divisions(self):  # type: ignore[no-untyped-def]
        return self.source.admin_divisions()

    def alternate_names(self):  # type: ignore[no-untyped-def]
        return self.source.alternate_names()

    def fingerprint(self) -> str:
        return "broken"

    def describe(self) -> str:
        return "a source that breaks"


def query(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_summary_counts(built: BuildSummary) -> None:
    assert built.places == EXPECTED_PLACES
    assert built.names == EXPECTED_NAMES
    assert built.languages == 1  # only the English name countryInfo gives Syria
    assert built.keys > built.names
    assert built.size_bytes == built.path.stat().st_size > 0


def test_file_contents_match_the_summary(built: BuildSummary) -> None:
    assert query(built.path, "SELECT count(*) FROM places") == [(built.places,)]
    assert query(built.path, "SELECT count(*) FROM names") == [(built.names,)]
    blobs = query(built.path, "SELECT entries FROM key_blocks")
    assert sum(Block.parse(blob).entry_count for (blob,) in blobs) == built.keys  # type: ignore[arg-type]
    assert query(built.path, "PRAGMA application_id") == [(APPLICATION_ID,)]


def test_key_blocks_fill_their_pages_without_spilling(tmp_path: Path) -> None:
    """Each full block of key entries is one row on one page: no page is left a third empty, none overflows."""
    towns = [
        PlaceRecord(1000 + i, f"Town {i}", f"Town {i}", 10.0 + i / 100, 20.0, "P", "PPL", "US", population=i)
        for i in range(3000)
    ]
    path = tmp_path / "towns.sqlite"
    summary = build_index(ListSource(towns), path, progress=False)
    assert summary.keys > 40 * BLOCK_ENTRIES  # full blocks in the build's key ranges
    lengths = [length for (length,) in query(path, "SELECT length(entries) FROM key_blocks")]
    assert BLOCK_BYTES - ENTRY_BYTES - KEY_BYTES < max(lengths) <= BLOCK_BYTES  # full: the next entry would not fit
    assert query(path, "PRAGMA page_size") == [(PAGE_SIZE,)]
    try:
        pages = dict(query(path, "SELECT pagetype, count(*) FROM dbstat WHERE name = 'key_blocks' GROUP BY pagetype"))
    except sqlite3.OperationalError:
        pytest.skip("this SQLite has no dbstat table")
    assert "overflow" not in pages
    assert pages["leaf"] == len(lengths)  # one block a page


def test_the_build_sets_the_page_size_its_blocks_are_cut_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from toponym_server.index import build

    monkeypatch.setattr(build, "PAGE_SIZE", 8192)  # not SQLite's default: only a pragma that takes makes it so
    path = tmp_path / "pages.sqlite"
    build_index(ListSource([PlaceRecord(1, "Town", "Town", 1.0, 2.0, "P", "PPL", "US")]), path, progress=False)
    assert query(path, "PRAGMA page_size") == [(8192,)]


def test_meta_records_the_build(built: BuildSummary, fixture_source: GeoNamesDumpSource) -> None:
    meta = dict(query(built.path, "SELECT key, value FROM meta"))
    assert meta["format_version"] == FORMAT_VERSION
    assert meta["fingerprint"] == expected_fingerprint(fixture_source)
    assert meta["places"] == str(EXPECTED_PLACES)
    assert meta["names"] == str(EXPECTED_NAMES)
    assert "SY.txt" in meta["source"]


def test_duplicate_and_malformed_rows_are_skipped(built: BuildSummary) -> None:
    assert query(built.path, f"SELECT name FROM places WHERE id = {DAMASCUS}") == [("Damascus",)]
    assert query(built.path, "SELECT count(*) FROM places WHERE name = 'Broken line'") == [(0,)]


def test_duplicate_place_is_reported(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    source = write_fixture(tmp_path / "data")
    with caplog.at_level(logging.WARNING):
        build_index(source, tmp_path / "index.sqlite", progress=False)
    messages = [r.getMessage() for r in caplog.records]
    assert any(f"second record for place {DAMASCUS}" in m for m in messages)
    assert any("SY.txt:6:" in m for m in messages)  # the malformed line, with its file and line


def test_names_carry_flags(built: BuildSummary) -> None:
    rows = dict(query(built.path, f"SELECT text, flags FROM names WHERE place_id = {HASAKAH}"))
    assert rows["Al Ḩasakah"] & FLAG_CANONICAL
    assert rows["Al Hasakah"] & FLAG_CANONICAL
    assert not rows["Hasakah"] & FLAG_CANONICAL
    assert rows["الحسكة"] & FLAG_NON_LATIN
    assert rows["Хасеке"] & FLAG_NON_LATIN
    assert not rows["Al Ḩasakah"] & FLAG_NON_LATIN


def test_a_pinyin_romanisation_is_flagged_as_the_chinese_name_it_reads() -> None:
    # GeoNames lists "ba li" beside 巴黎 (Paris): a transliteration, as the name it reads is.
    batch = normalize_names(["ba li", "巴黎", "Bali", "la paz"], [0, 0, 0, 0])
    assert [bool(flags & FLAG_NON_LATIN) for flags in batch.flags] == [True, True, False, False]
    assert batch.folded[:2] == ["ba li", "ba li"]


def test_an_alternate_name_in_lower_case_latin_is_flagged_a_romanisation() -> None:
    # GeoNames lists machine romanisations of Paris's other names: "pali", "barys".
    texts = ["pali", "barys", "Pali", "ba li", "paris", "al-Hasakah", "пали"]
    batch = normalize_names(texts, [0, 0, 0, 0, FLAG_CANONICAL, 0, 0])
    assert [bool(flags & FLAG_ROMANISED) for flags in batch.flags] == [True, True, False, False, False, False, False]


def test_names_carry_the_spelling_of_their_content_words(built: BuildSummary) -> None:
    rows = query(built.path, "SELECT folded, spelled FROM names")
    assert rows
    assert all(spelled == content_spelling(folded) for folded, spelled in rows)
    assert dict(rows)["al hasakah"] == "hasaka"


def test_country_added_from_country_info_is_indexed(built: BuildSummary) -> None:
    assert query(built.path, f"SELECT feature_code, country_code FROM places WHERE id = {SYRIA}") == [("PCLI", "SY")]
    assert [place for _name, place in open_index(built.path).lookup("fsyria", 10)] == [SYRIA]


# --- atomicity -------------------------------------------------------------------------


def test_failed_build_leaves_the_previous_index_intact(tmp_path: Path) -> None:
    source = write_fixture(tmp_path / "data")
    target = tmp_path / "out" / "index.sqlite"
    build_index(source, target, progress=False)
    before = target.read_bytes()

    with pytest.raises(OSError, match="connection reset"):
        build_index(SourceThatBreaks(source), target, progress=False)

    assert target.read_bytes() == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["index.sqlite"]
    assert open_index(target).place_count == EXPECTED_PLACES


def test_failed_build_without_previous_index_leaves_nothing(tmp_path: Path) -> None:
    source = write_fixture(tmp_path / "data")
    target = tmp_path / "out" / "index.sqlite"
    with pytest.raises(OSError):
        build_index(SourceThatBreaks(source, after=0), target, progress=False)
    assert list(target.parent.iterdir()) == []


def test_rebuild_replaces_the_index_and_open_readers_keep_their_file(tmp_path: Path) -> None:
    source = write_fixture(tmp_path / "data")
    target = tmp_path / "index.sqlite"
    build_index(source, target, progress=False)
    old = open_index(target)
    try:
        replacement = ListSource([next(iter(source.places()))], label="one place")
        summary = build_index(replacement, target, progress=False)
        assert summary.places == 1
        new = open_index(target)
        assert new.place_count == 1
        assert new.meta["source"] == "one place"
        new.close()
        # a server that had the old file open keeps answering from it
        assert old.places_by_id([SYRIA])
    finally:
        old.close()


def test_build_creates_missing_directories(tmp_path: Path) -> None:
    source = write_fixture(tmp_path / "data")
    target = tmp_path / "a" / "b" / "index.sqlite"
    build_index(source, target, progress=False)
    assert open_index(target).place_count == EXPECTED_PLACES


def test_stale_temporary_file_is_not_a_problem(tmp_path: Path) -> None:
    import os

    source = write_fixture(tmp_path / "data")
    target = tmp_path / "index.sqlite"
    (tmp_path / f".index.sqlite.{os.getpid()}.building").write_bytes(b"left over by a killed build")
    build_index(source, target, progress=False)
    assert open_index(target).place_count == EXPECTED_PLACES
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "index.sqlite"]


def test_codes_among_alternate_names_are_found_only_by_their_exact_spelling(tmp_path: Path) -> None:
    from toponym_server.matching.keys import name_keys
    from toponym_server.matching.ranking import FLAG_CODE

    sari = _place(116996, "Sari", "IR", (36.56, 53.06), 296417, ("SRY", "Sary"), "P.PPLA")
    reader = _indexed(tmp_path / "codes.sqlite", sari)
    code = next(n for n in reader.names_of_place(116996) if n.text == "SRY")
    assert code.flags & FLAG_CODE
    assert reader.lookup("fsry", 5), "the exact spelling still finds the place"
    phonetic_keys = {k for k in name_keys("SRY") if not k.startswith("f")}
    found_by = {name_id for key in phonetic_keys for name_id, _ in reader.lookup(key, 50)}
    assert code.name_id not in found_by


def _ended(pid: int) -> bool:
    """Whether process ``pid`` is gone or a zombie (ended, not yet reaped by its parent)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in ("Z", "X")


def _wait_until_ended(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if _ended(pid):
            return True
        time.sleep(0.05)
    return _ended(pid)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process states from /proc")
def test_a_build_worker_ends_when_the_build_is_killed() -> None:
    build = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    context = multiprocessing.get_context("forkserver")
    pool = ProcessPoolExecutor(1, mp_context=context, initializer=exit_with, initargs=(build.pid,))
    try:
        worker = pool.submit(os.getpid).result(timeout=60)
        assert not _ended(worker)
        build.kill()
        build.wait()
        assert _wait_until_ended(worker, 10), "the worker outlived the build"
    finally:
        build.kill()
        pool.shutdown(wait=False, cancel_futures=True)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process states from /proc")
def test_without_pidfds_a_build_worker_still_ends_with_the_build() -> None:
    build = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    worker = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import os, time\n"
            "del os.pidfd_open\n"
            "from toponym_server.index.build import exit_with\n"
            f"exit_with({build.pid})\n"
            "time.sleep(120)\n",
        ]
    )
    try:
        time.sleep(0.5)
        assert worker.poll() is None
        build.kill()
        build.wait()
        assert worker.wait(timeout=10) == 1
    finally:
        build.kill()
        worker.kill()


def test_a_build_worker_of_a_build_already_gone_ends_at_once() -> None:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    worker = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import time\n"
            "from toponym_server.index.build import exit_with\n"
            f"exit_with({gone.pid})\n"
            "time.sleep(120)\n",
        ]
    )
    try:
        assert worker.wait(timeout=20) == 1
    finally:
        worker.kill()


def _place(
    geoname_id: int,
    name: str,
    country: str,
    point: tuple[float, float],
    population: int,
    names: tuple[str, ...],
    feature: str = "P.PPL",
) -> PlaceRecord:
    """A place of the gazetteer with these alternate names, for a build of a few places."""
    from toponym_server.sources.records import NameRecord

    feature_class, feature_code = feature.split(".")
    return PlaceRecord(
        geoname_id=geoname_id,
        name=name,
        ascii_name=name,
        latitude=point[0],
        longitude=point[1],
        feature_class=feature_class,
        feature_code=feature_code,
        country_code=country,
        population=population,
        names=tuple(NameRecord(text) for text in names),
    )


def _indexed(path: Path, *places: PlaceRecord) -> IndexReader:
    """The index of ``places`` built at ``path``, opened."""
    build_index(ListSource(list(places)), path, progress=False)
    return open_index(path)


def _bethlehem(geoname_id: int, country: str, population: int) -> PlaceRecord:
    # GeoNames lists the romanisation byt lhm beside the Arabic and Hebrew names: all fold alike.
    names = ("byt lhm", "בית לחם", "بيت لحم", "بیت لحم")
    return _place(geoname_id, "Bethlehem", country, (31.70, 35.20), population, names)


def test_a_name_in_each_script_of_its_country_is_kept_under_its_exact_key(tmp_path: Path) -> None:
    from toponym_server.matching.keys import exact_key, name_keys
    from toponym_server.matching.normalize import normalize

    path = tmp_path / "scripts.sqlite"
    places = [_bethlehem(284315, "PS", 29019), _bethlehem(5180225, "US", 74892)]
    build_index(ListSource(places), path, progress=False)
    reader = open_index(path)
    names = {name.name_id: name for place in (284315, 5180225) for name in reader.names_of_place(place)}
    exact = exact_key(normalize("بيت لحم"))
    kept: dict[int, list[str]] = {284315: [], 5180225: []}
    for name_id, place_id in reader.lookup(exact, 50):
        kept[place_id].append(names[name_id].text)
    # The West Bank writes Arabic and Hebrew: a name of each (the Persian spelling, ی for ي, is
    # Arabic script's second). The United States writes neither: its first name folded so.
    assert sorted(kept[284315]) == sorted(["byt lhm", "בית לחם", "بيت لحم"])
    assert kept[5180225] == ["byt lhm"]
    for key in name_keys("بيت لحم") - {exact}:
        folded = [(place_id, names[name_id].folded) for name_id, place_id in reader.lookup(key, 50)]
        assert len(folded) == len(set(folded)), key


def test_a_query_in_arabic_script_meets_the_arabic_name_and_the_place_of_its_country(tmp_path: Path) -> None:
    from toponym_server.matching.similarity import MatchKind
    from toponym_server.resolver import Query, Resolver

    path = tmp_path / "bethlehems.sqlite"
    build_index(ListSource([_bethlehem(5180225, "US", 74892), _bethlehem(284315, "PS", 29019)]), path, progress=False)
    (first, *_) = Resolver(open_index(path)).resolve(Query("بيت لحم"))
    assert first.place.geoname_id == 284315
    # A name in the query's own script, not the romanisation GeoNames lists first (which of two
    # scripts folded alike decides is not told apart: the Hebrew name may stand for the Arabic).
    assert first.matched_name in ("بيت لحم", "בית לחם")
    assert first.match_kind is MatchKind.ALTERNATE_NAME


def test_each_writing_of_a_name_in_chinese_characters_is_kept_under_its_exact_key(tmp_path: Path) -> None:
    from toponym_server.matching.keys import exact_key
    from toponym_server.matching.normalize import normalize
    from toponym_server.resolver import Query, Resolver
    from toponym_server.sources.records import NameRecord

    # Denmark's traditional 丹麥 and simplified 丹麦 both read "dan mai", and a town named Denmark
    # is written 丹麦 too: asked in either form, the country is meant. Were only the first of the
    # country's names folded alike kept, 丹麦 would meet it only through 丹麥, and the town, written
    # so character for character, would come first.
    denmark = PlaceRecord(2623032, "Denmark", "Denmark", 56.0, 10.0, "A", "PCLI", "DK", population=5797446)
    town = PlaceRecord(4576544, "Denmark", "Denmark", 33.32, -81.14, "P", "PPL", "US", population=10_000)
    names = [(2623032, NameRecord("丹麥", "zh-Hant")), (2623032, NameRecord("丹麦", "zh-Hans"))]
    names += [(4576544, NameRecord("dan mai")), (4576544, NameRecord("丹麦"))]
    path = tmp_path / "denmarks.sqlite"
    build_index(ListSource([denmark, town], separate_names=names), path, progress=False)
    reader = open_index(path)
    texts = {name.name_id: name.text for place in (2623032, 4576544) for name in reader.names_of_place(place)}
    entries = reader.lookup(exact_key(normalize("丹麦")), 50)
    assert sorted(texts[name_id] for name_id, place_id in entries if place_id == 2623032) == ["丹麥", "丹麦"]
    resolver = Resolver(reader, stored_answers=False)
    for name in ("丹麦", "丹麥"):
        first = resolver.resolve(Query(name))[0]
        assert (first.place.geoname_id, first.matched_name) == (2623032, name)
    reader.close()


def test_of_names_folded_alike_a_key_keeps_the_one_in_latin_letters(tmp_path: Path) -> None:
    # Lebanon's Belarusian name Лібан folds as its French name Liban does, and GeoNames lists it
    # first: kept instead, it made a Latin *Liban* meet Lebanon only through a transliteration.
    from toponym_server.matching.keys import name_keys

    lebanon = _place(272103, "Lebanon", "LB", (33.83, 35.83), 6848925, ("Лібан", "Liban"), "A.PCLI")
    reader = _indexed(tmp_path / "latin.sqlite", lebanon)
    names = {name.name_id: name.text for name in reader.names_of_place(272103)}
    for key in name_keys("Liban"):
        kept = [names[name_id] for name_id, _ in reader.lookup(key, 50)]
        assert "Liban" in kept and "Лібан" not in kept, key
