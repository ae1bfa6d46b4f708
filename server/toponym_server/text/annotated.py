"""Texts annotated with their place mentions, and how well a resolver's mentions match them.

The format is plain text in which every place mention is written ``[[surface|ID]]`` or, when
more than one place is an acceptable answer (a city and the province named after it),
``[[surface|ID,ID]]``. Everything not marked is not a place mention. ``tests/acceptance/texts/``
holds such files; add one to extend the suite.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_MARK = re.compile(r"\[\[([^|\]]+)\|([0-9,]+)\]\]")


@dataclass(frozen=True, slots=True)
class GoldMention:
    """A place mention an annotator marked: its span in the plain text and the acceptable IDs."""

    start: int
    end: int
    text: str
    ids: frozenset[int]


@dataclass(frozen=True, slots=True)
class Score:
    """Mention-level counts: a found mention is right when its span and its best place are."""

    right: int
    found: int
    gold: int

    @property
    def precision(self) -> float:
        """Right mentions over found ones (1 when nothing was found)."""
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        """Right mentions over annotated ones (1 when nothing was annotated)."""
        return self.right / self.gold if self.gold else 1.0

    def __add__(self, other: Score) -> Score:
        return Score(self.right + other.right, self.found + other.found, self.gold + other.gold)


def parse_annotated(annotated: str) -> tuple[str, list[GoldMention]]:
    """Return the plain text and its gold mentions."""
    plain: list[str] = []
    gold: list[GoldMention] = []
    position = 0
    length = 0
    for match in _MARK.finditer(annotated):
        before = annotated[position : match.start()]
        plain.append(before)
        length += len(before)
        surface = match.group(1)
        ids = frozenset(int(i) for i in match.group(2).split(","))
        gold.append(GoldMention(length, length + len(surface), surface, ids))
        plain.append(surface)
        length += len(surface)
        position = match.end()
    plain.append(annotated[position:])
    return "".join(plain), gold


def score(found: Iterable[tuple[int, int, int]], gold: list[GoldMention]) -> Score:
    """Score found mentions, given as (start, end, best place ID), against the gold ones."""
    expected = {(g.start, g.end): g.ids for g in gold}
    found = list(found)
    right = sum(1 for start, end, place in found if place in expected.get((start, end), ()))
    return Score(right, len(found), len(gold))
