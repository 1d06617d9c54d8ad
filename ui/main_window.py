"""The main window: a stack of pages, a menu, a status bar, and the navigation between them.

All core work goes through `self.ops`; this class only decides what to show next.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QEvent
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QStackedWidget

from app.core import Core
from app.errors import KyoError
from app.profiles import ProfileSession
from ui.errors import ErrorPresenter
from ui.ops import Ops
from ui.profile_pages import CreateProfilePage, ProfilePickerPage, UnlockPage
from ui.settings_dialog import SettingsDialog
from ui.translations import Translations
from ui.widgets import Page
from ui.window_certificates import CertificateScreens
from ui.window_learning import LearningScreens
from ui.window_sync import SyncControl

if TYPE_CHECKING:
    from app.learning import Learner
    from app.sync_service import SyncService
    from ui.sync_status import SyncStatusLabel


class MainWindow(LearningScreens, SyncControl, CertificateScreens, QMainWindow):
    def __init__(
        self, core: Core, ops: Ops, presenter: ErrorPresenter, translations: Translations
    ) -> None:
        super().__init__()
        self.core, self.ops, self.presenter, self.translations = core, ops, presenter, translations
        self.session: ProfileSession | None = None
        self._learner_obj: Any = None
        self._learner_for: ProfileSession | None = None
        self._closing = False
        self._sync: SyncService | None = None

        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        # Only the first screen is built now; the others on first use (a faster first window).
        self._pages: dict[str, Page] = {}
        self.picker = ProfilePickerPage()
        self.picker.open_requested.connect(self.show_unlock)
        self.picker.create_requested.connect(self.show_create)
        self.stack.addWidget(self.picker)
        self.ops.busy.connect(self._show_busy)
        self._sync_label: SyncStatusLabel | None = None  # built at the first unlock

        self._build_menu()
        self.retranslate()
        self.resize(900, 600)

    def _build_menu(self) -> None:
        self.file_menu, self.go_menu = QMenu(self), QMenu(self)
        self.menuBar().addMenu(self.file_menu)
        self.menuBar().addMenu(self.go_menu)
        # Linux has no standard key for Preferences: fall back to the common Ctrl+,.
        preferences = QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences) or [
            QKeySequence("Ctrl+,")
        ]
        self.settings_action = self._action(self.file_menu, preferences, self.open_settings)
        self.sync_action = self._action(self.file_menu, ["F9"], self.sync_now)
        self.sync_action.setEnabled(False)  # once the sync service runs
        self.lock_action = self._action(self.file_menu, ["Ctrl+L"], self.lock)
        quit_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Quit)
        self.quit_action = self._action(self.file_menu, quit_keys, self.close)
        go = self.go_menu
        self.library_action = self._action(go, ["Ctrl+1"], self.show_library)
        self.course_action = self._action(go, ["Ctrl+2"], self._show_current_course)
        self.dashboard_action = self._action(go, ["Ctrl+3"], self.show_dashboard)
        self.certificates_action = self._action(go, ["Ctrl+4", "Ctrl+Shift+C"],
                                                self.show_certificates)  # fmt: skip
        self.downloads_action = self._action(go, ["Ctrl+5", "Ctrl+Shift+D"], self.show_downloads)
        self.sync_log_action = self._action(go, ["Ctrl+6"], self.show_sync_log)
        self._profile_actions = (self.lock_action, self.library_action, self.course_action,
                                 self.dashboard_action, self.certificates_action,
                                 self.sync_log_action)  # fmt: skip
        for action in self._profile_actions:
            action.setEnabled(False)  # until a profile is open

    def _action(
        self, menu: QMenu, keys: list[QKeySequence] | list[str], slot: Callable[[], object]
    ) -> QAction:
        action = QAction(self)
        # setShortcuts, not setShortcut: the latter's overload check builds Python enums for
        # all of the Qt namespace, ~30 ms of start-up.
        action.setShortcuts([QKeySequence(k) if isinstance(k, str) else k for k in keys])
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _show_current_course(self) -> None:
        course_id = self.course_page.course_id() if "course" in self._pages else None
        if course_id and self.session is not None:
            self.show_course(course_id)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Karmayogi Offline"))
        self.file_menu.setTitle(self.tr("&File"))
        self.settings_action.setText(self.tr("&Settings…"))
        self.lock_action.setText(self.tr("&Lock profile"))
        self.sync_action.setText(self.tr("S&ync now"))
        if self._sync_label is not None:
            self._sync_label.retranslate()
        self.quit_action.setText(self.tr("&Quit"))
        self.go_menu.setTitle(self.tr("&Go"))
        self.library_action.setText(self.tr("&Library"))
        self.course_action.setText(self.tr("Current &course"))
        self.dashboard_action.setText(self.tr("&Progress"))
        self.certificates_action.setText(self.tr("&Certificates"))
        self.downloads_action.setText(self.tr("&Downloads"))
        self.sync_log_action.setText(self.tr("Sync &log"))

    # pages built on first use

    def _page(self, key: str, build: Callable[[], Page]) -> Page:
        if key not in self._pages:
            self._pages[key] = page = build()
            self.stack.addWidget(page)
        return self._pages[key]

    @property
    def create_page(self) -> CreateProfilePage:
        def build() -> CreateProfilePage:
            page = CreateProfilePage()
            page.create_submitted.connect(self.create_profile)
            page.cancelled.connect(self.show_picker)
            return page

        return cast(CreateProfilePage, self._page("create", build))

    @property
    def unlock_page(self) -> UnlockPage:
        def build() -> UnlockPage:
            page = UnlockPage()
            page.unlock_submitted.connect(self.unlock)
            page.back_requested.connect(self.show_picker)
            return page

        return cast(UnlockPage, self._page("unlock", build))

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
        if self.player is not None and page is not self.player:
            self._leave_player(lambda: self._show_page(page))  # it saves first
            return
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
        if self.session is not None:
            self._show_page(self.library)  # it reloads itself when shown

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
        # The key derivation leaves the GIL free: load meanwhile what the library needs next.
        self.ops.run(self._warm_up, lambda _none: None, lambda _exc: None)

    def _warm_up(self) -> None:
        import app.learning
        import app.store  # noqa: F401
        import ui.library_data
        import ui.library_page  # noqa: F401

        self.core.content.store.courses()

    def _learner(self) -> Learner:
        """The facade for the open profile (made off the GUI thread: it loads the device key)."""
        if self.session is None:
            raise RuntimeError("no profile is open")
        if self._learner_for is not self.session:
            self._learner_obj, self._learner_for = self.core.learner(self.session), self.session
        return self._learner_obj

    def _unlock_failed(self, exc: BaseException) -> None:
        inline = self.unlock_page.error if isinstance(exc, KyoError) else None
        self.presenter.show(exc, inline=inline)
        self.unlock_page.failed()

    def _unlocked(self, session: ProfileSession) -> None:
        self.session = session
        for action in self._profile_actions:
            action.setEnabled(True)
        self.library.set_learner(session.info.name)
        self.show_library()
        self.begin_sync()

    def lock(self) -> None:
        """Close the open profile: the player saves, sync stops, then the database closes."""
        self._leave_player(self._lock_now)

    def _lock_now(self) -> None:
        session, self.session = self.session, None
        for action in self._profile_actions:
            action.setEnabled(False)
        stop = self._stop_sync()
        if session is None:
            return

        def work() -> None:
            stop()
            session.close()

        self.ops.run(work, lambda _none: self.show_picker())

    def open_settings(self) -> None:
        learner = self._learner if self.session is not None else None
        dialog = SettingsDialog(self.translations.language, self, core=self.core, ops=self.ops,
                                learner=learner)  # fmt: skip
        dialog.accepted.connect(lambda: self.set_language(dialog.language()))
        dialog.account_changed.connect(self.restart_sync)
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
        """Let the player save and lock the open profile (off the GUI thread) before the
        window goes; downloads stop and keep their part files for next time."""
        if self._closing:
            event.accept()
            return
        if self.session is None and self.player is None:
            self._shutdown_downloads()
            event.accept()
            return
        self._closing = True
        event.ignore()
        self.hide()
        self._leave_player(self._close_profile)

    def _close_profile(self) -> None:
        session, self.session = self.session, None
        stop = self._stop_sync()
        self._shutdown_downloads()

        def work() -> None:
            stop()
            if session is not None:
                session.close()

        def closed(_result: Any) -> None:
            self.close()

        def failed(exc: BaseException) -> None:
            self.presenter.show(exc)
            self.close()

        self.ops.run(work, closed, failed)

    def _shutdown_downloads(self) -> None:
        if self._downloads is not None:
            self._downloads.shutdown(wait=False)
