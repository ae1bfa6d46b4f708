"""Kept index rows: bounded, found again while kept, and forgotten a row at a time."""

from __future__ import annotations

import gc
import weakref

from toponym_server.resolver.cache import KeptRows


class Row:
    """A row whose end a weak reference can see (plain tuples cannot be weakly referenced)."""

    def __init__(self, row_id: int) -> None:
        self.row_id = row_id


def test_kept_rows_are_found_and_missing_ones_named_in_order() -> None:
    kept: KeptRows[str] = KeptRows(10)
    for row_id in (1, 2, 3):
        kept.keep(row_id, f"row {row_id}")
    found, missing = kept.take([5, 3, 1, 4])
    assert found == {3: "row 3", 1: "row 1"}
    assert missing == [5, 4]


def test_kept_rows_never_exceed_the_capacity() -> None:
    kept: KeptRows[int] = KeptRows(100)
    for row_id in range(1_000):
        kept.keep(row_id, row_id)
        assert len(kept) <= 100
    found, _ = kept.take(range(1_000))
    assert set(found) >= set(range(950, 1_000))  # the newest are kept


def test_no_store_frees_more_than_one_row() -> None:
    kept: KeptRows[Row] = KeptRows(100)
    alive: list[weakref.ref[Row]] = []
    gc.disable()
    try:
        for row_id in range(1_000):
            row = Row(row_id)
            alive.append(weakref.ref(row))
            before = sum(ref() is not None for ref in alive)
            kept.keep(row_id, row)
            del row
            assert before - sum(ref() is not None for ref in alive) <= 1
    finally:
        gc.enable()


def test_a_row_found_among_the_old_ones_is_kept_longer() -> None:
    kept: KeptRows[int] = KeptRows(20)
    for row_id in range(10):
        kept.keep(row_id, row_id)
    kept.keep(10, 10)  # the first ten are now the old rows
    assert kept.take([0])[0] == {0: 0}  # found, and moved to the young rows
    for row_id in range(11, 20):
        kept.keep(row_id, row_id)
    assert kept.take([0])[0] == {0: 0}
    assert kept.take([1])[0] == {}  # an old row nobody asked for is gone
