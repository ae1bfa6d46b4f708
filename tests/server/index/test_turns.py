"""Turns: threads that rank one at a time, in the order they asked."""

from __future__ import annotations

import threading
import time

import pytest

from toponym_server.index.turns import Turns


def test_threads_take_their_turns_in_the_order_they_asked() -> None:
    turns = Turns()
    order: list[int] = []
    asked = threading.Semaphore(0)

    def take(n: int) -> None:
        asked.release()
        with turns:
            order.append(n)

    threads = []
    with turns:  # hold the first turn while the others queue up, one after another
        for n in range(6):
            thread = threading.Thread(target=take, args=(n,))
            thread.start()
            asked.acquire()
            time.sleep(0.02)  # the thread is now waiting on its ticket
            threads.append(thread)
    for thread in threads:
        thread.join(timeout=10)
    assert order == list(range(6))


def test_a_thread_that_asks_again_at_once_waits_behind_the_one_already_waiting() -> None:
    # What a plain lock gets wrong: the thread releasing it takes it again before a waiter wakes.
    turns = Turns()
    order: list[str] = []
    waiting = threading.Event()

    def waiter() -> None:
        waiting.set()
        with turns:
            order.append("waiter")

    with turns:
        order.append("busy")
        thread = threading.Thread(target=waiter)
        thread.start()
        waiting.wait(timeout=5)
        time.sleep(0.05)  # the waiter now holds the next ticket
    for _ in range(3):
        with turns:
            order.append("busy")
    thread.join(timeout=10)
    assert order[:3] == ["busy", "waiter", "busy"]


def test_only_one_thread_holds_a_turn_at_a_time() -> None:
    turns = Turns()
    inside, most = [0], [0]

    def work() -> None:
        for _ in range(50):
            with turns:
                inside[0] += 1
                most[0] = max(most[0], inside[0])
                time.sleep(0.0001)
                inside[0] -= 1

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert most[0] == 1


def test_a_failure_in_a_turn_ends_it() -> None:
    turns = Turns()
    with pytest.raises(RuntimeError), turns:
        raise RuntimeError("ranking failed")
    finished = threading.Event()

    def take() -> None:
        with turns:
            finished.set()

    thread = threading.Thread(target=take)
    thread.start()
    assert finished.wait(timeout=5)
    thread.join()


def test_a_waiter_interrupted_in_the_queue_does_not_stop_the_ones_behind_it(monkeypatch: pytest.MonkeyPatch) -> None:
    turns = Turns()
    interrupted = threading.Event()
    real_wait = threading.Condition.wait

    def wait_once_interrupted(self: threading.Condition, timeout: float | None = None) -> bool:
        if threading.current_thread().name == "interrupted":
            raise KeyboardInterrupt
        return real_wait(self, timeout)

    def interrupted_waiter() -> None:
        try:
            with turns:
                pass
        except KeyboardInterrupt:
            interrupted.set()

    served = threading.Event()

    def later_waiter() -> None:
        with turns:
            served.set()

    monkeypatch.setattr(threading.Condition, "wait", wait_once_interrupted)
    with turns:
        first = threading.Thread(target=interrupted_waiter, name="interrupted")
        first.start()
        assert interrupted.wait(timeout=5)
        second = threading.Thread(target=later_waiter)
        second.start()
        time.sleep(0.05)
        assert not served.is_set()  # still behind the turn held here
    assert served.wait(timeout=5)
    first.join()
    second.join()


def test_each_waiter_is_woken_once_when_its_turn_comes(monkeypatch: pytest.MonkeyPatch) -> None:
    # Woken all at once to look for their number, the waiters of four concurrent batches made the
    # server switch context about 18 times a name, against 7 with a handoff to one waiter.
    turns = Turns()
    waits: list[str] = []
    in_queue = {f"waiter-{n}": threading.Event() for n in range(4)}
    real_wait = threading.Condition.wait

    def counted_wait(self: threading.Condition, timeout: float | None = None) -> bool:
        name = threading.current_thread().name
        if name in in_queue:
            waits.append(name)
            in_queue[name].set()  # its gate is queued before it waits on it
        return real_wait(self, timeout)

    monkeypatch.setattr(threading.Condition, "wait", counted_wait)
    order: list[str] = []

    def waiter() -> None:
        with turns:
            order.append(threading.current_thread().name)

    with turns:
        threads = [threading.Thread(target=waiter, name=f"waiter-{n}") for n in range(4)]
        for thread in threads:
            thread.start()
            assert in_queue[thread.name].wait(timeout=5)  # each in the queue before the next
    for thread in threads:
        thread.join(timeout=5)
        assert not thread.is_alive()
    assert order == [f"waiter-{n}" for n in range(4)]
    assert sorted(waits) == order  # one wait each: no waiter woke to find it was not its turn
