"""Threads run at once, switching as often as CPython lets them: races show up in a few thousand steps."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable


def race(work: Callable[[int], None], threads: int = 4) -> None:
    """Run ``work(0)``, ``work(1)``, ... on ``threads`` threads at once and wait for them all."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        running = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
        for thread in running:
            thread.start()
        for thread in running:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
