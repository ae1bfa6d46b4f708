"""Reading the index: lookups, names, admin names, localized names, and refusing bad files."""

from __future__ import annotations

import itertools
import mmap
import os
import shutil
import sqlite3
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path
from typing import Any, ClassVar

import pytest

from toponym_server.index.build import BuildSummary, build_index
from toponym_server.index.keyblocks import (
    BIG_KEY_ENTRIES,
    BLOCK_ENTRIES,
    COUNTRY_KEY_ENTRIES,
    Block,
    country_code_number,
    country_key,
)
from toponym_server.index.keyhash import key_hash
from toponym_server.index.reader import (
    COMPACT_FACTS_AT,
    IndexFileError,
    IndexReader,
    NameRow,
    PlaceRow,
    open_index,
    packed_views,
    unpacked_name,
)
from toponym_server.index.schema import FORMAT_VERSION, PLACE_FACT_COLUMNS
from toponym_server.index.warmth import listed_name_ids
from toponym_server.matching.keys import EXACT, PHONETIC, exact_key, name_keys, query_keys
from toponym_server.matching.normalize import normalize
from toponym_server.matching.ranking import FLAG_CANONICAL, FLAG_NON_LATIN, FLAG_PREFERRED
from toponym_server.sources.records import NameRecord, PlaceRecord

from ..smaps import linux_smaps, mappings_of
from .conftest import (
    ALEPPO,
    DAMASCUS,
    EXPECTED_NAMES,
    EXPECTED_PLACES,
    HAMA,
    HAMA_JP,
    HASAKAH,
    RAQQA,
    RAQQA_GOVERNORATE,
    SYRIA,
    ListSource,
)


def places_under(reader: IndexReader, key: str, limit: int = 50) -> list[int]:
    """The distinct places posted under ``key``, in posting order (a place may hold several spellings)."""
    return list(dict.fromkeys(place_id for _name_id, place_id in reader.lookup(key, limit)))


def phonetic_key(text: str) -> str:
    return PHONETIC + normalize(text).phonetic


# --- counts and meta -------------------------------------------------------------------


def test_counts_match_the_build(reader: IndexReader, built: BuildSummary) -> None:
    assert reader.place_count == built.places == EXPECTED_PLACES
    assert reader.name_count == built.names == EXPECTED_NAMES
    assert reader.meta["places"] == str(EXPECTED_PLACES)
    assert reader.meta["names"] == str(EXPECTED_NAMES)
    assert reader.meta["format_version"] == FORMAT_VERSION


# --- lookups ---------------------------------------------------------------------------


def test_lookup_returns_prominent_places_first(reader: IndexReader) -> None:
    # the Syrian provincial capital before the Japanese village of the same name
    assert places_under(reader, phonetic_key("Hama")) == [HAMA, HAMA_JP]
    assert places_under(reader, EXACT + "hama") == [HAMA, HAMA_JP]
    # the city (more populous on the prominence scale) before the governorate
    assert places_under(reader, phonetic_key("Raqqa")) == [RAQQA, RAQQA_GOVERNORATE]


def test_lookup_respects_the_limit(reader: IndexReader) -> None:
    assert len(reader.lookup(phonetic_key("Hama"), 50)) > 1
    assert [place_id for _name_id, place_id in reader.lookup(phonetic_key("Hama"), 1)] == [HAMA]


def test_a_country_filtered_lookup_keeps_only_that_countrys_places_in_order(reader: IndexReader) -> None:
    key = phonetic_key("Hama")
    assert [p for _n, p in reader.lookup_in_countries(key, ["jp"], 10)] == [HAMA_JP]
    assert list(dict.fromkeys(p for _n, p in reader.lookup_in_countries(key, ["SY", "JP"], 10))) == [HAMA, HAMA_JP]
    assert reader.lookup_in_countries(key, ["SY", "JP"], 1) == reader.lookup(key, 1)
    assert reader.lookup_in_countries(key, ["IQ"], 10) == []
    # A code of another length is not cut to two letters (*SYR* is not SY).
    assert reader.lookup_in_countries(key, ["SYR", "J"], 10) == []


def test_lookup_of_an_unknown_key_is_empty(reader: IndexReader) -> None:
    assert reader.lookup(EXACT + "atlantis", 10) == []


def test_a_place_posts_each_distinct_spelling_once_per_key(reader: IndexReader) -> None:
    # Al Ḩasakah has four names whose phonetic form is "hasaka"; "Al Ḩasakah" and its ASCII
    # name "Al Hasakah" fold alike, so three distinct spellings are posted under the key
    # (Хасеке folds as Khaseke, as BGN/PCGN romanises Russian).
    postings = reader.lookup(phonetic_key("Hasakah"), 50)
    assert {place_id for _name_id, place_id in postings} == {HASAKAH}
    names = reader.names_by_id([name_id for name_id, _place_id in postings])
    folded = [n.folded for n in names]
    assert len(folded) == len(set(folded))
    assert set(folded) == {"al hasakah", "hasakah", "khaseke"}


@pytest.mark.parametrize(
    ("query", "place_id"),
    [
        ("Hassakeh", HASAKAH),
        ("Хасеке", HASAKAH),
        ("الحسكة", HASAKAH),
        ("Dimashq", DAMASCUS),
        ("دمشق", DAMASCUS),
        ("Halab", ALEPPO),
        ("Rakka", RAQQA),
        ("Syria", SYRIA),
    ],
)
def test_query_keys_reach_the_place(reader: IndexReader, query: str, place_id: int) -> None:
    keys = query_keys(normalize(query))
    reached = {p for key in (*keys.exact, *keys.phonetic, *keys.skeleton) for p in places_under(reader, key)}
    assert place_id in reached


def test_lookup_pairs_name_and_place(reader: IndexReader) -> None:
    [(name_id, place_id)] = reader.lookup(EXACT + "dimashq", 10)
    [name] = reader.names_by_id([name_id])
    assert (name.text, name.place_id, place_id) == ("Dimashq", DAMASCUS, DAMASCUS)


# --- places and names ------------------------------------------------------------------


