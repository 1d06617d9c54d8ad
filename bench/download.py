"""Download throughput on loopback: a random file served by content_cache.serve.StaticServer
(in its own process, as a LAN server would be) and fetched by the Downloader (SHA-256 checked,
fsynced, renamed into place) against `curl -s -o` fetching the same file in the same run;
alternated, median of 3 (1 with --quick). Value: our MB/s; ratio: ours / curl's.
Target ratio >= 0.8.

    .venv/bin/python bench/download.py
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._harness import bench_line, child_env, median, parser
from content_cache.download import Downloader

MB = 1_000_000


def make_file(path: Path, size: int) -> str:
    sha = hashlib.sha256()
    with path.open("wb") as f:
        for offset in range(0, size, 1 << 20):
            block = os.urandom(min(1 << 20, size - offset))
            sha.update(block)
            f.write(block)
    return sha.hexdigest()


def with_curl(url: str, out: Path) -> float:
    start = time.perf_counter()
    subprocess.run(["curl", "-s", "-o", str(out), url], check=True)
    elapsed = time.perf_counter() - start
    out.unlink()
    return elapsed


def with_downloader(url: str, out: Path, size: int, sha256: str) -> float:
    start = time.perf_counter()
    Downloader().fetch(url, out, expected_size=size, expected_sha256=sha256)
    elapsed = time.perf_counter() - start
    out.unlink()
    return elapsed


SERVER = """
import sys
from collections.abc import Iterator
from pathlib import Path
from content_cache.serve import StaticServer
with StaticServer(Path(sys.argv[1])) as server:
    print(server.url, flush=True)
    sys.stdin.read()  # serve until the benchmark closes our stdin
"""


@contextlib.contextmanager
def server_process(root: Path) -> Iterator[str]:
    """StaticServer in its own process, as a LAN server would be: it must not share our GIL."""
    child = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(root)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=child_env(),
    )
    assert child.stdin is not None and child.stdout is not None
    try:
        yield child.stdout.readline().strip()
    finally:
        child.stdin.close()
        child.wait(timeout=10)


def main() -> None:
    args = parser(__doc__ or "").parse_args()
    size = (5 if args.quick else 200) * MB
    runs = 1 if args.quick else 3
    if shutil.which("curl") is None:
        sys.exit("curl is needed for the baseline")
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as tmp:  # same disk as a real data root
        served = Path(tmp, "served")
        served.mkdir()
        sha256 = make_file(served / "f.bin", size)
        with server_process(served) as base:
            url = f"{base}/f.bin"
            ours, curls = [], []
            if not args.quick:  # warm both once (page cache, heap, connection set-up)
                with_curl(url, Path(tmp, "curl.bin"))
                with_downloader(url, Path(tmp, "ours.bin"), size, sha256)
            for _ in range(runs):
                curls.append(size / MB / with_curl(url, Path(tmp, "curl.bin")))
                ours.append(size / MB / with_downloader(url, Path(tmp, "ours.bin"), size, sha256))
    o, c = median(ours), median(curls)
    print(f"Downloader: median {o:.0f} MB/s  runs {[round(x) for x in ours]}")
    print(f"curl:       median {c:.0f} MB/s  runs {[round(x) for x in curls]}")
    print(bench_line("download", o, "MB/s", o / c, "curl_same_file_loopback"))


if __name__ == "__main__":
    main()
