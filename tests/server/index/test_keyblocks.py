"""Key blocks: the packed arrays a lookup reads, and the country filter over them."""

from __future__ import annotations

import numpy as np

from toponym_server.index.keyblocks import Block, country_code_number, pack_blocks


def _block(countries: list[str]) -> Block:
    count = len(countries)
    keys = np.arange(count, dtype=np.int64) // 3  # three entries a key
    places = np.arange(100, 100 + count, dtype=np.int64)
    names = np.arange(1000, 1000 + count, dtype=np.int64)
    codes = np.array([country_code_number(c) for c in countries], dtype=np.uint16)
    ((_, _, entries),) = list(pack_blocks(keys, places, names, codes, 0))
    return Block.parse(entries)


def test_positions_in_keeps_the_wanted_countries_in_order_within_the_range() -> None:
    block = _block(["SY", "IQ", "SY", "TR", "SY", "IQ", "JO"])
    wanted = np.array(sorted({country_code_number("SY"), country_code_number("IQ")}), dtype=np.uint16)
    assert block.positions_in(wanted, 0, 7) == [0, 1, 2, 4, 5]
    assert block.positions_in(wanted, 3, 6) == [4, 5]
    assert block.positions_in(wanted, 6, 7) == []


def test_positions_in_agrees_with_the_country_of_each_position() -> None:
    countries = ["SY", "IQ", "TR", "JO", "LB"] * 20
    block = _block(countries)
    wanted = np.array([country_code_number("LB"), country_code_number("TR")], dtype=np.uint16)
    expected = [i for i in range(len(countries)) if block.country(i) in ("LB", "TR")]
    assert block.positions_in(wanted, 0, len(countries)) == expected