def test_one_place_by_id(reader: IndexReader) -> None:
    hama = reader.place(HAMA)
    assert hama == reader.places_by_id([HAMA])[HAMA]
    assert isinstance(hama, PlaceRow)
    assert hama.custom is False
    assert reader.place(999_999_999) is None


def test_places_by_id(reader: IndexReader) -> None:
    places = reader.places_by_id([HAMA, 999_999_999])
    assert set(places) == {HAMA}
    hama = places[HAMA]
    assert (hama.name, hama.country_code, hama.feature_code, hama.admin1_code) == ("Hama", "SY", "PPLA", "10")
    assert hama.population == 460602
    assert 0.0 < hama.prominence < 1.0
    assert reader.places_by_id([]) == {}


def test_prominence_is_stored(reader: IndexReader) -> None:
    places = reader.places_by_id([SYRIA, HAMA, HAMA_JP])
    assert places[SYRIA].prominence == 1.0
    assert places[SYRIA].prominence > places[HAMA].prominence > places[HAMA_JP].prominence


def test_names_of_place_canonical_first(reader: IndexReader) -> None:
    names = reader.names_of_place(HASAKAH)
    assert [n.text for n in names] == ["Al Ḩasakah", "Al Hasakah", "Hasakah", "الحسكة", "Хасеке"]
    assert all(n.place_id == HASAKAH for n in names)
    assert [bool(n.flags & FLAG_CANONICAL) for n in names] == [True, True, False, False, False]
    assert [bool(n.flags & FLAG_NON_LATIN) for n in names] == [False, False, False, True, True]
    assert names[0].folded == "al hasakah"
    assert names[0].phonetic == normalize("Al Ḩasakah").phonetic


def test_names_folded_as_a_query_are_that_places_alone(reader: IndexReader) -> None:
    canonical = [("Al Ḩasakah", FLAG_CANONICAL), ("Al Hasakah", FLAG_CANONICAL)]
    assert reader.names_folded_as(HASAKAH, "al hasakah") == canonical
    assert reader.names_folded_as(HASAKAH, "hasakah") == [("Hasakah", 0)]
    assert reader.names_folded_as(ALEPPO, "hasakah") == []


def test_names_of_an_unknown_place(reader: IndexReader) -> None:
    assert reader.names_of_place(999_999_999) == []


def test_names_by_id(reader: IndexReader) -> None:
    names = reader.names_of_place(ALEPPO)
    again = reader.names_by_id([n.name_id for n in names])
    assert sorted(again, key=lambda n: n.name_id) == names
    assert reader.names_by_id([]) == []


def test_names_come_with_their_places_ranking_facts(reader: IndexReader) -> None:
    names = reader.names_of_place(ALEPPO)
    aleppo = reader.places_by_id([ALEPPO])[ALEPPO]
    rows = list(reader.names_with_place_facts([n.name_id for n in names]))
    assert sorted(map(unpacked_name, rows)) == names
    assert {row[COMPACT_FACTS_AT:] for row in rows} == {
        tuple(getattr(aleppo, column) for column in PLACE_FACT_COLUMNS)
    }
    assert list(reader.names_with_place_facts([])) == []


@pytest.mark.parametrize("text", ["Tell|Abyad", "a|b|c|d|e|f", "|", "حلب"])
def test_a_compact_row_gives_back_a_text_that_holds_the_views_separator(text: str) -> None:
    # The views are only ever a-z, 0-9 and spaces; the text is split off last, whole.
    row = (7, 3, f"tell abyad|tal abad|tl bt|tel abiad|{text}", "ar", 1)
    assert unpacked_name(row) == NameRow(7, 3, text, "ar", 1, "tell abyad", "tal abad", "tl bt", "tel abiad")


def test_packed_views_are_what_a_compact_row_holds(reader: IndexReader) -> None:
    names = reader.names_of_place(ALEPPO)
    rows = reader.names_with_place_facts([n.name_id for n in names])
    by_id = {n.name_id: n for n in names}
    for row in rows:
        name = by_id[row[0]]
        assert row[2] == packed_views(name.folded, name.phonetic, name.skeleton, name.spelled, name.text)


def test_a_compact_row_keeps_an_empty_view() -> None:
    row = (7, 3, "a||c|d|Name", "", 0)
    assert unpacked_name(row) == NameRow(7, 3, "Name", "", 0, "a", "", "c", "d")


def test_name_rows_share_their_language_feature_and_country_codes(reader: IndexReader) -> None:
    """A resolver keeps many rows: equal codes are one string object, not one each."""
    names = reader.names_of_place(ALEPPO) + reader.names_of_place(HAMA)
    rows = reader.names_with_place_facts([n.name_id for n in names])
    columns = {
        "lang": 3,
        "feature_code": COMPACT_FACTS_AT + PLACE_FACT_COLUMNS.index("feature_code"),
        "country_code": COMPACT_FACTS_AT + PLACE_FACT_COLUMNS.index("country_code"),
    }
    for column, at in columns.items():
        values = [row[at] for row in rows]
        assert len(values) > len(set(values)), column  # some rows share a value
        assert len({id(value) for value in values}) == len(set(values)), column


def test_admin_name(reader: IndexReader) -> None:
    assert reader.admin_name("SY.04") == "Ar-Raqqah"
    assert reader.admin_name("SY.13") == "Dimashq"
    assert reader.admin_name("SY.99") == ""
    assert reader.admin_name("") == ""


def test_admin1_names_are_every_first_level_division_by_code(reader: IndexReader) -> None:
    names = reader.admin1_names()
    assert names["SY.04"] == "Ar-Raqqah"
    assert names["SY.13"] == "Dimashq"
    assert all(code.count(".") == 1 and name == reader.admin_name(code) for code, name in names.items())


def test_localized_name_of_a_country_from_country_info(reader: IndexReader) -> None:
    assert reader.localized_name(SYRIA, "en") == "Syria"
    assert reader.localized_name(SYRIA, "en-GB") == "Syria"
    assert reader.localized_name(SYRIA, "fr") == ""
    # dump alternate names carry no language
    assert reader.localized_name(ALEPPO, "en") == ""


