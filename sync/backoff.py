"""Exponential backoff with jitter, and an interruptible pause.

Full jitter (a uniform draw below the exponential ceiling) for retries inside a sync round: it
spreads a lab of 40 PCs that lost the same uplink at the same moment. Equal jitter (between
half the ceiling and the ceiling) where a near-zero draw would defeat the point of waiting: the
gap between rounds, and the reachability probe.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol


class Rng(Protocol):
    def uniform(self, a: float, b: float, /) -> float: ...


DEFAULT_RNG: Rng = random.Random()  # noqa: S311 - jitter, not a secret


@dataclass(frozen=True)
class Backoff:
    base_s: float = 1.0
    max_s: float = 300.0
    factor: float = 2.0

    def ceiling(self, attempt: int) -> float:
        """The longest wait after `attempt` failures before (0: the first retry)."""
        try:
            grown = self.base_s * self.factor ** max(0, attempt)
        except OverflowError:  # a very long outage: the cap applies anyway
            grown = self.max_s
        return max(0.0, min(self.max_s, grown))

    def delay(
        self, attempt: int, retry_after: float | None = None, rng: Rng = DEFAULT_RNG
    ) -> float:
        """Full jitter; the server's Retry-After is a minimum, and max_s caps it all."""
        return self._respect(rng.uniform(0.0, self.ceiling(attempt)), retry_after)

    def equal_jitter(
        self, attempt: int, retry_after: float | None = None, rng: Rng = DEFAULT_RNG
    ) -> float:
        """Between half the ceiling and the ceiling; Retry-After as in `delay`."""
        ceiling = self.ceiling(attempt)
        return self._respect(rng.uniform(ceiling / 2, ceiling), retry_after)

    def _respect(self, jittered: float, retry_after: float | None) -> float:
        wanted = jittered if retry_after is None else max(jittered, retry_after)
        return max(0.0, min(self.max_s, wanted))


def pause(
    seconds: float,
    sleep: Callable[[float], None] = time.sleep,
    cancel: threading.Event | None = None,
) -> bool:
    """Wait `seconds`; False if `cancel` was set (before or during the wait).

    With the real `time.sleep` and a cancel event, the wait is on the event, so cancelling a
    five-minute backoff takes effect at once; an injected `sleep` (tests) is called as given.
    """
    if cancel is not None and cancel.is_set():
        return False
    if cancel is not None and sleep is time.sleep:
        return not cancel.wait(seconds)
    sleep(seconds)
    return cancel is None or not cancel.is_set()
