"""Long jobs (download, import, sync): the one contract DESIGN.md gives them.

A job is a callable run on a worker thread with a `JobContext`: a cancel flag
(`threading.Event`), `progress(fraction, message, data)` and `log(line)`. Its progress, then
its outcome, arrive on the GUI thread through queued signals. Progress is coalesced: at most
one delivery per job waits in the event queue, and at most one per `min_interval_s`, so a fast
download cannot flood the event loop; the last value is always delivered before the outcome.
Workers return data and never touch widgets (STYLE.md 1-3).
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.errors import Cancelled

log = logging.getLogger(__name__)

ErrorFn = Callable[[BaseException], None]
QUEUED, RUNNING, DONE, FAILED, CANCELLED = "queued", "running", "done", "failed", "cancelled"
FINISHED = frozenset({DONE, FAILED, CANCELLED})


@dataclass(frozen=True)
class JobProgress:
    """How far a job is: `fraction` 0..1 (None: unknown), a message, and any data the page
    formats itself (a download's bytes and rate), so the text follows a language switch."""

    fraction: float | None
    message: str = ""
    data: Any = None


class JobContext:
    """What the worker sees of its job. Thread-safe."""

    def __init__(self, job: Job, deliver: Callable[[Job], None], min_interval_s: float) -> None:
        self._job = job
        self._deliver = deliver
        self._min_interval_s = min_interval_s
        self._last_sent = float("-inf")

    @property
    def cancel(self) -> threading.Event:
        return self._job.cancel_event

    @property
    def cancelled(self) -> bool:
        return self._job.cancel_event.is_set()

    def check(self) -> None:
        """Raise Cancelled if the job was cancelled: call between steps of the work."""
        if self.cancelled:
            raise Cancelled("cancelled")

    def progress(self, fraction: float | None, message: str = "", data: Any = None) -> None:
        job = self._job
        with job._lock:
            job._latest = JobProgress(fraction, message, data)
            now = time.monotonic()
            if job._pending or now - self._last_sent < self._min_interval_s:
                return  # coalesced: the GUI sees this value, or a later one, soon
            job._pending = True
            self._last_sent = now
        self._deliver(job)

    def log(self, line: str) -> None:
        with self._job._lock:
            self._job._log.append(line)


class Job:
    """One job. Read its fields on the GUI thread; they change only there."""

    def __init__(self, job_id: int, key: str, title: Any) -> None:
        self.id = job_id
        self.key = key  # what the job is about (a course id): pages find their row by it
        self.title = title
        self.state = QUEUED
        self.progress: JobProgress | None = None
        self.result: Any = None
        self.error: BaseException | None = None
        self.cancel_event = threading.Event()
        self._lock = threading.Lock()
        self._latest: JobProgress | None = None
        self._pending = False
        self._log: list[str] = []
        self._future: Future[Any] | None = None

    @property
    def finished(self) -> bool:
        return self.state in FINISHED

    @property
    def log(self) -> list[str]:
        with self._lock:
            return list(self._log)

    def _take_progress(self) -> JobProgress | None:
        with self._lock:
            self._pending = False
            return self._latest


class Jobs(QObject):
    """Runs jobs on `max_workers` threads (the rest wait in order); `changed(job)` tells the
    GUI thread whenever a job's state or progress moved."""

    changed = Signal(object)
    _progress = Signal(object)
    _outcome = Signal(object, object, object)  # job, result, error

    def __init__(
        self, max_workers: int = 2, min_interval_s: float = 0.1, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers, thread_name_prefix="kyo-job")
        self._min_interval_s = min_interval_s
        self._ids = itertools.count(1)
        self._jobs: list[Job] = []
        self._callbacks: dict[int, tuple[Callable[[Any], None] | None, ErrorFn | None]] = {}
        # Bound methods of an object living on the GUI thread: emitted from a worker, the
        # calls are queued to the GUI thread.
        self._progress.connect(self._on_progress)
        self._outcome.connect(self._on_outcome)

    def start(
        self,
        work: Callable[[JobContext], Any],
        *,
        key: str = "",
        title: Any = None,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Job:
        """Queue `work(context)`; its result goes to `on_done`, an error to `on_error` (a
        cancelled job calls neither: cancelling is not an error)."""
        job = Job(next(self._ids), key, title)
        self._jobs.append(job)
        self._callbacks[job.id] = (on_done, on_error)
        context = JobContext(job, self._progress.emit, self._min_interval_s)
        job._future = self._executor.submit(self._run, job, work, context)
        self.changed.emit(job)
        return job

    def _run(self, job: Job, work: Callable[[JobContext], Any], context: JobContext) -> None:
        if job.cancel_event.is_set():
            self._outcome.emit(job, None, Cancelled("cancelled"))
            return
        self._progress.emit(job)  # tells the GUI it runs now
        try:
            result = work(context)
        except BaseException as exc:  # delivered to the GUI thread, never lost
            self._outcome.emit(job, None, exc)
        else:
            self._outcome.emit(job, result, None)

    def cancel(self, job: Job) -> None:
        """Ask the job to stop; a job still waiting for a worker ends at once."""
        if job.finished:
            return
        job.cancel_event.set()
        if job._future is not None and job._future.cancel():
            self._finish(job, None, Cancelled("cancelled"))

    def jobs(self) -> list[Job]:
        return list(self._jobs)

    def forget(self, job: Job) -> None:
        """Drop a finished job from `jobs()`."""
        if job.finished and job in self._jobs:
            self._jobs.remove(job)

    def running(self) -> int:
        return sum(1 for job in self._jobs if not job.finished)

    def shutdown(self, wait: bool = True) -> None:
        """Cancel every job and stop the workers (at the app's end)."""
        for job in self._jobs:
            job.cancel_event.set()
        self._executor.shutdown(wait=wait, cancel_futures=True)

    # on the GUI thread

    def _on_progress(self, job: Job) -> None:
        if job.finished:
            return
        latest = job._take_progress()
        if latest is not None:
            job.progress = latest
        job.state = RUNNING
        self.changed.emit(job)

    def _on_outcome(self, job: Job, result: Any, error: BaseException | None) -> None:
        if not job.finished:
            self._finish(job, result, error)

    def _finish(self, job: Job, result: Any, error: BaseException | None) -> None:
        latest = job._take_progress()
        if latest is not None:
            job.progress = latest  # the last value, also when it was coalesced away
        # A job stopped on request may fail in its own way (a closed socket): still cancelled.
        stopped = error is not None and job.cancel_event.is_set()
        cancelled = isinstance(error, Cancelled) or stopped
        job.state = CANCELLED if cancelled else FAILED if error is not None else DONE
        job.result, job.error = result, error
        on_done, on_error = self._callbacks.pop(job.id, (None, None))
        self.changed.emit(job)
        if job.state == DONE and on_done is not None:
            on_done(result)
        elif job.state == FAILED:
            if on_error is not None:
                assert error is not None
                on_error(error)
            else:
                log.warning("job %s failed: %r", job.key, error)
