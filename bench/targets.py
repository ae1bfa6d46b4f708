"""The performance targets of issue 5, and a scorecard that checks one run's figures against them.

The targets hold on the project's 2-core machine with the embedded default index. ``perf.py``
records each figure it takes that a target speaks of, and prints the scorecard at the end of
its run: every target with the figure measured, the limit, and whether the figure meets it.
A figure from another index or another machine is still printed; whether the target then
applies is the reader's call.
"""

from __future__ import annotations

from dataclasses import dataclass, field

START_TO_READY_S = 2.0
"""Server start-to-ready, the index already built, in seconds."""
RESIDENT_MB = 600.0
"""Resident memory of the server, in megabytes (10^6 bytes), after start and after a load run."""
KNOWN_NAME_P50_MS = 0.1
"""In-process p50 for exact and alternate names, in milliseconds."""
VARIANT_P50_MS = 2.0
"""In-process p50 for unseen spelling variants, in milliseconds."""
P99_MS = 10.0
"""In-process p99 of every query class, in milliseconds."""
UNARY_OVER_ECHO = 1.5
"""gRPC unary p50 as a multiple of the plain echo service's p50 in the same run."""
BATCH_NAMES_PER_S = 20_000.0
"""``ResolveBatch`` throughput over gRPC, in names per second."""
OVER_RAPIDFUZZ = 50.0
"""Speed-up over brute-force ``rapidfuzz`` on the variant benchmark (p50 against p50), at accuracy@1 as good."""

MIB_IN_MB = 2**20 / 10**6


def _shown(value: float, limit: float, digits: int) -> str:
    """``value`` to ``digits`` decimals, or as many more as it takes not to read as the limit itself."""
    for places in range(digits, digits + 6):
        text = f"{value:,.{places}f}"
        if value == limit or text != f"{limit:,.{places}f}":
            return text
    return text


@dataclass(frozen=True)
class Check:
    """One figure of a run against one target."""

    target: str
    figure: str
    limit: str
    met: bool


@dataclass
class Scorecard:
    """The checks of one run, in the order they were made."""

    checks: list[Check] = field(default_factory=list)

    def at_most(self, target: str, value: float, limit: float, unit: str, digits: int = 3) -> None:
        """Check a figure that must not exceed ``limit``."""
        figure = f"{_shown(value, limit, digits)} {unit}"
        self.checks.append(Check(target, figure, f"<= {limit:,g} {unit}", value <= limit))

    def at_least(self, target: str, value: float, limit: float, unit: str, digits: int = 0) -> None:
        """Check a figure that must reach ``limit``."""
        figure = f"{_shown(value, limit, digits)} {unit}"
        self.checks.append(Check(target, figure, f">= {limit:,g} {unit}", value >= limit))

    def as_good(self, target: str, ours: float, theirs: float) -> None:
        """Check that an accuracy of ours is at least theirs."""
        self.checks.append(Check(target, f"{ours:.3f} against {theirs:.3f}", "as good", ours >= theirs))

    def lines(self) -> list[str]:
        """The scorecard as printed lines; none when nothing was checked."""
        if not self.checks:
            return []
        width = max(len(check.target) for check in self.checks)
        figure_width = max(len(check.figure) for check in self.checks)
        met = sum(check.met for check in self.checks)
        lines = [f"\n== against the targets (issue 5): {met} of {len(self.checks)} met"]
        for check in self.checks:
            verdict = "met" if check.met else "MISSED"
            figure = f"{check.figure:>{figure_width}}"
            lines.append(f"  {verdict:<6} {check.target:<{width}}  {figure}  (target {check.limit})")
        return lines
