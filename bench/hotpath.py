#!/usr/bin/env python3
"""Profile the resolve hot path with py-spy and print where the time goes.

Usage: hotpath.py [--rate HZ] [--focus FUNCTION] [--top N] [--raw FILE] [-- PERF_ARGS ...]

Runs ``py-spy record`` (a dev dependency; it needs permission to trace, e.g. root or
``ptrace``) around ``bench/perf.py --only inprocess`` (extra arguments after ``--`` go to
perf.py), keeps the samples whose stack passes through ``--focus`` (default
``Resolver.resolve``), and prints the share of those samples each function is on the stack for
(inclusive) and at the top of (self). ``--raw FILE`` summarises an existing py-spy ``raw``
(collapsed stacks) file instead of recording.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

_FRAME = re.compile(r"^(?P<func>.*?) \((?P<file>[^():]*?)(?::\d+)?\)$")


def frame_name(frame: str) -> str:
    """A frame without its line number: ``function (file)``."""
    match = _FRAME.match(frame)
    if not match:
        return frame
    path = match["file"]
    short = path.split("toponym_server/")[-1] if "toponym_server/" in path else Path(path).name
    return f"{match['func']} ({short})"


def summarise(raw: Path, focus: str, top: int) -> None:
    """Print inclusive and self shares of the samples under ``focus``."""
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    total = 0
    everything = 0
    for line in raw.read_text(encoding="utf-8").splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack:
            continue
        count = int(count_text)
        everything += count
        frames = stack.split(";")
        starts = [i for i, f in enumerate(frames) if f.startswith(focus + " ")]
        if not starts:
            continue
        frames = frames[starts[0] :]
        total += count
        for name in {frame_name(f) for f in frames}:
            inclusive[name] += count
        own[frame_name(frames[-1])] += count
    if not total:
        sys.exit(f"no sample passes through {focus}")
    print(f"{total} of {everything} samples pass through {focus}")
    print(f"\n{'inclusive':>9}  function")
    for name, count in inclusive.most_common(top):
        print(f"{100 * count / total:8.1f}%  {name}")
    print(f"\n{'self':>9}  function")
    for name, count in own.most_common(top):
        print(f"{100 * count / total:8.1f}%  {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=int, default=1000)
    parser.add_argument("--focus", default="Resolver.resolve")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--raw", type=Path, default=None)
    parser.add_argument("perf_args", nargs="*", help="arguments for perf.py, after --")
    args = parser.parse_args()
    raw = args.raw
    if raw is None:
        raw = Path(tempfile.mkdtemp()) / "profile.txt"
        perf = [sys.executable, str(Path(__file__).with_name("perf.py")), "--only", "inprocess", *args.perf_args]
        beside = Path(sys.executable).with_name("py-spy")  # installed in the same environment
        py_spy = str(beside) if beside.exists() else "py-spy"
        subprocess.run(
            [py_spy, "record", "--rate", str(args.rate), "--format", "raw", "-o", str(raw), "--", *perf],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    summarise(raw, args.focus, args.top)


if __name__ == "__main__":
    main()
