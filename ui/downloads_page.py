"""Downloads: the install queue. Each course (or package file) has a progress bar with bytes
done, rate and time left; Pause keeps the part file so Resume continues from it; Cancel
deletes it; an error is shown in words with Retry. Work runs as `Jobs` (off the GUI thread);
a finished install emits `installed(course_id)` so the library reloads."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import KyoError
from app.i18n import current_language, text_in
from ui import library_rows
from ui.jobs import CANCELLED, DONE, FAILED, Job, JobContext, Jobs
from ui.jobs import RUNNING as JOB_RUNNING
from ui.sizes import duration_text, rate_text, size_text
from ui.widgets import Page, heading

if TYPE_CHECKING:
    from app.content import ContentService
    from content_cache.download import Progress
    from content_cache.store import InstallResult

    Work = Callable[[JobContext], InstallResult]

log = logging.getLogger(__name__)

# A transfer's state, as the page shows it.
WAITING, RUNNING, PAUSED, FAILED_, INSTALLED, CANCELLED_ = (
    "waiting", "running", "paused", "failed", "installed", "cancelled",
)  # fmt: skip


@dataclass
class Transfer:
    """One course or file in the queue (GUI thread only, except `wish`, which the worker reads
    once the cancel flag is set)."""

    key: str  # the course id, or the package file's path
    title: dict[str, str]
    is_file: bool = False
    state: str = WAITING
    progress: Progress | None = None
    error: str = ""
    result: InstallResult | None = None
    job: Job | None = None
    wish: str = ""  # why the job was stopped: "pause" or "cancel"

    @property
    def fraction(self) -> float:
        p = self.progress
        return p.done / p.total if p is not None and p.total else 0.0


class DownloadRow(QFrame):
    """One transfer: its title, a bar, the numbers in words, and what can be done with it."""

    def __init__(self, page: DownloadsPage, transfer: Transfer) -> None:
        super().__init__()
        self.transfer = transfer
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)  # the status line says it in words
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pause_button, self.resume_button = QPushButton(), QPushButton()
        self.cancel_button, self.retry_button = QPushButton(), QPushButton()
        self.remove_button = QPushButton()
        key = transfer.key
        self.pause_button.clicked.connect(lambda: page.pause(key))
        self.resume_button.clicked.connect(lambda: page.resume(key))
        self.cancel_button.clicked.connect(lambda: page.cancel(key))
        self.retry_button.clicked.connect(lambda: page.resume(key))
        self.remove_button.clicked.connect(lambda: page.remove(key))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in self.buttons():
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.update_view()

    def buttons(self) -> tuple[QPushButton, ...]:
        return (self.pause_button, self.resume_button, self.retry_button, self.cancel_button,
                self.remove_button)  # fmt: skip

    def update_view(self) -> None:
        t = self.transfer
        name = text_in(t.title, current_language())
        self.title.setText(name)
        self.bar.setValue(round(t.fraction * 1000))
        self.bar.setAccessibleName(self.tr("Progress of %1").replace("%1", name))
        self.status.setText(self.status_text())
        self.bar.setAccessibleDescription(self.status.text())
        shown = {
            WAITING: (self.cancel_button,),
            RUNNING: (self.pause_button, self.cancel_button),
            PAUSED: (self.resume_button, self.cancel_button),
            FAILED_: (self.retry_button, self.cancel_button),
            INSTALLED: (self.remove_button,),
            CANCELLED_: (self.remove_button,),
        }[t.state]
        if t.is_file and t.state == RUNNING:
            shown = (self.cancel_button,)  # a copy keeps no part: nothing to pause
        labels = (
            (self.pause_button, self.tr("&Pause"), self.tr("Pause %1")),
            (self.resume_button, self.tr("&Resume"), self.tr("Resume %1")),
            (self.retry_button, self.tr("Re&try"), self.tr("Try %1 again")),
            (self.cancel_button, self.tr("&Cancel"), self.tr("Cancel %1")),
            (self.remove_button, self.tr("Re&move"), self.tr("Remove %1 from the list")),
        )  # fmt: skip
        for button, text, accessible in labels:
            button.setText(text)
            button.setAccessibleName(accessible.replace("%1", name))
            button.setVisible(button in shown)

    def status_text(self) -> str:
        t = self.transfer
        if t.state == WAITING:
            return self.tr("Waiting for the downloads before it…")
        if t.state == FAILED_:
            return self.tr("Not installed: %1").replace("%1", t.error)
        if t.state == CANCELLED_:
            return self.tr("Cancelled: nothing was installed.")
        if t.state == INSTALLED:
            return self.installed_text()
        if t.state == PAUSED:
            done = size_text(t.progress.done) if t.progress is not None else size_text(0)
            return self.tr("Paused after %1: Resume continues from there.").replace("%1", done)
        return self.running_text()

    def running_text(self) -> str:
        p = self.transfer.progress
        if p is None:
            return self.tr("Starting…")
        if p.total and p.done >= p.total:
            return self.tr("Checking the package and installing it…")
        if p.total:
            parts = [self.tr("%1 of %2 (%3%)").replace("%1", size_text(p.done))
                     .replace("%2", size_text(p.total))
                     .replace("%3", str(int(100 * p.done / p.total)))]  # fmt: skip
        else:
            parts = [size_text(p.done)]
        if p.rate_bps > 0:
            parts.append(rate_text(p.rate_bps))
        if p.eta_s is not None:
            parts.append(self.tr("about %1 left").replace("%1", duration_text(p.eta_s)))
        return " · ".join(parts)

    def installed_text(self) -> str:
        result = self.transfer.result
        if result is None:
            return self.tr("Installed.")
        version = result.course.version
        if result.unchanged:
            return self.tr("Version %1 was installed already.").replace("%1", version)
        if result.previous_version:
            return (self.tr("Updated from version %1 to %2.")
                    .replace("%1", result.previous_version).replace("%2", version))  # fmt: skip
        return self.tr("Installed version %1.").replace("%1", version)


class DownloadsPage(Page):
    installed = Signal(str)  # a course id: installed or updated (the library reloads)
    transfer_changed = Signal(str, str, float)  # course id, library_rows state ("": gone), 0..1
    back_requested = Signal()
    active_changed = Signal(int)  # transfers waiting, running or paused (a badge)

    def __init__(
        self, content: ContentService, jobs: Jobs | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.content = content
        self.jobs = jobs or Jobs(max_workers=2, parent=self)
        self.jobs.changed.connect(self._job_changed)
        self.transfers: dict[str, Transfer] = {}
        self.rows: dict[str, DownloadRow] = {}
        self._active = 0
        self.title = heading()
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.back_button, self.clear_button = QPushButton(), QPushButton()
        self.back_button.clicked.connect(self.back_requested)
        self.clear_button.clicked.connect(self.clear_finished)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Cancel), self, self.back_requested.emit)
        self.row_box = QVBoxLayout()
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.addLayout(self.row_box)
        column.addWidget(self.empty_label)
        column.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(holder)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.clear_button)
        top.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.scroll, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Downloads"))
        self.back_button.setText(self.tr("&Back to the library"))
        self.clear_button.setText(self.tr("C&lear finished"))
        self.empty_label.setText(
            self.tr(
                "Nothing is being downloaded. Choose Install on a course in the library, or "
                "install a course package from a file or a USB stick."
            )
        )
        self.empty_label.setVisible(not self.transfers)
        for row in self.rows.values():
            row.update_view()

    def on_shown(self) -> None:
        for row in self.rows.values():
            for button in row.buttons():
                if button.isVisible():
                    button.setFocus()
                    return
        self.back_button.setFocus()

    # the queue

    def install_course(self, course_id: str, title: dict[str, str] | None = None) -> None:
        """Queue a course from the repositories (also an update); a second request for a course
        already queued does nothing."""
        current = self.transfers.get(course_id)
        if current is not None and current.state in (WAITING, RUNNING):
            return
        self._add(Transfer(course_id, dict(title or {"en": course_id})))

    def install_file(self, path: str) -> None:
        """Queue a package file (a USB stick): copied, verified, installed, with progress."""
        current = self.transfers.get(path)
        if current is not None and current.state in (WAITING, RUNNING):
            return
        self._add(Transfer(path, {"en": Path(path).name}, is_file=True))

    def _add(self, transfer: Transfer) -> None:
        old = self.rows.pop(transfer.key, None)
        if old is not None:
            old.deleteLater()
        self.transfers[transfer.key] = transfer
        row = DownloadRow(self, transfer)
        self.rows[transfer.key] = row
        self.row_box.addWidget(row)
        self.empty_label.hide()
        self._start(transfer)

    def _start(self, transfer: Transfer) -> None:
        transfer.state, transfer.error, transfer.wish = WAITING, "", ""
        work = self._file_work(transfer) if transfer.is_file else self._course_work(transfer)
        transfer.job = self.jobs.start(
            work,
            key=transfer.key,
            title=transfer.title,
            on_done=lambda result: self._done(transfer, result),
            on_error=lambda exc: self._failed(transfer, exc),
        )
        self._show(transfer)

    def _course_work(self, transfer: Transfer) -> Work:
        content, course_id = self.content, transfer.key

        def work(context: JobContext) -> InstallResult:
            try:
                return content.install(course_id, progress=_reporter(context),
                                       cancel=context.cancel)  # fmt: skip
            except BaseException:
                if context.cancelled and transfer.wish == "cancel":
                    content.discard_download(course_id)  # once the download has stopped
                raise

        return work

    def _file_work(self, transfer: Transfer) -> Work:
        content, path = self.content, transfer.key

        def work(context: JobContext) -> InstallResult:
            return content.install(path, progress=_reporter(context), cancel=context.cancel)

        return work

    def pause(self, key: str) -> None:
        """Stop the download and keep what arrived: `resume` continues from there."""
        transfer = self.transfers.get(key)
        if transfer is None or transfer.is_file or transfer.state not in (WAITING, RUNNING):
            return
        transfer.wish = "pause"
        if transfer.job is not None:
            self.jobs.cancel(transfer.job)

    def resume(self, key: str) -> None:
        """Resume a paused download, or retry a failed one (from its part file)."""
        transfer = self.transfers.get(key)
        if transfer is not None and transfer.state in (PAUSED, FAILED_):
            self._start(transfer)

    def cancel(self, key: str) -> None:
        """Stop and delete what was downloaded; nothing is installed."""
        transfer = self.transfers.get(key)
        if transfer is None or transfer.state in (INSTALLED, CANCELLED_):
            return
        transfer.wish = "cancel"
        job = transfer.job
        if job is not None and not job.finished:
            self.jobs.cancel(job)
            if not job.finished:
                return  # the worker stops, deletes the part, then reports
        transfer.state = CANCELLED_
        if not transfer.is_file:  # stopped earlier (paused, failed): its part is still there
            content = self.content
            self.jobs.start(lambda _context: content.discard_download(key), key=key)
        self._show(transfer)

    def remove(self, key: str) -> None:
        transfer = self.transfers.get(key)
        if transfer is None or transfer.state not in (INSTALLED, CANCELLED_):
            return
        del self.transfers[key]
        row = self.rows.pop(key)
        row.hide()
        row.deleteLater()
        self.empty_label.setVisible(not self.transfers)
        self.on_shown()

    def clear_finished(self) -> None:
        for key in [k for k, t in self.transfers.items() if t.state in (INSTALLED, CANCELLED_)]:
            self.remove(key)

    def active(self) -> int:
        """Transfers waiting, running or paused."""
        return sum(1 for t in self.transfers.values() if t.state in (WAITING, RUNNING, PAUSED))

    def shutdown(self, wait: bool = True) -> None:
        """At the app's end: stop every job; downloads keep their parts for another time.
        With `wait`, returns once the workers stopped (a download notices within ~0.1 s)."""
        for transfer in self.transfers.values():
            transfer.wish = transfer.wish or "pause"
        self.jobs.shutdown(wait=wait)

    # job outcomes (GUI thread)

    def _job_changed(self, job: Job) -> None:
        transfer = self.transfers.get(job.key)
        if transfer is None or transfer.job is not job:
            return
        if job.progress is not None and job.progress.data is not None:
            transfer.progress = job.progress.data
        if job.state == CANCELLED:
            transfer.state = PAUSED if transfer.wish == "pause" else CANCELLED_
        elif job.state not in (DONE, FAILED):
            transfer.state = RUNNING if job.state == JOB_RUNNING else WAITING
        self._show(transfer)

    def _done(self, transfer: Transfer, result: InstallResult) -> None:
        transfer.state, transfer.result = INSTALLED, result
        self._show(transfer)
        self.installed.emit(result.course.id)

    def _failed(self, transfer: Transfer, exc: BaseException) -> None:
        if isinstance(exc, KyoError):
            log.warning("install of %s failed: %s | %s", transfer.key, exc.message, exc.detail)
            transfer.error = exc.message
        else:
            log.error("install of %s failed", transfer.key, exc_info=exc)
            transfer.error = self.tr("something unexpected went wrong (%1).").replace(
                "%1", type(exc).__name__
            )
        transfer.state = FAILED_
        self._show(transfer)

    def _show(self, transfer: Transfer) -> None:
        row = self.rows.get(transfer.key)
        if row is not None:
            row.update_view()
        if not transfer.is_file:
            self.transfer_changed.emit(transfer.key, *_library_state(transfer))
        if self.active() != self._active:
            self._active = self.active()
            self.active_changed.emit(self._active)


def _reporter(context: JobContext) -> Callable[[Progress], None]:
    """The core's byte progress as the job's (fraction, data)."""

    def report(progress: Progress) -> None:
        fraction = progress.done / progress.total if progress.total else None
        context.progress(fraction, data=progress)

    return report


def _library_state(transfer: Transfer) -> tuple[str, float]:
    """What the library's row for the course says of it ("" once it left the queue)."""
    fraction = transfer.fraction
    p = transfer.progress
    if transfer.state == WAITING:
        return library_rows.QUEUED, fraction
    if transfer.state == RUNNING:
        verifying = p is not None and p.total and p.done >= p.total
        return (library_rows.VERIFYING if verifying else library_rows.DOWNLOADING), fraction
    if transfer.state == PAUSED:
        return library_rows.PAUSED, fraction
    return "", 0.0
