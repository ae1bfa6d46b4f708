#!/usr/bin/env python3
"""Fit the ranking model's weights on benchmark sets and print them.

Usage: fit_ranking.py INDEX CASES [INDEX CASES ...] [--negatives N] [--iterations N] [--calibrate]

Each (INDEX, CASES) pair is an index built from a benchmark gazetteer and its cases.tsv
(query, gold, country, group). Fit on sets made with ``--parity odd`` (places the evaluation
sets never pick). Every case is resolved twice, bare and with its country as the hint; its
candidates are every place any of its keys reaches (``Resolver.candidate_pool``), each
described by the features of ``toponym_server.matching.scoring``. Random letter strings add
queries whose answer is *none of these*, as does every case whose place the keys never reach.

The model is a softmax over each query's candidates plus *none*, whose score is one more
weight; it is fitted by maximum likelihood (Adam, a little L2) with numpy and printed as a
``RankingModel(...)`` to paste into ``toponym_server/matching/scoring.py``. Accuracy and the
calibration error on the training sets are printed too; judge the model on the even sets with
``bench/evaluate.py``.

With ``--calibrate`` (run it after pasting the model) it fits the last ``Calibration`` of
``toponym_server/matching/confidence.py`` instead: a logistic regression of whether each
query's first answer, as the service ranks it, is right, on the logit of its share and on
whether the query carries a hint and was transliterated; random strings count as wrong answers.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from toponym_server.index import open_index
from toponym_server.matching.confidence import confidence_of
from toponym_server.matching.normalize import normalize
from toponym_server.matching.ranking import Hints, evidence_table
from toponym_server.matching.scoring import FEATURES
from toponym_server.resolver import Query, Resolver


def random_strings(count: int, seed: int = 11) -> list[str]:
    """Letter strings that name no place, half random letters, half consonant-vowel syllables."""
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


@dataclass
class Examples:
    """Every query's candidate features, stacked, and which row (if any) is the right place."""

    rows: list[list[float]]
    spans: list[tuple[int, int]]
    gold: list[int]  # row index of the right candidate, or -1 for none of these

    def add(self, resolver: Resolver, query: Query, gold_id: int | None) -> None:
        """Describe the candidates of ``query``; ``gold_id`` is the right place or ``None``."""
        pool = resolver.candidate_pool(query)
        start, gold = len(self.rows), -1
        for offset, (place, _) in enumerate(pool):
            if gold_id is not None and place.place_id == gold_id:
                gold = start + offset
        self.rows.extend(evidence_table(normalize(query.name), pool, query.hints).features.tolist())
        self.spans.append((start, len(self.rows)))
        self.gold.append(gold)


def fit(examples: Examples, iterations: int, l2: float = 1e-4, rate: float = 0.03) -> tuple[np.ndarray, float]:
    """Maximum-likelihood weights and *none* score of the softmax model (Adam)."""
    x = np.array(examples.rows, dtype=float)
    lengths = np.array([end - start for start, end in examples.spans])
    owner = np.repeat(np.arange(len(lengths)), lengths)
    gold = np.array(examples.gold)
    found = gold >= 0
    n = len(lengths)
    params = np.zeros(x.shape[1] + 1)
    moment, velocity = np.zeros_like(params), np.zeros_like(params)
    for step in range(1, iterations + 1):
        w, none = params[:-1], params[-1]
        scores = x @ w
        top = np.full(n, none)
        np.maximum.at(top, owner, scores)
        shares = np.exp(scores - top[owner])
        total = np.bincount(owner, weights=shares, minlength=n) + np.exp(none - top)
        p = shares / total[owner]
        p_none = np.exp(none - top) / total
        grad_w = (p @ x - x[gold[found]].sum(axis=0)) / n + 2 * l2 * w
        grad_none = (p_none.sum() - (~found).sum()) / n
        grad = np.append(grad_w, grad_none)
        moment = 0.9 * moment + 0.1 * grad
        velocity = 0.999 * velocity + 0.001 * grad * grad
        params -= rate * (moment / (1 - 0.9**step)) / (np.sqrt(velocity / (1 - 0.999**step)) + 1e-8)
    return params[:-1], float(params[-1])


