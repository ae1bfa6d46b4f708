"""The fast paths of the build (worker processes, the memo of names, partitions ordered apart) build the same index."""

from __future__ import annotations

import random
import sqlite3
import zlib
from pathlib import Path

import numpy as np
import pytest

from toponym_server.index import build as build_module
from toponym_server.index.build import SPELLINGS_PER_KEY, BuildOptions, build_index
from toponym_server.index.keyblocks import (
    country_code_number,
    far_places,
    last_key_of,
    pack_block,
    pack_blocks,
    stored_places,
)
from toponym_server.index.reader import open_index
from toponym_server.matching.keys import name_keys
from toponym_server.matching.local_script import SCRIPTS, countries_writing
from toponym_server.sources.geonames import GeoNamesDumpSource

from .conftest import dump_row

NAMES = ("Hama", "Hamah", "Ḩamāh", "حماة", "Homs", "Ḩimş", "Hims", "Idlib", "Tartus", "Ţarţūs", "SRY", "LHR")


def gazetteer(directory: Path, places: int = 300) -> GeoNamesDumpSource:
    """A dump of places that share names, spellings, keys and priorities, with alternate names."""
    rng = random.Random(7)
    directory.mkdir(parents=True, exist_ok=True)
    rows, alternates = [], []
    for number in range(places):
        place_id = 100 + 3 * number if number % 50 else 2_000_000_000_000 + number  # a few IDs far out
        name = rng.choice(NAMES)
        population = rng.choice((0, 0, 1000, 50_000))
        rows.append(dump_row(place_id, name, name, "", 35.0 + number / 100, 36.0, "P.PPL", "SY", "10", population))
        for _ in range(rng.randrange(12)):
            text = rng.choice(NAMES) + rng.choice(("", "", " al Jadidah", "a"))
            alternates.append(f"{len(alternates) + 1}\t{place_id}\t{rng.choice(('', 'en', 'ar'))}\t{text}\t\t\t\t\t\t")
    (directory / "dump.txt").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (directory / "alternateNamesV2.txt").write_text("\n".join(alternates) + "\n", encoding="utf-8")
    return GeoNamesDumpSource([directory / "dump.txt"], alternate_names=[directory / "alternateNamesV2.txt"])


