"""Fault-injecting variants of the content server, for the download tests.

`make_handler(**faults)` returns a fresh RangeRequestHandler subclass with its own Stats, so
tests never share counters. Faults: `failures` (statuses to answer first, with headers),
`cut_after` (bytes of body after which the first `cuts` responses hang up), `stall_after`
(bytes after which the body stalls until `release` is set), `hold` (no headers until then),
`delay` (seconds per chunk: a slow link), `ignore_range`, `flood` (a body without
Content-Length: `flood` times the file).
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from content_cache.serve import RangeRequestHandler


@dataclass
class Stats:
    lock: threading.Lock = field(default_factory=threading.Lock)
    requests: int = 0
    bytes_sent: int = 0
    active: int = 0
    max_active: int = 0
    ranges: list[str | None] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)


class FaultyHandler(RangeRequestHandler):
    stats: Stats
    failures: list[tuple[int, dict[str, str]]]
    cut_after: int | None = None
    cuts = 1
    stall_after: int | None = None
    release: threading.Event
    delay = 0.0
    chunk = 64 * 1024
    ignore_range = False
    flood = 0
    hold = False

    def do_GET(self) -> None:
        stats = self.stats
        with stats.lock:
            stats.requests += 1
            stats.ranges.append(self.headers.get("Range"))
            stats.active += 1
            stats.max_active = max(stats.max_active, stats.active)
            failure = self.failures.pop(0) if self.failures else None
        try:
            if self.hold:  # no answer at all until released
                self.release.wait(30)
            if failure is not None:
                self.fail(*failure)
            elif self.flood:
                self.send_flood()
            else:
                if self.ignore_range:
                    del self.headers["Range"]
                super().do_GET()
        finally:
            with stats.lock:
                stats.active -= 1

    def send_response(self, code: int, message: str | None = None) -> None:
        with self.stats.lock:
            self.stats.statuses.append(code)
        super().send_response(code, message)

    def fail(self, status: int, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def send_flood(self) -> None:
        path = self.resolve()
        assert path is not None
        data = path.read_bytes()
        self.close_connection = True
        self.send_response(200)
        self.send_header("Connection", "close")
        self.end_headers()
        with contextlib.suppress(OSError):  # the client hangs up, as it should
            for _ in range(self.flood):
                self.wfile.write(data)
                self.count(len(data))

    def count(self, n: int) -> None:
        with self.stats.lock:
            self.stats.bytes_sent += n

    def send_body(self, f: BinaryIO, offset: int, length: int) -> None:
        f.seek(offset)
        cut = self.take_cut()
        sent = 0
        while sent < length:
            n = min(self.chunk, length - sent)
            if cut is not None:
                n = min(n, cut - sent)
            if self.stall_after is not None and sent >= self.stall_after:
                self.release.wait(30)
            if n <= 0:
                self.hang_up()
                return
            data = f.read(n)
            self.wfile.write(data)
            sent += len(data)
            self.count(len(data))
            if self.delay:
                time.sleep(self.delay)

    def take_cut(self) -> int | None:
        with self.stats.lock:
            if self.cut_after is None or self.cuts <= 0:
                return None
            type(self).cuts -= 1
            return self.cut_after

    def hang_up(self) -> None:
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)


def make_handler(**faults: Any) -> type[FaultyHandler]:
    attrs: dict[str, Any] = {"stats": Stats(), "failures": [], "release": threading.Event()}
    attrs.update(faults)
    return type("Faulty", (FaultyHandler,), attrs)
