"""The main flow, as a learner goes through it: the real window with real worker threads,
driven by keyboard and buttons. Unlock → install the demo course from a signed repository
over loopback, and the golf SCORM sample from a file → learn each kind of item in its player
(video, HTML, PDF, SCORM, assessment) → the certificate → the sync status, against a real
Ralph LRS.

The one thing not driven through a widget: the native file dialog that picks the SCORM file
(it cannot run offscreen), so the test hands the path to the downloads page as it would."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.core import Core
from app.learning import Learner
from app.progress import ItemProgress
from app.xapi import Verb
from content_cache.serve import StaticServer
from tests.conftest import PASS, SAMPLES
from tests.support.demo import DEMO_COURSE_ID, RIGHT
from tests.support.ralph_server import Ralph
from tests.ui import test_player_assessment as quiz
from tests.ui.library_support import focused, key, type_text
from tests.ui.test_player_scorm import SCO, current_page
from tests.ui.test_player_web import LOAD_MS, SCROLL_TO, js
from ui.main_window import MainWindow
from ui.players.assessment import AssessmentPlayer
from ui.players.pdf import PdfPlayer
from ui.players.video import VideoPlayer
from ui.players.web import HtmlPlayer, ScormPlayer
from ui.qtapp import build_window

DEMO_REPO = Path(__file__).resolve().parents[2] / "content_cache" / "demo" / "repo"
GOLF = SAMPLES / "scorm12_golf_singlescobasic.zip"
NAME = "Asha"


@pytest.fixture
def win(qapp: QApplication, qtbot, core: Core, ralph: Ralph) -> Iterator[MainWindow]:
    """A profile linked to the LRS, and the window on the profile picker, as at start."""
    core.profiles.create(NAME, PASS)
    with core.profiles.unlock(NAME, PASS) as session:
        core.learner(session).link_account(ralph.url, *ralph.auth)
    window = build_window(qapp, core, language="en", executor=ThreadPoolExecutor(4))
    # Not given to qtbot: it would close and delete the window before this fixture's teardown,
    # while the close (the player saving, the profile locking) still runs on a worker.
    window.start()
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    yield window
    window.close()  # as the learner would: the player saves, the profile locks, then it goes
    qtbot.waitUntil(lambda: window.session is None and window.ops.running == 0, timeout=30_000)
    window.ops.shutdown()
    window.deleteLater()


def learner_of(win: MainWindow) -> Learner:
    return win._learner()


def progress(win: MainWindow, course_id: str, item_id: str) -> ItemProgress:
    view = learner_of(win).course(course_id)
    return next(v.progress for v in view.items if v.item.id == item_id)


def unlock(qtbot, win: MainWindow) -> None:
    # The profiles are listed from a worker: the list takes the focus once it has them.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is win.picker.profile_list, timeout=10_000)
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: focused(qtbot) is win.unlock_page.passphrase_field, timeout=10_000)
    type_text(qtbot, PASS)
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.library, timeout=20_000)


def install_demo_from_repository(qtbot, win: MainWindow, core: Core, url: str) -> None:
    core.content.repos.add(url)
    library = win.library
    library.course_list.setFocus()
    key(qtbot, Qt.Key.Key_F5)  # look at the repositories again
    qtbot.waitUntil(lambda: library.course_list.count() == 1, timeout=20_000)
    library.course_list.setCurrentRow(0)
    key(qtbot, Qt.Key.Key_Return)  # an available course installs
    qtbot.waitUntil(lambda: core.content.store.course(DEMO_COURSE_ID) is not None, timeout=30_000)

    def listed_installed() -> bool:
        entry = library.entry(DEMO_COURSE_ID)
        return entry is not None and entry.installed

    qtbot.waitUntil(listed_installed, timeout=20_000)  # the library reloads by itself


def open_next(qtbot, win: MainWindow, kind: type, item_id: str) -> object:
    """Continue the course from its page: it offers the next unfinished item (read again
    from the profile after the last one), which opens in its player."""
    page = win.course_page

    def offers() -> bool:
        view = page.view
        shown = win.stack.currentWidget() is page
        return shown and view is not None and view.resume_item == item_id

    qtbot.waitUntil(offers, timeout=20_000)
    page.continue_button.click()
    qtbot.waitUntil(lambda: isinstance(win.player, kind), timeout=LOAD_MS)
    return win.player


def back_to_course(qtbot, win: MainWindow, button) -> None:
    button.click()
    qtbot.waitUntil(lambda: win.player is None and win.stack.currentWidget() is win.course_page,
                    timeout=LOAD_MS)  # fmt: skip


def watch_video(qtbot, win: MainWindow) -> None:
    player = open_next(qtbot, win, VideoPlayer, "intro-video")
    assert isinstance(player, VideoPlayer)
    qtbot.waitUntil(lambda: player.play_button.isEnabled(), timeout=10_000)
    player.speed.setCurrentIndex(player.speed.count() - 1)  # 2×: the 32 s video in 16 s
    player.play_button.click()
    qtbot.waitUntil(lambda: progress(win, DEMO_COURSE_ID, "intro-video").completed, timeout=60_000)
    back_to_course(qtbot, win, player.back_button)


def read_lesson(qtbot, win: MainWindow) -> None:
    player = open_next(qtbot, win, HtmlPlayer, "lesson")
    assert isinstance(player, HtmlPlayer)
    qtbot.waitUntil(lambda: player.surface is not None, timeout=LOAD_MS)
    lesson_ready = "!!window.kyo && document.readyState === 'complete'"  # not about:blank
    qtbot.waitUntil(lambda: js(qtbot, player, lesson_ready) is True, timeout=LOAD_MS)

    def read_to_the_end() -> bool:  # again if the first scroll came before the page's layout
        js(qtbot, player, SCROLL_TO % 1)
        qtbot.wait(200)
        return progress(win, DEMO_COURSE_ID, "lesson").completed

    qtbot.waitUntil(read_to_the_end, timeout=LOAD_MS)
    back_to_course(qtbot, win, player.back_button)


def page_through_handout(qtbot, win: MainWindow) -> None:
    player = open_next(qtbot, win, PdfPlayer, "handout")
    assert isinstance(player, PdfPlayer)
    qtbot.waitUntil(lambda: player.of_label.text() == "of 3", timeout=10_000)
    for _page in range(2):
        qtbot.keyClick(player.view, Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: progress(win, DEMO_COURSE_ID, "handout").completed, timeout=10_000)
    back_to_course(qtbot, win, player.back_button)


def pass_quiz(qtbot, win: MainWindow) -> None:
    player = open_next(qtbot, win, AssessmentPlayer, "final-quiz")
    assert isinstance(player, AssessmentPlayer)
    quiz.start(qtbot, player)
    quiz.answer_all(qtbot, player, RIGHT)
    quiz.submit(qtbot, player)
    assert player.result.title.text() == "Passed"
    assert "Your certificate is ready" in player.result.next_steps.text()
    back_to_course(qtbot, win, player.result.back_button)


def page_of(qtbot, player: ScormPlayer) -> int:
    """The golf sample's page, or -1 while its frames are still loading."""
    try:
        return current_page(qtbot, player)
    except (ValueError, TypeError):  # no number yet: the frame is not there
        return -1


