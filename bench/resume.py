"""Resuming a cut download: the server hangs up once at 50% of the body (a fault-injecting
handler), the Downloader retries with Range + If-Range and finishes. Value: bytes the server
sent / file size (target <= 1.05); ratio: the same against the ideal single transfer (1.0).

    .venv/bin/python bench/resume.py
"""

from __future__ import annotations

import hashlib
import os
import socket
import sys
import tempfile
import threading
from pathlib import Path
from typing import BinaryIO

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._harness import bench_line, parser
from content_cache.download import Downloader, RetryPolicy
from content_cache.serve import RangeRequestHandler, StaticServer

MB = 1_000_000


class CutOnce(RangeRequestHandler):
    """Counts body bytes sent; the first response hangs up halfway through."""

    lock = threading.Lock()
    sent = 0
    requests = 0
    cut_at: int | None = None

    def send_body(self, f: BinaryIO, offset: int, length: int) -> None:
        with self.lock:
            cls = type(self)
            cls.requests += 1
            cut, cls.cut_at = cls.cut_at, None
        n = length if cut is None else min(length, cut)
        sent = self.connection.sendfile(f, offset, n)
        with self.lock:
            type(self).sent += sent
        if cut is not None:
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)


def main() -> None:
    args = parser(__doc__ or "").parse_args()
    size = (5 if args.quick else 100) * MB
    data = os.urandom(size)
    CutOnce.cut_at = size // 2
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as tmp:  # same disk as a real data root
        served = Path(tmp, "served")
        served.mkdir()
        (served / "f.bin").write_bytes(data)
        with StaticServer(served, handler_class=CutOnce) as server:
            Downloader(retry=RetryPolicy(base_s=0.05)).fetch(
                f"{server.url}/f.bin",
                Path(tmp, "out.bin"),
                expected_size=size,
                expected_sha256=hashlib.sha256(data).hexdigest(),
            )
    value = CutOnce.sent / size
    print(
        f"file {size / MB:.0f} MB, cut at 50%: {CutOnce.requests} requests, "
        f"{CutOnce.sent / MB:.2f} MB sent"
    )
    print(bench_line("resume", value, "x_file_size", value / 1.0, "ideal_single_transfer"))


if __name__ == "__main__":
    main()
