"""Key blocks: the packed arrays a lookup reads, and the keys that split a large key by country."""

from __future__ import annotations

import random

import numpy as np
import pytest

from toponym_server.index.keyblocks import (
    BIG_KEY_ENTRIES,
    BLOCK_BYTES,
    COUNTRY_KEY_ENTRIES,
    ENTRY_BYTES,
    FAR_PLACES_FROM,
    KEY_BYTES,
    Block,
    country_code_number,
    country_key,
    country_keys,
    far_places,
    last_key_of,
    pack_block,
    pack_blocks,
    stored_places,
    with_country_entries,
)
from toponym_server.index.keyhash import key_hash
from toponym_server.sources.custom import CUSTOM_ID_BASE


def _block(countries: list[str]) -> Block:
    count = len(countries)
    keys = np.arange(count, dtype=np.int64) // 3  # three entries a key
    places = np.arange(100, 100 + count, dtype=np.int64)
    names = np.arange(1000, 1000 + count, dtype=np.int64)
    codes = np.array([country_code_number(c) for c in countries], dtype=np.uint16)
    return Block.parse(pack_block(keys, stored_places(places, far_places(places)), names, codes))


def test_country_numbers_agree_with_the_country_of_each_position() -> None:
    countries = ["SY", "IQ", "TR", "JO", "LB"] * 20
    block = _block(countries)
    numbers = block.country_numbers(3, 60)
    assert numbers == [country_code_number(block.country(i)) for i in range(3, 60)]


def test_country_keys_in_bulk_are_the_country_keys_one_by_one() -> None:
    draw = random.Random(7)
    keys = [key_hash(f"key {i}") for i in range(3_000)] + [-(2**63), 2**63 - 1, 0, -1]
    countries = [draw.randrange(1 << 16) for _ in keys]
    bulk = country_keys(np.array(keys, dtype=np.int64), np.array(countries, dtype=np.uint16)).tolist()
    assert bulk == [country_key(key, country) for key, country in zip(keys, countries, strict=True)]


def test_a_country_key_stays_in_its_keys_range_and_differs_by_country() -> None:
    key = key_hash("xspringfield")
    by_country = {country_key(key, country_code_number(code)) for code in ("US", "CA", "GB", "AU")}
    assert len(by_country) == 4 and key not in by_country
    assert all(other >> 48 == key >> 48 for other in by_country)  # the same key range and partition


def test_only_a_key_of_many_entries_is_stored_again_by_country_in_its_order_up_to_the_bound() -> None:
    big, small = -5, 9  # stored keys, in key order
    count = BIG_KEY_ENTRIES + 1  # 86 Canadian entries, 171 American ones: more than a country key holds
    codes = np.array([country_code_number("CA" if i % 3 == 0 else "US") for i in range(count)], dtype=np.uint16)
    keys = np.array([big] * count + [small] * 4, dtype=np.int64)
    places = np.arange(len(keys), dtype=np.int64)
    names = places + 1000
    countries = np.concatenate((codes, np.full(4, country_code_number("CA"), dtype=np.uint16)))
    all_keys, all_places, all_names, all_countries = with_country_entries(keys, places, names, countries)
    assert np.all(all_keys[1:] >= all_keys[:-1])  # still in key order
    assert len(all_keys) == len(keys) + 86 + COUNTRY_KEY_ENTRIES  # the small key is not split
    for code in ("CA", "US"):
        number = country_code_number(code)
        under = all_keys == country_key(big, number)
        expected = [i for i in range(count) if codes[i] == number][:COUNTRY_KEY_ENTRIES]
        assert all_places[under].tolist() == expected
        assert all_names[under].tolist() == [i + 1000 for i in expected]
        assert set(all_countries[under].tolist()) == {number}
    assert all_places[all_keys == big].tolist() == list(range(count))
    assert all_places[all_keys == small].tolist() == list(range(count, count + 4))


def test_place_ids_of_any_size_are_stored_in_four_bytes_and_read_back() -> None:
    ids = [12, 2_147_483_647, CUSTOM_ID_BASE + 3, 170_000_000, 1 << 40, CUSTOM_ID_BASE + 1, 12, 1 << 40]
    places = np.array(ids, dtype=np.int64)
    far = far_places(places)
    assert far.tolist() == [CUSTOM_ID_BASE + 1, CUSTOM_ID_BASE + 3, 1 << 40]
    stored = stored_places(places, far)
    assert stored.dtype == np.uint32
    assert stored.tolist()[:4] == [12, 2_147_483_647, FAR_PLACES_FROM + 1, 170_000_000]
    keys = np.arange(len(ids), dtype=np.int64)
    codes = np.zeros(len(ids), dtype=np.uint16)
    entries = pack_block(keys, stored, keys, codes)
    assert Block.parse(entries).place_ids(0, len(ids), far.tolist()) == ids
    assert Block.parse(entries).place_ids(0, 2, far.tolist()) == ids[:2]