def tables(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows, in order (meta less the build's time)."""
    conn = sqlite3.connect(path)
    try:
        return {
            name: conn.execute(f"SELECT * FROM {name} ORDER BY 1, 2").fetchall()
            for name in ("places", "names", "key_blocks", "far_places", "related", "admin_divisions")
        } | {"meta": conn.execute("SELECT * FROM meta WHERE key != 'built_at' ORDER BY key").fetchall()}
    finally:
        conn.close()


def test_serial_parallel_and_repeated_builds_are_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = gazetteer(tmp_path / "dump")
    serial = build_index(source, tmp_path / "serial.sqlite", options=BuildOptions(workers=1), progress=False)
    # A second build in the same process meets every name in the memo.
    again = build_index(source, tmp_path / "again.sqlite", options=BuildOptions(workers=1), progress=False)
    monkeypatch.setattr(build_module, "_JOB_BATCH", 50)
    monkeypatch.setattr(build_module, "_PARALLEL_AFTER_JOBS", 0)
    parallel = build_index(source, tmp_path / "parallel.sqlite", options=BuildOptions(workers=2), progress=False)
    expected = tables(serial.path)
    assert len(expected["key_blocks"]) > 16
    assert tables(again.path) == expected
    assert tables(parallel.path) == expected
    first, second = open_index(serial.path), open_index(parallel.path)
    for text in NAMES:
        for key in sorted(name_keys(text)):
            assert first.lookup(key, 1000) == second.lookup(key, 1000)


@pytest.mark.parametrize("entries", [1, 7, 403, 404])
def test_packing_a_partition_a_few_entries_at_a_time_writes_the_same_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, entries: int
) -> None:
    source = gazetteer(tmp_path / "dump")
    whole = build_index(source, tmp_path / "whole.sqlite", options=BuildOptions(workers=1), progress=False)
    monkeypatch.setattr(build_module, "_INSERT_ENTRIES", entries)
    chunked = build_index(source, tmp_path / "chunked.sqlite", options=BuildOptions(workers=1), progress=False)
    assert tables(chunked.path) == tables(whole.path)


def test_partitions_ordered_apart_keep_the_block_layout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = gazetteer(tmp_path / "dump")
    finer = build_index(source, tmp_path / "finer.sqlite", options=BuildOptions(workers=1), progress=False)
    monkeypatch.setattr(build_module, "_PARTITION_BITS", build_module._BLOCK_RANGE_BITS)
    coarse = build_index(source, tmp_path / "coarse.sqlite", options=BuildOptions(workers=1), progress=False)
    assert tables(finer.path)["key_blocks"] == tables(coarse.path)["key_blocks"]


def reference_order(rows: np.ndarray, priority: dict[int, int], country: dict[int, str]) -> list[tuple[int, int, int]]:
    """The key table's entries as (key, place, name), computed the plain way."""
    best: dict[tuple[int, int, int], tuple[int, int]] = {}
    for key, place, name, spelling, script, foreign in rows.tolist():
        # A spelling is its hash's top 31 bits. Under its exact key, a name in a script of its
        # place's country is a spelling of its own, after the others.
        if script and country[place] in countries_writing(SCRIPTS[script]):
            spelling = (spelling ^ zlib.crc32(SCRIPTS[script].encode("ascii"))) >> 1 | 1 << 31
        else:
            spelling >>= 1
        # Of the names of one spelling, one in Latin letters first, then the lowest ID.
        best[(key, place, spelling)] = min((foreign, name), best.get((key, place, spelling), (foreign, name)))
    spellings: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for (key, place, spelling), (_foreign, name) in best.items():
        spellings.setdefault((key, place), []).append((spelling, name))
    entries = [
        (key, place, name)
        for (key, place), kept in spellings.items()
        for _spelling, name in sorted(kept)[:SPELLINGS_PER_KEY]
    ]
    return sorted(entries, key=lambda e: (e[0], priority[e[1]], e[2]))


def test_partition_order_matches_the_plain_definition() -> None:
    rng = np.random.default_rng(3)
    places = np.array([5, 9, 12, 40, 41, 1 << 40], dtype=np.int64)
    priorities = np.array([-10, -300, -10, 0, -300, -7], dtype=np.int64)
    rows = np.zeros(5000, dtype=build_module._KEY_ROW)
    rows["key"] = rng.choice(np.array([-(1 << 63), -5, 0, 3, 1 << 62], dtype=np.int64), len(rows))
    # As in a build, a name belongs to one place and has one spelling; names share spellings.
    rows["name"] = rng.integers(1, 400, len(rows))
    rows["place"] = places[rows["name"] % len(places)]
    rows["spelling"] = rows["name"] // 23 * 1_000_003 % (1 << 32)
    # Names in Arabic and Hebrew script, under some keys, of places in countries that write them or not.
    scripts = np.array([0, SCRIPTS.index("ARABIC"), SCRIPTS.index("HEBREW")], dtype=np.uint8)
    rows["script"] = np.where(rows["key"] == 3, scripts[rows["name"] % 3], 0)
    # Some names transliterated from another script, sharing spellings with Latin ones.
    rows["foreign"] = rows["name"] % 5 == 0
    codes = ["PS", "US", "IL", "SY", "FR", "PS"]
    ranks = np.unique(priorities, return_inverse=True)[1].astype(np.uint32)
    slots = np.full(42, -1, dtype=np.int32)
    slots[places[:5]] = np.arange(5)
    numbers = np.array([country_code_number(code) for code in codes], dtype=np.uint16)
    tables_ = build_module._PlaceTables(places, ranks, numbers, slots)
    keys, found_places, names, countries = build_module._order_partition(rows, tables_)
    expected = reference_order(
        rows,
        dict(zip(places.tolist(), priorities.tolist(), strict=True)),
        dict(zip(places.tolist(), codes, strict=True)),
    )
    assert list(zip(keys.tolist(), found_places.tolist(), names.tolist(), strict=True)) == expected
    number_of = dict(zip(places.tolist(), numbers.tolist(), strict=True))
    assert countries.tolist() == [number_of[p] for _k, p, _n in expected]


def _packed_in_chunks(columns: list[np.ndarray], size: int) -> list[tuple[int, bytes]]:
    """Pack as the build's block writer does: a chunk at a time, the last block carried to the next."""
    rows: list[tuple[int, bytes]] = []
    carry: list[np.ndarray] = [c[:0] for c in columns]
    for start in range(0, len(columns[0]), size):
        chunk = [np.concatenate((a, c[start : start + size])) for a, c in zip(carry, columns, strict=True)]
        packed, rest = pack_blocks(*chunk)
        rows += packed
        carry = [c[len(c) - rest :] for c in chunk]
    if len(carry[0]):
        keys, places, names, countries = carry
        rows.append((int(keys[-1]), pack_block(keys, stored_places(places, far_places(columns[1])), names, countries)))
    return rows


@pytest.mark.parametrize("count", [0, 1, 200, 403, 404, 5000])
def test_packing_in_chunks_matches_packing_at_once(count: int) -> None:
    rng = np.random.default_rng(count)
    # Keys of one to hundreds of entries, as the key table has.
    keys = np.sort(rng.integers(-(1 << 63), (1 << 63) - 1, max(count // 4, 1), dtype=np.int64))
    keys = np.sort(rng.choice(keys, count)) if count else keys[:0]
    places, names = rng.integers(0, 1 << 31, count), rng.integers(0, 1 << 32, count)
    countries = rng.integers(0, 1 << 16, count).astype(np.uint16)
    columns = [keys, places, names, countries]
    whole = _packed_in_chunks(columns, max(count, 1))
    for size in (1, 37, 1000):
        assert _packed_in_chunks(columns, size) == whole
    assert [last_key_of(blob) for _last, blob in whole] == [last for last, _blob in whole]
