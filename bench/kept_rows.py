#!/usr/bin/env python3
"""How many name rows a resolver reads from the index, by the store that keeps them and its size.

Usage: kept_rows.py [--index PATH] [--names N] [--sizes N,N,...] [--seed N]

Resolves ``N`` distinct names in process (default 150,000, ``perf.py``'s five query classes in
turn), recording every request for name rows the resolver makes, then replays those requests
through each store that can keep the rows (:class:`KeptRows`, the tuples kept until the
nineteenth session; :class:`KeptNameRows`, the ring of slots a resolver keeps them in now) at
each size of ``--sizes``, and prints how many rows each would have read from the index, over
the whole run and over its second half (once the store is full). The requests do not depend on
the store: a kept row is the row the index holds. Without ``--index`` it uses the embedded
default index in the data directory (build it first with ``toponym index build``).
"""

from __future__ import annotations

import argparse
import sys
import time
from array import array
from collections.abc import Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from perf import CLASSES, mixed, query_sets

from toponym_server.default_index import embedded_index_path
from toponym_server.index.reader import open_index
from toponym_server.resolver import Query, Resolver
from toponym_server.resolver.cache import KeptRows
from toponym_server.resolver.kept_names import KeptNameRows

_STORES = {"tuples (KeptRows)": KeptRows, "ring (KeptNameRows)": KeptNameRows}
_ROW = (0, 1, "packed", "en", 0, "P", "PPL", "SY", 36.5, 40.75, 1.0)
"""A stand-in for every row replayed: what a store keeps does not change what it finds."""


class _Recording:
    """A store of name rows that records the IDs of every request before passing it on."""

    def __init__(self, store: Any, requests: list[array[int]]) -> None:
        self._store = store
        self._requests = requests

    def take(self, ids: Iterable[int]) -> tuple[dict[int, Any], list[int]]:
        """Record ``ids``, then take them from the store."""
        request = array("q", ids)
        self._requests.append(request)
        return self._store.take(request)  # type: ignore[no-any-return]

    def keep_all(self, rows: Iterable[tuple[int, Any]]) -> None:
        """Keep ``rows`` in the store."""
        self._store.keep_all(rows)


def record(index: Path, names: list[str]) -> list[array[int]]:
    """Resolve ``names`` one by one with one resolver and return its requests for name rows, in order."""
    requests: list[array[int]] = []
    resolver = Resolver(open_index(index), cache_size=0)
    resolver._name_rows = _Recording(resolver._name_rows, requests)  # type: ignore[assignment]
    for name in names:
        resolver.resolve(Query(name))
    return requests


def replay(requests: list[array[int]], store: Any) -> tuple[int, int, int, int]:
    """Rows asked for and rows read from the index, over all ``requests`` and over their second half."""
    asked = read = asked_late = read_late = 0
    half = len(requests) // 2
    for at, request in enumerate(requests):
        _, missing = store.take(request)
        if missing:
            store.keep_all([(row_id, (row_id, *_ROW[1:])) for row_id in missing])
        asked += len(request)
        read += len(missing)
        if at >= half:
            asked_late += len(request)
            read_late += len(missing)
    return asked, read, asked_late, read_late


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=None)
    parser.add_argument("--names", type=int, default=150_000, help="distinct names to resolve (default 150,000)")
    parser.add_argument("--sizes", default="300000,100000", help="store sizes to replay, in rows")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    index = args.index or embedded_index_path()
    names = mixed(query_sets(index, -(-args.names // len(CLASSES)), args.seed), 0, args.names)
    started = time.monotonic()
    requests = record(index, names)
    print(
        f"{len(names):,} names resolved in {time.monotonic() - started:.0f} s: {len(requests):,} requests "
        f"for {sum(map(len, requests)):,} name rows"
    )
    for size in (int(size) for size in args.sizes.split(",")):
        for label, store in _STORES.items():
            asked, read, asked_late, read_late = replay(requests, store(size))
            print(
                f"{label:>20} keeping {size:>9,}: {read:>11,} rows read ({read / asked:6.2%}), "
                f"second half {read_late / asked_late:6.2%}"
            )


if __name__ == "__main__":
    main()
