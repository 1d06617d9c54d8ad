"""The profile picker, the new-profile form and the unlock form."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from ui.widgets import Page, heading, inline_error


def _password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def _buttons(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    return row


class ProfilePickerPage(Page):
    """Who is learning? A list of the profiles on this computer."""

    open_requested = Signal(str)
    create_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = heading()
        self.profile_list = QListWidget()
        self.profile_list.itemActivated.connect(self._activate)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self._open_current)
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.create_requested)
        QShortcut(QKeySequence.StandardKey.New, self, self.create_requested.emit)
        # Names are what learners look for on a shared PC: make them easy to read and hit.
        list_font = QFont(self.profile_list.font())
        list_font.setPointSizeF(list_font.pointSizeF() * 1.25)
        self.profile_list.setFont(list_font)
        self.profile_list.setSpacing(4)

        layout = self.centered_column()
        layout.addWidget(self.title)
        # The message takes the list's place when there is none: under the title, not halfway.
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.empty_label, 1)
        layout.addWidget(self.profile_list, 1)
        layout.addLayout(_buttons(self.new_button, self.open_button))
        self.retranslate()
        self.set_profiles([])

    def retranslate(self) -> None:
        self.title.setText(self.tr("Who is learning today?"))
        self.profile_list.setAccessibleName(self.tr("Profiles on this computer"))
        self.empty_label.setText(
            self.tr("There are no profiles on this computer yet. Create one to start learning.")
        )
        self.open_button.setText(self.tr("&Open"))
        self.open_button.setAccessibleName(self.tr("Open the selected profile"))
        self.new_button.setText(self.tr("&New profile…"))
        self.new_button.setAccessibleName(self.tr("Create a new profile"))

    def set_profiles(self, names: list[str]) -> None:
        self.profile_list.clear()
        for name in names:
            self.profile_list.addItem(QListWidgetItem(name))
        has_any = bool(names)
        self.profile_list.setVisible(has_any)
        self.empty_label.setVisible(not has_any)
        self.open_button.setEnabled(has_any)
        if has_any:
            self.profile_list.setCurrentRow(0)
        self.on_shown()

    def on_shown(self) -> None:
        if self.profile_list.count():
            self.profile_list.setFocus()
        else:
            self.new_button.setFocus()

    def _activate(self, item: QListWidgetItem) -> None:
        self.open_requested.emit(item.text())

    def _open_current(self) -> None:
        item = self.profile_list.currentItem()
        if item is not None:
            self.open_requested.emit(item.text())


class CreateProfilePage(Page):
    """A new profile: a display name and a passphrase typed twice."""

    create_submitted = Signal(str, str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = heading()
        self.name_field = QLineEdit()
        self.name_field.setMaxLength(64)
        self.passphrase_field = _password_field()
        self.confirm_field = _password_field()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.error = inline_error()
        self.create_button = QPushButton()
        self.cancel_button = QPushButton()
        self.name_label, self.passphrase_label, self.confirm_label = QLabel(), QLabel(), QLabel()
        for label, field in (
            (self.name_label, self.name_field),
            (self.passphrase_label, self.passphrase_field),
            (self.confirm_label, self.confirm_field),
        ):
            label.setBuddy(field)
            field.returnPressed.connect(self._submit)
        self.create_button.clicked.connect(self._submit)
        self.cancel_button.clicked.connect(self.cancelled)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Cancel), self, self.cancelled.emit)

        form = QFormLayout()
        form.addRow(self.name_label, self.name_field)
        form.addRow(self.passphrase_label, self.passphrase_field)
        form.addRow(self.confirm_label, self.confirm_field)
        layout = self.centered_column()
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addLayout(_buttons(self.cancel_button, self.create_button))
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("New profile"))
        self.name_label.setText(self.tr("&Name:"))
        self.name_field.setAccessibleName(self.tr("Name"))
        self.passphrase_label.setText(self.tr("&Passphrase:"))
        self.passphrase_field.setAccessibleName(self.tr("Passphrase"))
        self.confirm_label.setText(self.tr("&Repeat passphrase:"))
        self.confirm_field.setAccessibleName(self.tr("Repeat passphrase"))
        self.hint.setText(
            self.tr(
                "At least 8 characters. Your progress is encrypted with it: keep it safe, "
                "it cannot be recovered on this computer."
            )
        )
        self.create_button.setText(self.tr("&Create"))
        self.cancel_button.setText(self.tr("Cancel"))

    def reset(self) -> None:
        for field in (self.name_field, self.passphrase_field, self.confirm_field):
            field.clear()
        self.error.hide()
        self.set_busy(False)

    def on_shown(self) -> None:
        self.name_field.setFocus()

    def set_busy(self, busy: bool) -> None:
        for widget in (
            self.name_field,
            self.passphrase_field,
            self.confirm_field,
            self.create_button,
            self.cancel_button,
        ):
            widget.setEnabled(not busy)

    def _submit(self) -> None:
        if self.passphrase_field.text() != self.confirm_field.text():
            self.error.setText(self.tr("The two passphrases differ."))
            self.error.show()
            self.confirm_field.clear()
            self.confirm_field.setFocus()
            return
        self.error.hide()
        self.create_submitted.emit(self.name_field.text(), self.passphrase_field.text())


class UnlockPage(Page):
    """The passphrase of one profile."""

    unlock_submitted = Signal(str, str)
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profile_name = ""
        self.title = heading()
        self.passphrase_label = QLabel()
        self.passphrase_field = _password_field()
        self.passphrase_label.setBuddy(self.passphrase_field)
        self.passphrase_field.returnPressed.connect(self._submit)
        self.error = inline_error()
        self.status = QLabel()
        self.unlock_button = QPushButton()
        self.unlock_button.clicked.connect(self._submit)
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.back_requested)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Cancel), self, self.back_requested.emit)

        form = QFormLayout()
        form.addRow(self.passphrase_label, self.passphrase_field)
        layout = self.centered_column()
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addLayout(_buttons(self.back_button, self.unlock_button))
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Unlock “%1”").replace("%1", self.profile_name))
        self.passphrase_label.setText(self.tr("&Passphrase:"))
        self.passphrase_field.setAccessibleName(self.tr("Passphrase"))
        self.unlock_button.setText(self.tr("&Unlock"))
        self.back_button.setText(self.tr("&Back"))
        self.status.setText(self.tr("Unlocking…"))

    def show_profile(self, name: str) -> None:
        self.profile_name = name
        self.passphrase_field.clear()
        self.error.hide()
        self.set_busy(False)
        self.retranslate()

    def on_shown(self) -> None:
        self.passphrase_field.setFocus()

    def set_busy(self, busy: bool) -> None:
        self.passphrase_field.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy)
        self.status.setVisible(busy)

    def failed(self) -> None:
        """After a refused passphrase: the error is shown, the field cleared for another try."""
        self.set_busy(False)
        self.passphrase_field.clear()
        self.passphrase_field.setFocus()

    def _submit(self) -> None:
        if self.passphrase_field.isEnabled() and self.passphrase_field.text():
            self.error.hide()
            self.set_busy(True)
            self.unlock_submitted.emit(self.profile_name, self.passphrase_field.text())
