#!/usr/bin/env python3
"""Fit the confidence model's coefficients on benchmark sets and print them.

Usage: fit_confidence.py INDEX CASES [INDEX CASES ...] [--negatives N]

Each (INDEX, CASES) pair is an index built from a benchmark gazetteer and its cases.tsv
(query, gold, country, group). Fit on sets made with ``--parity odd`` (places the evaluation
sets never pick). The top-ranked candidate of each case is an example, labelled 1 when it
is the gold place; random letter strings add examples of non-places (all labelled 0).
The fit is a plain logistic regression (Newton's method), printed as a ``Calibration(...)``
to paste into ``toponym_server/matching/confidence.py``.
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

import numpy as np

from toponym_server.index import open_index
from toponym_server.matching.confidence import features
from toponym_server.matching.ranking import Hints
from toponym_server.resolver import Query, Resolver

TOP = 1  # the calibration error that matters is the top answer's


def random_strings(count: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    consonants, vowels = "bcdfghjklmnpqrstvwxz", "aeiou"
    out = []
    for _ in range(count):
        if rng.random() < 0.5:
            word = "".join(rng.choice(consonants + vowels) for _ in range(rng.randint(4, 10)))
        else:
            word = "".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(rng.randint(2, 4)))
        out.append(word.capitalize())
    return out


def examples(resolver: Resolver, cases: Path, with_hint: bool) -> tuple[list[tuple[float, ...]], list[int]]:
    rows, labels = [], []
    with cases.open(encoding="utf-8") as handle:
        for case in csv.DictReader(handle, delimiter="\t"):
            hints = Hints(countries=frozenset({case["country"]})) if with_hint else Hints()
            ranked, transliterated = resolver.rank(Query(case["query"], hints))
            for i in range(min(TOP, len(ranked))):
                rows.append(features(ranked, i, transliterated))
                labels.append(int(ranked[i].place.place_id == int(case["gold"])))
    return rows, labels


def fit(x: np.ndarray, y: np.ndarray, ridge: float = 1e-3) -> np.ndarray:
    design = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(design.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-design @ w))
        gradient = design.T @ (p - y) + ridge * w
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + ridge * np.eye(len(w))
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", nargs="+", help="INDEX CASES pairs")
    parser.add_argument("--negatives", type=int, default=1000)
    args = parser.parse_args()
    rows: list[tuple[float, ...]] = []
    labels: list[int] = []
    resolver = None
    for index_path, cases in zip(args.pairs[::2], args.pairs[1::2], strict=True):
        resolver = Resolver(open_index(Path(index_path)))
        for with_hint in (False, True):
            r, lab = examples(resolver, Path(cases), with_hint)
            rows += r
            labels += lab
    assert resolver is not None
    for text in random_strings(args.negatives):
        ranked, transliterated = resolver.rank(Query(text))
        for i in range(min(TOP, len(ranked))):
            rows.append(features(ranked, i, transliterated))
            labels.append(0)
    x, y = np.array(rows, dtype=float), np.array(labels, dtype=float)
    x[:, 2] = np.clip(x[:, 2], -0.5, 0.5)
    w = fit(x, y)
    print(f"{len(y)} examples, {int(y.sum())} positive")
    print(
        f"Calibration(similarity={w[0]:.3f}, prominence={w[1]:.3f}, margin={w[2]:.3f}, "
        f"bonus={w[3]:.3f}, transliterated={w[4]:.3f}, intercept={w[5]:.3f})"
    )


if __name__ == "__main__":
    main()
