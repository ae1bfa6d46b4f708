"""Stop signals that end a process through its cleanup rather than at once.

By default SIGTERM ends a Python process on the spot, leaving an index build's temporary files
behind, and SIGINT raises KeyboardInterrupt wherever the main thread is. A process that writes
files (the command line, the first start's build) turns them into ``SystemExit(128 + signal)``,
which unwinds through every ``finally`` and context manager.
"""

from __future__ import annotations

import signal

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def exit_through_cleanup(signum: int, frame: object) -> None:
    """A signal handler: ignore further stop signals, then raise ``SystemExit(128 + signum)``.

    Once one has come, a second (a terminal's Ctrl-C and a parent's SIGTERM both) must not cut
    the cleanup short.
    """
    for ignored in STOP_SIGNALS:
        signal.signal(ignored, signal.SIG_IGN)
    raise SystemExit(128 + signum)


def unwind_on_stop_signals() -> None:
    """Make SIGTERM and SIGINT end this process through its cleanup (:func:`exit_through_cleanup`)."""
    for signum in STOP_SIGNALS:
        signal.signal(signum, exit_through_cleanup)
