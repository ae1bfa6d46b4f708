"""The warm names list: which names a server keeps in memory first."""

from __future__ import annotations

import sqlite3
from collections import Counter
from itertools import pairwise
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from toponym_server.index.build import BuildSummary
from toponym_server.index.keyblocks import far_places, pack_block, stored_places
from toponym_server.index.warmth import (
    HEAD_ENTRIES,
    WARM_NAMES_PART,
    head_weights,
    listed_name_ids,
    warmest_names,
    write_warm_names,
)


def _blocks(runs: list[tuple[int, list[int]]], cuts: list[int]) -> list[bytes]:
    """Blocks of the entries of ``runs`` ((key, names) in key order), cut before the given entry positions."""
    keys = np.array([key for key, names in runs for _ in names], dtype=np.int64)
    names = np.array([name for _, names in runs for name in names], dtype=np.int64)
    places = names + 1_000
    stored = stored_places(places, far_places(places))
    countries = np.zeros(len(keys), dtype=np.uint16)
    bounds = [0, *sorted({c for c in cuts if 0 < c < len(keys)}), len(keys)]
    return [pack_block(keys[a:b], stored[a:b], names[a:b], countries[a:b]) for a, b in pairwise(bounds)]


def _by_hand(runs: list[tuple[int, list[int]]], size: int) -> list[float]:
    weights = [0.0] * size
    for _, names in runs:
        for name in names[:HEAD_ENTRIES]:
            weights[name] += len(names)
    return weights


def test_a_name_at_the_head_of_a_long_key_is_warmer_than_one_past_it() -> None:
    long_key = list(range(40))  # names 0..39 under one key of 40 entries
    runs = [(5, long_key), (9, [40, 41])]
    weights = head_weights(_blocks(runs, []), 42)
    assert weights[0] == weights[HEAD_ENTRIES - 1] == 40.0
    assert weights[HEAD_ENTRIES] == weights[39] == 0.0  # read only by lookups that go past the head
    assert weights[40] == weights[41] == 2.0


def test_a_key_that_runs_on_into_the_next_blocks_counts_all_its_entries() -> None:
    runs = [(1, [0, 1]), (2, list(range(2, 52))), (3, [52])]
    # Key 2 starts in the first block and fills the second and part of the third.
    weights = head_weights(_blocks(runs, [10, 20, 45]), 53)
    assert weights[2] == weights[2 + HEAD_ENTRIES - 1] == 50.0
    assert weights[2 + HEAD_ENTRIES] == 0.0
    assert weights[0] == 2.0 and weights[52] == 1.0


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.integers(0, 59), min_size=1, max_size=70), min_size=1, max_size=12),
    st.lists(st.integers(1, 400), max_size=8),
)
def test_head_weights_are_those_counted_by_hand_wherever_the_blocks_are_cut(
    names_by_key: list[list[int]], cuts: list[int]
) -> None:
    runs = [(key * 7 - 30, names) for key, names in enumerate(names_by_key)]
    assert head_weights(_blocks(runs, cuts), 60).tolist() == _by_hand(runs, 60)


def test_warmest_names_sum_the_two_ranks_and_keep_the_first_of_equals() -> None:
    weights = np.array([0.0, 50.0, 50.0, 3.0, 0.0])
    prominence = np.array([0.9, 0.1, 0.2, 0.5, 0.0])
    # ranks by weight: 0, 3, 4, 2, 1 (ties in position order); by prominence: 4, 1, 2, 3, 0
    assert warmest_names(weights, prominence, 5).tolist() == [2, 3, 0, 1, 4]
    assert warmest_names(weights, prominence, 2).tolist() == [2, 3]


def _listed(conn: sqlite3.Connection) -> list[int]:
    return listed_name_ids(part for (part,) in conn.execute("SELECT name_ids FROM warm_names ORDER BY part"))


def test_the_build_lists_every_name_once(built: BuildSummary) -> None:
    conn = sqlite3.connect(built.path)
    listed = _listed(conn)
    names = {name_id for (name_id,) in conn.execute("SELECT id FROM names")}
    conn.close()
    assert Counter(listed).most_common(1)[0][1] == 1
    assert set(listed) == names


def test_the_list_is_stored_in_runs_and_read_back_in_order(tmp_path: Path, built: BuildSummary) -> None:
    copy = _copy(built, tmp_path)
    copy.execute("DELETE FROM warm_names")
    count = min(WARM_NAMES_PART + 5, built.names)
    assert write_warm_names(copy, limit=count) == count
    parts = [len(part) for (part,) in copy.execute("SELECT name_ids FROM warm_names ORDER BY part")]
    listed = _listed(copy)
    copy.close()
    assert sum(parts) == 4 * count and all(size == 4 * WARM_NAMES_PART for size in parts[:-1])
    assert len(listed) == count


def _copy(built: BuildSummary, tmp_path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(built.path)
    copy = sqlite3.connect(tmp_path / "copy.sqlite")
    conn.backup(copy)
    conn.close()
    return copy


def test_a_build_lists_at_most_the_names_it_may(tmp_path: Path, built: BuildSummary) -> None:
    copy = _copy(built, tmp_path)
    copy.execute("DELETE FROM warm_names")
    assert write_warm_names(copy, limit=3) == 3
    assert len(_listed(copy)) == 3
    copy.close()