def test_names_in_language_finds_a_places_tagged_names_behind_the_one_kept_per_spelling(
    languages_reader: IndexReader,
) -> None:
    # Aleppo's canonical name and its English name fold alike: the key entries keep the first.
    assert languages_reader.names_in_language([(ALEPPO, "aleppo")], "en") == [(ALEPPO, "aleppo", "en", "Aleppo")]
    assert languages_reader.names_in_language([(ALEPPO, "aleppo")], "fr") == []
    assert languages_reader.names_in_language([(ALEPPO, "alep")], "fr") == [(ALEPPO, "alep", "fr", "Alep")]
    # Only the spellings asked for, of the places asked for.
    assert languages_reader.names_in_language([(ALEPPO, "aleppo"), (DAMASCUS, "alep")], "fr") == []
    assert languages_reader.names_in_language([], "fr") == []


def test_localized_name_prefers_exact_tag_then_preferred_names(languages_reader: IndexReader) -> None:
    assert languages_reader.localized_name(ALEPPO, "fr") == "Alep"
    assert languages_reader.localized_name(ALEPPO, "fr-CA") == "Alep (Québec)"
    assert languages_reader.localized_name(ALEPPO, "fr-BE") == "Alep"
    assert languages_reader.localized_name(ALEPPO, "ar") == "حلب"  # preferred, though listed second
    assert languages_reader.localized_name(ALEPPO, "en") == "Aleppo"
    assert languages_reader.localized_name(ALEPPO, "de") == ""
    assert languages_reader.localized_name(HAMA, "fr") == ""


def test_localized_name_reads_a_tag_in_any_case(languages_reader: IndexReader) -> None:
    # BCP 47 tags are not case-sensitive: before, fr-ca (as zh-hant) fell back to the base language's name.
    assert languages_reader.localized_name(ALEPPO, "fr-ca") == "Alep (Québec)"
    assert languages_reader.localized_name(ALEPPO, "FR-CA") == "Alep (Québec)"
    assert languages_reader.localized_name(ALEPPO, "AR") == "حلب"


def test_localized_name_gives_a_historic_or_colloquial_name_or_a_code_only_when_there_is_no_other(
    tmp_path: Path,
) -> None:
    # Before, Mumbai in English was Bombay, New York City Big Apple and Saint Petersburg Leningrad,
    # whichever row came first.
    def name(text: str, lang: str = "en", **flags: bool) -> NameRecord:
        return NameRecord(text, lang, **flags)

    mumbai = PlaceRecord(
        1275339,
        "Mumbai",
        "Mumbai",
        19.07,
        72.88,
        "P",
        "PPLA",
        "IN",
        names=(name("Bombay", is_historic=True), name("Mumbai")),
    )
    new_york = PlaceRecord(
        5128581,
        "New York City",
        "New York City",
        40.71,
        -74.0,
        "P",
        "PPL",
        "US",
        names=(name("Big Apple", is_colloquial=True), name("NYC", is_short=True), name("New York"), name("NY")),
    )
    bombay_only = PlaceRecord(
        9000001, "Old Town", "Old Town", 19.0, 72.8, "P", "PPL", "IN", names=(name("Bombay", is_historic=True),)
    )
    path = tmp_path / "index.sqlite"
    build_index(ListSource([mumbai, new_york, bombay_only]), path, progress=False)
    with closing(open_index(path)) as names:
        assert names.localized_name(1275339, "en") == "Mumbai"
        assert names.localized_name(5128581, "en") == "New York"  # NYC and NY read as codes
        assert names.localized_name(9000001, "en") == "Bombay"


def test_preferred_flag_is_stored(languages_reader: IndexReader) -> None:
    flags = {(n.text, n.lang): n.flags for n in languages_reader.names_of_place(ALEPPO)}
    assert flags[("حلب", "ar")] & FLAG_PREFERRED
    assert not flags[("حلب الشهباء", "ar")] & FLAG_PREFERRED


def test_reader_is_usable_from_several_threads(reader: IndexReader) -> None:
    key = phonetic_key("Hama")
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: places_under(reader, key), range(8)))
    assert results == [[HAMA, HAMA_JP]] * 8


def test_threads_reading_at_once_each_get_their_own_rows(reader: IndexReader) -> None:
    # Each read's rows are its own, however the threads interleave, a cursor read row by row
    # between other reads included: the interpreter is made to switch threads as often as it can.
    places = [ALEPPO, DAMASCUS, HAMA, HAMA_JP, HASAKAH, RAQQA, RAQQA_GOVERNORATE, SYRIA]
    name_ids = [name.name_id for place in places for name in reader.names_of_place(place)]
    keys = []
    for text in ("Aleppo", "Hama", "Raqqa", "Hasakah", "Damascus"):
        found = query_keys(normalize(text))
        keys += [*found.exact, *found.phonetic, *found.skeleton, *found.fuzzy]

    def read_rows_slowly(ids: tuple[int, ...]) -> list[tuple[Any, ...]]:
        rows = []
        for row in reader.names_with_place_facts(list(ids)):
            rows.append(row)
            reader.lookup(keys[len(rows) % len(keys)], 5)  # another read while this one is open
        return sorted(rows)

    reads: list[tuple[Any, ...]] = [(reader.lookup, key, 50) for key in keys]
    reads += [(reader.names_of_place, place) for place in places]
    reads += [(reader.related, place) for place in places]
    reads += [(read_rows_slowly, tuple(name_ids[i : i + 3])) for i in range(0, len(name_ids), 3)]
    expected = [call(*args) for call, *args in reads]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            rounds = list(pool.map(lambda _: [call(*args) for call, *args in reads], range(24)))
    finally:
        sys.setswitchinterval(interval)
    assert all(got == expected for got in rounds)


@pytest.fixture
def own_copy(index_path: Path, tmp_path: Path) -> Path:
    """A copy of the index that no other reader of the session maps."""
    copy = tmp_path / "own.sqlite"
    shutil.copyfile(index_path, copy)
    return copy


