#!/usr/bin/env python3
"""How many name rows a resolver reads from the index, by the store that keeps them and its size.

Usage: kept_rows.py [--index PATH] [--names N] [--sizes N,N,...] [--early N] [--seed N]

Resolves ``N`` distinct names in process (default 150,000, ``perf.py``'s five query classes in
turn), recording every request for name rows the resolver makes, then replays those requests
through each store that can keep the rows (:class:`KeptRows`, the tuples kept until the
nineteenth session; :class:`KeptNameRows`, the ring of slots a resolver keeps them in now,
empty at first or filled first with the index's warmest names as :meth:`Resolver.warm_up` fills
it) at each size of ``--sizes``, and prints how many rows each would have read from the index,
over the whole run, over its first ``--early`` names (default 2,500, as many as ``perf.py``'s
in-process part resolves) and over its second half (once the store is full). The requests do not
depend on the store: a kept row is the row the index holds. Without ``--index`` it uses the
embedded default index in the data directory (build it first with ``toponym index build``).
"""

from __future__ import annotations

import argparse
import sys
import time
from array import array
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from perf import CLASSES, mixed, query_sets

from toponym_server.default_index import embedded_index_path
from toponym_server.index.reader import open_index
from toponym_server.resolver import Query, Resolver
from toponym_server.resolver.cache import KeptRows
from toponym_server.resolver.kept_names import KeptNameRows
from toponym_server.resolver.resolver import warm_up_chunks

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


def record(index: Path, names: list[str]) -> tuple[list[array[int]], list[int]]:
    """Resolve ``names`` one by one with one resolver: its requests for name rows, and where each name's begin."""
    requests: list[array[int]] = []
    starts: list[int] = []
    resolver = Resolver(open_index(index), cache_size=0)
    resolver._name_rows = _Recording(resolver._name_rows, requests)  # type: ignore[assignment]
    for name in names:
        starts.append(len(requests))
        resolver.resolve(Query(name))
    return requests, starts


def _kept(row_id: int) -> tuple[int, ...]:
    return (row_id, *_ROW[1:])


def warmed_up(size: int, warm: list[int]) -> KeptNameRows:
    """A ring of ``size`` rows filled as :meth:`Resolver.warm_up` fills it from the index's warm names ``warm``."""
    store = KeptNameRows(size)
    for part in warm_up_chunks(warm[:size]):
        # The index returns a run's rows in ID order, and the store keeps them so.
        store.keep_all([(row_id, _kept(row_id)) for row_id in sorted(part)])
    return store


def replay(requests: list[array[int]], store: Any, early: int) -> tuple[float, float, float]:
    """The share of the rows asked for that ``store`` reads from the index.

    Over all ``requests``, over the first ``early`` of them and over their second half.
    """
    asked = [0, 0, 0]
    read = [0, 0, 0]
    half = len(requests) // 2
    for at, request in enumerate(requests):
        _, missing = store.take(request)
        if missing:
            store.keep_all([(row_id, _kept(row_id)) for row_id in missing])
        for part, counts in enumerate((True, at < early, at >= half)):
            if counts:
                asked[part] += len(request)
                read[part] += len(missing)
    return read[0] / asked[0], read[1] / max(1, asked[1]), read[2] / max(1, asked[2])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=None)
    parser.add_argument("--names", type=int, default=150_000, help="distinct names to resolve (default 150,000)")
    parser.add_argument("--sizes", default="300000,100000", help="store sizes to replay, in rows")
    parser.add_argument("--early", type=int, default=2_500, help="the first names, counted apart (default 2,500)")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    index = args.index or embedded_index_path()
    names = mixed(query_sets(index, -(-args.names // len(CLASSES)), args.seed), 0, args.names)
    started = time.monotonic()
    requests, starts = record(index, names)
    early = starts[args.early] if args.early < len(starts) else len(requests)
    print(
        f"{len(names):,} names resolved in {time.monotonic() - started:.0f} s: {len(requests):,} requests "
        f"for {sum(map(len, requests)):,} name rows; the share of them read from the index:"
    )
    sizes = [int(size) for size in args.sizes.split(",")]
    reader = open_index(index)
    warm = reader.warm_name_ids(max(sizes))
    reader.close()
    stores: dict[str, Callable[[int], Any]] = {
        "tuples (KeptRows)": KeptRows,
        "ring (KeptNameRows)": KeptNameRows,
        "ring, warmed up": lambda size: warmed_up(size, warm),
    }
    if not warm:
        del stores["ring, warmed up"]
        print("  (the index lists no warm names: format 10)")
    for size in sizes:
        for label, store in stores.items():
            whole, first, late = replay(requests, store(size), early)
            print(
                f"{label:>20} keeping {size:>9,}: {whole:6.2%} of all, {first:6.2%} over the first "
                f"{min(args.early, len(names)):,} names, {late:6.2%} over the second half"
            )


if __name__ == "__main__":
    main()
