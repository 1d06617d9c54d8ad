"""How long the GUI thread's event loop goes without running, measured while work happens.

A 10 ms QTimer notes when it fires; a gap between two firings is the time the event loop was
busy elsewhere (or blocked). The longest gap is what a learner would feel as a freeze.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

TICK_MS = 10


class EventLoopProbe:
    def __init__(self) -> None:
        self.gaps: list[float] = []
        self._last: float | None = None
        self._timer = QTimer()
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        if self._last is not None:
            self.gaps.append(now - self._last)
        self._last = now

    def __enter__(self) -> EventLoopProbe:
        self._last = None
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.stop()

    @property
    def worst_ms(self) -> float:
        return max(self.gaps, default=0.0) * 1000

    def run_until(self, done: Callable[[], bool], timeout_s: float) -> None:
        """Spin the real event loop (not a test's shortcut) until `done()` or the timeout."""
        deadline = time.monotonic() + timeout_s
        while not done():
            if time.monotonic() > deadline:
                raise TimeoutError(f"not done in {timeout_s} s; worst gap {self.worst_ms:.0f} ms")
            QApplication.processEvents()
            time.sleep(0.002)
