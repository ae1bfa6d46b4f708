"""A lock that threads take in the order they asked for it: the turns of :meth:`.reader.IndexReader.turn`.

Ranking is CPU-bound Python: under CPython's global interpreter lock two threads never rank at
once, yet letting them contend still costs. Each index read releases the interpreter lock and
hands it to another ranking thread: four threads resolving cold names together spent 5.4 to 5.7
ms of CPU a name, where one thread spends about 3 ms (2 cores). Taking turns keeps one ranking
running at a time, and four threads then spend 3.0 ms a name; taking them in order keeps a short
call from waiting behind a whole batch.

A turn is handed to the next waiter alone. Woken all at once to look for their number, the
waiters of four concurrent batches made the server switch context about 18 times a name; with
the handoff it is about 7, and four threads spend 5-11 % less CPU a name (BENCHMARKS.md,
thirteenth session).
"""

from __future__ import annotations

import threading
from collections import deque
from types import TracebackType


class Turns:
    """A first-come, first-served lock: ``with turns:`` waits for the earlier callers, then runs alone.

    The thread ending its turn hands it straight to the one that has waited longest, and wakes
    no other. Not reentrant: a thread holding its turn must not ask for another.
    """

    __slots__ = ("_busy", "_guard", "_waiting")

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._busy = False
        self._waiting: deque[threading.Event] = deque()  # one gate a waiter, in the order they came

    def __enter__(self) -> None:
        with self._guard:
            if not self._busy:
                self._busy = True
                return
            gate = threading.Event()
            self._waiting.append(gate)
        try:
            gate.wait()
        except BaseException:
            # A waiter interrupted (KeyboardInterrupt, say) must not stop the queue behind it.
            with self._guard:
                if gate in self._waiting:
                    self._waiting.remove(gate)
                else:  # the turn was handed over just as the wait ended: pass it on
                    self._hand_on()
            raise

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        with self._guard:
            self._hand_on()

    def _hand_on(self) -> None:
        """Give the turn to the longest waiter, or end it if none waits (the guard is held)."""
        if self._waiting:
            self._waiting.popleft().set()
        else:
            self._busy = False