def test_threads_reading_in_turns_and_outside_them_each_get_their_own_rows(reader: IndexReader) -> None:
    # Reads in turns share one connection, one thread at a time; reads outside them go through
    # each thread's own, at the same moments: every read gets its own rows however they interleave.
    places = [ALEPPO, DAMASCUS, HAMA, HAMA_JP, HASAKAH, RAQQA, RAQQA_GOVERNORATE, SYRIA]
    name_ids = [name.name_id for place in places for name in reader.names_of_place(place)]
    keys = [key for text in ("Aleppo", "Hama", "Raqqa") for key in query_keys(normalize(text)).fuzzy]
    reads: list[tuple[Any, ...]] = [(reader.lookup, key, 50) for key in keys]
    reads += [(reader.names_with_place_facts, name_ids[i : i + 5]) for i in range(0, len(name_ids), 5)]
    expected = [sorted(call(*args)) for call, *args in reads]

    def read_all(in_turns: bool) -> list[list[Any]]:
        got = []
        for call, *args in reads:
            if in_turns:
                with reader.turn():
                    got.append(sorted(call(*args)))
            else:
                got.append(sorted(call(*args)))
        return got

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            rounds = list(pool.map(lambda n: read_all(n % 2 == 0), range(24)))
    finally:
        sys.setswitchinterval(interval)
    assert all(got == expected for got in rounds)


def test_rows_read_in_a_turn_are_whole_and_stay_right_after_it(reader: IndexReader) -> None:
    # A cursor stepped after its turn could take another thread's statement (Python 3.12 and
    # later): the reader returns rows already read, which threads then look at after their turns.
    ids = [name.name_id for place in (ALEPPO, HAMA, RAQQA) for name in reader.names_of_place(place)]
    expected = [sorted(reader.names_with_place_facts(ids[n:])) for n in range(3)]
    with reader.turn():
        rows = reader.names_with_place_facts(ids)
        places = reader.place_fields_by_id([ALEPPO, HAMA])
    assert isinstance(rows, list) and isinstance(places, list)

    def read_in_a_turn(n: int) -> list[Any]:
        with reader.turn():
            got = reader.names_with_place_facts(ids[n % 3 :])
        return sorted(got)  # looked at after the turn

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            rounds = list(pool.map(read_in_a_turn, range(48)))
    finally:
        sys.setswitchinterval(interval)
    assert all(got == expected[n % 3] for n, got in enumerate(rounds))


def test_a_file_not_kept_is_read_in_turns_unmapped(own_copy: Path) -> None:
    reader = open_index(own_copy)
    try:
        with reader.turn():
            assert places_under(reader, phonetic_key("Hama")) == [HAMA, HAMA_JP]
        assert not reader.maps_file
        if Path("/proc/self/smaps").exists():
            assert mappings_of(os.getpid(), own_copy) == [], "its pages count in no process's resident memory"
    finally:
        reader.close()


def test_a_kept_file_is_read_in_turns_through_one_map_whatever_the_threads(own_copy: Path) -> None:
    if not _sqlite_with_dbstat():
        pytest.skip("this SQLite has no dbstat")
    reader = open_index(own_copy)
    try:
        reader.keep_in_memory()
        assert reader.maps_file
        key = phonetic_key("Hama")

        def in_a_turn(_: int) -> list[int]:
            with reader.turn():
                return places_under(reader, key)

        with ThreadPoolExecutor(max_workers=4) as pool:
            assert list(pool.map(in_a_turn, range(8))) == [[HAMA, HAMA_JP]] * 8
        if Path("/proc/self/smaps").exists():
            ((size, _),) = mappings_of(os.getpid(), own_copy)  # one map, whatever the threads
            assert size * 1024 >= own_copy.stat().st_size
            places_under(reader, key)  # outside a turn: the thread's own connection, which maps nothing
            assert len(mappings_of(os.getpid(), own_copy)) == 1
    finally:
        reader.close()


