"""Downloads over real HTTP on 127.0.0.1: resume, retries, lies, cancel, disk full, rate cap,
the queue; the static server they run against; copies from a folder."""

from __future__ import annotations

import contextlib
import email.utils
import hashlib
import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from app.errors import Cancelled, DiskFull, DownloadError, IntegrityError
from content_cache.download import Downloader, Progress, RetryPolicy, copy_file
from content_cache.download_queue import DownloadQueue
from content_cache.serve import StaticServer
from tests.conftest import PROJECT
from tests.content.faulty_server import Stats, make_handler

MB = 1 << 20


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "served"
    folder.mkdir()
    return folder


def put(root: Path, name: str, size: int) -> bytes:
    data = os.urandom(size)
    (root / name).write_bytes(data)
    return data


@contextlib.contextmanager
def serving(root: Path, **faults: object) -> Iterator[tuple[str, Stats]]:
    handler = make_handler(**faults)
    try:
        with StaticServer(root, handler_class=handler) as server:
            yield server.url, handler.stats
    finally:
        handler.release.set()  # let a stalled body end


def leftovers(dest: Path) -> list[str]:
    return sorted(p.name for p in dest.parent.iterdir() if p.name.startswith(dest.name + "."))


# the server


def test_server_answers_ranges_validators_and_refuses_escapes(root: Path, tmp_path: Path) -> None:
    data = put(root, "f.bin", 1000)
    (root / "sub").mkdir()
    (tmp_path / "secret").write_text("no")
    (root / "link").symlink_to(tmp_path / "secret")
    with StaticServer(root) as server:

        def get(path: str, **headers: str) -> requests.Response:
            return requests.get(server.url + path, headers=headers, timeout=5)

        whole = get("/f.bin")
        assert whole.status_code == 200 and whole.content == data
        assert (
            whole.headers["Accept-Ranges"] == "bytes" and whole.headers["Content-Length"] == "1000"
        )
        etag, modified = whole.headers["ETag"], whole.headers["Last-Modified"]
        for spec, body, span in [
            ("bytes=10-19", data[10:20], "10-19"),
            ("bytes=990-", data[990:], "990-999"),
            ("bytes=-5", data[-5:], "995-999"),
            ("bytes=900-5000", data[900:], "900-999"),
        ]:
            part = get("/f.bin", Range=spec)
            assert part.status_code == 206 and part.content == body
            assert part.headers["Content-Range"] == f"bytes {span}/1000"
        assert get("/f.bin", Range="bytes=1000-").status_code == 416
        assert get("/f.bin", Range="bytes=0-1,5-6").status_code == 200  # multi-range: whole
        assert get("/f.bin", Range="bytes=10-", **{"If-Range": etag}).status_code == 206
        assert get("/f.bin", Range="bytes=10-", **{"If-Range": modified}).status_code == 206
        assert get("/f.bin", Range="bytes=10-", **{"If-Range": '"old"'}).status_code == 200
        head = requests.head(server.url + "/f.bin", timeout=5)
        assert head.status_code == 200 and head.headers["Content-Length"] == "1000"
        host, port = server.url.removeprefix("http://").split(":")
        for escape in ["/../secret", "/%2e%2e/secret", "/sub/../../secret", "/link", "/sub"]:
            conn = http.client.HTTPConnection(host, int(port), timeout=5)  # sends paths as is
            conn.request("GET", escape)
            assert conn.getresponse().status == 404, escape
            conn.close()


