"""Pieces of a transfer (an HTTP download or a copy from a folder or USB stick): the `.part`
file with its JSON sidecar and the SHA-256 of what it holds, progress reports, the bandwidth cap.
Split from download.py, which puts them together.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import queue
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.errors import DiskFull, DownloadError, IntegrityError
from app.i18n import _

CHUNK = 1 << 20
WRITEBACK_EVERY = 8 << 20
_FADVISE = getattr(os, "posix_fadvise", None)
_DONTNEED = getattr(os, "POSIX_FADV_DONTNEED", 4)
_DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})  # EFBIG: a file size limit
PROGRESS_EVERY_S = 0.1
RATE_WINDOW_S = 5.0  # the rate shown is the average over this window
BURST_S = 0.1  # a bandwidth cap lets through at most this much of a burst


@dataclass(frozen=True)
class Progress:
    """Bytes done (of `total`, if known); rate in bytes/s over the last few seconds; ETA in s."""

    done: int
    total: int | None
    rate_bps: float
    eta_s: float | None


def write_error(exc: OSError, path: Path) -> DiskFull | DownloadError:
    if exc.errno in _DISK_FULL:
        return DiskFull(
            _("The disk is full. Free some space, then try again: what was received is kept."),
            f"{path}: {exc}",
        )
    return DownloadError(
        _("The file cannot be saved to the disk: {name}").format(name=path.name),
        f"{path}: {exc}",
    )


class Hasher:
    """SHA-256 fed to a helper thread, so hashing overlaps reading and writing (hashlib drops
    the GIL on large buffers): about twice the throughput of hashing in line on loopback."""

    def __init__(self) -> None:
        self._sha = hashlib.sha256()
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=16)
        self._thread = threading.Thread(target=self._run, name="sha256", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (data := self._queue.get()) is not None:
            self._sha.update(data)

    def update(self, data: bytes) -> None:
        self._queue.put(data)

    def close(self) -> None:
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()

    def hexdigest(self) -> str:
        self.close()
        return self._sha.hexdigest()


class PartFile:
    """`<dest>.part`, its sidecar, and the SHA-256 of the bytes the part holds."""

    def __init__(self, dest: Path, identity: dict[str, Any]) -> None:
        self.dest = dest
        self.path = dest.with_name(dest.name + ".part")
        self.sidecar = dest.with_name(dest.name + ".part.json")
        self.identity = identity  # what must match for the part to be resumed
        self.meta: dict[str, Any] = dict(identity)
        self.size = self._flushed = 0
        self._flushed = 0  # bytes handed to writeback already
        self._fd = -1
        self._hasher = Hasher()

    def open(self) -> None:
        try:
            self.dest.parent.mkdir(parents=True, exist_ok=True)
            keep = self.path.exists() and self._stored_matches()
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            self.size = self._flushed = os.fstat(self._fd).st_size
            want = self.identity.get("expected_size")
            if keep and (want is None or self.size <= want):
                self._hash_existing()
            else:
                self.size = self._flushed = 0
                self.meta = dict(self.identity)
                os.ftruncate(self._fd, 0)
                self._save()
        except OSError as exc:
            raise write_error(exc, self.path) from exc

    def _stored_matches(self) -> bool:
        try:
            stored = json.loads(self.sidecar.read_bytes())
        except (OSError, ValueError):
            return False
        if not isinstance(stored, dict):
            return False
        for key, want in self.identity.items():
            # A value not known on one side (a size, a checksum) does not make the part stale.
            if stored.get(key) != want and (key == "url" or None not in (stored.get(key), want)):
                return False
        self.meta = {**stored, **{k: v for k, v in self.identity.items() if v is not None}}
        return True

    def _hash_existing(self) -> None:
        with self.path.open("rb") as f:
            while data := f.read(CHUNK):
                self._hasher.update(data)

    def _save(self) -> None:
        tmp = self.sidecar.with_name(self.sidecar.name + ".tmp")
        tmp.write_text(json.dumps(self.meta, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.sidecar)

    def set_validators(self, etag: str | None, last_modified: str | None) -> None:
        if (self.meta.get("etag"), self.meta.get("last_modified")) != (etag, last_modified):
            self.meta.update(etag=etag, last_modified=last_modified)
            try:
                self._save()
            except OSError as exc:
                raise write_error(exc, self.sidecar) from exc

    def write(self, data: bytes) -> None:
        view = memoryview(data)
        try:
            while view:
                view = view[os.write(self._fd, view) :]
        except OSError as exc:
            raise write_error(exc, self.path) from exc
        self._hasher.update(data)
        self.size += len(data)
        if self.size - self._flushed >= WRITEBACK_EVERY:
            self._start_writeback()

    def _start_writeback(self) -> None:
        """Have the kernel start writing what we wrote so far, without waiting for it: the final
        fsync then has little left to flush (it cost half the throughput on a 200 MB file).
        On Linux, POSIX_FADV_DONTNEED starts writeback of dirty pages; elsewhere a no-op."""
        if _FADVISE is not None:
            with contextlib.suppress(OSError):
                _FADVISE(self._fd, self._flushed, self.size - self._flushed, _DONTNEED)
        self._flushed = self.size

    def restart(self) -> None:
        """Empty the part: what it holds is of another version of the file."""
        self._hasher.close()
        self._hasher = Hasher()
        self.meta = dict(self.identity)
        try:
            os.ftruncate(self._fd, 0)
            self._save()
        except OSError as exc:
            raise write_error(exc, self.path) from exc
        self.size = self._flushed = 0

    def finish(self, expected_size: int | None, expected_sha256: str | None) -> str:
        """Verify, make durable and move into place; returns the hex SHA-256."""
        digest = self._hasher.hexdigest()
        if expected_size is not None and self.size != expected_size:
            self.discard()
            raise IntegrityError(
                _("The file received has the wrong size: {got} bytes instead of {want}.").format(
                    got=self.size, want=expected_size
                ),
                str(self.dest),
            )
        if expected_sha256 is not None and digest != expected_sha256.lower():
            self.discard()
            raise IntegrityError(
                _("The file received is damaged: its SHA-256 checksum does not match."),
                f"{self.dest}: got {digest}, expected {expected_sha256}",
            )
        try:
            os.fsync(self._fd)
            self.close()
            os.replace(self.path, self.dest)
            fsync_dir(self.dest.parent)
        except OSError as exc:
            raise write_error(exc, self.dest) from exc
        with contextlib.suppress(OSError):
            self.sidecar.unlink()
        return digest

    def close(self) -> None:
        self._hasher.close()
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    def discard(self) -> None:
        self.close()
        remove_part(self.dest)

    def check_room(self, expected_size: int | None, incoming: int) -> None:
        """Refuse bytes beyond the expected size before they reach the disk."""
        if expected_size is not None and self.size + incoming > expected_size:
            self.discard()
            raise IntegrityError(
                _(
                    "The server sent more data than expected ({want} bytes); "
                    "the download was stopped."
                ).format(want=expected_size),
                str(self.dest),
            )


def remove_part(dest: Path) -> None:
    """Delete the part and sidecar of `dest`, if any: nothing of it will be resumed."""
    for suffix in (".part", ".part.json"):
        with contextlib.suppress(OSError):
            dest.with_name(dest.name + suffix).unlink()


def fsync_dir(folder: Path) -> None:
    """Make the rename durable (a no-op where directories cannot be opened)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class Meter:
    """Turns byte counts into Progress: at most every PROGRESS_EVERY_S, rate over a window."""

    def __init__(
        self,
        callback: Callable[[Progress], None] | None,
        total: int | None,
        clock: Callable[[], float],
    ) -> None:
        self._callback = callback
        self.total = total
        self._clock = clock
        self._samples: deque[tuple[float, int]] = deque()
        self._last = float("-inf")

    def update(self, done: int, final: bool = False) -> None:
        if self._callback is None:
            return
        now = self._clock()
        if not final and now - self._last < PROGRESS_EVERY_S:
            return
        self._last = now
        if self._samples and done < self._samples[-1][1]:
            self._samples.clear()  # the part was emptied: start the average afresh
        self._samples.append((now, done))
        while len(self._samples) > 2 and now - self._samples[1][0] >= RATE_WINDOW_S:
            self._samples.popleft()
        t0, d0 = self._samples[0]
        rate = (done - d0) / (now - t0) if now > t0 else 0.0
        eta = (self.total - done) / rate if self.total is not None and rate > 0 else None
        self._callback(Progress(done, self.total, rate, eta))


class Bucket:
    """A token bucket on bytes read, shared by every download of one Downloader; the rate is
    read at each call, so changing the cap applies to downloads already running."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._tokens = 0.0
        self._stamp: float | None = None

    def delay(self, n: int, rate: int | None) -> float:
        """Take `n` bytes; returns how long to wait to pay for them."""
        with self._lock:
            now = self._clock()
            if rate is None or rate <= 0:
                self._tokens, self._stamp = 0.0, now
                return 0.0
            elapsed = 0.0 if self._stamp is None else now - self._stamp
            self._tokens = min(rate * BURST_S, self._tokens + elapsed * rate) - n
            self._stamp = now
            return max(0.0, -self._tokens / rate)
