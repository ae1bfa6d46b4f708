#!/usr/bin/env python3
"""Precision, recall and throughput of free-text resolution on annotated articles.

Usage: evaluate_text.py [DIR ...] [--index PATH] [--cold-passes N] [--stream-rounds N] [--clients N ...]

Each ``*.txt`` file in the directories marks its place mentions ``[[surface|GeoNames ID]]``
(``toponym_server.text.annotated`` documents the format). Defaults: ``bench/texts`` (articles
written after the rules were frozen: the held-out set) and ``tests/acceptance/texts`` (the
articles the rules were developed on). A found mention is right when its span and its best
place match a marked one.

Every figure is measured through :class:`ToponymClient` against ``toponym serve`` started on the
index as a process of its own (as deployed; the client's work is not on the server's
interpreter), each measurement on a freshly started server, so nothing is remembered from an
earlier one:

- *cold*: one pass over the articles, each sent once in turn; every name is new to the
  server's caches (the index file may be in the operating system's page cache). The median of
  ``--cold-passes`` servers.
- *stream*: ``--stream-rounds`` rounds of as many new documents as there are articles, each
  made of paragraphs of different articles up to an article's average length, so no document
  repeats but their names recur as a desk's stream repeats the places of its beat. The first
  round meets most names for the first time, the later ones mostly known names in new
  contexts. Reported: the stream as a whole, its first round and its later rounds (the median
  of their rates), each with the share of its mentions whose name the server had not returned
  before, and the precision and recall of all its mentions against the marks of its
  paragraphs (paragraphs of both sets in new company: a check of what the context does, not a
  held-out figure). With ``--clients N`` the documents are sent by N threads at once (one call
  in flight per thread), which keeps the server busy while the client decodes an answer.

Beside each rate, the processor time the server process used per article (all its threads,
from ``/proc``): on a machine shared with other work the rates move with the load, this much
less.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from startup import SERVE, free_port, wait_ready

from toponym_client import Mention, ToponymClient
from toponym_server.default_index import ensure_embedded_index
from toponym_server.text.annotated import GoldMention, Score, parse_annotated, score

HERE = Path(__file__).resolve().parent
DEFAULT_DIRS = (HERE / "texts", HERE.parent / "tests" / "acceptance" / "texts")


@dataclass(frozen=True, slots=True)
class Article:
    """An annotated article: where it came from, its plain text and its marked mentions."""

    path: Path
    text: str
    gold: list[GoldMention]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", type=Path, default=list(DEFAULT_DIRS))
    parser.add_argument("--index", type=Path, help="index file (default: the embedded default, built if needed)")
    parser.add_argument("--cold-passes", type=int, default=3, help="cold passes, each on a new server (default 3)")
    parser.add_argument("--stream-rounds", type=int, default=10, help="rounds of the stream (default 10)")
    parser.add_argument(
        "--clients", type=int, nargs="+", default=[1, 2], help="concurrent callers for the stream (default: 1 2)"
    )
    args = parser.parse_args()
    index = args.index or ensure_embedded_index().path
    groups = {
        d: [Article(p, *parse_annotated(p.read_text(encoding="utf-8"))) for p in sorted(d.glob("*.txt"))]
        for d in args.dirs
    }
    articles = [a for group in groups.values() for a in group]

    cold_rates, cold_cpu = [], []
    for n in range(args.cold_passes):
        with serving(index) as served:
            started, cpu = time.perf_counter(), served.cpu_seconds()
            found = [served.client.resolve_text(a.text) for a in articles]
            cold_rates.append(len(articles) / (time.perf_counter() - started))
            cold_cpu.append((served.cpu_seconds() - cpu) / len(articles))
        if n == 0:
            report_quality(groups, dict(zip((a.path for a in articles), found, strict=True)))
    chars = statistics.mean(len(a.text) for a in articles)
    print(f"throughput over gRPC to a server process, {len(articles)} articles of {chars:.0f} characters on average")
    print(
        f"  cold (every name new to the server), one call at a time: median {statistics.median(cold_rates):.1f} "
        f"articles/s over {len(cold_rates)} servers ({', '.join(f'{r:.1f}' for r in cold_rates)}); "
        f"server CPU {statistics.median(cold_cpu) * 1000:.1f} ms an article"
    )
    paragraphs = [
        [parse_annotated(p) for p in a.path.read_text(encoding="utf-8").split("\n\n") if p.strip()] for a in articles
    ]
    documents = stream_documents(paragraphs, args.stream_rounds * len(articles), round(chars))
    rounds = [documents[r : r + len(articles)] for r in range(0, len(documents), len(articles))]
    for clients in args.clients:
        with serving(index) as served:
            stream(served, rounds, clients)


@dataclass(frozen=True, slots=True)
class Served:
    """A client of a server process, and that process's ID (to read the CPU time it used)."""

    client: ToponymClient
    pid: int

    def cpu_seconds(self) -> float:
        """The processor time (user and system, all threads) the server has used so far."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def serving(index: Path) -> Iterator[Served]:
    """Start ``toponym serve`` on ``index`` in a process of its own and yield a client of it."""
    port = free_port()
    target = f"127.0.0.1:{port}"
    argv = [*SERVE, "--index", str(index), "--port", str(port)]
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_ready(target)
        with ToponymClient(target, timeout=60) as client:
            yield Served(client, process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)


def report_quality(groups: dict[Path, list[Article]], found: dict[Path, list[Mention]]) -> None:
    """Print precision and recall per article and per directory."""
    for directory, articles in groups.items():
        total = Score(0, 0, 0)
        print(f"{directory}:")
        for article in articles:
            mentions = found[article.path]
            result = score(((m.start, m.end, m.best.geoname_id) for m in mentions), article.gold)
            total += result
            print(
                f"  {article.path.name:<24} precision {result.precision:.3f}  recall {result.recall:.3f}  "
                f"({result.right} right of {result.found} found, {result.gold} marked)"
            )
        print(f"  {'all':<24} precision {total.precision:.3f}  recall {total.recall:.3f}")


def stream_documents(
    paragraphs: list[list[tuple[str, list[GoldMention]]]], count: int, length: int, seed: int = 7
) -> list[tuple[str, list[GoldMention]]]:
    """``count`` distinct documents of at least ``length`` characters (fixed by ``seed``), with their marks.

    A document is paragraphs of different articles, each drawn from all of its article's
    paragraphs (a paragraph's plain text and its marked mentions), so the stream meets every
    paragraph's names in turn; no two documents are the same, so no answer is reused whole.
    """
    rng = random.Random(seed)
    made: dict[tuple[tuple[int, int], ...], tuple[str, list[GoldMention]]] = {}
    while len(made) < count:
        picked: list[tuple[int, int]] = []
        size = 0
        for article in rng.sample(range(len(paragraphs)), len(paragraphs)):
            k = rng.randrange(len(paragraphs[article]))
            grown = size + len(paragraphs[article][k][0]) + 2
            if picked and grown - length > length - size:
                break  # the document is nearer the length without this paragraph
            picked.append((article, k))
            size = grown
            if size >= length:
                break
        if tuple(picked) not in made:
            made[tuple(picked)] = _joined([paragraphs[a][k] for a, k in picked])
    return list(made.values())


def _joined(paragraphs: list[tuple[str, list[GoldMention]]]) -> tuple[str, list[GoldMention]]:
    """Paragraphs joined by blank lines, their marks moved to the joined text's offsets."""
    gold: list[GoldMention] = []
    offset = 0
    for text, marks in paragraphs:
        gold += [GoldMention(g.start + offset, g.end + offset, g.text, g.ids) for g in marks]
        offset += len(text) + 2
    return "\n\n".join(text for text, _ in paragraphs), gold


def stream(served: Served, rounds: list[list[tuple[str, list[GoldMention]]]], clients: int) -> None:
    """Send the rounds of documents to a fresh server, ``clients`` calls at a time, and print the rates."""
    seen: set[str] = set()
    mentions: list[int] = []
    new: list[int] = []
    rates: list[float] = []
    cpu: list[float] = []
    took = 0.0
    total = Score(0, 0, 0)
    with ThreadPoolExecutor(clients) as pool:
        for marked in rounds:
            documents = [text for text, _ in marked]
            started, used = time.perf_counter(), served.cpu_seconds()
            answers = list(pool.map(served.client.resolve_text, documents))
            seconds = time.perf_counter() - started
            cpu.append((served.cpu_seconds() - used) / len(documents))
            took += seconds
            rates.append(len(documents) / seconds)
            mentions.append(0)
            new.append(0)
            for found, (_, gold) in zip(answers, marked, strict=True):
                total += score(((m.start, m.end, m.best.geoname_id) for m in found), gold)
                names = [m.text for m in found]
                mentions[-1] += len(names)
                new[-1] += sum(1 for name in dict.fromkeys(names) if name not in seen)
                seen.update(names)
    count = sum(len(r) for r in rounds)
    print(
        f"  stream of {count} new documents of {statistics.mean(len(d) for r in rounds for d, _ in r):.0f} "
        f"characters on average in {len(rounds)} rounds, {clients} call(s) at a time: "
        f"{count / took:.1f} articles/s, server CPU {statistics.mean(cpu) * 1000:.1f} ms an article "
        f"({_share(new, mentions)} of its {sum(mentions)} mentions new to the server)"
    )
    print(
        f"    first round {rates[0]:.1f} articles/s, server CPU {cpu[0] * 1000:.1f} ms an article "
        f"({_share(new[:1], mentions[:1])} of its mentions new)"
    )
    if len(rates) > 1:
        print(
            f"    later rounds: median {statistics.median(rates[1:]):.1f} articles/s, server CPU "
            f"{statistics.median(cpu[1:]) * 1000:.1f} ms an article ({_share(new[1:], mentions[1:])} of their "
            f"mentions new)"
        )
    print(
        f"    its mentions against the paragraphs' marks (both sets): precision {total.precision:.3f}  "
        f"recall {total.recall:.3f}  ({total.right} right of {total.found} found, {total.gold} marked)"
    )


def _share(part: list[int], whole: list[int]) -> str:
    return f"{sum(part) / max(sum(whole), 1):.0%}"


if __name__ == "__main__":
    main()
