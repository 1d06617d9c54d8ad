"""The window's side of sync: the status-bar label, the background service while a profile is
open (started a moment after the library shows, so the first screen does not wait on it), Sync
now, the sync log page, and starting again when the account changes (a mixin of MainWindow)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QTimer

if TYPE_CHECKING:
    from app.sync_service import SyncService
    from sync.status import SyncStatus
    from ui.sync_log_page import SyncLogPage
    from ui.sync_status import SyncStatusLabel

SYNC_START_DELAY_MS = 1500  # after unlock: the library's first load goes first


class SyncControl:
    def begin_sync(self) -> None:
        """Start the service for the open profile, a moment from now (not if locked by then)."""
        session = self.session

        def start() -> None:
            if self.session is not session or session is None or self._sync is not None:
                return

            def failed(exc: BaseException) -> None:
                if self.session is session:  # not merely locked before sync could start
                    self.presenter.show(exc)

            report = self.sync_label.report  # the label is made here, on the GUI thread
            self.ops.run(lambda: self._start_sync(report), self._sync_started, failed)

        QTimer.singleShot(SYNC_START_DELAY_MS, start)

    def restart_sync(self) -> None:
        """The account changed: the service must probe and send to the new one."""
        stop = self._stop_sync()
        self.ops.run(stop, lambda _none: self._restart_after_stop())

    def _restart_after_stop(self) -> None:
        if self.session is None or self._sync is not None:
            return
        report = self.sync_label.report
        self.ops.run(lambda: self._start_sync(report), self._sync_started)

    @property
    def sync_label(self) -> SyncStatusLabel:
        if self._sync_label is None:
            from ui.sync_status import SyncStatusLabel  # deferred: not needed at start

            self._sync_label = SyncStatusLabel()
            self.statusBar().addPermanentWidget(self._sync_label)
        return self._sync_label

    def _start_sync(self, report: Callable[[SyncStatus], None]) -> SyncService:
        """Sync by itself while the profile is open (a worker: the learner loads keys)."""
        from app.sync_service import SyncService

        service = SyncService(self._learner(), report)
        service.start()
        return service

    def _sync_started(self, service: SyncService) -> None:
        if self.session is None or service.learner.session is not self.session:
            service.stop(wait=False)  # locked meanwhile: the thread ends by itself
            return
        self._sync = service
        self.sync_action.setEnabled(True)
        if self._sync_wanted:
            self._sync_wanted = False
            service.sync_now()

    _sync_wanted = False  # Sync now asked for while the service was still starting

    def sync_now(self) -> None:
        if self._sync is not None:
            self._sync.sync_now()
        elif self.session is not None:
            self._sync_wanted = True

    def _stop_sync(self) -> Callable[[], None]:
        """What to run, off the GUI thread, before the profile closes."""
        service, self._sync = self._sync, None
        self.sync_action.setEnabled(False)
        if self._sync_label is not None:
            self._sync_label.clear_status()
        return service.stop if service is not None else (lambda: None)

    @property
    def sync_log_page(self) -> SyncLogPage:
        def build() -> SyncLogPage:
            from ui.sync_log_page import SyncLogPage  # deferred: only when opened

            page = SyncLogPage(self.ops, self._learner)
            page.back_requested.connect(self.show_library)
            page.sync_requested.connect(self.sync_now)
            self.sync_label.changed.connect(lambda _status: self._refresh_sync_log(page))
            return page

        return cast("SyncLogPage", self._page("sync_log", build))

    def show_sync_log(self) -> None:
        if self.session is not None:
            self._show_page(self.sync_log_page)

    def _refresh_sync_log(self, page: SyncLogPage) -> None:
        status = self.sync_label.status
        if (
            self.stack.currentWidget() is page
            and status is not None
            and status.state.name in ("UP_TO_DATE", "NEEDS_ATTENTION", "OFFLINE", "WAITING")
        ):
            page.refresh()  # a round ended: show it
