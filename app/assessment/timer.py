"""An attempt's time limit, enforced across restarts of the app and against a clock set back.

The learner can set the wall clock (time.time()) back; they cannot set back the boot-time
clock (CLOCK_BOOTTIME on Linux), which counts from boot, including while suspended and while
the app is closed. So the attempt keeps a checkpoint, saved by the caller:

    {"started_wall", "elapsed_s", "last_wall", "last_boottime", "boot_id"}

and time spent since the last checkpoint is:
* same boot (boot id unchanged): boot time now − boot time then. Time while the app was
  closed counts; changing the wall clock changes nothing.
* after a reboot (boot time restarted): max(0, wall now − wall then). A clock set back adds
  nothing, and never subtracts; the time between the last checkpoint and the reboot is lost
  only if the clock was also set back, which is why the app should checkpoint often (`tick`).
Elapsed time never decreases.

`system_clocks()` falls back, where there is no boot clock or no boot id (not Linux), to
time.monotonic() and an id made once per process: every restart of the app then counts as a
reboot, so time while the app was closed counts by the wall clock only, and setting the clock
back while it was closed buys that time. Linux, the target, has neither weakness.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

BOOT_ID_FILE = Path("/proc/sys/kernel/random/boot_id")
_PROCESS_ID = f"process-{uuid.uuid4()}"


class Clocks(NamedTuple):
    wall: float  # seconds since the epoch; the learner can change it
    boottime: float  # seconds since boot; only comparable within one boot
    boot_id: str


@dataclass(frozen=True)
class Checkpoint:
    started_wall: float  # when the attempt started, for the record (wall clock: untrusted)
    elapsed_s: float
    last_wall: float
    last_boottime: float
    boot_id: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "started_wall": self.started_wall,
            "elapsed_s": self.elapsed_s,
            "last_wall": self.last_wall,
            "last_boottime": self.last_boottime,
            "boot_id": self.boot_id,
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Checkpoint:
        return cls(
            started_wall=float(raw["started_wall"]),
            elapsed_s=float(raw["elapsed_s"]),
            last_wall=float(raw["last_wall"]),
            last_boottime=float(raw["last_boottime"]),
            boot_id=str(raw["boot_id"]),
        )


def _boot_id() -> str:
    try:
        return BOOT_ID_FILE.read_text(encoding="ascii").strip() or _PROCESS_ID
    except OSError:
        return _PROCESS_ID


def system_clocks() -> Clocks:
    """The clocks now. Without CLOCK_BOOTTIME and a boot id, see the module's note."""
    boottime_clock = getattr(time, "CLOCK_BOOTTIME", None)
    if boottime_clock is None:
        return Clocks(time.time(), time.monotonic(), _PROCESS_ID)
    return Clocks(time.time(), time.clock_gettime(boottime_clock), _boot_id())


def begin(now: Clocks) -> Checkpoint:
    return Checkpoint(now.wall, 0.0, now.wall, now.boottime, now.boot_id)


def elapsed(checkpoint: Checkpoint, now_wall: float, now_boottime: float, boot_id: str) -> float:
    """Seconds spent on the attempt so far; never less than at the checkpoint."""
    if boot_id == checkpoint.boot_id:
        since = now_boottime - checkpoint.last_boottime
    else:
        since = now_wall - checkpoint.last_wall
    return checkpoint.elapsed_s + max(0.0, since)


def elapsed_at(checkpoint: Checkpoint, now: Clocks) -> float:
    return elapsed(checkpoint, now.wall, now.boottime, now.boot_id)


def checkpoint(previous: Checkpoint, now: Clocks) -> Checkpoint:
    """The checkpoint to save now: the elapsed time so far, and the clocks it was read at."""
    return Checkpoint(
        started_wall=previous.started_wall,
        elapsed_s=elapsed_at(previous, now),
        last_wall=now.wall,
        last_boottime=now.boottime,
        boot_id=now.boot_id,
    )


def remaining_s(checkpoint: Checkpoint, time_limit_s: float | None, now: Clocks) -> float | None:
    """Seconds left (0 when up); None without a time limit."""
    if time_limit_s is None:
        return None
    return max(0.0, time_limit_s - elapsed_at(checkpoint, now))


def expired(checkpoint: Checkpoint, time_limit_s: float | None, now: Clocks) -> bool:
    return time_limit_s is not None and elapsed_at(checkpoint, now) >= time_limit_s
