"""Add a repository: a web address (the platform, a lab PC) or a folder (a USB stick).

`prepare()` checks what was typed without touching disk or network; the core's `repos.add`
(which fetches and verifies the signed index) runs through `Ops`, and its refusal shows in
words under the field, the dialog staying open to correct it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import KyoError
from ui.ops import Ops
from ui.widgets import inline_error

log = logging.getLogger(__name__)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*)://")


class InvalidLocation(ValueError):
    """What was typed cannot name a repository; the message is for the user."""


def prepare(text: str) -> str:
    """The location to add, from what the user typed (no disk or network here). Messages are
    the dialog's to translate, so this raises with a key: "empty" or "scheme"."""
    location = text.strip()
    if not location:
        raise InvalidLocation("empty")
    match = _SCHEME.match(location)
    if match and match.group(1).lower() not in ("http", "https"):
        raise InvalidLocation("scheme")
    if location.lower().startswith("file://"):
        raise InvalidLocation("scheme")
    return location


class RepoDialog(QDialog):
    added = Signal(object)  # the core's RepoInfo

    def __init__(self, ops: Ops, add: Callable[[str], Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ops, self._add = ops, add
        self.folder_dialog: QFileDialog | None = None
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.location_label = QLabel()
        self.location_field = QLineEdit()
        self.location_label.setBuddy(self.location_field)
        self.folder_button = QPushButton()
        self.folder_button.clicked.connect(self.choose_folder)
        self.status = QLabel()
        self.error = inline_error()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.location_field, 1)
        row.addWidget(self.folder_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addWidget(self.location_label)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.status.hide()
        self.retranslate()
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)  # follows the font

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Add a repository"))
        self.explain.setText(
            self.tr(
                "A repository is where courses come from: the web address your department "
                "or training institute gave you (https://…), another computer in the lab, or "
                "a folder on a USB stick. Its list of courses is checked against the "
                "platform's signature before anything is shown."
            )
        )
        self.location_label.setText(self.tr("&Web address or folder:"))
        self.location_field.setAccessibleName(self.tr("Web address or folder"))
        self.location_field.setPlaceholderText(self.tr("https://… or /media/usb/courses"))
        self.folder_button.setText(self.tr("Choose a &folder…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Add"))
        self.status.setText(self.tr("Checking the repository…"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def choose_folder(self) -> None:
        dialog = QFileDialog(self, self.tr("Choose the repository's folder"))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(self.location_field.setText)
        self.folder_dialog = dialog
        dialog.open()

    def submit(self) -> None:
        try:
            location = prepare(self.location_field.text())
        except InvalidLocation as exc:
            self._show_error(
                self.tr("Type a web address (https://…) or choose a folder.")
                if str(exc) == "empty"
                else self.tr("Only web addresses starting with http:// or https:// can be used.")
            )
            return
        self._set_busy(True)
        self._ops.run(lambda: self._add(location), self._added, self._failed)

    def _added(self, info: Any) -> None:
        self._set_busy(False)
        self.added.emit(info)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, KyoError):
            log.warning("adding a repository failed: %s | %s", exc.message, exc.detail)
            self._show_error(exc.message)
        else:
            log.error("adding a repository failed", exc_info=exc)
            message = self.tr("The repository could not be added: %1")
            self._show_error(message.replace("%1", repr(exc)))

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.location_field.setFocus()
        self.location_field.selectAll()

    def _set_busy(self, busy: bool) -> None:
        self.status.setVisible(busy)
        if busy:
            self.error.hide()
        for widget in (self.location_field, self.folder_button, self.buttons):
            widget.setEnabled(not busy)
