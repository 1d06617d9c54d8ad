"""A progress bar for long `kyo` jobs, on standard error, only when it is a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from content_cache.download import Progress

WIDTH = 28


def _mb(n: float) -> str:
    return f"{n / 1_000_000:.1f} MB"


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}"


class ProgressBar:
    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self._last = 0.0

    def __call__(self, p: Progress) -> None:
        now = time.monotonic()
        finished = p.total is not None and p.done >= p.total
        if not self.enabled or (now - self._last < 0.1 and not finished):
            return
        self._last = now
        self.stream.write("\r" + self.line(p))
        if finished:
            self.stream.write("\n")
        self.stream.flush()

    def line(self, p: Progress) -> str:
        rate = f"{_mb(p.rate_bps)}/s"
        if p.total:
            filled = int(WIDTH * min(1.0, p.done / p.total))
            bar = "#" * filled + "-" * (WIDTH - filled)
            left = f" {_duration(p.eta_s)} left" if p.eta_s is not None else ""
            pct = 100 * p.done / p.total
            return f"{self.label} [{bar}] {pct:3.0f}% {_mb(p.done)}/{_mb(p.total)} {rate}{left}"
        return f"{self.label} {_mb(p.done)} {rate}"