def test_a_file_past_sqlites_largest_map_is_read_in_turns_unmapped(
    own_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from toponym_server.index import reader as reader_module

    real = reader_module._map_whole_file
    monkeypatch.setattr(reader_module, "_map_whole_file", lambda conn, size: real(conn, 2**62))
    reader = open_index(own_copy)
    try:
        reader.keep_in_memory()
        assert not reader.maps_file
        with reader.turn():
            assert places_under(reader, phonetic_key("Hama")) == [HAMA, HAMA_JP]
        if Path("/proc/self/smaps").exists():
            ((size, resident),) = mappings_of(os.getpid(), own_copy)  # the reader's own map alone
            assert resident == size
    finally:
        reader.close()


def test_a_thread_in_a_turn_stays_in_it(reader: IndexReader) -> None:
    def twice() -> list[int]:
        with reader.turn(), reader.turn():  # not a second turn, which would wait on the first for ever
            return places_under(reader, phonetic_key("Hama"))

    with ThreadPoolExecutor(max_workers=1) as pool:
        assert pool.submit(twice).result(timeout=30) == [HAMA, HAMA_JP]


def test_a_block_that_fails_ends_its_turn_and_the_next_thread_takes_one(reader: IndexReader) -> None:
    def failing() -> None:
        with reader.turn(), reader.turn():
            raise LookupError("the block failed")

    found: list[list[int]] = []

    def after() -> None:
        with reader.turn():
            found.append(places_under(reader, phonetic_key("Hama")))

    with ThreadPoolExecutor(max_workers=1) as pool, pytest.raises(LookupError):
        pool.submit(failing).result(timeout=30)
    # A daemon thread: a turn left held would make it wait for ever, and the test must fail, not hang.
    other = threading.Thread(target=after, daemon=True)
    other.start()
    other.join(timeout=30)
    assert found == [[HAMA, HAMA_JP]]
    after()
    assert found[-1] == [HAMA, HAMA_JP]


def test_a_closed_reader_refuses_reads_in_turns_from_every_thread(own_copy: Path) -> None:
    reader = open_index(own_copy)
    reader.close()

    def in_a_turn() -> list[int]:
        with reader.turn():
            return places_under(reader, phonetic_key("Hama"))

    with ThreadPoolExecutor(max_workers=1) as pool, pytest.raises(sqlite3.ProgrammingError):
        pool.submit(in_a_turn).result()
    if Path("/proc/self/smaps").exists():
        assert mappings_of(os.getpid(), own_copy) == []


# --- refusing unusable files -----------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(IndexFileError, match="does not exist"):
        open_index(tmp_path / "nowhere.sqlite")


def test_directory_is_not_an_index(tmp_path: Path) -> None:
    with pytest.raises(IndexFileError):
        open_index(tmp_path)


@pytest.mark.parametrize("cut", ["half", "last page"])
def test_truncated_copy(tmp_path: Path, index_path: Path, cut: str) -> None:
    data = index_path.read_bytes()
    copy = tmp_path / "truncated.sqlite"
    copy.write_bytes(data[: len(data) // 2] if cut == "half" else data[:-4096])
    with pytest.raises(IndexFileError):
        open_index(copy)


def test_foreign_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "foreign.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE meta (key TEXT, value TEXT)")
    conn.execute("INSERT INTO meta VALUES ('format_version', ?)", (FORMAT_VERSION,))
    conn.commit()
    conn.close()
    with pytest.raises(IndexFileError, match="not a toponym index"):
        open_index(path)


def test_non_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("this is not a database, just some text\n" * 200)
    with pytest.raises(IndexFileError):
        open_index(path)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    path.touch()
    with pytest.raises(IndexFileError):
        open_index(path)


def edited_copy(index_path: Path, tmp_path: Path, sql: str) -> Path:
    copy = tmp_path / "edited.sqlite"
    shutil.copyfile(index_path, copy)
    conn = sqlite3.connect(copy)
    conn.execute(sql)
    conn.commit()
    conn.close()
    return copy


def test_other_format_version(tmp_path: Path, index_path: Path) -> None:
    copy = edited_copy(index_path, tmp_path, "UPDATE meta SET value = '999' WHERE key = 'format_version'")
    with pytest.raises(IndexFileError, match="format 999"):
        open_index(copy)


def test_a_format_10_file_is_read_and_lists_no_warm_names(
    tmp_path: Path, index_path: Path, reader: IndexReader
) -> None:
    copy = edited_copy(index_path, tmp_path, "UPDATE meta SET value = '10' WHERE key = 'format_version'")
    conn = sqlite3.connect(copy)
    conn.execute("DROP TABLE warm_names")
    conn.commit()
    conn.close()
    older = open_index(copy)
    try:
        assert older.warm_name_ids(10) == []
        first = reader.warm_name_ids(1)[0]
        assert older.names_by_id([first]) == reader.names_by_id([first])
    finally:
        older.close()


def test_warm_name_ids_are_the_listed_ones_warmest_first(reader: IndexReader, index_path: Path) -> None:
    conn = sqlite3.connect(index_path)
    listed = listed_name_ids(part for (part,) in conn.execute("SELECT name_ids FROM warm_names ORDER BY part"))
    conn.close()
    assert reader.warm_name_ids(5) == listed[:5]
    assert reader.warm_name_ids(len(listed) + 10) == listed
    assert reader.warm_name_ids(0) == []


def test_missing_format_version(tmp_path: Path, index_path: Path) -> None:
    copy = edited_copy(index_path, tmp_path, "DELETE FROM meta WHERE key = 'format_version'")
    with pytest.raises(IndexFileError):
        open_index(copy)


def test_unedited_copy_opens(tmp_path: Path, index_path: Path) -> None:
    copy = tmp_path / "copy.sqlite"
    shutil.copyfile(index_path, copy)
    opened = open_index(copy)
    assert opened.place_count == EXPECTED_PLACES
    opened.close()


def test_the_original_is_untouched_by_the_checks(index_path: Path, reader: IndexReader) -> None:
    assert open_index(index_path).meta == reader.meta


# --- keys whose entries fill several blocks ----------------------------------------------


def springfields() -> list[PlaceRecord]:
    """700 places named Springfield (in the US but every seventh, in Canada), and a Shelbyville."""
    places = [
        PlaceRecord(
            geoname_id=1000 + i,
            name="Springfield",
            ascii_name="Springfield",
            latitude=40.0 + i / 1000,
            longitude=-90.0,
            feature_class="P",
            feature_code="PPL",
            country_code="CA" if i % 7 == 0 else "US",
            population=10 * (700 - i),
        )
        for i in range(700)
    ]
    places.append(PlaceRecord(5000, "Shelbyville", "Shelbyville", 39.4, -88.8, "P", "PPL", "US", population=4700))
    return places


@pytest.fixture(scope="module")
def namesakes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[IndexReader]:
    """An index of :func:`springfields`."""
    path = tmp_path_factory.mktemp("namesakes") / "namesakes.sqlite"
    build_index(ListSource(springfields()), path, progress=False)
    reader = open_index(path)
    yield reader
    reader.close()


def test_a_key_is_stored_by_country_from_one_entry_past_the_bound(tmp_path: Path) -> None:
    # The build and the reader must agree on the bound: a key of 256 entries is read whole and
    # filtered, one of 257 is read under its country keys, which only then exist.
    def towns(name: str, count: int, first_id: int) -> list[PlaceRecord]:
        return [
            PlaceRecord(
                first_id + i, name, name, 10.0 + i / 1000, 20.0, "P", "PPL", "US" if i % 3 == 0 else "CA",
                population=1000 - i,
            )
            for i in range(count)
        ]

    path = tmp_path / "bound.sqlite"
    places = towns("Lakeview", BIG_KEY_ENTRIES, 1000) + towns("Hillcrest", BIG_KEY_ENTRIES + 1, 5000)
    build_index(ListSource(places), path, progress=False)
    index = open_index(path)
    for key, first_id, big in ((EXACT + "lakeview", 1000, False), (EXACT + "hillcrest", 5000, True)):
        everything = index.lookup(key, 1000)
        assert len(everything) == BIG_KEY_ENTRIES + big
        stored = index._entries(country_key(key_hash(key), country_code_number("US")), 1000)
        assert len(stored.names) == (min(86, COUNTRY_KEY_ENTRIES) if big else 0)
        in_us = [entry for entry in everything if (entry[1] - first_id) % 3 == 0]
        assert index.lookup_in_countries(key, ["US"], 1000) == in_us
    index.close()


@pytest.mark.parametrize("limit", [1, BLOCK_ENTRIES - 1, BLOCK_ENTRIES, BLOCK_ENTRIES + 1, 3 * BLOCK_ENTRIES + 5, 1000])
def test_a_key_spanning_blocks_yields_its_entries_in_order_up_to_the_limit(namesakes: IndexReader, limit: int) -> None:
    found = places_under(namesakes, EXACT + "springfield", limit)
    # most prominent (most populous) first, across block boundaries, nothing from the next key
    assert found == [1000 + i for i in range(min(limit, 700))]


def test_a_lookup_reads_only_the_blocks_its_limit_needs(
    namesakes: IndexReader, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocks: list[int] = []
    real = Block.parse

    def counting(entries: bytes) -> Block:
        blocks.append(len(entries))
        return real(entries)

    monkeypatch.setattr(Block, "parse", staticmethod(counting))
    for limit in (1, BLOCK_ENTRIES, 1000):
        blocks.clear()
        found = namesakes.lookup(EXACT + "springfield", limit)
        assert len(found) == min(limit, 700)
        # The key's entries start in some block; each further block holds at most BLOCK_ENTRIES of them.
        assert len(blocks) <= -(-min(limit, 700) // BLOCK_ENTRIES) + 1


def test_lookups_return_place_ids_past_four_bytes_as_they_are(tmp_path: Path) -> None:
    """Key entries store places in four bytes; other IDs (custom places', other gazetteers', negative) come back."""
    ids = [7, 2_147_483_647, 2_147_483_648, 1 << 40, 2_000_000_000_000, -3]
    places = [
        PlaceRecord(place_id, "Rivermouth", "Rivermouth", 10.0 + n, 20.0, "P", "PPL", "US", population=100 - n)
        for n, place_id in enumerate(ids)
    ]
    path = tmp_path / "far.sqlite"
    build_index(ListSource(places), path, progress=False)
    index = open_index(path)
    try:
        assert [place for _, place in index.lookup(EXACT + "rivermouth", 10)] == ids
        assert [place for _, place in index.lookup_in_countries(EXACT + "rivermouth", ["US"], 10)] == ids
        far = index._conn.execute("SELECT place_id FROM far_places ORDER BY number").fetchall()
        assert far == [(-3,), (2_147_483_648,), (1 << 40,), (2_000_000_000_000,)]
    finally:
        index.close()


def test_an_index_of_smaller_blocks_reads_the_same(
    namesakes: IndexReader, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file built with smaller blocks (format 8 held 128 entries a block) answers every lookup alike."""
    from toponym_server.index import keyblocks

    monkeypatch.setattr(keyblocks, "BLOCK_BYTES", 1000)
    path = tmp_path / "small-blocks.sqlite"
    build_index(ListSource(springfields()), path, progress=False)
    small = open_index(path)
    try:
        sizes = {length for (length,) in small._conn.execute("SELECT length(entries) FROM key_blocks")}
        page_filling = namesakes._conn.execute("SELECT max(length(entries)) FROM key_blocks").fetchone()[0]
        assert max(sizes) <= 1000 < page_filling
        for key in (EXACT + "springfield", EXACT + "shelbyville", phonetic_key("Springfield")):
            for limit in (1, 127, 128, 129, 184, 185, 300, 1000):
                assert small.lookup(key, limit) == namesakes.lookup(key, limit)
                for countries in (["CA"], ["US"], ["US", "CA"]):
                    assert small.lookup_with_countries(key, countries, limit) == namesakes.lookup_with_countries(
                        key, countries, limit
                    )
    finally:
        small.close()


def test_a_country_filtered_lookup_of_a_key_of_many_places_keeps_their_order(namesakes: IndexReader) -> None:
    found = [place for _, place in namesakes.lookup_in_countries(EXACT + "springfield", ["CA"], 1000)]
    assert found == [1000 + i for i in range(0, 700, 7)]
    assert [p for _, p in namesakes.lookup_in_countries(EXACT + "springfield", ["CA"], 3)] == [1000, 1007, 1014]
    # Read by country, several countries take turns, the first to come under the key first.
    both = [p for _, p in namesakes.lookup_in_countries(EXACT + "springfield", ["us", "CA"], 5)]
    assert both == [1000, 1001, 1007, 1002, 1014]


def test_a_country_filtered_lookup_reads_a_few_blocks_however_many_places_share_the_key(
    namesakes: IndexReader, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 700 Springfields fill six blocks; one in seven is Canadian. Reading them all to pick the
    # Canadian ones out cost a block read per 128 entries (up to hundreds of blocks at GeoNames size).
    reads: list[int] = []
    real = IndexReader._key_runs

    def counting(self: IndexReader, hashed: int) -> Iterator[tuple[Block, int, int]]:
        for run in real(self, hashed):
            reads.append(hashed)
            yield run

    monkeypatch.setattr(IndexReader, "_key_runs", counting)
    plain, in_canada = namesakes.lookup_with_countries(EXACT + "springfield", ["CA"], 32)
    assert [p for _, p in plain] == [1000 + i for i in range(32)]
    assert [p for _, p in in_canada] == [1000 + i for i in range(0, 32 * 7, 7)]
    assert len(reads) <= 5


def test_a_country_key_holds_the_first_entries_and_a_larger_limit_reads_the_key(namesakes: IndexReader) -> None:
    key = EXACT + "springfield"
    american = [entry for entry in namesakes.lookup(key, 1000) if (entry[1] - 1000) % 7 != 0]
    stored = namesakes._entries(country_key(key_hash(key), country_code_number("US")), 1000)
    assert list(zip(stored.names, stored.places, strict=True)) == american[:COUNTRY_KEY_ENTRIES]
    for limit in (COUNTRY_KEY_ENTRIES, COUNTRY_KEY_ENTRIES + 1, 1000):
        assert namesakes.lookup_in_countries(key, ["US"], limit) == american[:limit]


def test_a_lookup_with_countries_is_the_key_read_whole_then_filtered(
    reader: IndexReader, namesakes: IndexReader
) -> None:
    for index, key in ((reader, phonetic_key("Hama")), (namesakes, EXACT + "springfield")):
        everything = index.lookup(key, 10_000)
        country_of = {p: place.country_code for p, place in index.places_by_id([p for _, p in everything]).items()}
        for countries in (["SY"], ["JP", "sy"], ["CA"], ["US", "CA"], ["CA", "IQ", "US"], ["IQ"], []):
            codes = {c.upper() for c in countries}
            for limit in (1, 5, 300):
                in_countries = [e for e in everything if country_of[e[1]] in codes][:limit]
                if len(everything) > BIG_KEY_ENTRIES:  # the countries take turns, the first to come first
                    order = list(dict.fromkeys(country_of[p] for _, p in everything if country_of[p] in codes))
                    groups = [[e for e in everything if country_of[e[1]] == code] for code in order]
                    turns = itertools.zip_longest(*groups)
                    in_countries = [e for turn in turns for e in turn if e is not None][:limit]
                assert index.lookup_with_countries(key, countries, limit) == (everything[:limit], in_countries)


def test_the_keys_beside_a_long_one_in_key_order_are_found_whole(namesakes: IndexReader) -> None:
    """The keys stored right before and right after the one that fills several blocks."""
    posted: dict[int, tuple[str, set[tuple[int, int]]]] = {}
    for name_id, place_id, text in sqlite3.connect(namesakes.path).execute("SELECT id, place_id, text FROM names"):
        for key in name_keys(text):
            posted.setdefault(key_hash(key), (key, set()))[1].add((name_id, place_id))
    long_key = key_hash(EXACT + "springfield")
    before = max(h for h in posted if h < long_key)
    after = min(h for h in posted if h > long_key)
    for neighbour in (before, after):
        key, expected = posted[neighbour]
        assert set(namesakes.lookup(key, 10_000)) == expected, key
    assert namesakes.lookup(EXACT + "springfieldx", 10) == []


# --- reading the file ahead, not kept ------------------------------------------------------


def test_read_ahead_asks_for_the_whole_file_in_order(reader: IndexReader, monkeypatch: pytest.MonkeyPatch) -> None:
    from toponym_server.index import reader as reader_module

    monkeypatch.setattr(reader_module, "READ_AHEAD_CHUNK", 4096)
    asked: list[tuple[int, int, int]] = []
    monkeypatch.setattr(os, "posix_fadvise", lambda fd, offset, length, advice: asked.append((offset, length, advice)))
    size = reader.path.stat().st_size
    assert reader.read_ahead() is True
    assert {advice for _, _, advice in asked} == {os.POSIX_FADV_WILLNEED}
    covered = 0
    for offset, length, _ in asked:
        assert offset == covered and 0 < length <= 4096
        covered += length
    assert covered == size


@linux_smaps
def test_read_ahead_maps_nothing_more(reader: IndexReader) -> None:
    # What is read ahead is the page cache, which no process's resident memory counts: only the
    # pages that reads in turns met are resident, in SQLite's map.
    before = mappings_of(os.getpid(), reader.path)
    reader.read_ahead()
    assert mappings_of(os.getpid(), reader.path) == before


def test_read_ahead_without_fadvise_does_nothing(reader: IndexReader, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(os, "posix_fadvise", raising=False)
    opened: list[Path] = []
    real_open = Path.open

    def recording_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        opened.append(self)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", recording_open)
    assert reader.read_ahead() is False
    assert opened == [], "the file was read through: that pushes out what else is cached"


# --- keeping the file in memory -----------------------------------------------------------


class _TouchRecordingMap(mmap.mmap):
    """A read-only map that records the page of every byte read through it."""

    touched: ClassVar[set[int]] = set()

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, int):
            _TouchRecordingMap.touched.add(index // mmap.PAGESIZE)
        return super().__getitem__(index)


@pytest.fixture
def touches(monkeypatch: pytest.MonkeyPatch) -> set[int]:
    """The pages :meth:`IndexReader.keep_in_memory` touches in a map of its own, read in chunks ending mid-page."""
    from toponym_server.index import reader as reader_module

    monkeypatch.setattr(reader_module, "KEEP_IN_MEMORY_CHUNK", 3 * mmap.PAGESIZE + 100)
    monkeypatch.setattr(reader_module.mmap, "mmap", _TouchRecordingMap)
    _TouchRecordingMap.touched = set()
    return _TouchRecordingMap.touched


def test_keep_in_memory_touches_every_page_of_its_own_map(
    index_path: Path, touches: set[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from toponym_server.index import reader as reader_module

    monkeypatch.setattr(reader_module, "_map_whole_file", lambda conn, size: False)  # as past SQLite's largest map
    reader = open_index(index_path)
    try:
        reader.keep_in_memory()
        assert touches == set(range(-(-index_path.stat().st_size // mmap.PAGESIZE)))
        touches.clear()
        reader.keep_in_memory()  # again: nothing more
        assert touches == set()
        assert reader.lookup(exact_key(normalize("Hama")), 10), "queries read the file as before"
    finally:
        reader.close()


def test_every_page_is_touched_whatever_the_chunks_and_the_files_size(tmp_path: Path, touches: set[int]) -> None:
    from toponym_server.index import reader as reader_module

    reader_module.KEEP_IN_MEMORY_CHUNK = 3 * mmap.PAGESIZE + mmap.PAGESIZE - 96  # monkeypatched by `touches`
    odd = tmp_path / "odd"
    odd.write_bytes(bytes(5 * mmap.PAGESIZE + 17))  # its last page holds 17 bytes
    with odd.open("rb", buffering=0) as handle, reader_module.mmap.mmap(
        handle.fileno(), 0, access=mmap.ACCESS_READ
    ) as mapped:
        reader_module._touch_as_read(handle, mapped)
    assert touches == set(range(6))


@pytest.fixture(params=["sqlite's map", "a map of its own"])
def kept_by(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Keep the file through SQLite's map where this SQLite can, or through the reader's own map (no ``dbstat``)."""
    from toponym_server.index import reader as reader_module

    if request.param == "a map of its own":
        monkeypatch.setattr(reader_module, "_has_dbstat", lambda conn: False)
    elif not _sqlite_with_dbstat():
        pytest.skip("this SQLite has no dbstat")
    return str(request.param)


def _sqlite_with_dbstat() -> bool:
    try:
        sqlite3.connect(":memory:").execute("SELECT pageno FROM dbstat LIMIT 0").fetchall()
    except sqlite3.OperationalError:
        return False
    return True


@linux_smaps
def test_keep_in_memory_keeps_the_file_mapped_once_and_resident_until_closed(own_copy: Path, kept_by: str) -> None:
    reader = open_index(own_copy)
    try:
        assert mappings_of(os.getpid(), own_copy) == []
        reader.keep_in_memory()
        mapped = mappings_of(os.getpid(), own_copy)
        ((size, resident),) = mapped  # once: by SQLite, or by the reader where SQLite cannot
        assert resident == size and size * 1024 >= own_copy.stat().st_size
        assert reader.maps_file == (kept_by == "sqlite's map")
        reader.keep_in_memory()  # again: nothing more
        with reader.turn():
            assert reader.lookup(exact_key(normalize("Hama")), 10), "queries read the file as before"
        assert mappings_of(os.getpid(), own_copy) == mapped
    finally:
        reader.close()
    assert mappings_of(os.getpid(), own_copy) == []
    reader.keep_in_memory()  # a closed reader keeps nothing
    assert mappings_of(os.getpid(), own_copy) == []


def test_keep_in_memory_visits_sqlites_map_a_few_pages_a_turn(
    own_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from toponym_server.index import reader as reader_module

    if not _sqlite_with_dbstat():
        pytest.skip("this SQLite has no dbstat")
    monkeypatch.setattr(reader_module, "VISIT_PAGES_A_TURN", 1)
    reader = open_index(own_copy)
    taken = 0
    real_turn = IndexReader.turn

    def counted(self: IndexReader) -> Any:
        nonlocal taken
        taken += 1
        return real_turn(self)

    monkeypatch.setattr(IndexReader, "turn", counted)
    try:
        reader.keep_in_memory()
        listed = sqlite3.connect(own_copy).execute("SELECT count(*) FROM dbstat").fetchone()[0]
        assert listed > 1 and taken >= listed, "a query waits on a page of the walk at most"
    finally:
        reader.close()


@linux_smaps
def test_a_reader_closed_while_it_reads_the_file_keeps_nothing(
    own_copy: Path, monkeypatch: pytest.MonkeyPatch, kept_by: str
) -> None:
    from toponym_server.index import reader as reader_module

    reader = open_index(own_copy)
    if kept_by == "sqlite's map":
        read_through = IndexReader._read_through

        def read_closed_meanwhile(self: IndexReader, handle: Any) -> bool:
            done = read_through(self, handle)
            reader.close()  # as another thread would, before the pages are visited
            return done

        monkeypatch.setattr(IndexReader, "_read_through", read_closed_meanwhile)
    else:
        touch_as_read = reader_module._touch_as_read

        def closed_meanwhile(handle: Any, mapped: mmap.mmap) -> None:
            touch_as_read(handle, mapped)
            reader.close()  # as another thread would, before the map is kept

        monkeypatch.setattr(reader_module, "_touch_as_read", closed_meanwhile)
    reader.keep_in_memory()
    assert mappings_of(os.getpid(), own_copy) == []


def test_a_reader_closed_while_it_reads_the_file_through_stops_reading(
    own_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from toponym_server.index import reader as reader_module

    monkeypatch.setattr(reader_module, "KEEP_IN_MEMORY_CHUNK", mmap.PAGESIZE)
    reader = open_index(own_copy)
    reader.close()  # as another thread would, while the file is read through
    with own_copy.open("rb", buffering=0) as handle:
        assert reader._read_through(handle) is False
        assert handle.tell() == mmap.PAGESIZE, "one chunk read, not the whole file"


def test_keep_in_memory_refuses_a_file_that_replaced_the_one_opened(index_path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "index.sqlite"
    shutil.copyfile(index_path, copy)
    reader = open_index(copy)
    try:
        replacement = tmp_path / "rebuilt.sqlite"
        shutil.copyfile(index_path, replacement)
        replacement.replace(copy)  # as a deploy swaps in a rebuilt index
        with pytest.raises(OSError, match="no longer the file"):
            reader.keep_in_memory()
    finally:
        reader.close()


def test_keep_in_memory_of_a_file_gone_from_its_path_raises_os_error(index_path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "index.sqlite"
    shutil.copyfile(index_path, copy)
    reader = open_index(copy)
    try:
        copy.unlink()
        with pytest.raises(OSError):
            reader.keep_in_memory()
    finally:
        reader.close()


def test_a_directory_is_refused_as_one(tmp_path: Path) -> None:
    with pytest.raises(IndexFileError, match="is a directory, not an index file"):
        IndexReader(tmp_path)


def test_a_builds_unfinished_file_is_called_one(own_copy: Path) -> None:
    # A build writes its meta rows last, all at once: a file killed before them has none.
    with closing(sqlite3.connect(own_copy)) as conn, conn:
        conn.execute("DELETE FROM meta")
    with pytest.raises(IndexFileError, match="is an unfinished build"):
        IndexReader(own_copy)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file whatever its mode")
def test_a_file_this_process_may_not_read_is_not_called_damaged(own_copy: Path) -> None:
    own_copy.chmod(0)
    with pytest.raises(IndexFileError, match="cannot be read by this process"):
        IndexReader(own_copy)