def test_a_place_id_outside_the_far_places_is_refused() -> None:
    with pytest.raises(ValueError, match="not among the far places"):
        stored_places(np.array([5, 1 << 33], dtype=np.int64), np.array([1 << 32], dtype=np.int64))
    with pytest.raises(ValueError, match="not among the far places"):
        stored_places(np.array([5, -1], dtype=np.int64), np.array([], dtype=np.int64))


def test_negative_place_ids_are_far_places() -> None:
    places = np.array([-7, 5, -1, 1 << 31], dtype=np.int64)
    far = far_places(places)
    assert far.tolist() == [-7, -1, 1 << 31]
    stored = stored_places(places, far)
    assert stored.tolist() == [FAR_PLACES_FROM, 5, FAR_PLACES_FROM + 1, FAR_PLACES_FROM + 2]
    blob = pack_block(np.arange(4, dtype=np.int64), stored, np.arange(4), np.zeros(4, dtype=np.uint16))
    assert Block.parse(blob).place_ids(0, 4, far.tolist()) == places.tolist()


def _entries_of(blob: bytes, far: list[int]) -> list[tuple[int, int, int, int]]:
    block = Block.parse(blob)
    keys = [key for at, key in enumerate(block.keys) for _ in range(block.ends[at] - (block.ends[at - 1] if at else 0))]
    places = block.place_ids(0, block.entry_count, far)
    numbers = block.country_numbers(0, block.entry_count)
    return list(zip(keys, places, block.names.tolist(), numbers, strict=True))


def test_blocks_hold_each_key_once_and_as_many_entries_as_fit() -> None:
    rng = np.random.default_rng(3)
    sizes = [1] * 300 + [2, 3, 5, 40, 403, 404, 1000] * 3  # entries a key
    rng.shuffle(sizes)
    keys = np.repeat(np.arange(len(sizes), dtype=np.int64) * 7 - 500, sizes)
    count = len(keys)
    places = rng.integers(0, 1 << 31, count)
    places[::97] = CUSTOM_ID_BASE + np.arange(len(places[::97]))
    names = rng.integers(0, 1 << 32, count)
    countries = rng.integers(0, 1 << 16, count).astype(np.uint16)
    far = far_places(places)
    rows, rest = pack_blocks(keys, places, names, countries, far)
    left = slice(count - rest, count)
    tail = pack_block(keys[left], stored_places(places[left], far), names[left], countries[left])
    blobs = [blob for _last, blob in rows] + [tail]
    entries: list[tuple[int, int, int, int]] = []
    for blob in blobs:
        assert len(blob) <= BLOCK_BYTES
        block = Block.parse(blob)
        assert len(set(block.keys.tolist())) == len(block.keys)  # a key once a block
        entries += _entries_of(blob, far.tolist())
    assert entries == list(zip(keys.tolist(), places.tolist(), names.tolist(), countries.tolist(), strict=True))
    at = 0
    for last, blob in rows:  # every block but the last is full: the next entry would not fit
        assert last == last_key_of(blob) == int(keys[at + Block.parse(blob).entry_count - 1])
        at += Block.parse(blob).entry_count
        costs = ENTRY_BYTES + (KEY_BYTES if keys[at] != keys[at - 1] else 0)
        assert len(blob) + costs > BLOCK_BYTES
    assert at == count - rest


def test_a_block_finds_each_of_its_keys_entries() -> None:
    keys = np.array([3, 3, 3, 8, 9, 9], dtype=np.int64)
    places = np.arange(6, dtype=np.int64)
    blob = pack_block(keys, stored_places(places, far_places(places)), places, np.zeros(6, dtype=np.uint16))
    block = Block.parse(blob)
    assert [block.span(key) for key in (2, 3, 5, 8, 9, 10)] == [(0, 0), (0, 3), (0, 0), (3, 4), (4, 6), (0, 0)]
    assert len(blob) == 3 * KEY_BYTES + 6 * ENTRY_BYTES + 2
