"""The one place the window shows errors (STYLE.md 12).

A core error (KyoError) shows its translated message, inline on the page when the page gave a
label for it, else in a dialog with the detail under "Show Details". Anything else is a defect:
a dialog that says so, with the traceback as detail. Cancellation is silent. Every error is
logged with its detail.
"""

from __future__ import annotations

import logging
import traceback
from concurrent.futures import CancelledError

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from app.errors import KyoError

log = logging.getLogger(__name__)


class ErrorPresenter:
    def __init__(self, parent: QWidget | None = None) -> None:
        self._parent = parent
        self.last_box: QMessageBox | None = None

    def set_parent(self, parent: QWidget) -> None:
        self._parent = parent

    def show(self, exc: BaseException, inline: QLabel | None = None) -> None:
        if isinstance(exc, CancelledError):
            return
        if isinstance(exc, KyoError):
            log.warning("%s: %s | %s", type(exc).__name__, exc.message, exc.detail)
            if inline is not None:
                inline.setText(exc.message)
                inline.show()
                return
            self._dialog(exc.message, exc.detail)
            return
        details = "".join(traceback.format_exception(exc))
        log.error("unexpected error\n%s", details)
        self._dialog(
            QCoreApplication.translate(
                "ErrorPresenter",
                "Something went wrong that the app did not expect. Your data is safe. "
                "The details below help the developers fix it.",
            ),
            details,
        )

    def _dialog(self, message: str, detail: str) -> None:
        box = QMessageBox(self._parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(QCoreApplication.translate("ErrorPresenter", "Karmayogi Offline"))
        box.setText(message)
        if detail:
            box.setDetailedText(detail)
        box.setAccessibleName(QCoreApplication.translate("ErrorPresenter", "Error"))
        self.last_box = box
        box.open()  # window-modal, does not block the event loop
