"""Backoff bounds, the interruptible pause, and the reachability probe's rhythm."""

from __future__ import annotations

import random
import threading
import time

from sync.backoff import Backoff, pause
from sync.probe import PROBE_BACKOFF, Reachability


class Top:
    """An rng that always draws the top of the range: the delays become the ceilings."""

    def uniform(self, a: float, b: float) -> float:
        return b


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def state(probe: Reachability) -> tuple[bool | None, bool]:
    return probe.online, probe.became_online


def test_full_jitter_stays_under_a_growing_capped_ceiling() -> None:
    backoff, rng = Backoff(base_s=1, max_s=300), random.Random(3)
    assert [backoff.ceiling(a) for a in range(10)] == [1, 2, 4, 8, 16, 32, 64, 128, 256, 300]
    for attempt in range(12):
        draws = [backoff.delay(attempt, None, rng) for _ in range(200)]
        assert all(0 <= d <= backoff.ceiling(attempt) for d in draws)
        assert max(draws) > 0.7 * backoff.ceiling(attempt)  # spread over the range
    assert backoff.ceiling(10_000) == 300  # no overflow after a long outage


def test_retry_after_is_a_minimum_capped_at_max() -> None:
    backoff = Backoff(base_s=1, max_s=60)
    assert all(backoff.delay(0, 20, random.Random(i)) == 20 for i in range(20))
    assert backoff.delay(0, 5000) == 60
    assert backoff.equal_jitter(2, None, Top()) == 4
    assert 2 <= backoff.equal_jitter(2) <= 4


def test_pause_ends_early_when_cancelled() -> None:
    cancel = threading.Event()
    threading.Timer(0.1, cancel.set).start()
    started = time.monotonic()
    assert pause(30, time.sleep, cancel) is False
    assert time.monotonic() - started < 5
    slept: list[float] = []
    assert pause(2.5, slept.append, None) is True and slept == [2.5]


def test_probe_backs_off_while_offline_and_resets_when_online() -> None:
    clock, answers, calls = Clock(), [False] * 7 + [True, True], list[float]()

    def check() -> bool:
        calls.append(clock.now)
        return answers.pop(0)

    probe = Reachability(check, clock=clock, rng=Top())
    assert probe.due() and state(probe) == (None, False)
    gaps = []
    for _ in range(7):
        assert probe.observe() is False and state(probe) == (False, False)
        gaps.append(probe.next_check_in())
        clock.now += probe.next_check_in()
    assert gaps == [10, 20, 40, 80, 160, 320, 600]  # grows, capped at PROBE_BACKOFF.max_s

    assert probe.observe() is True and state(probe) == (True, True)  # the edge sync starts on
    assert probe.next_check_in() == PROBE_BACKOFF.base_s  # reset
    clock.now += 3
    assert probe.observe() is True and state(probe) == (True, False)  # not due: no check
    assert len(calls) == 8
    clock.now += 10
    assert probe.observe() is True and state(probe) == (True, False) and len(calls) == 9


def test_probe_that_raises_counts_as_offline_and_traffic_counts_as_a_probe() -> None:
    def broken() -> bool:
        raise OSError("no route")

    clock = Clock()
    probe = Reachability(broken, clock=clock)
    assert probe.observe() is False and state(probe) == (False, False)
    assert 5 <= probe.next_check_in() <= 10  # equal jitter: never a near-zero gap
    probe.record(True)  # a push got answers
    assert state(probe) == (True, True)
    probe.record(False)
    probe.wake()  # the system says the network changed
    assert probe.due()
