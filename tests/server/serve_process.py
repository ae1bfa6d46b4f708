"""Run ``toponym serve`` in a subprocess and wait for its ready line."""

from __future__ import annotations

import ctypes
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

_READY = re.compile(r"ready on [^ ]+:(\d+)")


def free_port() -> int:
    """A port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class ServeProcess:
    """A ``toponym serve`` subprocess whose log lines are collected as they come."""

    def __init__(self, index: Path, *args: str, port: int = 0, env: dict[str, str] | None = None) -> None:
        command: Sequence[str] = [
            sys.executable,
            "-m",
            "toponym_server.cli",
            "serve",
            "--index",
            str(index),
            "--port",
            str(port),
            *args,
        ]
        self.process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})})
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._pump_thread = threading.Thread(target=self._pump, daemon=True)
        self._pump_thread.start()
        self.port = 0

    def _pump(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line)
            self._queue.put(line)
        self._queue.put(None)

    def wait_ready(self, timeout: float = 60) -> int:
        """Wait for the ready line; return the port. Fails if the process ends first."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self._queue.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                break
            if line is None:
                raise AssertionError(f"server exited before it was ready:\n{self.log}")
            if match := _READY.search(line):
                self.port = int(match.group(1))
                return self.port
        raise AssertionError(f"server not ready in {timeout} s:\n{self.log}")

    @property
    def log(self) -> str:
        """Everything the process logged so far."""
        return "".join(self.lines)

    def terminate(self) -> None:
        """Send SIGTERM."""
        self.process.send_signal(signal.SIGTERM)

    def other_thread_ids(self) -> list[int]:
        """The kernel's IDs of the process's threads but its main one (Linux: read from ``/proc``)."""
        tasks = Path(f"/proc/{self.process.pid}/task")
        return sorted(int(task.name) for task in tasks.iterdir() if int(task.name) != self.process.pid)

    def terminate_thread(self, thread_id: int) -> None:
        """Send SIGTERM to one thread of the process, as the kernel may when it picks who gets a signal."""
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.tgkill(self.process.pid, thread_id, signal.SIGTERM) != 0:
            raise OSError(ctypes.get_errno(), f"tgkill({self.process.pid}, {thread_id}, SIGTERM) failed")

    def wait(self, timeout: float = 60) -> int:
        """Wait for the process to exit and its log to be read; return its exit code.

        Raises:
            AssertionError: It still runs after ``timeout`` seconds (its log is in the message).

        """
        try:
            code = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"server still running after {timeout} s:\n{self.log}") from None
        self._pump_thread.join(timeout=10)
        return code

    def kill(self) -> None:
        """End the process at once, if it still runs."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
