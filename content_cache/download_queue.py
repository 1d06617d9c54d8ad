"""Downloads queued and run a few at a time; each job can be paused, resumed and cancelled.

Pausing stops the job's fetch and keeps its part file, so resuming costs only what is left.
Cancelling a job also deletes its part; shutting the queue down keeps the parts, so the next
start of the app resumes them.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from pathlib import Path

from app.errors import Cancelled
from app.i18n import _
from content_cache.download import Downloader, Progress
from content_cache.transfer import remove_part

QUEUED, RUNNING, PAUSED = "queued", "running", "paused"
DONE, FAILED, CANCELLED = "done", "failed", "cancelled"


class DownloadJob:
    """One queued download. `state`, `progress` and `error` are updated by the queue."""

    def __init__(
        self,
        queue: DownloadQueue,
        url: str,
        dest: Path,
        expected_size: int | None,
        expected_sha256: str | None,
        on_progress: Callable[[Progress], None] | None,
    ) -> None:
        self.url = url
        self.dest = dest
        self.expected_size = expected_size
        self.expected_sha256 = expected_sha256
        self.state = QUEUED
        self.progress: Progress | None = None
        self.error: BaseException | None = None
        self._queue = queue
        self._on_progress = on_progress
        self._stop = threading.Event()  # the running fetch's cancel event
        self._wish: str | None = None  # why _stop was set: "pause", "requeue", "cancel", …
        self._finished = threading.Event()
        self._sha256: str | None = None

    def cancel(self) -> None:
        """Stop for good and delete the part."""
        self._queue._cancel(self)

    def pause(self) -> None:
        """Stop, keeping the part; `resume` queues the job again."""
        self._queue._pause(self)

    def resume(self) -> None:
        self._queue._resume(self)

    def result(self, timeout: float | None = None) -> str:
        """The file's hex SHA-256 once done; raises the job's error (Cancelled if cancelled),
        or TimeoutError if it is not finished within `timeout` seconds."""
        if not self._finished.wait(timeout):
            raise TimeoutError(f"{self.url} is still {self.state}")
        if self.error is not None:
            raise self.error
        assert self._sha256 is not None
        return self._sha256

    def _report(self, progress: Progress) -> None:
        self.progress = progress
        if self._on_progress is not None:
            self._on_progress(progress)


class DownloadQueue:
    """Runs submitted downloads in order, at most `max_concurrent` at a time."""

    def __init__(self, downloader: Downloader, max_concurrent: int = 2) -> None:
        self._downloader = downloader
        self._cond = threading.Condition()
        self._waiting: deque[DownloadJob] = deque()
        self._jobs: list[DownloadJob] = []
        self._closed = False
        self._workers = [
            threading.Thread(target=self._work, name=f"download-{n}", daemon=True)
            for n in range(max(1, max_concurrent))
        ]
        for worker in self._workers:
            worker.start()

    def submit(
        self,
        url: str,
        dest: Path,
        *,
        expected_size: int | None = None,
        expected_sha256: str | None = None,
        on_progress: Callable[[Progress], None] | None = None,
    ) -> DownloadJob:
        job = DownloadJob(self, url, dest, expected_size, expected_sha256, on_progress)
        with self._cond:
            if self._closed:
                raise RuntimeError("the download queue is shut down")
            self._jobs.append(job)
            self._waiting.append(job)
            self._cond.notify()
        return job

    def jobs(self) -> list[DownloadJob]:
        with self._cond:
            return list(self._jobs)

    def shutdown(self, cancel: bool = True) -> None:
        """Stop taking jobs; with `cancel`, stop the running ones (their parts are kept for
        the next start), else let every queued job finish first. Paused jobs end cancelled."""
        with self._cond:
            self._closed = True
            for job in self._jobs:
                if job.state == PAUSED or (cancel and job.state == QUEUED):
                    self._finish(job, CANCELLED, _cancelled_error())
                elif cancel and job.state == RUNNING:
                    job._wish = "shutdown"
                    job._stop.set()
            if cancel:
                self._waiting.clear()
            self._cond.notify_all()
        for worker in self._workers:
            worker.join()

    # job controls (called by DownloadJob)

    def _cancel(self, job: DownloadJob) -> None:
        with self._cond:
            if job.state == RUNNING:
                job._wish = "cancel"
                job._stop.set()
                return
            if job.state not in (QUEUED, PAUSED):
                return
            if job in self._waiting:
                self._waiting.remove(job)
            self._finish(job, CANCELLED, _cancelled_error())
        remove_part(job.dest)

    def _pause(self, job: DownloadJob) -> None:
        with self._cond:
            if job.state == QUEUED:
                self._waiting.remove(job)
                job.state = PAUSED
            elif job.state == RUNNING and job._wish in (None, "requeue"):
                job._wish = "pause"
                job._stop.set()

    def _resume(self, job: DownloadJob) -> None:
        with self._cond:
            if job.state == PAUSED and not self._closed:
                job.state = QUEUED
                self._waiting.append(job)
                self._cond.notify()
            elif job.state == RUNNING and job._wish == "pause":
                job._wish = "requeue"  # paused and resumed before the fetch even stopped

    # workers

    def _work(self) -> None:
        while True:
            with self._cond:
                while not self._waiting and not self._closed:
                    self._cond.wait()
                if not self._waiting:
                    return
                job = self._waiting.popleft()
                job.state = RUNNING
                job._wish = None
                job._stop.clear()
            self._run(job)

    def _run(self, job: DownloadJob) -> None:
        try:
            sha256 = self._downloader.fetch(
                job.url,
                job.dest,
                expected_size=job.expected_size,
                expected_sha256=job.expected_sha256,
                progress=job._report,
                cancel=job._stop,
            )
        except Cancelled as exc:
            self._stopped(job, exc)
        except Exception as exc:  # every failure is the job's result, shown by whoever asks
            with self._cond:
                self._finish(job, FAILED, exc)
        else:
            with self._cond:
                job._sha256 = sha256
                self._finish(job, DONE)

    def _stopped(self, job: DownloadJob, exc: Cancelled) -> None:
        with self._cond:
            wish = job._wish
            if wish == "pause" and not self._closed:
                job.state = PAUSED
                return
            if wish == "requeue" and not self._closed:
                job.state = QUEUED
                self._waiting.append(job)
                self._cond.notify()
                return
            self._finish(job, CANCELLED, exc)
        if wish == "cancel":
            remove_part(job.dest)

    @staticmethod
    def _finish(job: DownloadJob, state: str, error: BaseException | None = None) -> None:
        job.state = state
        job.error = error
        job._finished.set()


def _cancelled_error() -> Cancelled:
    return Cancelled(_("The download was cancelled."))
