"""Settings: the language (applied as soon as the dialog is accepted), the connection
(bandwidth cap, metered) and the profile's platform account (link, unlink).

Given `core` and `ops`, the dialog reads the settings through ops when it opens and, on OK,
saves them through ops before it closes (so `accepted` follows the save: whoever listens and
saves the language too never races it). Linking and unlinking act at once, through the
facade, off the GUI thread; `account_changed` then tells the window (sync should restart on
the new account). The password field is masked, cleared after use, and never logged.
Without `core` and `ops` only the language is offered (the dialog as it was first).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.i18n import LANGUAGES
from ui.report_widgets import show_inline
from ui.widgets import inline_error

if TYPE_CHECKING:
    from app.core import Core
    from app.learning import Learner
    from app.settings import Settings
    from app.sync_account import Account
    from ui.ops import Ops

MAX_KBPS = 1_000_000


class SettingsDialog(QDialog):
    account_changed = Signal()  # linked or unlinked: sync should start again on the new account

    def __init__(
        self,
        language: str,
        parent: QWidget | None = None,
        *,
        core: Core | None = None,
        ops: Ops | None = None,
        learner: Callable[[], Learner] | None = None,
    ) -> None:
        super().__init__(parent)
        self.core, self.ops, self._learner = core, ops, learner
        self.account: Account | None = None
        self._settings_loaded = False
        self._build_language(language)
        self._build_connection()
        self._build_account()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.error = inline_error()
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        layout = QVBoxLayout(self)
        layout.addLayout(self.language_form)
        layout.addWidget(self.connection_box)
        layout.addWidget(self.account_box)
        layout.addStretch(1)  # spare height (wrapped text) below the groups, not between them
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.connection_box.setVisible(self._can_save())
        self.account_box.setVisible(self._can_save())
        self.retranslate()
        self.language_box.setFocus()
        self._load()

    def _build_language(self, language: str) -> None:
        self.language_label = QLabel()
        self.language_box = QComboBox()
        for code, own_name in LANGUAGES.items():
            self.language_box.addItem(own_name, code)  # each language in its own script
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(language)))
        self.language_label.setBuddy(self.language_box)
        self.language_form = QFormLayout()
        self.language_form.addRow(self.language_label, self.language_box)

    def _build_connection(self) -> None:
        self.connection_box = QGroupBox()
        self.bandwidth_label = QLabel()
        self.bandwidth_box = QSpinBox()
        self.bandwidth_box.setRange(0, MAX_KBPS)
        self.bandwidth_box.setSingleStep(8)
        self.bandwidth_label.setBuddy(self.bandwidth_box)
        self.metered_box = QCheckBox()
        self.metered_note = QLabel()
        self.metered_note.setWordWrap(True)
        form = QFormLayout(self.connection_box)
        form.addRow(self.bandwidth_label, self.bandwidth_box)
        form.addRow(self.metered_box)
        form.addRow(self.metered_note)
        for widget in (self.bandwidth_box, self.metered_box):
            widget.setEnabled(False)  # until the saved values are read

    def _build_account(self) -> None:
        self.account_box = QGroupBox()
        self.account_status = QLabel()
        self.account_status.setWordWrap(True)
        self.url_label, self.user_label, self.password_label = QLabel(), QLabel(), QLabel()
        self.url_field, self.user_field, self.password_field = QLineEdit(), QLineEdit(), QLineEdit()
        self.url_field.setPlaceholderText("https://lrs.example/xAPI")
        self.password_field.setEchoMode(QLineEdit.EchoMode.Password)
        for label, field in (
            (self.url_label, self.url_field),
            (self.user_label, self.user_field),
            (self.password_label, self.password_field),
        ):
            label.setBuddy(field)
        self.link_button, self.unlink_button = QPushButton(), QPushButton()
        self.link_button.setAutoDefault(False)
        self.unlink_button.setAutoDefault(False)
        self.link_button.clicked.connect(self.link)
        self.unlink_button.clicked.connect(self.unlink)
        self.account_error = inline_error()
        self.account_done = QLabel()
        self.account_done.setWordWrap(True)
        self.account_done.hide()
        form = QFormLayout(self.account_box)
        form.addRow(self.account_status)
        form.addRow(self.url_label, self.url_field)
        form.addRow(self.user_label, self.user_field)
        form.addRow(self.password_label, self.password_field)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.unlink_button)
        buttons.addWidget(self.link_button)
        form.addRow(buttons)
        form.addRow(self.account_error)
        form.addRow(self.account_done)
        self._show_account_state()

    # texts

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.language_label.setText(self.tr("&Language:"))
        self.language_box.setAccessibleName(self.tr("Language"))
        self.connection_box.setTitle(self.tr("Connection"))
        self.bandwidth_label.setText(self.tr("&Bandwidth cap:"))
        self.bandwidth_box.setAccessibleName(self.tr("Bandwidth cap in kilobytes a second"))
        self.bandwidth_box.setSuffix(self.tr(" kB/s"))
        self.bandwidth_box.setSpecialValueText(self.tr("No cap"))
        self.bandwidth_box.setToolTip(
            self.tr("The most downloads and sync may use, in kilobytes a second. 0: no cap.")
        )
        self.metered_box.setText(self.tr("&Metered connection"))
        self.metered_note.setText(
            self.tr(
                "On a metered connection (a mobile data pack, a hotspot) learning records "
                "still sync, but no course is downloaded: install courses from a USB stick or "
                "wait for an unmetered connection."
            )
        )
        self.account_box.setTitle(self.tr("Platform account"))
        self.url_label.setText(self.tr("Platform &address:"))
        self.url_field.setAccessibleName(self.tr("Platform address"))
        self.user_label.setText(self.tr("Account &name:"))
        self.user_field.setAccessibleName(self.tr("Account name"))
        self.password_label.setText(self.tr("&Password:"))
        self.password_field.setAccessibleName(self.tr("Password"))
        self.link_button.setText(self.tr("Lin&k account"))
        self.unlink_button.setText(self.tr("&Unlink"))
        self._show_account_state()

    def _show_account_state(self) -> None:
        if self._learner is None:
            text = self.tr("Open a profile to link it to a platform account.")
        elif self.account is None:
            text = self.tr(
                "This profile is not linked: its learning records stay on this computer "
                "until you link it to your platform account."
            )
        else:
            text = (
                self.tr("Linked to %1 as %2.")
                .replace("%1", self.account.endpoint)
                .replace("%2", self.account.username)
            )
        self.account_status.setText(text)
        has_profile = self._learner is not None
        for widget in (self.url_field, self.user_field, self.password_field, self.link_button):
            widget.setEnabled(has_profile)
        self.unlink_button.setEnabled(self.account is not None)

    # reading

    def _can_save(self) -> bool:
        return self.core is not None and self.ops is not None

    def _load(self) -> None:
        if self.core is None or self.ops is None:
            return
        core, learner = self.core, self._learner

        def work() -> tuple[Settings, Account | None]:
            from app import sync_account

            account = sync_account.load(learner().session) if learner is not None else None
            return core.load_settings(), account

        self.ops.run(work, self._loaded, lambda exc: show_inline(self.error, exc))

    def _loaded(self, result: tuple[Settings, Account | None]) -> None:
        settings, self.account = result
        self.bandwidth_box.setValue(settings.bandwidth_kbps)
        self.metered_box.setChecked(settings.metered)
        for widget in (self.bandwidth_box, self.metered_box):
            widget.setEnabled(True)
        self._settings_loaded = True
        if self.account is not None:
            self.url_field.setText(self.account.endpoint)
            self.user_field.setText(self.account.username)
        self._show_account_state()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in the account's fields links the account (it does not close the dialog)."""
        fields = (self.url_field, self.user_field, self.password_field)
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and any(f.hasFocus() for f in fields):
            if self.link_button.isEnabled():
                self.link()
            return
        super().keyPressEvent(event)

    def language(self) -> str:
        return str(self.language_box.currentData())

    # saving

    def accept(self) -> None:
        """Save (off the GUI thread), then close; a failure keeps the dialog open and says why."""
        if self.core is None or self.ops is None:
            super().accept()
            return
        core, language = self.core, self.language()
        loaded = self._settings_loaded
        bandwidth, metered = self.bandwidth_box.value(), self.metered_box.isChecked()

        def save() -> None:
            settings = core.load_settings()
            settings.set_language(language)
            if loaded:  # never write defaults over values we did not manage to read
                settings.bandwidth_kbps, settings.metered = bandwidth, metered
            core.save_settings(settings)

        self.buttons.setEnabled(False)
        self.ops.run(save, self._saved, self._save_failed)

    def _saved(self, _none: Any) -> None:
        self.buttons.setEnabled(True)
        super().accept()

    def _save_failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        show_inline(self.error, exc)

    # the platform account

    def link(self) -> None:
        if self.ops is None or self._learner is None:
            return
        learner = self._learner
        url, user = self.url_field.text().strip(), self.user_field.text().strip()
        password = self.password_field.text()

        def work() -> Account | None:
            from app import sync_account

            facade = learner()
            facade.link_account(url, user, password)
            return sync_account.load(facade.session)

        self._account_busy(True)
        self.ops.run(work, self._linked, self._account_failed)

    def _linked(self, account: Account | None) -> None:
        self.password_field.clear()
        self.account = account
        self._account_busy(False)
        self._done(self.tr("Linked. Your records will sync to this account."))
        self._show_account_state()
        self.account_changed.emit()

    def unlink(self) -> None:
        if self.ops is None or self._learner is None:
            return
        learner = self._learner

        def work() -> None:
            learner().unlink_account()

        self._account_busy(True)
        self.ops.run(work, self._unlinked, self._account_failed)

    def _unlinked(self, _none: Any) -> None:
        self.account = None
        self._account_busy(False)
        self._done(
            self.tr("Unlinked. Records stay on this computer until you link an account again.")
        )
        self._show_account_state()
        self.account_changed.emit()

    def _done(self, text: str) -> None:
        self.account_done.setText(text)
        self.account_done.show()

    def _account_busy(self, busy: bool) -> None:
        self.account_error.hide()
        self.account_done.hide()
        self.link_button.setEnabled(not busy)
        self.unlink_button.setEnabled(not busy and self.account is not None)

    def _account_failed(self, exc: BaseException) -> None:
        self._account_busy(False)
        show_inline(self.account_error, exc)
        self.url_field.setFocus()
