"""A bounded memo for functions from one string to another, which the garbage collector never walks.

``functools.lru_cache`` keeps its entries in linked records that CPython's cyclic garbage
collector visits at every full collection, even when they hold nothing but strings: with a few
hundred thousand names' spellings kept, each full collection took some 100 ms longer, and held
the interpreter (every thread of a server) that long. A plain dict of strings is not tracked by
the collector at all. It is emptied when full, as the resolver's kept rows are: the strings of a
gazetteer recur by name, not by recency.
"""

from __future__ import annotations

import functools
from collections.abc import Callable


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


def string_memo(maxsize: int) -> Callable[[Callable[[str], str]], StringMemo]:
    """Decorate a function from one string to another with a :class:`StringMemo` of ``maxsize`` entries."""

    def decorate(function: Callable[[str], str]) -> StringMemo:
        return StringMemo(function, maxsize)

    return decorate
