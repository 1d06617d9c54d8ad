"""One player's core calls, run through `ops` one at a time and in the order they were made.

The ops pool has several workers, so two recordings made a moment apart could reach the
database in either order, and a video's resume position is the last one written. A player
therefore sends its loading, recordings and closing through one `SerialOps`: each call starts
when the one before it has finished, still off the GUI thread.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ui.ops import Ops

Step = tuple[
    Callable[[], Any] | None, Callable[[Any], None], Callable[[BaseException], None] | None
]


def _raise(exc: BaseException) -> Callable[[], None]:
    def work() -> None:
        raise exc

    return work


class SerialOps:
    def __init__(self, ops: Ops) -> None:
        self.ops = ops
        self._steps: deque[Step] = deque()
        self._busy = False

    @property
    def idle(self) -> bool:
        return not self._busy and not self._steps

    def submit(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run `work` off the GUI thread after everything submitted before it. Errors go to
        `on_error`, else to the window's one error presenter; the queue goes on either way."""
        self._steps.append((work, on_done or _ignore, on_error))
        self._pump()

    def then(self, callback: Callable[[], None]) -> None:
        """Call `callback` on the GUI thread once everything submitted so far has finished."""
        self._steps.append((None, lambda _none: callback(), None))
        self._pump()

    def report(self, exc: BaseException) -> None:
        """Show `exc` through the window's one error presenter. Ops keeps the presenter to
        itself, so an op that re-raises the error is how it gets there."""
        self.ops.run(_raise(exc), _ignore)

    def _pump(self) -> None:
        while self._steps and not self._busy:
            work, on_done, on_error = self._steps.popleft()
            if work is None:
                on_done(None)
                continue
            self._busy = True
            self.ops.run(work, self._finished(on_done), self._failed(on_error))

    def _finished(self, on_done: Callable[[Any], None]) -> Callable[[Any], None]:
        def finished(result: Any) -> None:
            self._busy = False
            try:
                on_done(result)
            finally:
                self._pump()

        return finished

    def _failed(
        self, on_error: Callable[[BaseException], None] | None
    ) -> Callable[[BaseException], None]:
        def failed(exc: BaseException) -> None:
            self._busy = False
            try:
                if on_error is not None:
                    on_error(exc)
                else:
                    self.report(exc)
            finally:
                self._pump()

        return failed


def _ignore(_result: Any) -> None:
    pass
