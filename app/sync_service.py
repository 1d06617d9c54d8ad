"""Sync by itself: a background thread per unlocked profile.

It probes the platform cheaply (with backoff while it is away), and runs a round when the
platform becomes reachable, after each completed course, when asked ("Sync now"), and again
when a round had to stop (at the time it named). Its status is always known and reported to
`on_status` (the window shows it): offline, waiting (until when), syncing n of m, up to date,
needs attention (why). The thread never touches widgets: `on_status` must hand over to the
GUI thread itself (the window's ops layer does).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from app import sync_account
from app.sync_run import SyncRound
from sync.backoff import Backoff
from sync.lrs import LrsClient
from sync.probe import Reachability
from sync.status import SyncState, SyncStatus

if TYPE_CHECKING:
    from app.learning import Learner

log = logging.getLogger(__name__)
IDLE_S = 900.0  # while online and up to date, look for new records this often anyway
SOON_S = 30.0  # records came in while a round ran, with nobody asking: send them after this


class SyncService:
    def __init__(
        self,
        learner: Learner,
        on_status: Callable[[SyncStatus], None],
        *,
        probe_backoff: Backoff | None = None,
        round_options: dict[str, Any] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.learner = learner
        self.on_status = on_status
        self._probe_backoff = probe_backoff or Backoff(base_s=10, max_s=600)
        self._round_options = round_options or {}
        self._clock = clock
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._probe: Reachability | None = None
        self._next_round = 0.0
        self._asked = 0  # sync_now calls so far: one during a round must not be forgotten
        self.status = SyncStatus(SyncState.OFFLINE, 0)
        learner.on_completed.append(lambda _course_id: self.sync_now())

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="kyo-sync", daemon=True)
        self._thread.start()

    def stop(self, wait: bool = True) -> None:
        """Ends the thread; a round under way stops at its next safe point (nothing lost)."""
        self._stop.set()
        self._wake.set()
        if wait and self._thread is not None:
            self._thread.join(timeout=60)

    def sync_now(self) -> None:
        """Run a round as soon as possible (a completion, or the learner asked)."""
        self._asked += 1
        self._next_round = 0.0
        if self._probe is not None:
            self._probe.wake()
        self._wake.set()

    def _emit(self, status: SyncStatus) -> None:
        self.status = status
        try:
            self.on_status(status)
        except Exception:  # the window's problem, not a reason to stop syncing
            log.exception("sync status listener failed")

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                wait = self._step()
            except Exception:  # nothing is lost (the outbox stays); report and keep going
                if self.learner.session.store.closed:
                    return  # the profile was locked under us: nothing left to sync
                log.exception("sync step failed")
                wait = 60.0
            self._wake.wait(timeout=wait)
            self._wake.clear()

    def _step(self) -> float:
        """One look at the world; returns how long to wait before the next."""
        account = sync_account.load(self.learner.session)
        pending = self.learner.statement_counts()["pending"]
        if account is None:
            self._emit(SyncStatus(SyncState.OFFLINE, pending, linked=False))
            return IDLE_S
        probe = self._probe_for(account)
        if probe.due():
            probe.observe()
        if not probe.online:
            self._emit(
                SyncStatus(SyncState.OFFLINE, pending, last_success=self.status.last_success)
            )
            return max(0.5, probe.next_check_in())
        if probe.became_online or self._clock() >= self._next_round:
            return self._round(account, probe)
        return max(0.5, min(probe.next_check_in(), self._next_round - self._clock()))

    def _probe_for(self, account: sync_account.Account) -> Reachability:
        if self._probe is None:
            client = LrsClient(account.endpoint, (account.username, account.password))
            self._probe = Reachability(client.reachable, self._probe_backoff, clock=self._clock)
        return self._probe

    def _round(self, account: sync_account.Account, probe: Reachability) -> float:
        probe.became_online = False
        asked = self._asked

        def progress(done: int, total: int) -> None:
            pending = max(0, total - done)
            self._emit(SyncStatus(SyncState.SYNCING, pending, done=done, total=total))

        options = {"cancel": self._stop, **self._round_options}
        report = SyncRound(self.learner, account, **options).run(on_progress=progress)
        status = report.status or SyncStatus(SyncState.UP_TO_DATE, 0)
        self._emit(status)
        if report.push.stopped == "offline":
            probe.record(False)
        if status.state == SyncState.WAITING and status.until is not None:
            delay = max(1.0, status.until - time.time())
        elif status.state == SyncState.OFFLINE:
            delay = probe.next_check_in()
        elif self._asked != asked and status.state != SyncState.NEEDS_ATTENTION:
            delay = 0.0  # asked while this round ran (its records may have missed it): again
        elif status.state == SyncState.WAITING:  # records came in while it ran
            delay = SOON_S
        else:
            delay = IDLE_S
        self._next_round = self._clock() + delay
        return max(0.5, delay)
