"""Resumable, verified downloads, and the same contract for copies from a folder or USB stick.

A download writes `<dest>.part` and a small JSON sidecar `<dest>.part.json` (url, expected size
and SHA-256, the server's validators), so a later fetch after a cut, a cancel or a killed process
resumes with `Range` + `If-Range` instead of starting over: on 2G every megabyte counts. The
file appears at `dest` only whole and verified (fsync, then an atomic rename).
"""

from __future__ import annotations

import contextlib
import email.utils
import queue
import random
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path
from typing import Any, TypeVar

import requests
import urllib3

from app.errors import Cancelled, DownloadError, IntegrityError
from app.i18n import _
from content_cache.transfer import BURST_S, Bucket, Meter, PartFile, Progress

CHUNK = 1 << 20  # per read: large enough that Python's per-chunk cost stays small
POLL_S = 0.1  # how often a blocked read or a wait looks at the cancel event
TRANSIENT_STATUS = frozenset({408, 429, 500, 502, 503, 504})
T = TypeVar("T")

__all__ = ["Downloader", "Progress", "RetryPolicy", "copy_file"]


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with full jitter; the server's Retry-After wins, capped at max_s."""

    attempts: int = 8
    base_s: float = 0.5
    max_s: float = 60.0

    def delay(self, failures: int, retry_after: float | None = None) -> float:
        if retry_after is not None:
            return min(self.max_s, max(0.0, retry_after))
        ceiling = min(self.max_s, self.base_s * 2 ** max(0, failures - 1))
        return random.uniform(0.0, ceiling)  # noqa: S311 - jitter, not a secret


class _Transient(Exception):
    """A failure worth retrying (network, 5xx, 429); the part on disk is kept."""

    def __init__(self, detail: str, retry_after: float | None = None) -> None:
        super().__init__(detail)
        self.retry_after = retry_after


class _StartOver(_Transient):
    """The server's file changed or it cannot resume: the part was emptied; retry at once."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail, retry_after=0.0)


def _cancelled() -> Cancelled:
    return Cancelled(_("The download was cancelled."))


def _retry_after(value: str | None) -> float | None:
    """Retry-After in seconds, from either of its forms (seconds, or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - time.time())


