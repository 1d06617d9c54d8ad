"""The contiguous stretches of a video actually played, in media seconds (plain Python).

The player reports each position it reaches while playing. Positions advance by playback rate
times the wall time between reports; a position that goes back, or jumps further ahead than
playback explains, is a seek and starts a new stretch. Media time, not wall time, is what is
recorded, so playing at 2x records the seconds of video seen, not the seconds spent.
"""

from __future__ import annotations

import time
from collections.abc import Callable

SLACK_S = 1.0  # timer jitter and a busy GUI thread: ahead by this much more is still playback
MIN_STRETCH_S = 0.05


class StretchTracker:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.pending: list[tuple[float, float]] = []
        self._start: float | None = None
        self._end = 0.0
        self._seen_at = 0.0

    @property
    def open(self) -> bool:
        return self._start is not None

    def reached(self, position_s: float, rate: float) -> None:
        """Playback reached `position_s` (media seconds) while playing at `rate`."""
        now = self.clock()
        if self._start is not None:
            ahead = position_s - self._end
            allowed = max(rate, 0.1) * (now - self._seen_at) + SLACK_S
            if -MIN_STRETCH_S <= ahead <= allowed:
                self._end, self._seen_at = max(self._end, position_s), now
                return
            self.cut()  # a jump: the stretch so far ends where playback really was
        self._start = self._end = position_s
        self._seen_at = now

    def cut(self) -> None:
        """End the stretch in progress (pause, seek, end of media): it waits in `pending`."""
        if self._start is not None and self._end - self._start >= MIN_STRETCH_S:
            self.pending.append((self._start, self._end))
        self._start = None

    def take(self, playing: bool) -> list[tuple[float, float]]:
        """The stretches to record now. While playing, the one in progress is split here and
        goes on from where it was split (a periodic save)."""
        if playing and self._start is not None:
            end, seen_at = self._end, self._seen_at
            self.cut()
            self._start, self._end, self._seen_at = end, end, seen_at
        else:
            self.cut()
        taken, self.pending = self.pending, []
        return taken
