"""The main window: a stack of pages, a menu, a status bar, and the navigation between them.

All core work goes through `self.ops`; this class only decides what to show next.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QStackedWidget

from app.core import Core
from app.errors import KyoError
from app.profiles import ProfileSession
from ui.errors import ErrorPresenter
from ui.library_page import LibraryPage
from ui.ops import Ops
from ui.profile_pages import CreateProfilePage, ProfilePickerPage, UnlockPage
from ui.settings_dialog import SettingsDialog
from ui.translations import Translations
from ui.widgets import Page


class MainWindow(QMainWindow):
    def __init__(
        self, core: Core, ops: Ops, presenter: ErrorPresenter, translations: Translations
    ) -> None:
        super().__init__()
        self.core, self.ops, self.presenter, self.translations = core, ops, presenter, translations
        self.session: ProfileSession | None = None
        self._closing = False

        self.picker = ProfilePickerPage()
        self.create_page = CreateProfilePage()
        self.unlock_page = UnlockPage()
        self.library = LibraryPage()
        self.stack = QStackedWidget()
        for page in (self.picker, self.create_page, self.unlock_page, self.library):
            self.stack.addWidget(page)
        self.setCentralWidget(self.stack)

        self.picker.open_requested.connect(self.show_unlock)
        self.picker.create_requested.connect(self.show_create)
        self.create_page.create_submitted.connect(self.create_profile)
        self.create_page.cancelled.connect(self.show_picker)
        self.unlock_page.unlock_submitted.connect(self.unlock)
        self.unlock_page.back_requested.connect(self.show_picker)
        self.library.lock_requested.connect(self.lock)
        self.ops.busy.connect(self._show_busy)

        self._build_menu()
        self.retranslate()
        self.resize(900, 600)

    def _build_menu(self) -> None:
        self.file_menu = QMenu(self)
        self.menuBar().addMenu(self.file_menu)
        self.settings_action = QAction(self)
        self.settings_action.setShortcut(QKeySequence.StandardKey.Preferences)
        self.settings_action.triggered.connect(self.open_settings)
        self.lock_action = QAction(self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock)
        self.lock_action.setEnabled(False)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        for action in (self.settings_action, self.lock_action, self.quit_action):
            self.file_menu.addAction(action)
        if self.settings_action.shortcut().isEmpty():  # no platform default on Linux
            self.settings_action.setShortcut(QKeySequence("Ctrl+,"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Karmayogi Offline"))
        self.file_menu.setTitle(self.tr("&File"))
        self.settings_action.setText(self.tr("&Settings…"))
        self.lock_action.setText(self.tr("&Lock profile"))
        self.quit_action.setText(self.tr("&Quit"))

    # navigation

    def start(self, profile: str | None = None, passphrase: str | None = None) -> None:
        """First screen: the picker, or straight to a named profile's unlock."""
        if profile and passphrase is not None:
            self.show_unlock(profile)
            self.unlock(profile, passphrase)
        elif profile:
            self.show_unlock(profile)
        else:
            self.show_picker()

    def _show_page(self, page: Page) -> None:
        self.stack.setCurrentWidget(page)
        page.on_shown()

    def show_picker(self) -> None:
        self._show_page(self.picker)
        self.ops.run(lambda: [p.name for p in self.core.profiles.all()], self.picker.set_profiles)

    def show_create(self) -> None:
        self.create_page.reset()
        self._show_page(self.create_page)

    def show_unlock(self, name: str) -> None:
        self.unlock_page.show_profile(name)
        self._show_page(self.unlock_page)

    def show_library(self) -> None:
        self._show_page(self.library)

    # actions

    def create_profile(self, name: str, passphrase: str) -> None:
        def work() -> ProfileSession:
            info = self.core.profiles.create(name, passphrase)
            return self.core.profiles.unlock(info.name, passphrase)

        self.create_page.set_busy(True)
        self.ops.run(work, self._unlocked, self._create_failed)

    def _create_failed(self, exc: BaseException) -> None:
        self.create_page.set_busy(False)
        self.presenter.show(exc, inline=self.create_page.error)
        self.create_page.on_shown()

    def unlock(self, name: str, passphrase: str) -> None:
        self.unlock_page.set_busy(True)
        self.ops.run(
            lambda: self.core.profiles.unlock(name, passphrase), self._unlocked, self._unlock_failed
        )

    def _unlock_failed(self, exc: BaseException) -> None:
        inline = self.unlock_page.error if isinstance(exc, KyoError) else None
        self.presenter.show(exc, inline=inline)
        self.unlock_page.failed()

    def _unlocked(self, session: ProfileSession) -> None:
        self.session = session
        self.lock_action.setEnabled(True)
        self.library.set_learner(session.info.name)
        self.show_library()

    def lock(self) -> None:
        session, self.session = self.session, None
        self.lock_action.setEnabled(False)
        if session is None:
            return
        self.ops.run(session.close, lambda _none: self.show_picker())

    def open_settings(self) -> None:
        dialog = SettingsDialog(self.translations.language, self)
        dialog.accepted.connect(lambda: self.set_language(dialog.language()))
        dialog.finished.connect(self._restore_focus)
        dialog.open()
        self.settings_dialog = dialog

    def _restore_focus(self) -> None:
        """Back from a dialog: focus where it was, even where no window manager restores it."""
        self.activateWindow()
        page = self.stack.currentWidget()
        if isinstance(page, Page):
            page.on_shown()

    def set_language(self, code: str) -> None:
        """Switch now, and save the choice for next time (off the GUI thread)."""
        self.translations.apply(code)

        def save() -> None:
            settings = self.core.load_settings()
            settings.set_language(code)
            self.core.save_settings(settings)

        self.ops.run(save, lambda _none: None)

    def _show_busy(self, busy: bool) -> None:
        if busy:
            self.statusBar().showMessage(self.tr("Working…"))
        else:
            self.statusBar().clearMessage()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Lock the open profile (off the GUI thread) before the window goes."""
        if self.session is None or self._closing:
            event.accept()
            return
        self._closing = True
        event.ignore()
        self.hide()
        session, self.session = self.session, None

        def closed(_result: Any) -> None:
            self.close()

        self.ops.run(session.close, closed, lambda exc: (self.presenter.show(exc), self.close()))
