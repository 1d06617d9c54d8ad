"""The screens scripts/screenshots.py shoots, in the order a learner meets them, and how each
is reached: through the window's own methods, its worker threads and real content (the demo
course, a signed repository on loopback, the golf SCORM and cmi5 samples)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from app.content import DEMO_COURSE_ID
from app.core import Core
from content_cache import signing
from content_cache.publish import publish
from content_cache.serve import StaticServer
from scripts.screenshots import settle, wait_until
from tests.conftest import SAMPLES
from tests.content.faulty_server import make_handler
from tests.support.demo import complete_demo
from tests.ui.library_support import BUDGET, write_sources
from ui.main_window import MainWindow

PASS = "screenshot passphrase"
NAME = "Asha Devi"
GOLF = SAMPLES / "scorm12_golf_singlescobasic.zip"
CMI5 = SAMPLES / "cmi5_catapult_masteryscore_responsive.zip"
OFFLINE_LRS = "http://127.0.0.1:9/xapi/"  # nothing listens: sync says the platform is away

Shot = tuple[str, Callable[[], QWidget]]


class Screens:
    def __init__(self, win: MainWindow, core: Core, home: Path) -> None:
        self.win, self.core = win, core
        key = signing.generate("Demo training institute")
        core.content.trust.add(key.public)
        out = home / "www"
        publish(write_sources(home / "src"), out, key)
        # A slow link (64 KiB every 50 ms), so a download is still running when it is shot.
        self.server = StaticServer(out, handler_class=make_handler(delay=0.05))
        self.server.start()
        self.lrs_url, self.lrs_auth = OFFLINE_LRS, ("asha.devi", "secret")
        self.ralph = self._start_ralph(home / "ralph")

    def _start_ralph(self, folder: Path) -> object | None:
        """Ralph, the tests' LRS (./test.sh installs it), so the sync log has real rounds;
        without it the window syncs against an address where nothing listens."""
        try:
            from tests.support.ralph_server import Ralph

            ralph = Ralph(folder)
            ralph.start()
        except Exception as exc:  # any reason: shoot the offline state instead
            print(f"no LRS for the sync log ({exc}); the window will say it is offline")
            return None
        self.lrs_url, self.lrs_auth = ralph.url, ralph.auth
        return ralph

    def close(self) -> None:
        self.server.stop()
        if self.ralph is not None:
            self.ralph.stop()  # type: ignore[attr-defined]

    def all(self) -> list[Shot]:
        return [
            ("picker-empty", self.picker_empty),
            ("create-profile", self.create),
            ("picker", self.picker),
            ("unlock-wrong-passphrase", self.unlock_error),
            ("library", self.library),
            ("library-search", self.library_search),
            ("repository-dialog", self.repository_dialog),
            ("downloads", self.downloads),
            ("course", self.course),
            ("player-video", self.video),
            ("player-pdf", self.pdf),
            ("player-lesson", self.lesson),
            ("player-assessment-intro", self.assessment_intro),
            ("player-assessment-question", self.assessment_question),
            ("player-scorm", self.scorm),
            ("player-cmi5", self.cmi5),
            ("certificates", self.certificates),
            ("dashboard", self.dashboard),
            ("sync-log", self.sync_log),
            ("settings", self.settings),
        ]

    # profiles

    def picker_empty(self) -> QWidget:
        self.win.show_picker()
        wait_until(lambda: self.win.stack.currentWidget() is self.win.picker, what="the picker")
        return self.win

    def create(self) -> QWidget:
        self.win.show_create()
        self.win.create_page.name_field.setText("अनीता शर्मा")
        self.win.create_page.passphrase_field.setText(PASS)
        return self.win

    def picker(self) -> QWidget:
        for name in (NAME, "अनीता शर्मा", "Ravi Kumar"):
            self.core.profiles.create(name, PASS)
        with self.core.profiles.unlock(NAME, PASS) as session:
            self.core.learner(session).link_account(self.lrs_url, *self.lrs_auth)
        self.win.show_picker()
        wait_until(lambda: self.win.picker.profile_list.count() == 3, what="three profiles")
        return self.win

    def unlock_error(self) -> QWidget:
        self.win.show_unlock(NAME)
        self.win.unlock(NAME, "wrong passphrase")
        wait_until(lambda: self.win.unlock_page.error.isVisible(), what="the wrong passphrase")
        return self.win

    # the library and installing

    def library(self) -> QWidget:
        self.core.content.seed_demo()
        self.core.content.repos.add(self.server.url)
        self.win.unlock(NAME, PASS)
        wait_until(lambda: self.win.stack.currentWidget() is self.win.library, what="unlock")
        wait_until(lambda: len(self.win.library.entries) == 4, what="installed and available")
        return self.win

    def library_search(self) -> QWidget:
        page = self.win.library
        page.search_field.setText("सूचना")
        wait_until(lambda: page.course_list.count() == 1, what="the search")
        return self.win

    def repository_dialog(self) -> QWidget:
        page = self.win.library
        page.search_field.clear()
        wait_until(lambda: page.course_list.count() == 4, what="the whole list again")
        page.add_repository()
        page.repo_dialog.location_field.setText("https://training.example.gov.in/courses")
        return page.repo_dialog

    def downloads(self) -> QWidget:
        self.win.library.repo_dialog.reject()
        self.win.downloads.install_course(BUDGET, {"en": "Budgeting Basics"})
        self.win.show_downloads()
        rows = self.win.downloads.rows
        wait_until(lambda: any(0 < r.bar.value() < 60 for r in rows.values()), what="a download")
        return self.win

    # learning

    def course(self) -> QWidget:
        with self.core.profiles.unlock(NAME, PASS) as session:
            learner = self.core.learner(session)
            with learner.open_item(DEMO_COURSE_ID, "intro-video") as video:
                video.watched(0, 32, position=32)
            with learner.open_item(DEMO_COURSE_ID, "lesson") as lesson:
                lesson.lesson(0.4, "scroll:0.3")
        self.win.show_course(DEMO_COURSE_ID)
        page = self.win.course_page
        wait_until(lambda: page.view is not None and page.view.resume_item == "lesson")
        return self.win

    def _open(self, course_id: str, item_id: str, kind: str) -> QWidget:
        self.win.open_item(course_id, item_id, kind)
        wait_until(lambda: self.win.player is not None and self.win.player.isVisible(),
                   what=f"the {kind} player")  # fmt: skip
        player = self.win.player
        assert player is not None
        return player

    def video(self) -> QWidget:
        player = self._open(DEMO_COURSE_ID, "intro-video", "video")
        wait_until(lambda: player.play_button.isEnabled(), what="the video loads")  # type: ignore[attr-defined]
        player.play_button.click()  # type: ignore[attr-defined]
        wait_until(lambda: player.media.position() > 4000, what="the video plays")  # type: ignore[attr-defined]
        player.play_button.click()  # type: ignore[attr-defined]
        return self.win

    def pdf(self) -> QWidget:
        player = self._open(DEMO_COURSE_ID, "handout", "pdf")
        wait_until(lambda: player.document.pageCount() == 3, what="the PDF")  # type: ignore[attr-defined]
        return self.win

    def _web(self, course_id: str, item_id: str, kind: str, ready_ms: int = 1500) -> QWidget:
        player = self._open(course_id, item_id, kind)
        wait_until(lambda: player.load_ok is not None, what=f"the {kind} page")  # type: ignore[attr-defined]
        settle(ready_ms)  # the content's own scripts draw after the load
        return self.win

    def lesson(self) -> QWidget:
        return self._web(DEMO_COURSE_ID, "lesson", "html")

    def assessment_intro(self) -> QWidget:
        player = self._open(DEMO_COURSE_ID, "final-quiz", "assessment")
        wait_until(lambda: player.intro.start_button.isVisible(), what="the quiz")  # type: ignore[attr-defined]
        return self.win

    def assessment_question(self) -> QWidget:
        player = self.win.player
        player.intro.start_button.click()  # type: ignore[union-attr]
        wait_until(lambda: player.stack.currentWidget() is player.questions, what="a question")  # type: ignore[union-attr]
        return self.win

    def scorm(self) -> QWidget:
        course_id = self.core.content.install(str(GOLF)).course.id
        return self._web(course_id, "scorm", "scorm", 2500)

    def cmi5(self) -> QWidget:
        course_id = self.core.content.install(str(CMI5)).course.id
        return self._web(course_id, "cmi5", "cmi5", 2500)

    # results, records, settings

    def certificates(self) -> QWidget:
        self.win.show_library()
        wait_until(lambda: self.win.player is None, what="the player closes")
        with self.core.profiles.unlock(NAME, PASS) as session:
            learner = self.core.learner(session)
            if not learner.certificates():
                complete_demo(learner)
        self.win.show_certificates()
        page = self.win.certificates_page
        wait_until(lambda: bool(page.pdf_bytes), what="the certificate preview")
        return self.win

    def dashboard(self) -> QWidget:
        self.win.show_dashboard()
        settle(1500)  # it loads itself through the ops layer
        return self.win

    def sync_log(self) -> QWidget:
        self.win.sync_now()
        self.win.show_sync_log()
        page = self.win.sync_log_page
        if self.ralph is not None:
            wait_until(lambda: page.rounds_table.rowCount() > 0, what="a sync round")
        settle(1000)
        return self.win

    def settings(self) -> QWidget:
        self.win.open_settings()
        return self.win.settings_dialog
