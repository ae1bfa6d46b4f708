"""Importing a full GeoNames-style gazetteer: alternate names, custom places, cross-border links, checksums."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest

from toponym_server.index import build as build_module
from toponym_server.index.build import BuildOptions, BuildSummary, build_index
from toponym_server.index.reader import IndexFileError, IndexReader, open_index, unpacked_name
from toponym_server.index.schema import PLACE_FACT_COLUMNS
from toponym_server.matching.ranking import FLAG_CUSTOM, FLAG_PREFERRED
from toponym_server.resolver import Query, Resolver
from toponym_server.sources.crosswalk import CrosswalkLink
from toponym_server.sources.custom import CUSTOM_ID_BASE, CustomGazetteer
from toponym_server.sources.geonames import GeoNamesDumpSource
from toponym_server.sources.records import NameRecord, PlaceRecord

from .conftest import dump_row

ABU_KAMAL, AL_QAIM, TANF_POST, PALMYRA = 174448, 92138, 8000001, 163808
TANF, WALEED = CUSTOM_ID_BASE + 1, CUSTOM_ID_BASE + 2

DUMP = [
    dump_row(ABU_KAMAL, "Abu Kamal", "Abu Kamal", "", 34.4506, 40.9171, "P.PPL", "SY", "07", 57000),
    dump_row(AL_QAIM, "Al Qaim", "Al Qaim", "", 34.3683, 41.0944, "P.PPL", "IQ", "01", 74100),
    dump_row(PALMYRA, "Tadmur", "Tadmur", "", 34.5608, 38.2805, "P.PPL", "SY", "11", 51000),
]
TANF_POST_ROW = dump_row(TANF_POST, "At Tanf", "At Tanf", "", 33.44, 38.92, "S.PSTB", "SY")
ALTERNATES = [
    f"1\t{ABU_KAMAL}\tar\tالبوكمال\t1\t\t\t\t\t",
    f"2\t{PALMYRA}\ten\tPalmyra\t1\t\t\t\t\t",
    "3\t99999\ten\tNowhere\t\t\t\t\t\t",
]


def custom_places(tanf_latitude: float = 33.4332) -> CustomGazetteer:
    def post(local_id: int, name: str, country: str, names: tuple[NameRecord, ...]) -> PlaceRecord:
        return PlaceRecord(
            CUSTOM_ID_BASE + local_id, name, name, tanf_latitude, 38.9374, "S", "PSTB", country, names=names
        )

    return CustomGazetteer(
        places=(
            post(1, "al-Tanf", "SY", (NameRecord("التنف", "ar"), NameRecord("At Tanf"))),
            post(2, "al-Waleed", "IQ", (NameRecord("الوليد", "ar"),)),
        ),
        extra_names=((AL_QAIM, NameRecord("القائم", "ar")),),
        fingerprint="test",
    )


CROSSWALK = (CrosswalkLink(TANF, WALEED, "across_border"),)


def write_dump(directory: Path, rows: list[str], alternates: list[str] = ALTERNATES) -> GeoNamesDumpSource:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "dump.txt").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (directory / "alternateNamesV2.txt").write_text("\n".join(alternates) + "\n", encoding="utf-8")
    return GeoNamesDumpSource([directory / "dump.txt"], alternate_names=[directory / "alternateNamesV2.txt"])


def build(
    tmp_path: Path,
    rows: list[str],
    custom: CustomGazetteer,
    options: BuildOptions | None = None,
    alternates: list[str] = ALTERNATES,
) -> tuple[BuildSummary, IndexReader]:
    source = write_dump(tmp_path / "dump", rows, alternates)
    summary = build_index(
        source, tmp_path / "index.sqlite", custom=custom, crosswalk=CROSSWALK, options=options, progress=False
    )
    return summary, open_index(summary.path)


def top(reader: IndexReader, name: str) -> int:
    answers = Resolver(reader).resolve(Query(name, min_confidence=0.0))
    assert answers, f"nothing found for {name!r}"
    return answers[0].place.geoname_id


def test_custom_places_the_gazetteer_lacks_are_added_and_marked(tmp_path: Path) -> None:
    summary, reader = build(tmp_path, DUMP, custom_places())
    assert (summary.custom_places, summary.merged_custom_places) == (2, 0)
    assert top(reader, "التنف") == TANF
    assert top(reader, "al-Waleed") == WALEED
    assert reader.places_by_id([TANF])[TANF].custom
    assert not reader.places_by_id([ABU_KAMAL])[ABU_KAMAL].custom


def test_places_the_dumps_give_twice_are_named_a_few_then_counted(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # allCountries with cities500 repeats some 200,000 places: a warning each flooded the log.
    towns = [dump_row(5_000_000 + i, f"Town {i}", f"Town {i}", "", 35, 38 + i / 100, "P.PPL", "SY") for i in range(25)]
    with caplog.at_level(logging.WARNING, logger=build_module.__name__):
        _, reader = build(tmp_path, [*DUMP, *towns, *towns], CustomGazetteer())
    second = [record.getMessage() for record in caplog.records if "second record" in record.getMessage()]
    assert second[:-1] == [f"skipped a second record for place {5_000_000 + i}" for i in range(10)]
    assert second[-1] == "skipped 25 second records of places in all (the dumps overlap), the first 10 named above"
    assert reader.place_count == len(DUMP) + 25


def test_alternate_names_of_places_the_dump_lacks_are_counted(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger=build_module.__name__):
        build(tmp_path, DUMP, CustomGazetteer())  # the alternate names name place 99999 once
    assert "1 alternate names left out: the dump (or its filters) has none of their places" in caplog.text


def test_extra_names_reach_existing_places(tmp_path: Path) -> None:
    _, reader = build(tmp_path, DUMP, custom_places())
    names = {n.text: n for n in reader.names_of_place(AL_QAIM)}
    assert names["القائم"].flags & FLAG_CUSTOM
    assert top(reader, "القائم") == AL_QAIM


def test_custom_names_of_places_the_gazetteer_lacks_are_skipped_with_one_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # A build filtered to a few countries leaves out most seed rows' places: a warning a name
    # was a hundred lines.
    lacking = tuple((place_id, NameRecord(text)) for place_id in (901, 902, 903) for text in ("One", "Two", "Three"))
    custom = CustomGazetteer(places=(), extra_names=((AL_QAIM, NameRecord("القائم", "ar")), *lacking), fingerprint="t")
    with caplog.at_level(logging.WARNING, logger=build_module.__name__):
        _, reader = build(tmp_path, DUMP, custom)
    skipped = [record.getMessage() for record in caplog.records if "custom names" in record.getMessage()]
    lacks = "the gazetteer (or its filters) has no such place"
    assert skipped == [f"custom names for 3 places skipped: {lacks}: 901, 902, 903"]
    assert top(reader, "القائم") == AL_QAIM


def test_a_name_a_custom_file_gives_a_place_outranks_a_more_prominent_namesake(tmp_path: Path) -> None:
    # GeoNames names the Syrian border town Ra\u2019s al \u2018Ayn (no population) and gives Rosh HaAyin
    # (IL) the press's spelling too; the seeds say which one the press means.
    ras_al_ayn, rosh_haayin = 165509, 293690
    rows = [
        *DUMP,
        dump_row(ras_al_ayn, "Ra\u2019s al \u2018Ayn", "Ra's al `Ayn", "", 36.85, 40.07, "P.PPLA2", "SY", "01"),
        dump_row(
            rosh_haayin, "Rosh Ha\u2018Ayin", "Rosh Ha`Ayin", "Ras al-`Ayn", 32.1, 34.96, "P.PPL", "IL", "", 72881
        ),
    ]
    custom = CustomGazetteer(places=(), extra_names=((ras_al_ayn, NameRecord("Ras al-Ayn")),), fingerprint="test")
    _, reader = build(tmp_path, rows, custom)
    curated = {name.text for name in reader.names_of_place(ras_al_ayn) if name.flags & FLAG_CUSTOM}
    # The gazetteer's names spelt so are flagged too: a place's key entries keep one name a spelling.
    assert curated == {"Ras al-Ayn", "Ra\u2019s al \u2018Ayn", "Ra's al `Ayn"}
    assert not any(name.flags & FLAG_CUSTOM for name in reader.names_of_place(rosh_haayin))
    assert top(reader, "Ras al-Ayn") == top(reader, "Ras al Ayn") == ras_al_ayn
    assert top(reader, "Rosh HaAyin") == rosh_haayin


def test_a_custom_place_merges_into_the_same_named_feature_nearby(tmp_path: Path) -> None:
    summary, reader = build(tmp_path, [*DUMP, TANF_POST_ROW], custom_places())
    assert (summary.custom_places, summary.merged_custom_places) == (1, 1)
    assert reader.places_by_id([TANF]) == {}
    assert top(reader, "التنف") == TANF_POST
    # the crosswalk named the custom place; the link now joins the GeoNames feature
    assert [r.related_id for r in reader.related(TANF_POST) if r.curated] == [WALEED]
    assert [r.related_id for r in reader.related(WALEED) if r.curated] == [TANF_POST]


def test_a_custom_place_merges_into_a_feature_named_so_only_in_the_alternate_names(tmp_path: Path) -> None:
    # Before, a feature's names from the alternate-names file came after the merge was decided:
    # al-Tanf stayed a place of its own beside the border post the file names so.
    post = dump_row(TANF_POST, "Markaz Hudud at Tanf", "Markaz Hudud at Tanf", "", 33.44, 38.92, "S.PSTB", "SY")
    alternates = [*ALTERNATES, f"4\t{TANF_POST}\tar\tالتنف\t\t\t\t\t\t"]
    summary, reader = build(tmp_path, [*DUMP, post], custom_places(), alternates=alternates)
    assert (summary.custom_places, summary.merged_custom_places) == (1, 1)
    assert reader.places_by_id([TANF]) == {}
    assert top(reader, "al-Tanf") == TANF_POST
    assert [r.related_id for r in reader.related(TANF_POST) if r.curated] == [WALEED]


def test_a_same_named_feature_too_far_away_does_not_absorb_the_custom_place(tmp_path: Path) -> None:
    summary, reader = build(tmp_path, [*DUMP, TANF_POST_ROW], custom_places(tanf_latitude=34.5))
    assert summary.merged_custom_places == 0
    assert reader.places_by_id([TANF])[TANF].custom


def test_counterparts_across_a_border_are_linked_both_ways(tmp_path: Path) -> None:
    _, reader = build(tmp_path, DUMP, custom_places())
    (kamal_to_qaim,) = reader.related(ABU_KAMAL)
    (qaim_to_kamal,) = reader.related(AL_QAIM)
    assert (kamal_to_qaim.related_id, qaim_to_kamal.related_id) == (AL_QAIM, ABU_KAMAL)
    assert kamal_to_qaim.distance_km == qaim_to_kamal.distance_km == pytest.approx(19.0, abs=1.5)
    assert not kamal_to_qaim.curated
    assert reader.related(PALMYRA) == []  # nothing across a border within reach


def test_a_town_is_linked_to_its_twin_across_the_border_not_to_every_village_facing_it(tmp_path: Path) -> None:
    # Chop (UA) and Záhony (HU) face each other across the border. A smaller village lies nearer
    # Záhony, another beyond: before, Záhony listed all three, nearest first.
    chop, zahony, solomonovo, esen = 710409, 713929, 8000010, 8000011
    rows = [
        dump_row(chop, "Chop", "Chop", "", 48.4315, 22.2052, "P.PPL", "UA", "25", 8626),
        dump_row(zahony, "Záhony", "Zahony", "", 48.4056, 22.1756, "P.PPL", "HU", "10", 4807),
        dump_row(solomonovo, "Solomonovo", "Solomonovo", "", 48.4233, 22.2000, "P.PPL", "UA", "25", 1500),
        dump_row(esen, "Esen", "Esen", "", 48.4370, 22.2720, "P.PPL", "UA", "25", 1100),
    ]
    _, reader = build(tmp_path, rows, custom_places())
    assert [r.related_id for r in reader.related(zahony)] == [chop]
    assert [r.related_id for r in reader.related(chop)] == [zahony]
    assert reader.related(solomonovo) == reader.related(esen) == []  # Záhony's counterpart is Chop


def test_border_posts_are_counterparts_only_at_one_crossing(tmp_path: Path) -> None:
    # Two sides of one crossing 0.6 km apart are counterparts; a post 20 km along another
    # border (Habur, Turkey, and Semalka, Syria, both on Iraq's border) is not.
    habur, ibrahim_khalil, semalka = 8000020, 8000021, 8000022
    rows = [
        dump_row(habur, "Habur", "Habur", "", 37.1447, 42.5656, "S.PSTB", "TR"),
        dump_row(ibrahim_khalil, "Ibrahim Khalil", "Ibrahim Khalil", "", 37.1400, 42.5620, "S.PSTB", "IQ"),
        dump_row(semalka, "Semalka", "Semalka", "", 37.0893, 42.3499, "S.PSTB", "SY"),
    ]
    _, reader = build(tmp_path, rows, custom_places())
    assert [r.related_id for r in reader.related(habur)] == [ibrahim_khalil]
    assert [r.related_id for r in reader.related(ibrahim_khalil)] == [habur]
    assert reader.related(semalka) == []


def test_links_of_several_places_come_in_one_read_as_each_places_own(tmp_path: Path) -> None:
    _, reader = build(tmp_path, DUMP, custom_places())
    links = reader.related_of([PALMYRA, ABU_KAMAL, AL_QAIM, WALEED])
    assert PALMYRA not in links  # a place with no links is absent
    assert links == {place_id: reader.related(place_id) for place_id in (ABU_KAMAL, AL_QAIM, WALEED)}
    assert reader.related_of([]) == {}


def test_curated_links_are_answered_with_the_candidate(tmp_path: Path) -> None:
    _, reader = build(tmp_path, DUMP, custom_places())
    (answer, *_) = Resolver(reader).resolve(Query("al-Waleed"))
    assert [(r.place.geoname_id, r.curated) for r in answer.related] == [(TANF, True)]
    assert Resolver(reader).get_place(TANF).related[0].place.name == "al-Waleed"  # type: ignore[union-attr]


def test_a_name_holding_the_readers_views_separator_comes_back_whole(tmp_path: Path) -> None:
    custom = CustomGazetteer(
        places=(), extra_names=((PALMYRA, NameRecord("Tadmur | تدمر")),), fingerprint="separator"
    )
    _, reader = build(tmp_path, DUMP, custom)
    names = reader.names_of_place(PALMYRA)
    rows = reader.names_with_place_facts([name.name_id for name in names])
    assert sorted(map(unpacked_name, rows)) == names
    assert "Tadmur | تدمر" in {name.text for name in names}


def test_alternate_names_come_with_their_language_and_flags(tmp_path: Path) -> None:
    summary, reader = build(tmp_path, DUMP, CustomGazetteer())
    palmyra = {n.text: n for n in reader.names_of_place(PALMYRA)}
    assert palmyra["Palmyra"].lang == "en" and palmyra["Palmyra"].flags & FLAG_PREFERRED
    assert reader.localized_name(ABU_KAMAL, "ar") == "البوكمال"
    assert "Nowhere" not in {row[0] for row in sqlite3.connect(summary.path).execute("SELECT text FROM names")}


def test_a_place_weighs_the_same_whether_its_names_come_in_the_dump_or_in_the_alternate_names_file(
    tmp_path: Path,
) -> None:
    # The Syrian Palmyra, small but named in many languages, against an American namesake as
    # populous with one name: how many names a place has is part of its weight, wherever they are
    # read from. (Against one some twice as populous, about as prominent, the town bearing the name
    # as its own would win: see ranking's _OWNER_TIE.)
    names = ["Palmyra", "Palmira", "Palmyre", "Tadmor", "Tudmur", "تدمر", "Пальмира", "Palmüra", "パルミラ", "פלמירה"]
    names += [f"Palmyra {language}" for language in ("de", "fr", "es", "it", "pl", "tr", "nl", "sv", "fi", "hu")]
    us_palmyra = 5206606
    rows = [
        dump_row(PALMYRA, "Tadmur", "Tadmur", ",".join(names), 34.5608, 38.2805, "P.PPL", "SY", "11", 10000),
        dump_row(us_palmyra, "Palmyra", "Palmyra", "", 40.0, -75.0, "P.PPL", "US", "NJ", 10000),
    ]
    from_file = [f"{i}\t{PALMYRA}\t\t{name}\t\t\t\t\t\t" for i, name in enumerate(names, start=1)]
    _, inline = build(tmp_path / "inline", rows, CustomGazetteer(), alternates=["1\t99999\ten\tNowhere\t\t\t\t\t\t"])
    _, separate = build(tmp_path / "separate", rows, CustomGazetteer(), alternates=from_file)
    assert {n.text for n in inline.names_of_place(PALMYRA)} == {n.text for n in separate.names_of_place(PALMYRA)}
    weight = {reader: reader.places_by_id([PALMYRA])[PALMYRA].prominence for reader in (inline, separate)}
    assert weight[inline] == weight[separate]
    assert top(inline, "Palmyra") == top(separate, "Palmyra") == PALMYRA


def test_worker_processes_build_the_same_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, serial = build(tmp_path / "serial", DUMP, custom_places(), options=BuildOptions(workers=1))
    monkeypatch.setattr(build_module, "_JOB_BATCH", 2)
    monkeypatch.setattr(build_module, "_PARALLEL_AFTER_JOBS", 0)
    _, parallel = build(tmp_path / "parallel", DUMP, custom_places(), options=BuildOptions(workers=2))
    for place_id in (ABU_KAMAL, AL_QAIM, PALMYRA, TANF, WALEED):
        assert serial.names_of_place(place_id) == parallel.names_of_place(place_id)
    for name in ("Abu Kamal", "القائم", "al-Waleed", "Palmira"):
        assert top(serial, name) == top(parallel, name)


def test_every_name_carries_its_places_ranking_facts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Batches of two names end between a place's row and its names: each name still finds its place.
    monkeypatch.setattr(build_module, "_JOB_BATCH", 2)
    summary, _ = build(tmp_path, [*DUMP, TANF_POST_ROW], custom_places())
    facts = ", ".join(PLACE_FACT_COLUMNS)
    conn = sqlite3.connect(summary.path)
    places = {row[0]: row[1:] for row in conn.execute(f"SELECT id, {facts} FROM places")}
    names = conn.execute(f"SELECT place_id, text, {facts} FROM names").fetchall()
    assert len(names) == summary.names
    assert all(row[2:] == places[row[0]] for row in names)
    texts = {(place_id, text) for place_id, text, *_ in names}
    # a gazetteer name, one from the alternate-names file, a custom one merged and a custom extra name
    assert {(ABU_KAMAL, "Abu Kamal"), (PALMYRA, "Palmyra"), (TANF_POST, "al-Tanf"), (AL_QAIM, "القائم")} <= texts
    assert places[PALMYRA] == ("P", "PPL", "SY", 34.5608, 38.2805, places[PALMYRA][-1])


# --- the file's integrity ----------------------------------------------------------------


def test_a_fresh_index_passes_verification(tmp_path: Path) -> None:
    _, reader = build(tmp_path, DUMP, CustomGazetteer())
    reader.verify()


def test_a_damaged_page_fails_verification(tmp_path: Path) -> None:
    summary, reader = build(tmp_path, DUMP, CustomGazetteer())
    reader.close()
    # A byte in the middle of a page of names: a page that opening the file does not read.
    with sqlite3.connect(summary.path) as conn:
        try:
            (page, size) = conn.execute("SELECT pageno, pgsize FROM dbstat WHERE name = 'names' LIMIT 1").fetchone()
        except sqlite3.OperationalError:
            pytest.skip("this SQLite has no dbstat table to find a page of names by")
    conn.close()
    data = bytearray(summary.path.read_bytes())
    data[(page - 1) * size + size // 2] ^= 0xFF
    summary.path.write_bytes(bytes(data))
    with pytest.raises(IndexFileError, match="checksum"):
        open_index(summary.path).verify()


def test_an_index_of_another_format_version_is_refused(tmp_path: Path) -> None:
    summary, reader = build(tmp_path, DUMP, CustomGazetteer())
    reader.close()
    conn = sqlite3.connect(summary.path)
    conn.execute("UPDATE meta SET value = '3' WHERE key = 'format_version'")
    conn.commit()
    conn.close()
    with pytest.raises(IndexFileError, match="format 3"):
        open_index(summary.path)


def test_a_failed_import_leaves_the_previous_index_in_place(tmp_path: Path) -> None:
    summary, reader = build(tmp_path, DUMP, CustomGazetteer())
    reader.close()
    before = summary.path.read_bytes()
    broken = write_dump(tmp_path / "broken", [*DUMP, "oops\tnot a row"])
    with pytest.raises(Exception, match="columns"):
        build_index(
            GeoNamesDumpSource(broken._dumps, strict=True),
            summary.path,
            progress=False,
        )
    assert summary.path.read_bytes() == before
    assert [p.name for p in summary.path.parent.iterdir() if p.name.startswith(".")] == []


def test_a_build_clears_what_a_killed_build_left_behind(tmp_path: Path) -> None:
    import subprocess
    import sys

    dead_pid = subprocess.Popen([sys.executable, "-c", "pass"])
    dead_pid.wait()
    output = tmp_path / "index.sqlite"
    (tmp_path / f".{output.name}.{dead_pid.pid}.building").write_bytes(b"half an index")
    (tmp_path / f".{output.name}.{dead_pid.pid}.spillx").mkdir()
    (tmp_path / f".{output.name}.lock").write_text("")
    build(tmp_path, DUMP, CustomGazetteer())
    assert sorted(p.name for p in tmp_path.glob(".*")) == [f".{output.name}.lock"]
