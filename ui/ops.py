"""The one way the window runs core work: off the GUI thread, results back on it.

Modelled on Anki's QueryOp: `ops.run(work, on_done)` runs `work()` on a worker; `on_done(result)`
(or the error handler) then runs on the GUI thread. Workers return data and never touch
widgets (STYLE.md 1-3). Tests pass an `ImmediateExecutor` so ops finish before `run` returns.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

T = TypeVar("T")
log = logging.getLogger(__name__)


class ImmediateExecutor(Executor):
    """Runs work in the caller's thread: deterministic ops for unit tests (STYLE.md 14)."""

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future


class Ops(QObject):
    """Runs core calls on a worker pool; `busy` tells the window when work is under way."""

    busy = Signal(bool)
    _deliver = Signal(object)

    def __init__(
        self,
        on_error: Callable[[BaseException], None],
        executor: Executor | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._on_error = on_error
        self._executor = executor or ThreadPoolExecutor(max_workers=4, thread_name_prefix="kyo-op")
        self._running = 0
        # Auto connection: queued from worker threads, direct when an ImmediateExecutor
        # completes on the GUI thread.
        self._deliver.connect(self._run_callback)

    def run(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        self._set_running(+1)
        future = self._executor.submit(work)
        handler = on_error or self._on_error

        def finished(done: Future[T]) -> None:
            self._deliver.emit(lambda: self._complete(done, on_done, handler))

        future.add_done_callback(finished)

    def _complete(
        self,
        future: Future[T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        self._set_running(-1)
        exc = future.exception()
        if exc is not None:
            on_error(exc)
        else:
            on_done(future.result())

    def _run_callback(self, callback: Callable[[], None]) -> None:
        callback()

    def _set_running(self, delta: int) -> None:
        before = self._running
        self._running += delta
        if (before == 0) != (self._running == 0):
            self.busy.emit(self._running > 0)

    @property
    def running(self) -> int:
        return self._running

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True)