def test_server_without_sendfile_serves_ranges_too(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = put(root, "f.bin", 3 * MB)
    monkeypatch.delattr(os, "sendfile")  # as on Windows
    with StaticServer(root) as server:
        whole = requests.get(server.url + "/f.bin", timeout=5)
        part = requests.get(server.url + "/f.bin", headers={"Range": "bytes=5-"}, timeout=5)
    assert whole.content == data and part.content == data[5:]


# fetch


def test_fetch_verifies_renames_and_reports_progress(root: Path, tmp_path: Path) -> None:
    data = put(root, "f.bin", 3 * MB + 5)
    dest = tmp_path / "out" / "f.bin"
    seen: list[Progress] = []
    with serving(root) as (url, _stats):
        digest = Downloader().fetch(
            url + "/f.bin",
            dest,
            expected_size=len(data),
            expected_sha256=sha(data),
            progress=seen.append,
        )
    assert digest == sha(data) and dest.read_bytes() == data
    assert leftovers(dest) == []  # no .part, no sidecar
    assert seen[-1].done == len(data) and seen[-1].total == len(data)


def test_a_cut_connection_is_resumed_from_what_is_on_disk(root: Path, tmp_path: Path) -> None:
    data = put(root, "f.bin", 2 * MB)
    sleeps: list[float] = []
    with serving(root, cut_after=MB // 2) as (url, stats):
        digest = Downloader(sleep=sleeps.append).fetch(
            url + "/f.bin", tmp_path / "f.bin", expected_sha256=sha(data)
        )
    assert digest == sha(data)
    assert stats.ranges == [None, f"bytes={MB // 2}-"]
    assert stats.bytes_sent == len(data)  # nothing sent twice
    assert len(sleeps) == 1


def test_503_twice_then_ok(root: Path, tmp_path: Path) -> None:
    data = put(root, "f.bin", 1000)
    sleeps: list[float] = []
    with serving(root, failures=[(503, {}), (503, {})]) as (url, stats):
        Downloader(sleep=sleeps.append).fetch(url + "/f.bin", tmp_path / "f.bin")
    assert stats.requests == 3 and len(sleeps) == 2
    assert all(0 <= s <= RetryPolicy().max_s for s in sleeps)
    assert (tmp_path / "f.bin").read_bytes() == data


def test_429_honours_retry_after(root: Path, tmp_path: Path) -> None:
    put(root, "f.bin", 1000)
    sleeps: list[float] = []
    with serving(root, failures=[(429, {"Retry-After": "1"})]) as (url, _stats):
        Downloader(sleep=sleeps.append).fetch(url + "/f.bin", tmp_path / "f.bin")
    assert sleeps == [pytest.approx(1.0)]


def test_retry_after_as_a_date_and_capped_at_max_s(root: Path, tmp_path: Path) -> None:
    put(root, "f.bin", 1000)
    sleeps: list[float] = []
    when = email.utils.formatdate(time.time() + 3, usegmt=True)
    faults = [(503, {"Retry-After": when}), (503, {"Retry-After": "3600"})]
    with serving(root, failures=faults) as (url, _stats):
        Downloader(sleep=sleeps.append, retry=RetryPolicy(max_s=10)).fetch(
            url + "/f.bin", tmp_path / "f.bin"
        )
    assert 1.5 <= sleeps[0] <= 3 and sleeps[1] == 10


def test_retries_give_up_with_a_download_error(root: Path, tmp_path: Path) -> None:
    put(root, "f.bin", 1000)
    sleeps: list[float] = []
    downloader = Downloader(sleep=sleeps.append, retry=RetryPolicy(attempts=3))
    with (
        serving(root, failures=[(500, {})] * 10) as (url, stats),
        pytest.raises(DownloadError, match="kept failing"),
    ):
        downloader.fetch(url + "/f.bin", tmp_path / "f.bin")
    assert stats.requests == 3 and len(sleeps) == 2


def test_a_server_ignoring_range_makes_it_start_over(root: Path, tmp_path: Path) -> None:
    data = put(root, "f.bin", MB)
    with serving(root, cut_after=300_000, ignore_range=True) as (url, stats):
        digest = Downloader(sleep=lambda s: None).fetch(
            url + "/f.bin", tmp_path / "f.bin", expected_size=len(data), expected_sha256=sha(data)
        )
    assert digest == sha(data) and (tmp_path / "f.bin").read_bytes() == data
    assert stats.statuses == [200, 200]


def test_a_changed_file_on_the_server_makes_it_start_over(root: Path, tmp_path: Path) -> None:
    put(root, "f.bin", MB)
    dest = tmp_path / "f.bin"
    cancel = threading.Event()
    with serving(root, stall_after=256 * 1024) as (url, _stats):
        threading.Timer(0.3, cancel.set).start()
        with pytest.raises(Cancelled):
            Downloader().fetch(url + "/f.bin", dest, cancel=cancel)
    assert dest.with_name("f.bin.part").stat().st_size == 256 * 1024
    new = put(root, "f.bin", MB)  # same size, new bytes and mtime: the ETag changes
    os.utime(root / "f.bin", (1, 1))
    with serving(root) as (url, stats):
        assert Downloader().fetch(url + "/f.bin", dest) == sha(new)
    assert stats.statuses == [200]  # If-Range failed: the whole new file, not a mix


def test_wrong_bytes_raise_integrity_error_and_drop_the_part(root: Path, tmp_path: Path) -> None:
    data = put(root, "f.bin", 100_000)
    dest = tmp_path / "f.bin"
    with serving(root) as (url, _stats), pytest.raises(IntegrityError, match="SHA-256"):
        Downloader().fetch(url + "/f.bin", dest, expected_sha256=sha(data + b"x"))
    assert not dest.exists() and leftovers(dest) == []


def test_too_many_bytes_stop_the_download(root: Path, tmp_path: Path) -> None:
    put(root, "f.bin", 200_000)
    dest = tmp_path / "f.bin"
    with serving(root) as (url, stats), pytest.raises(IntegrityError, match="wrong size"):
        Downloader().fetch(url + "/f.bin", dest, expected_size=100_000)  # Content-Length says
    assert leftovers(dest) == [] and stats.requests == 1


def test_a_flood_without_length_never_grows_the_part_past_the_size(
    root: Path, tmp_path: Path
) -> None:
    data = put(root, "f.bin", 64 * 1024)
    dest = tmp_path / "f.bin"
    part = dest.with_name("f.bin.part")
    sizes: list[int] = []

    def watch(_p: Progress) -> None:
        sizes.append(part.stat().st_size if part.exists() else 0)

    with (
        serving(root, flood=200) as (url, _stats),  # 12.8 MB unless the client stops reading
        pytest.raises(IntegrityError, match="more data than expected"),
    ):
        Downloader().fetch(url + "/f.bin", dest, expected_size=len(data), progress=watch)
    assert max(sizes) <= len(data)
    assert leftovers(dest) == []


def test_404_fails_at_once_without_retrying(root: Path, tmp_path: Path) -> None:
    sleeps: list[float] = []
    with serving(root) as (url, stats), pytest.raises(DownloadError, match="not on the server"):
        Downloader(sleep=sleeps.append).fetch(url + "/missing.bin", tmp_path / "m.bin")
    assert stats.requests == 1 and sleeps == []


def test_cancel_stops_a_stalled_read_quickly_and_keeps_the_part(root: Path, tmp_path: Path) -> None:
    put(root, "f.bin", MB)
    dest = tmp_path / "f.bin"
    cancel = threading.Event()
    with serving(root, stall_after=128 * 1024) as (url, _stats):
        timer = threading.Timer(0.3, cancel.set)
        timer.start()
        start = time.monotonic()
        with pytest.raises(Cancelled):
            Downloader(timeout_s=30).fetch(url + "/f.bin", dest, cancel=cancel)
        assert time.monotonic() - start < 0.3 + 0.5
    assert dest.with_name("f.bin.part").stat().st_size == 128 * 1024
    assert json.loads(dest.with_name("f.bin.part.json").read_text())["etag"]


def test_cancel_is_prompt_while_waiting_for_the_headers_too(root: Path, tmp_path: Path) -> None:
    put(root, "f.bin", 1000)
    cancel = threading.Event()
    with serving(root, hold=True) as (url, _stats):
        threading.Timer(0.3, cancel.set).start()
        start = time.monotonic()
        with pytest.raises(Cancelled):
            Downloader(timeout_s=30).fetch(url + "/f.bin", tmp_path / "f.bin", cancel=cancel)
        assert time.monotonic() - start < 0.3 + 0.5


def test_resume_after_the_process_was_killed(root: Path, tmp_path: Path) -> None:
    data = put(root, "f.bin", 4 * MB)
    dest = tmp_path / "f.bin"
    part = dest.with_name("f.bin.part")
    with serving(root, delay=0.01) as (url, stats):  # ~6 MB/s: time to kill it midway
        code = (
            "from pathlib import Path\n"
            "from content_cache.download import Downloader\n"
            f"Downloader().fetch({url + '/f.bin'!r}, Path({str(dest)!r}),"
            f" expected_size={len(data)})\n"
        )
        env = {**os.environ, "PYTHONPATH": str(PROJECT)}
        child = subprocess.Popen([sys.executable, "-c", code], cwd=PROJECT, env=env)
        deadline = time.monotonic() + 20
        while not (part.exists() and part.stat().st_size >= MB) and time.monotonic() < deadline:
            time.sleep(0.005)
        child.send_signal(signal.SIGKILL)
        child.wait()
        assert not dest.exists() and MB <= part.stat().st_size < len(data)
        digest = Downloader().fetch(url + "/f.bin", dest, expected_sha256=sha(data))
    assert digest == sha(data)
    assert stats.requests == 2 and stats.ranges[1] is not None
    assert stats.bytes_sent <= 1.05 * len(data)


# disk full


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs (needs root and mount): a real ENOSPC."""
    folder = tmp_path / "small"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here; the RLIMIT_FSIZE test covers disk full")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_disk_full_on_a_small_tmpfs(root: Path, small_disk: Path) -> None:
    # This one ran where the tests were written (root, tmpfs available): a real ENOSPC.
    data = put(root, "f.bin", 5 * MB)
    dest = small_disk / "f.bin"
    with serving(root) as (url, _stats), pytest.raises(DiskFull, match="disk is full"):
        Downloader().fetch(url + "/f.bin", dest, expected_sha256=sha(data))
    assert 0 < dest.with_name("f.bin.part").stat().st_size <= 2 * MB  # kept for a resume


def test_disk_full_under_a_file_size_limit(root: Path, tmp_path: Path) -> None:
    # Runs everywhere (POSIX): RLIMIT_FSIZE makes write() fail with EFBIG once SIGXFSZ is
    # ignored, which the downloader reports as DiskFull too.
    put(root, "f.bin", 3 * MB)
    dest = tmp_path / "f.bin"
    with serving(root) as (url, _stats):
        code = (
            "import resource, signal\n"
            "from pathlib import Path\n"
            "from app.errors import DiskFull\n"
            "from content_cache.download import Downloader\n"
            "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
            "resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 20, 1 << 20))\n"
            "try:\n"
            f"    Downloader().fetch({url + '/f.bin'!r}, Path({str(dest)!r}))\n"
            "except DiskFull as exc:\n"
            "    print('DiskFull:', exc)\n"
        )
        env = {**os.environ, "PYTHONPATH": str(PROJECT)}
        out = subprocess.run(
            [sys.executable, "-c", code],
            cwd=PROJECT,
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        )
    assert out.stdout.startswith("DiskFull: The disk is full"), out.stderr
    assert dest.with_name("f.bin.part").stat().st_size == MB


# bandwidth cap


def test_bandwidth_cap_slows_the_download(root: Path, tmp_path: Path) -> None:
    data = put(root, "f.bin", MB)
    with serving(root) as (url, _stats):
        start = time.monotonic()
        Downloader(bandwidth_bps=4 * MB).fetch(url + "/f.bin", tmp_path / "f.bin")
        elapsed = time.monotonic() - start
    assert elapsed >= 0.2
    assert (tmp_path / "f.bin").read_bytes() == data


def test_a_cap_change_applies_to_a_running_download(root: Path, tmp_path: Path) -> None:
    put(root, "f.bin", 2 * MB)
    downloader = Downloader(bandwidth_bps=8 * MB)

    def lower_once(p: Progress) -> None:
        if p.done and downloader.bandwidth_bps == 8 * MB:
            downloader.bandwidth_bps = 2 * MB

    with serving(root) as (url, _stats):
        start = time.monotonic()
        downloader.fetch(url + "/f.bin", tmp_path / "f.bin", progress=lower_once)
        elapsed = time.monotonic() - start
    # ~0.1 s at 8 MB/s (0.8 MB), the rest at 2 MB/s: ~0.7 s; unchanged it would take 0.25 s.
    assert downloader.bandwidth_bps == 2 * MB and elapsed >= 0.5


def test_progress_is_rate_limited_and_has_a_rate(root: Path, tmp_path: Path) -> None:
    put(root, "f.bin", 2 * MB)
    seen: list[Progress] = []
    with serving(root) as (url, _stats):
        start = time.monotonic()
        Downloader(bandwidth_bps=4 * MB).fetch(
            url + "/f.bin", tmp_path / "f.bin", progress=seen.append
        )
        elapsed = time.monotonic() - start
    assert len(seen) <= elapsed * 10 + 2
    middle = seen[len(seen) // 2]
    assert 2 * MB < middle.rate_bps < 6 * MB and middle.eta_s is not None


# fetch_bytes


def test_fetch_bytes_refuses_a_body_over_the_limit(root: Path) -> None:
    data = put(root, "index.json", 5000)
    with serving(root) as (url, _stats):
        assert Downloader().fetch_bytes(url + "/index.json", 5000) == data
        with pytest.raises(IntegrityError, match="larger than expected"):
            Downloader().fetch_bytes(url + "/index.json", 4999)
        with pytest.raises(DownloadError, match="not on the server"):
            Downloader().fetch_bytes(url + "/none.json", 4999)


# the queue


def test_queue_runs_at_most_max_concurrent(root: Path, tmp_path: Path) -> None:
    blobs = {f"f{n}.bin": put(root, f"f{n}.bin", 256 * 1024) for n in range(5)}
    with serving(root, delay=0.01) as (url, stats):
        queue = DownloadQueue(Downloader(), max_concurrent=2)
        jobs = [
            queue.submit(f"{url}/{name}", tmp_path / name, expected_sha256=sha(data))
            for name, data in blobs.items()
        ]
        assert [job.result(timeout=20) for job in jobs] == [sha(d) for d in blobs.values()]
        queue.shutdown()
    assert stats.max_active == 2
    assert {job.state for job in queue.jobs()} == {"done"}


def test_queue_pause_resume_and_cancel(root: Path, tmp_path: Path) -> None:
    data = put(root, "a.bin", 2 * MB)
    put(root, "b.bin", 2 * MB)
    with serving(root, delay=0.01) as (url, stats):
        queue = DownloadQueue(Downloader(), max_concurrent=2)
        a = queue.submit(f"{url}/a.bin", tmp_path / "a.bin", expected_sha256=sha(data))
        b = queue.submit(f"{url}/b.bin", tmp_path / "b.bin")
        wait_for(lambda: a.progress is not None and a.progress.done > 0)
        a.pause()
        wait_for(lambda: a.state == "paused")
        kept = (tmp_path / "a.bin.part").stat().st_size
        assert 0 < kept < len(data)
        a.resume()
        b.cancel()
        assert a.result(timeout=20) == sha(data)
        with pytest.raises(Cancelled):
            b.result(timeout=5)
        queue.shutdown()
    assert b.state == "cancelled" and leftovers(tmp_path / "b.bin") == []
    assert a.state == "done" and a.progress is not None and a.progress.done == len(data)
    a_bytes = stats.ranges.count(f"bytes={kept}-")
    assert a_bytes == 1  # resumed from the part, not from 0


def test_queue_shutdown_cancels_and_keeps_parts(root: Path, tmp_path: Path) -> None:
    put(root, "a.bin", 2 * MB)
    with serving(root, delay=0.01) as (url, _stats):
        queue = DownloadQueue(Downloader(), max_concurrent=1)
        a = queue.submit(f"{url}/a.bin", tmp_path / "a.bin")
        b = queue.submit(f"{url}/a.bin", tmp_path / "b.bin")
        wait_for(lambda: a.progress is not None and a.progress.done > 0)
        queue.shutdown()
    assert (a.state, b.state) == ("cancelled", "cancelled")
    assert (tmp_path / "a.bin.part").exists()
    with pytest.raises(RuntimeError):
        queue.submit(f"{url}/a.bin", tmp_path / "c.bin")


def wait_for(condition: object, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


# copies from a folder or USB stick


def test_copy_file_verifies(tmp_path: Path) -> None:
    src = tmp_path / "usb" / "course.kyo"
    src.parent.mkdir()
    data = os.urandom(3 * MB + 1)
    src.write_bytes(data)
    dest = tmp_path / "store" / "course.kyo"
    seen: list[Progress] = []
    assert copy_file(
        src, dest, expected_size=len(data), expected_sha256=sha(data), progress=seen.append
    ) == sha(data)
    assert dest.read_bytes() == data and leftovers(dest) == []
    assert seen[-1].done == len(data)
    with pytest.raises(IntegrityError, match="SHA-256"):
        copy_file(src, tmp_path / "other.kyo", expected_sha256="0" * 64)
    assert not (tmp_path / "other.kyo").exists() and leftovers(tmp_path / "other.kyo") == []