def start_golf(qtbot, win: MainWindow, core: Core) -> str:
    """Install the golf sample from a file, open it, turn two pages and leave: bookmarked."""
    installed = core.content.store.courses()
    with qtbot.waitSignal(win.downloads.installed, timeout=60_000) as done:
        win.downloads.install_file(str(GOLF))
    golf = str(done.args[0])
    assert golf not in {c.id for c in installed}
    win.show_course(golf)
    player = open_next(qtbot, win, ScormPlayer, "scorm")
    assert isinstance(player, ScormPlayer)
    qtbot.waitUntil(lambda: page_of(qtbot, player) == 0, timeout=LOAD_MS)
    for _ in range(2):
        js(qtbot, player, SCO + ".doNext()")
    qtbot.waitUntil(lambda: page_of(qtbot, player) == 2, timeout=LOAD_MS)
    back_to_course(qtbot, win, player.back_button)
    return golf


def test_unlock_install_learn_certificate_and_sync(qtbot, win: MainWindow, core: Core,
                                                   ralph: Ralph) -> None:  # fmt: skip
    unlock(qtbot, win)
    with StaticServer(DEMO_REPO) as server:
        install_demo_from_repository(qtbot, win, core, server.url)
    win.library.course_list.setCurrentRow(0)
    win.library.course_list.setFocus()
    key(qtbot, Qt.Key.Key_Return)  # an installed course opens
    watch_video(qtbot, win)
    read_lesson(qtbot, win)
    page_through_handout(qtbot, win)
    pass_quiz(qtbot, win)
    assert learner_of(win).course(DEMO_COURSE_ID).status.status == "completed"

    golf = start_golf(qtbot, win, core)
    scorm = progress(win, golf, "scorm")
    assert scorm.status == "in_progress" and scorm.resume["location"] == "2"

    def suspended_sent() -> bool:  # leaving an item syncs what it recorded, no key pressed
        return any(s["verb"]["id"] == Verb.SUSPENDED for s in ralph.statements())

    qtbot.waitUntil(suspended_sent, timeout=30_000)

    key(qtbot, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)  # Go → Certificates
    page = win.certificates_page
    qtbot.waitUntil(
        lambda: win.stack.currentWidget() is page and bool(page.pdf_bytes), timeout=30_000
    )
    certificates = learner_of(win).certificates()
    assert [c.course_id for c in certificates] == [DEMO_COURSE_ID]

    key(qtbot, Qt.Key.Key_F9)  # sync now

    def synced() -> bool:  # the label may say so already from the round after unlock
        return win.sync_label.text().endswith("Up to date") and not learner.pending_statements()

    learner = learner_of(win)
    qtbot.waitUntil(synced, timeout=60_000)
    sent = ralph.statements()
    verbs = {str(s["verb"]["id"]) for s in sent}
    assert {Verb.LAUNCHED, Verb.COMPLETED, Verb.PASSED, Verb.EARNED, Verb.SUSPENDED} <= verbs
    done = [str(s["object"]["id"]) for s in sent if s["verb"]["id"] == Verb.COMPLETED]
    assert sum(DEMO_COURSE_ID in d for d in done) >= 5  # four items and the course
    assert any(golf in str(s["object"]["id"]) for s in sent)
