#!/usr/bin/env python3
"""Precision, recall and throughput of free-text resolution on annotated articles.

Usage: evaluate_text.py [DIR ...] [--index PATH] [--rounds N]

Each ``*.txt`` file in the directories marks its place mentions ``[[surface|GeoNames ID]]``
(``toponym_server.text.annotated`` documents the format). Defaults: ``bench/texts`` (articles
written after the rules were frozen: the held-out set) and ``tests/acceptance/texts`` (the
articles the rules were developed on). A found mention is right when its span and its best
place match a marked one.

Throughput is measured through the gRPC client against a server on the same index started in
this process: the first pass over the articles (every name new to the server's caches), and
``--rounds`` passes over new documents made by recombining the articles' paragraphs (a
pipeline's steady state: the names recur, the documents and so their contexts do not).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from toponym_client import ToponymClient
from toponym_server.default_index import ensure_embedded_index
from toponym_server.index import open_index
from toponym_server.service.server import ServerConfig, start_server
from toponym_server.text.annotated import Score, parse_annotated, score

HERE = Path(__file__).resolve().parent
DEFAULT_DIRS = (HERE / "texts", HERE.parent / "tests" / "acceptance" / "texts")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", type=Path, default=list(DEFAULT_DIRS))
    parser.add_argument("--index", type=Path, help="index file (default: the embedded default, built if needed)")
    parser.add_argument("--rounds", type=int, default=5, help="warm passes over the articles (default 5)")
    args = parser.parse_args()
    index = open_index(args.index) if args.index else ensure_embedded_index()
    server = start_server(index, ServerConfig(host="127.0.0.1", port=0, workers=4))
    try:
        with ToponymClient(f"127.0.0.1:{server.port}") as client:
            run(client, args.dirs, args.rounds)
    finally:
        server.stop(grace=1.0)


def recombined(paragraphs: list[list[str]], j: int, round_number: int) -> str:
    """A new document of three paragraphs, each from another article (the same for the same arguments)."""
    picked = []
    for k in range(3):
        source = paragraphs[(j + round_number * (k + 1)) % len(paragraphs)]
        picked.append(source[k % len(source)])
    return "\n\n".join(picked)


def run(client: ToponymClient, dirs: list[Path], rounds: int) -> None:
    articles: list[str] = []
    cold_seconds = 0.0
    for directory in dirs:
        total = Score(0, 0, 0)
        print(f"{directory}:")
        for path in sorted(directory.glob("*.txt")):
            text, gold = parse_annotated(path.read_text(encoding="utf-8"))
            articles.append(text)
            started = time.perf_counter()
            mentions = client.resolve_text(text)
            cold_seconds += time.perf_counter() - started
            result = score(((m.start, m.end, m.best.geoname_id) for m in mentions), gold)
            total += result
            print(
                f"  {path.name:<24} precision {result.precision:.3f}  recall {result.recall:.3f}  "
                f"({result.right} right of {result.found} found, {result.gold} marked)"
            )
        print(f"  {'all':<24} precision {total.precision:.3f}  recall {total.recall:.3f}")
    paragraphs = [[p for p in a.split("\n\n") if p.strip()] for a in articles]
    warm: list[float] = []
    for round_number in range(1, rounds + 1):
        documents = [recombined(paragraphs, j, round_number) for j in range(len(articles))]
        started = time.perf_counter()
        for document in documents:
            client.resolve_text(document)
        warm.append(len(documents) / (time.perf_counter() - started))
    chars = statistics.mean(len(a) for a in articles)
    print(
        f"throughput over gRPC, {len(articles)} articles of {chars:.0f} characters on average: "
        f"cold (first pass) {len(articles) / cold_seconds:.1f} articles/s, "
        f"recombined documents of known names: median {statistics.median(warm):.1f} articles/s "
        f"over {rounds} passes"
    )


if __name__ == "__main__":
    main()