@contextlib.contextmanager
def _cancel_watch(raw: Any, cancel: threading.Event) -> Iterator[None]:
    """Unblock a read stalled in the socket when `cancel` is set, by shutting the socket down.
    (A read timeout short enough to poll would also end slow but healthy 2G transfers.)"""
    done = threading.Event()

    def watch() -> None:
        while not done.wait(POLL_S):
            if cancel.is_set():
                shutdown = getattr(raw, "shutdown", None) or raw.close  # urllib3 >= 2.3
                with contextlib.suppress(Exception):
                    shutdown()
                return

    thread = threading.Thread(target=watch, name="download-cancel", daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()


class Downloader:
    """Fetches files over HTTP: resumable, verified, retried, cancellable, rate-capped."""

    def __init__(
        self,
        session: requests.Session | None = None,
        *,
        bandwidth_bps: int | None = None,
        retry: RetryPolicy = RetryPolicy(),
        timeout_s: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.session = session or requests.Session()
        self.bandwidth_bps = bandwidth_bps  # read at every chunk: changing it applies at once
        self.retry = retry
        self.timeout_s = timeout_s
        self._sleep = sleep
        self._clock = clock
        self._bucket = Bucket(clock)

    def fetch(
        self,
        url: str,
        dest: Path,
        *,
        expected_size: int | None = None,
        expected_sha256: str | None = None,
        progress: Callable[[Progress], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> str:
        """Download `url` to `dest`, resuming a part left by an earlier try; returns the hex
        SHA-256. Raises DownloadError, IntegrityError, DiskFull or Cancelled."""
        cancel = cancel or threading.Event()
        identity = {"url": url, "expected_size": expected_size, "expected_sha256": expected_sha256}
        part = PartFile(dest, identity)
        meter = Meter(progress, expected_size, self._clock)
        try:
            part.open()
            meter.update(part.size)
            self._with_retries(
                lambda: self._attempt(url, part, meter, cancel), cancel, lambda: part.size
            )
            digest = part.finish(expected_size, expected_sha256)
        finally:
            part.close()
        meter.update(part.size, final=True)
        return digest

    def fetch_bytes(self, url: str, max_bytes: int) -> bytes:
        """A small file (a repository index) in memory; refuses bodies over `max_bytes`."""
        return self._with_retries(lambda: self._small(url, max_bytes), threading.Event())

    def _with_retries(
        self,
        attempt: Callable[[], T],
        cancel: threading.Event,
        have: Callable[[], int] = lambda: 0,  # bytes on disk: progress resets the count
    ) -> T:
        failures = 0
        while True:
            if cancel.is_set():
                raise _cancelled()
            before = have()
            try:
                return attempt()
            except _Transient as exc:
                # A cut that still moved the download on is not held against it: a flaky
                # 2G link may need many more reconnects than `attempts` for a large file.
                failures = 1 if have() > before else failures + 1
                if failures >= self.retry.attempts:
                    raise DownloadError(
                        _(
                            "The download kept failing. Check the network connection, "
                            "then try again."
                        ),
                        str(exc),
                    ) from exc
                self._wait(self.retry.delay(failures, exc.retry_after), cancel)

    def _wait(self, seconds: float, cancel: threading.Event) -> None:
        if seconds <= 0:
            return
        if self._sleep is time.sleep:  # the real clock: wake up at once on cancel
            cancel.wait(seconds)
        else:
            self._sleep(seconds)
        if cancel.is_set():
            raise _cancelled()

    def _get(self, url: str, headers: dict[str, str]) -> requests.Response:
        try:
            response = self.session.get(
                url, headers=headers, stream=True, timeout=(self.timeout_s, self.timeout_s)
            )
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise _Transient(f"{url}: {exc}") from exc
        except requests.RequestException as exc:
            raise DownloadError(
                _("The download address is not usable: {url}").format(url=url), str(exc)
            ) from exc
        status = response.status_code
        if status in TRANSIENT_STATUS:
            response.close()
            raise _Transient(
                f"{url}: HTTP {status}", _retry_after(response.headers.get("Retry-After"))
            )
        if status in (404, 410):
            response.close()
            raise DownloadError(
                _("The file is not on the server (it may have been removed): {url}").format(
                    url=url
                ),
                f"HTTP {status}",
            )
        if status not in (200, 206, 416):  # 3xx here: a redirect requests could not follow
            response.close()
            raise DownloadError(
                _("The server refused the download (HTTP {status}).").format(status=status), url
            )
        return response

    def _open(
        self, url: str, headers: dict[str, str], cancel: threading.Event
    ) -> requests.Response:
        """`_get` in a helper thread, so that cancelling is prompt while connecting or waiting
        for the headers too (a slow 2G handshake must not make a pause take timeout_s)."""
        box: queue.Queue[requests.Response | Exception] = queue.Queue()
        abandoned = threading.Event()

        def run() -> None:
            try:
                box.put(self._get(url, headers))
            except Exception as exc:  # re-raised in the waiting thread
                box.put(exc)
            if abandoned.is_set():
                _close_unclaimed(box)

        threading.Thread(target=run, name="download-request", daemon=True).start()
        while True:
            try:
                outcome = box.get(timeout=POLL_S)
            except queue.Empty:
                if cancel.is_set():
                    abandoned.set()
                    _close_unclaimed(box)
                    raise _cancelled() from None
                continue
            if isinstance(outcome, Exception):
                raise outcome
            return outcome

    def _attempt(self, url: str, part: PartFile, meter: Meter, cancel: threading.Event) -> None:
        headers = {"Accept-Encoding": "identity"}  # byte ranges must mean bytes of the file
        if part.size:
            headers["Range"] = f"bytes={part.size}-"
            etag = part.meta.get("etag")
            strong = etag if etag and not etag.startswith("W/") else None  # If-Range rule
            validator = strong or part.meta.get("last_modified")
            if validator:
                headers["If-Range"] = validator
        with self._open(url, headers, cancel) as response:
            length = self._accept(response, part, meter)
            if length is not None:
                with _cancel_watch(response.raw, cancel):
                    self._stream(response.raw, length, part, meter, cancel)

    def _accept(self, response: requests.Response, part: PartFile, meter: Meter) -> int | None:
        """Check the answer against the part: the body length to read (-1: until the server
        closes), or None if the part is complete already."""
        headers = response.headers
        etag, modified = headers.get("ETag"), headers.get("Last-Modified")
        declared = headers.get("Content-Length", "")
        length = int(declared) if declared.isdigit() else -1
        if response.status_code == 416:
            if part.size and _range_total(headers.get("Content-Range")) == part.size:
                return None  # the part was whole already: killed before the rename
            part.restart()
            raise _StartOver("416 for a resume: the file on the server changed")
        if response.status_code == 206:
            start, total = _range_start(headers.get("Content-Range"))
            stored = part.meta.get("etag") or part.meta.get("last_modified")
            if start != part.size or (part.size and (etag or modified) != stored):
                part.restart()
                raise _StartOver(f"206 from {start} for a part of {part.size}, tag {etag}")
        else:  # 200: a whole answer, also when the server ignored Range or If-Range failed
            if part.size:
                part.restart()
            total = length if length >= 0 else None
        part.set_validators(etag, modified)
        self._check_total(part, meter, total)
        return length

    @staticmethod
    def _check_total(part: PartFile, meter: Meter, total: int | None) -> None:
        want = part.identity.get("expected_size")
        if total is not None and want is not None and total != want:
            part.discard()
            raise IntegrityError(
                _(
                    "The file on the server has the wrong size: {got} bytes instead of {want}."
                ).format(got=total, want=want),
                str(part.dest),
            )
        if meter.total is None:
            meter.total = total

    def _stream(
        self, raw: Any, length: int, part: PartFile, meter: Meter, cancel: threading.Event
    ) -> None:
        """Append the body to the part; `length` < 0: until the server closes."""
        read = getattr(raw, "read1", None) or raw.read  # read1: what has arrived, no waiting
        want = part.identity.get("expected_size")
        received = 0
        while length < 0 or received < length:
            n = self._chunk_size()
            if want is not None:
                n = min(n, want - part.size + 1)  # one byte past the end is enough to see a liar
            try:
                data: bytes = read(n, decode_content=False)
            except (urllib3.exceptions.HTTPError, OSError, ValueError) as exc:
                if cancel.is_set():
                    raise _cancelled() from exc
                raise _Transient(f"read failed: {exc!r}") from exc
            if data:
                part.check_room(want, len(data))
                part.write(data)
                received += len(data)
                meter.update(part.size)
            if cancel.is_set():
                raise _cancelled()
            if not data:
                break
            self._wait(self._bucket.delay(len(data), self.bandwidth_bps), cancel)
        if length >= 0 and received < length:
            raise _Transient(f"connection closed after {received} of {length} bytes")
        if length >= 0 and hasattr(raw, "release_conn"):
            raw.release_conn()  # the whole body was read: keep the connection for the next file

    def _chunk_size(self) -> int:
        rate = self.bandwidth_bps
        return CHUNK if not rate else max(4096, min(CHUNK, int(rate * BURST_S / 2)))

    def _small(self, url: str, max_bytes: int) -> bytes:
        with self._get(url, {}) as response:
            if response.status_code != 200:
                raise DownloadError(
                    _("The server refused the download (HTTP {status}).").format(
                        status=response.status_code
                    ),
                    url,
                )
            declared = response.headers.get("Content-Length", "")
            too_big = declared.isdigit() and int(declared) > max_bytes
            try:
                body = b"" if too_big else response.raw.read(max_bytes + 1, decode_content=True)
            except (urllib3.exceptions.HTTPError, OSError) as exc:
                raise _Transient(f"read failed: {exc!r}") from exc
            if too_big or len(body) > max_bytes:
                raise IntegrityError(
                    _(
                        "The file on the server is larger than expected ({want} bytes at most)."
                    ).format(want=max_bytes),
                    url,
                )
            return bytes(body)


def _close_unclaimed(box: queue.Queue[requests.Response | Exception]) -> None:
    """Close a response nobody will read (its request was abandoned on cancel)."""
    with contextlib.suppress(queue.Empty):
        outcome = box.get_nowait()
        if isinstance(outcome, requests.Response):
            outcome.close()


def _range_start(header: str | None) -> tuple[int, int | None]:
    """(first byte, full size or None) from `Content-Range: bytes a-b/total`."""
    try:
        rest = (header or "").partition(" ")[2]
        span, _sep, total = rest.partition("/")
        return int(span.split("-")[0]), None if total == "*" else int(total)
    except ValueError:
        return -1, None


def _range_total(header: str | None) -> int | None:
    """The full size from `Content-Range: bytes */total` (a 416 answer)."""
    total = (header or "").rpartition("/")[2]
    return int(total) if total.isdigit() else None


def copy_file(
    src: Path,
    dest: Path,
    *,
    expected_size: int | None = None,
    expected_sha256: str | None = None,
    progress: Callable[[Progress], None] | None = None,
    cancel: threading.Event | None = None,
) -> str:
    """Copy from a folder or USB stick with fetch's contract: part + sidecar, resume, verify,
    fsync and rename; returns the hex SHA-256."""
    cancel = cancel or threading.Event()
    try:
        st = src.stat()
    except OSError as exc:
        raise DownloadError(
            _("The file to copy cannot be read: {name}").format(name=src.name), f"{src}: {exc}"
        ) from exc
    identity = {
        "url": src.resolve().as_uri(),
        "expected_size": expected_size,
        "expected_sha256": expected_sha256,
        "etag": f"{st.st_size:x}-{st.st_mtime_ns:x}",  # a changed source starts over
    }
    part = PartFile(dest, identity)
    meter = Meter(
        progress, expected_size if expected_size is not None else st.st_size, time.monotonic
    )
    try:
        part.open()
        _copy_into(src, part, meter, cancel)
        digest = part.finish(expected_size, expected_sha256)
    finally:
        part.close()
    meter.update(part.size, final=True)
    return digest


def _copy_into(src: Path, part: PartFile, meter: Meter, cancel: threading.Event) -> None:
    try:
        with src.open("rb") as f:
            f.seek(part.size)
            while data := f.read(CHUNK):
                if cancel.is_set():
                    raise _cancelled()
                part.check_room(part.identity["expected_size"], len(data))
                part.write(data)
                meter.update(part.size)
    except OSError as exc:  # a USB stick pulled out, a bad sector
        raise DownloadError(
            _("The file to copy cannot be read: {name}").format(name=src.name), f"{src}: {exc}"
        ) from exc
