"""The main window: a stack of pages, a menu, a status bar, and the navigation between them.

All core work goes through `self.ops`; this class only decides what to show next.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QEvent
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QStackedWidget

from app.core import Core
from app.errors import KyoError
from app.fsutil import atomic_write_bytes
from app.profiles import ProfileSession
from ui.errors import ErrorPresenter
from ui.ops import Ops
from ui.profile_pages import CreateProfilePage, ProfilePickerPage, UnlockPage
from ui.settings_dialog import SettingsDialog
from ui.translations import Translations
from ui.widgets import Page

if TYPE_CHECKING:
    from app.learning import Learner
    from app.sync_service import SyncService
    from sync.status import SyncStatus
    from ui.certificates_page import CertificatesPage
    from ui.library_page import LibraryPage
    from ui.sync_status import SyncStatusLabel


class MainWindow(QMainWindow):
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
        self.file_menu = QMenu(self)
        self.menuBar().addMenu(self.file_menu)
        # Linux has no standard key for Preferences: fall back to the common Ctrl+,.
        preferences = QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences) or [
            QKeySequence("Ctrl+,")
        ]
        self.settings_action = self._action(preferences, self.open_settings)
        self.certificates_action = self._action(
            [QKeySequence("Ctrl+Shift+C")], self.show_certificates
        )
        self.certificates_action.setEnabled(False)
        self.sync_action = self._action([QKeySequence("F9")], self.sync_now)
        self.sync_action.setEnabled(False)
        self.lock_action = self._action([QKeySequence("Ctrl+L")], self.lock)
        self.lock_action.setEnabled(False)
        quit_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Quit)
        self.quit_action = self._action(quit_keys, self.close)

    def _action(self, keys: list[QKeySequence], slot: Callable[[], object]) -> QAction:
        action = QAction(self)
        # setShortcuts, not setShortcut: the latter's overload check builds Python enums for
        # all of the Qt namespace, ~30 ms of start-up.
        action.setShortcuts(keys)
        action.triggered.connect(slot)
        self.file_menu.addAction(action)
        return action

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
        self.certificates_action.setText(self.tr("&Certificates"))
        self.quit_action.setText(self.tr("&Quit"))

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

    @property
    def library(self) -> LibraryPage:
        def build() -> LibraryPage:
            from ui.library_page import LibraryPage  # deferred: not needed at start

            page = LibraryPage()
            page.lock_requested.connect(self.lock)
            page.certificates_requested.connect(self.show_certificates)
            return page

        return cast("LibraryPage", self._page("library", build))

    @property
    def certificates_page(self) -> CertificatesPage:
        def build() -> CertificatesPage:
            from ui.certificates_page import CertificatesPage  # QtPdf: only when opened

            page = CertificatesPage()
            page.back_requested.connect(self.show_library)
            page.preview_requested.connect(self.preview_certificate)
            page.print_requested.connect(self.print_certificate)
            page.save_requested.connect(self.save_certificate)
            page.verify_requested.connect(self.choose_certificate_to_verify)
            return page

        return cast("CertificatesPage", self._page("certificates", build))

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
        self.refresh_courses()

    def refresh_courses(self) -> None:
        """Reload the installed courses (off the GUI thread) into the library."""
        from ui.library_page import CourseCard  # deferred with the page itself

        def load() -> list[CourseCard]:
            return [
                CourseCard(
                    c.id,
                    c.manifest.title,
                    c.version,
                    len(c.manifest.items),
                    c.size,
                    c.manifest.online_only,
                )
                for c in self.core.content.store.courses()
            ]

        self.ops.run(load, self.library.set_courses)

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
        self.lock_action.setEnabled(True)
        self.certificates_action.setEnabled(True)
        self.library.set_learner(session.info.name)
        self.show_library()

        def failed(exc: BaseException) -> None:
            if self.session is session:  # not merely locked before sync could start
                self.presenter.show(exc)

        report = self.sync_label.report  # the label is made here, on the GUI thread
        self.ops.run(lambda: self._start_sync(report), self._sync_started, failed)

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

    def sync_now(self) -> None:
        if self._sync is not None:
            self._sync.sync_now()

    def _stop_sync(self) -> Callable[[], None]:
        """What to run, off the GUI thread, before the profile closes."""
        service, self._sync = self._sync, None
        self.sync_action.setEnabled(False)
        if self._sync_label is not None:
            self._sync_label.clear_status()
        return service.stop if service is not None else (lambda: None)

    def lock(self) -> None:
        session, self.session = self.session, None
        self.lock_action.setEnabled(False)
        self.certificates_action.setEnabled(False)
        stop = self._stop_sync()
        if session is None:
            return

        def work() -> None:
            stop()
            session.close()

        self.ops.run(work, lambda _none: self.show_picker())

    # certificates

    def show_certificates(self) -> None:
        from ui.certificates_page import CertificateRow

        page = self.certificates_page
        self._show_page(page)

        def load() -> list[CertificateRow]:
            return [
                CertificateRow(c.id, c.claims["course_title"], c.claims["completed_on"], c.state)
                for c in self._learner().certificates()
            ]

        self.ops.run(load, page.set_certificates)

    def preview_certificate(self, certificate_id: str) -> None:
        page = self.certificates_page
        self.ops.run(lambda: self._learner().certificate_pdf(certificate_id), page.show_pdf)

    def print_certificate(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        page = self.certificates_page
        if not page.pdf_bytes:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            page.print_to(printer)

    def save_certificate(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        page = self.certificates_page
        if not page.pdf_bytes:
            return
        name = f"certificate-{(page.current_id() or 'karmayogi')[:8]}.pdf"
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save certificate"), name,
                                                    self.tr("PDF files (*.pdf)"))  # fmt: skip
        if path:
            self.save_certificate_to(Path(path))

    def save_certificate_to(self, path: Path) -> None:
        data = self.certificates_page.pdf_bytes
        self.ops.run(lambda: atomic_write_bytes(path, data, mode=0o644), lambda _none: None)

    def choose_certificate_to_verify(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Verify a certificate"), "",
            self.tr("Certificates (*.pdf *.png *.jpg *.jpeg *.txt);;All files (*)"),
        )  # fmt: skip
        if path:
            self.verify_certificate_file(Path(path))

    def verify_certificate_file(self, path: Path) -> None:
        page = self.certificates_page
        self.ops.run(
            lambda: self.core.verify_certificate(path),
            lambda verdict: page.show_verdict(verdict.status, verdict.message),
        )

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
        stop = self._stop_sync()

        def work() -> None:
            stop()
            session.close()

        def closed(_result: Any) -> None:
            self.close()

        self.ops.run(work, closed, lambda exc: (self.presenter.show(exc), self.close()))
