"""Kept name rows: read back unchanged, bounded, the oldest forgotten first, shared by threads, not walked by the GC."""

from __future__ import annotations

import gc
import random
from typing import Any

from toponym_server.resolver.kept_names import KeptNameRows

from .racing import race

LANGS = ("", "en", "ar", "ku", "zh-Hant", "ru")
CODES = (("P", "PPL", "SY"), ("A", "ADM1", "IQ"), ("P", "PPLA", "SY"), ("S", "BDG", "TR"), ("H", "STM", ""))


def name_row(name_id: int) -> tuple[Any, ...]:
    """The compact row of a made-up name, a function of its ID (the index's rows never change)."""
    feature_class, feature_code, country = CODES[name_id % len(CODES)]
    return (
        name_id,
        name_id // 3 + 1_000_000_000_000,  # place IDs past 32 bits
        f"حسكة {name_id}\x1fhasaka{name_id}" if name_id % 2 else f"hasakah {name_id}",
        LANGS[name_id % len(LANGS)],
        name_id % 256,
        feature_class,
        feature_code,
        country,
        36.5 + name_id / 7,
        -40.75 - name_id / 3,
        float(name_id % 17) / 3,
    )


def keep(kept: KeptNameRows, ids: range | list[int]) -> None:
    """Keep the rows of ``ids`` as the resolver does."""
    kept.keep_all((name_id, name_row(name_id)) for name_id in ids)


def test_rows_are_read_back_cell_for_cell_and_missing_ones_named_in_order() -> None:
    kept = KeptNameRows(100)
    keep(kept, [7, 8, 9, 10])
    found, missing = kept.take([12, 9, 7, 11, 10])
    assert found == {9: name_row(9), 7: name_row(7), 10: name_row(10)}
    assert missing == [12, 11]
    for name_id, row in found.items():
        assert [type(cell) for cell in row] == [type(cell) for cell in name_row(name_id)]


def test_the_rows_fill_the_capacity_and_never_exceed_it() -> None:
    kept = KeptNameRows(100)
    for first in range(0, 1_000, 7):
        keep(kept, range(first, first + 7))
        assert len(kept) == min(first + 7, 100)


def test_the_capacity_is_what_was_asked_for_and_at_least_one() -> None:
    assert KeptNameRows(300).capacity == 300
    assert KeptNameRows(0).capacity == 1


def test_the_oldest_rows_are_forgotten_first() -> None:
    kept = KeptNameRows(10)
    for name_id in range(15):
        keep(kept, [name_id])
    found, missing = kept.take(range(15))
    assert sorted(found) == list(range(5, 15))
    assert missing == list(range(5))


def test_a_row_found_among_the_oldest_is_kept_longer() -> None:
    kept = KeptNameRows(16)
    keep(kept, range(16))  # full: 0 and 1 are the oldest eighth
    assert kept.take([1])[0] == {1: name_row(1)}  # found, and kept again at the newest end
    keep(kept, range(16, 31))
    assert kept.take([1])[0] == {1: name_row(1)}
    assert kept.take([4])[0] == {}  # a row nobody asked for is gone
    assert len(kept) <= 16


def test_a_row_asked_for_twice_at_once_is_found_and_kept_once() -> None:
    kept = KeptNameRows(16)
    keep(kept, range(16))
    found, missing = kept.take([1, 1, 8, 1])
    assert found == {1: name_row(1), 8: name_row(8)} and not missing
    keep(kept, range(16, 31))
    assert kept.take([1])[0] == {1: name_row(1)}
    assert len(kept) <= 16


def test_keeping_kept_rows_again_changes_nothing() -> None:
    kept = KeptNameRows(10)
    keep(kept, range(5))
    kept.keep_all([(3, name_row(3)), (3, name_row(3)), (4, name_row(4))])
    assert len(kept) == 5
    keep(kept, range(5, 10))
    found, missing = kept.take(range(10))
    assert found == {name_id: name_row(name_id) for name_id in range(10)} and not missing


def test_runs_of_rows_past_the_end_of_the_ring_and_across_chunks_are_kept_whole() -> None:
    kept = KeptNameRows(3_000)  # packed strings lie in tuples of 32 slots
    keep(kept, range(2_500))
    keep(kept, range(2_500, 5_000))  # 500 slots to the end of the ring, then 2,000 from its start
    found, missing = kept.take(range(5_000))
    assert sorted(found) == list(range(2_000, 5_000))
    assert all(found[name_id] == name_row(name_id) for name_id in found)
    assert missing == list(range(2_000))


def test_many_languages_and_codes_are_told_apart() -> None:
    kept = KeptNameRows(5_000)

    def varied(name_id: int) -> tuple[Any, ...]:
        codes = ("P", f"C{name_id % 900}", f"{name_id % 250:02}")
        return (*name_row(name_id)[:3], f"x{name_id % 700}", 1, *codes, 1.0, 2.0, 3.0)

    rows = [(name_id, varied(name_id)) for name_id in range(4_000)]
    kept.keep_all(rows)
    found, _ = kept.take(range(4_000))
    assert found == dict(rows)


def test_random_use_always_returns_the_rows_kept() -> None:
    kept = KeptNameRows(500)
    rng = random.Random(7)
    for _ in range(400):
        ids = [rng.randrange(2_000) for _ in range(rng.randrange(1, 60))]
        found, missing = kept.take(ids)
        assert all(row == name_row(name_id) for name_id, row in found.items())
        assert set(found) | set(missing) == set(ids) and not set(found) & set(missing)
        keep(kept, missing)
        assert len(kept) <= 500


def test_threads_sharing_the_rows_get_their_own_rows_back_and_stay_bounded() -> None:
    kept = KeptNameRows(300)
    wrong: list[tuple[int, object]] = []

    def work(thread: int) -> None:
        rng = random.Random(thread)
        try:
            for _ in range(1_500):
                ids = [rng.randrange(1_000) for _ in range(8)]
                found, missing = kept.take(ids)
                wrong.extend((i, row) for i, row in found.items() if row != name_row(i))
                keep(kept, missing)
        except Exception as error:  # a slot read while another thread wrote it
            wrong.append((-1, error))

    race(work)
    assert not wrong
    assert len(kept) <= 300


def test_the_collector_walks_no_large_container() -> None:
    # A list of 300,000 packed strings was walked whole by every full collection, some 20 ms.
    kept = KeptNameRows(20_000)
    keep(kept, range(30_000))
    kept.take(range(0, 30_000, 3))  # some rows kept again
    gc.collect()
    walked = [part for part in gc.get_referents(kept) if gc.is_tracked(part)]
    assert all(len(gc.get_referents(part)) <= 20_000 // 32 for part in walked)  # a tuple per 32 rows at most
    assert not [chunk for chunk in kept._packed if gc.is_tracked(chunk)]  # the tuples of strings are let go too
