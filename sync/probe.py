"""A cheap reachability probe, spaced out with backoff while the platform is out of reach.

On 2G a probe costs little but is not free, and a lab of PCs must not poll the uplink in step:
the gap grows (equal jitter, so it never collapses to zero) while the checks fail, and goes back
to `base_s` once one succeeds. `became_online` is the edge the engine starts a sync on.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from sync.backoff import DEFAULT_RNG, Backoff, Rng

PROBE_BACKOFF = Backoff(base_s=10, max_s=600)


class Reachability:
    def __init__(
        self,
        check: Callable[[], bool],
        backoff: Backoff = PROBE_BACKOFF,
        clock: Callable[[], float] = time.monotonic,
        rng: Rng = DEFAULT_RNG,
    ) -> None:
        self._check = check
        self._backoff = backoff
        self._clock = clock
        self._rng = rng
        self._failures = 0
        self._next = clock()  # the first check is due at once
        self.online: bool | None = None  # None: not checked yet
        self.became_online = False  # set by the observation that found it reachable again

    def due(self) -> bool:
        return self._clock() >= self._next

    def next_check_in(self) -> float:
        return max(0.0, self._next - self._clock())

    def observe(self) -> bool:
        """Check if due (else keep the last answer); True when the platform is reachable."""
        if not self.due():
            self.became_online = False
            return self.online is True
        try:
            ok = bool(self._check())
        except Exception:  # a probe that fails in any way says "not reachable"
            ok = False
        self.record(ok)
        return ok

    def record(self, ok: bool) -> None:
        """Count what real traffic showed (a push that got answers, or none) like a probe."""
        self.became_online = ok and self.online is not True
        self.online = ok
        if ok:
            self._failures = 0
            self._next = self._clock() + self._backoff.base_s
        else:
            delay = self._backoff.equal_jitter(self._failures, None, self._rng)
            self._failures += 1
            self._next = self._clock() + delay

    def wake(self) -> None:
        """Check at the next observe (the system reported a network change, or "Sync now")."""
        self._next = self._clock()
