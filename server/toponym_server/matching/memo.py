"""A bounded memo for functions from one string to another, which the garbage collector never walks.

``functools.lru_cache`` keeps its entries in linked records that CPython's cyclic garbage
collector visits at every full collection, even when they hold nothing but strings: with a few
hundred thousand names' spellings kept, each full collection took some 100 ms longer, and held
the interpreter (every thread of a server) that long. A plain dict of strings is not tracked by
the collector at all. It is emptied when full, as the resolver's kept rows are: the strings of a
gazetteer recur by name, not by recency.

A large store pays where words recur, as they do across a gazetteer's names in an index build; a
long-running server meets mostly names it has not seen, and lowers every store with
:func:`limit_memos` (BENCHMARKS.md, eighteenth session).
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable

_MEMOS: weakref.WeakSet[StringMemo] = weakref.WeakSet()
"""Every memo alive, for :func:`limit_memos`."""


class StringMemo:
    """``function`` with its results kept, at most ``maxsize`` of them; the whole store is emptied when full.

    It carries the function's name and docstring, and pickles as a reference to the module-level
    name it is bound to, as a decorated function does. Safe to share between threads: a race
    computes a result twice, never a wrong one.
    """

    def __init__(self, function: Callable[[str], str], maxsize: int) -> None:
        functools.update_wrapper(self, function)
        self.__wrapped__: Callable[[str], str] = function
        self._name: str = function.__qualname__
        self._kept: dict[str, str] = {}
        self._maxsize = maxsize
        _MEMOS.add(self)

    @property
    def maxsize(self) -> int:
        """The most results kept at once."""
        return self._maxsize

    def limit(self, maxsize: int) -> None:
        """Keep at most ``maxsize`` results from now on; the store is emptied now if it holds more."""
        self._maxsize = maxsize
        if len(self._kept) > maxsize:
            self._kept = {}

    def __call__(self, text: str) -> str:
        """``function(text)``, from the store when it is there."""
        found = self._kept.get(text)
        if found is None:
            if len(self._kept) >= self._maxsize:
                self._kept.clear()
            found = self._kept[text] = self.__wrapped__(text)
        return found

    def __len__(self) -> int:
        return len(self._kept)

    def __reduce__(self) -> str:
        return self._name


def limit_memos(maxsize: int) -> None:
    """Lower every memo's store to at most ``maxsize`` results (a smaller one stays as it is)."""
    for memo in _MEMOS:
        memo.limit(min(memo.maxsize, maxsize))


def string_memo(maxsize: int) -> Callable[[Callable[[str], str]], StringMemo]:
    """Decorate a function from one string to another with a :class:`StringMemo` of ``maxsize`` entries."""

    def decorate(function: Callable[[str], str]) -> StringMemo:
        return StringMemo(function, maxsize)

    return decorate