def report(examples: Examples, w: np.ndarray, none: float) -> str:
    """Accuracy@1 and the expected calibration error (ten bins) of the top answers on ``examples``."""
    x = np.array(examples.rows, dtype=float)
    right, confidence = [], []
    for (start, end), gold in zip(examples.spans, examples.gold, strict=True):
        if start == end:
            right.append(False)
            confidence.append(0.0)
            continue
        scores = x[start:end] @ w
        best = int(np.argmax(scores))
        top = max(scores.max(), none)
        shares = np.exp(scores - top)
        right.append(start + best == gold)
        confidence.append(float(shares[best] / (shares.sum() + np.exp(none - top))))
    c, ok = np.array(confidence), np.array(right)
    bins = np.minimum((c * 10).astype(int), 9)
    ece = sum(
        abs(c[bins == b].mean() - ok[bins == b].mean()) * (bins == b).sum() for b in range(10) if (bins == b).any()
    )
    return f"accuracy@1 {ok.mean():.3f}, calibration error {ece / len(c):.3f}"


def calibration_examples(resolver: Resolver, query: Query, gold_id: int | None) -> tuple[list[float], int] | None:
    """The calibration inputs and label of the first answer the service gives to ``query``, if any."""
    ranked = resolver.rank(query)
    if not ranked:
        return None
    share = min(max(confidence_of(ranked, 0), 1e-12), 1 - 1e-12)
    inputs = [
        math.log(share / (1 - share)),
        float(bool(query.hints.countries)),
        float(normalize(query.name).transliterated),
    ]
    return inputs, int(gold_id is not None and ranked[0].place.place_id == gold_id)


def fit_logistic(x: np.ndarray, y: np.ndarray, ridge: float = 1e-3) -> np.ndarray:
    """Logistic regression with an intercept (last weight), by Newton's method."""
    design = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(design.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-design @ w))
        gradient = design.T @ (p - y) + ridge * w
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + ridge * np.eye(len(w))
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-9:
            break
    return w


def calibrate(pairs: list[tuple[Path, Path]], negatives: int) -> None:
    """Fit and print the ``Calibration`` of the answers the service gives on these sets."""
    rows: list[list[float]] = []
    labels: list[int] = []
    resolver = None
    for index_path, cases_path in pairs:
        resolver = Resolver(open_index(index_path), cache_size=0)
        with cases_path.open(encoding="utf-8") as handle:
            for case in csv.DictReader(handle, delimiter="\t"):
                for hints in (Hints(), Hints(countries=frozenset({case["country"]}))):
                    found = calibration_examples(resolver, Query(case["query"], hints), int(case["gold"]))
                    if found is not None:
                        rows.append(found[0])
                        labels.append(found[1])
    assert resolver is not None, "give at least one INDEX CASES pair"
    for text in random_strings(negatives):
        found = calibration_examples(resolver, Query(text), None)
        if found is not None:
            rows.append(found[0])
            labels.append(found[1])
    w = fit_logistic(np.array(rows), np.array(labels, dtype=float))
    print(f"{len(labels)} first answers, {sum(labels)} right")
    print(
        f"CALIBRATION = Calibration(slope={w[0]:.4f}, hinted={w[1]:.4f}, "
        f"transliterated={w[2]:.4f}, intercept={w[3]:.4f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", nargs="+", help="INDEX CASES pairs")
    parser.add_argument("--negatives", type=int, default=500, help="random strings labelled none of these")
    parser.add_argument("--iterations", type=int, default=3000)
    parser.add_argument("--calibrate", action="store_true", help="fit the last calibration instead of the model")
    args = parser.parse_args()
    if args.calibrate:
        pairs = [(Path(i), Path(c)) for i, c in zip(args.pairs[::2], args.pairs[1::2], strict=True)]
        calibrate(pairs, args.negatives)
        return
    started = time.perf_counter()
    examples = Examples([], [], [])
    resolver = None
    for index_path, cases_path in zip(args.pairs[::2], args.pairs[1::2], strict=True):
        resolver = Resolver(open_index(Path(index_path)), cache_size=0)
        with Path(cases_path).open(encoding="utf-8") as handle:
            cases = list(csv.DictReader(handle, delimiter="\t"))
        for case in cases:
            for hints in (Hints(), Hints(countries=frozenset({case["country"]}))):
                examples.add(resolver, Query(case["query"], hints), int(case["gold"]))
    assert resolver is not None, "give at least one INDEX CASES pair"
    for text in random_strings(args.negatives):
        examples.add(resolver, Query(text), None)
    print(f"{len(examples.spans)} queries, {len(examples.rows)} candidates ({time.perf_counter() - started:.0f} s)")
    w, none = fit(examples, args.iterations)
    print("on the training queries:", report(examples, w, none))
    body = ",\n".join(f"    {name}={value:.4f}" for name, value in zip(FEATURES, w, strict=True))
    print(f"MODEL = RankingModel(\n{body},\n    none={none:.4f},\n)")


if __name__ == "__main__":
    main()
