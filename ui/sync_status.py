"""The sync state in the status bar: offline, waiting (until when), syncing n of m, up to date,
needs attention (why). The sync thread reports through `report`, from any thread; the label is
changed on the GUI thread only (a queued signal)."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from sync.status import SyncState, SyncStatus, clock_time
from ui.widgets import readable

_COLOURS = {  # the words carry the meaning, the colour helps; each reads at 4.5:1 on a light theme
    SyncState.OFFLINE: "#4b5563",
    SyncState.WAITING: "#92400e",
    SyncState.SYNCING: "#1d4ed8",
    SyncState.UP_TO_DATE: "#166534",
    SyncState.NEEDS_ATTENTION: "#b91c1c",
}


class SyncStatusLabel(QLabel):
    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status: SyncStatus | None = None
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # screen readers can reach it
        self.changed.connect(self._show)  # queued when reported from the sync thread
        self.retranslate()

    def report(self, status: SyncStatus) -> None:
        """Any thread."""
        self.changed.emit(status)

    def clear_status(self) -> None:
        self.status = None
        self.clear()
        self.setToolTip("")
        self.hide()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Sync status"))
        if self.status is not None:
            self._show(self.status)

    def _show(self, status: SyncStatus) -> None:
        self.status = status
        self.setText("● " + status.text())  # core text: gettext, in the chosen language
        self.setStyleSheet(f"color: {readable(_COLOURS[status.state], self)};")
        last = status.last_success
        self.setToolTip(
            self.tr("Last synced: {time}").format(time=clock_time(last, time.time()))
            if last
            else self.tr("Not synced yet on this computer")
        )
        self.show()
