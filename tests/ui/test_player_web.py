"""The web player's HTML side, for real: QtWebEngine shows the demo course's lesson from the
content store through the `kyo-content:` scheme; progress and the resume point land in the
learner's encrypted profile through the facade; nothing of it runs on the GUI thread.

Players get an `Ops` on real worker threads here (not the window tests' ImmediateExecutor), so
the thread rules are exercised as in the app. Helpers are shared with test_player_scorm.py.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.content import DEMO_COURSE_ID
from app.learning import Learner
from app.progress import ItemProgress
from app.xapi import Verb
from ui.ops import Ops
from ui.players import player_class
from ui.players.web import HtmlPlayer, WebPlayer
from ui.players.web_engine import content_base, content_url, parse_path

LOAD_MS = 30_000  # the first WebEngine start in a test run takes seconds on a busy machine


# ---- helpers shared with test_player_scorm.py ----------------------------------------------


@pytest.fixture
def errors() -> list[BaseException]:
    return []


@pytest.fixture
def ops(qapp: QApplication, errors: list[BaseException]) -> Iterator[Ops]:
    """Real worker threads, as in the app; every error a player reports is kept."""
    ops = Ops(errors.append, ThreadPoolExecutor(max_workers=2, thread_name_prefix="test-op"))
    yield ops
    ops.shutdown()


class Heartbeat:
    """The GUI thread's longest gap between 10 ms ticks: how long the window stood still."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.last = time.perf_counter()
        self.worst = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self.last)
        self.last = now

    def start(self) -> Heartbeat:
        self.last, self.worst = time.perf_counter(), 0.0
        self.timer.start()
        return self


def open_player(qtbot: Any, ops: Ops, learner: Learner, course_id: str, item_id: str,
                kind: str, owned: bool = True, **options: Any) -> WebPlayer:  # fmt: skip
    """The item opened in its player, shown and loaded; `owned`: pytest-qt deletes it after;
    `options` go to the player (a cmi5 launch mode)."""
    player = player_class(kind)(ops, learner, course_id, item_id, **options)  # type: ignore[call-arg]
    assert isinstance(player, WebPlayer)
    if owned:
        qtbot.addWidget(player)
    player.resize(1000, 700)
    player.show()
    qtbot.waitUntil(lambda: player.surface is not None, timeout=LOAD_MS)
    qtbot.waitUntil(lambda: player.load_ok is not None, timeout=LOAD_MS)
    assert player.load_ok
    return player


def close_player(qtbot: Any, player: WebPlayer) -> None:
    done: list[bool] = []
    player.close_item(lambda: done.append(True))
    qtbot.waitUntil(lambda: bool(done), timeout=LOAD_MS)
    assert player.surface is None


def js(qtbot: Any, player: WebPlayer, code: str) -> Any:
    """Evaluate `code` in the page's top frame; its value (through JSON: arrays and objects
    do not cross from JavaScript as they are)."""
    assert player.surface is not None
    result: list[Any] = []
    player.surface.run_js(f'JSON.stringify(eval({json.dumps(code)})) ?? "null"', result.append)
    qtbot.waitUntil(lambda: bool(result), timeout=LOAD_MS)
    return None if result[0] is None else json.loads(result[0])


def answer_dialogs(answers: list[bool]) -> None:
    """Answer the content's confirm() boxes as they come (they run a nested event loop, so
    the answer has to come from a timer inside it), pressing Yes or No."""

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible() and answers:
            yes = answers.pop(0)
            box.button(QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No
                       ).click()  # fmt: skip
        if answers:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def item_progress(learner: Learner, course_id: str, item_id: str) -> ItemProgress:
    view = learner.course(course_id)
    return next(v.progress for v in view.items if v.item.id == item_id)


def wait_for(qtbot: Any, condition: Callable[[], bool], timeout: int = LOAD_MS) -> None:
    qtbot.waitUntil(condition, timeout=timeout)


# ---- the scheme -----------------------------------------------------------------------------


def test_content_urls_quote_the_course_id_and_keep_the_query() -> None:
    base = content_base("urn:x:course:a b")
    assert base == "kyo-content://course/urn%3Ax%3Acourse%3Aa%20b"
    url = content_url("urn:x:c", "shared/a page.html?questions=Playing#top")
    assert url == "kyo-content://course/urn%3Ax%3Ac/shared/a%20page.html?questions=Playing#top"
    assert parse_path("/urn%3Ax%3Ac/shared/a%20page.html") == ("urn:x:c", "shared/a page.html")
    assert parse_path("/_kyo/scorm-api") == ("_kyo", "scorm-api")
    assert parse_path("/urn%3Ax%3Ac") is None


FETCH = """
(function (url) {
  var xhr = new XMLHttpRequest();
  try { xhr.open("GET", url, false); xhr.send(); }
  catch (e) { return "failed"; }
  return [xhr.status, xhr.getResponseHeader("Content-Type"), xhr.responseText.length];
})(%r)
"""


def test_the_scheme_serves_the_package_and_nothing_else(qtbot, ops, learner, core) -> None:
    core.content.seed_demo()
    player = open_player(qtbot, ops, learner, DEMO_COURSE_ID, "lesson", "html")
    assert player.surface is not None
    served = player.surface.handler.served
    assert served[0] == "lesson/index.html" and "lesson/style.css" in served
    status, mime, size = js(qtbot, player, FETCH % "style.css")
    assert (status, mime) == (200, "text/css")
    assert size == len(core.content.files.read(DEMO_COURSE_ID, "lesson/style.css").decode())
    assert js(qtbot, player, FETCH % "lesson.js")[1] == "text/javascript"
    fonts = js(qtbot, player, FETCH % "fonts/NotoSansDevanagari-Regular.ttf")
    assert fonts[1] == "font/ttf"
    assert js(qtbot, player, FETCH % "no-such-file.html") == "failed"  # the scheme's 404
    # Out of the package: "../.." climbs to another course id, which this player never serves.
    assert js(qtbot, player, FETCH % "../../other%3Acourse/course.json") == "failed"
    assert js(qtbot, player, FETCH % "../../../../etc/passwd") == "failed"
    assert js(qtbot, player, FETCH % "../course.json")[0] == 200  # its own package: fine
    close_player(qtbot, player)


# ---- the HTML lesson ------------------------------------------------------------------------

SCROLL_TO = "window.scrollTo(0, %s * document.documentElement.scrollHeight); window.scrollY"


def test_lesson_records_progress_and_resumes_where_the_learner_left(
    qtbot, ops, learner, core, errors
) -> None:
    core.content.seed_demo()
    beat = Heartbeat().start()
    player = open_player(qtbot, ops, learner, DEMO_COURSE_ID, "lesson", "html")
    assert player.title_label.text() == "Lesson: serving citizens well"
    assert js(qtbot, player, "window.kyo.resume") == ""
    assert js(qtbot, player, "document.fonts.check('16px \"Noto Sans Devanagari\"')")
    # Half way down: a step of progress is recorded at once, while the lesson is open.
    js(qtbot, player, SCROLL_TO % 0.45)
    wait_for(qtbot, lambda: item_progress(learner, DEMO_COURSE_ID, "lesson").fraction >= 0.5)
    close_player(qtbot, player)
    first = item_progress(learner, DEMO_COURSE_ID, "lesson")
    assert first.status == "in_progress"
    location = first.resume["location"]
    assert location.startswith("scroll:") and 0.4 < float(location[7:]) < 0.5

    player = open_player(qtbot, ops, learner, DEMO_COURSE_ID, "lesson", "html")
    assert js(qtbot, player, "window.kyo.resume") == location
    top = js(qtbot, player, "window.scrollY / document.documentElement.scrollHeight")
    assert top == pytest.approx(float(location[7:]), abs=0.01)  # back where they were
    js(qtbot, player, SCROLL_TO % 1)
    wait_for(qtbot, lambda: item_progress(learner, DEMO_COURSE_ID, "lesson").completed)
    close_player(qtbot, player)
    # A freeze, not noise: the 100 ms bound is checked in test_responsive on a quiet GUI;
    # here WebEngine shares two cores with the test, so only a real stall may fail.
    assert beat.worst < 1.0, f"the GUI thread stood still for {beat.worst * 1000:.0f} ms"
    done = item_progress(learner, DEMO_COURSE_ID, "lesson")
    assert done.fraction == 1.0 and done.active_seconds > 0
    verbs = [s["verb"]["id"] for s in learner.pending_statements()]
    assert verbs.count(Verb.LAUNCHED) == 2 and verbs.count(Verb.COMPLETED) >= 1
    assert errors == []


def test_a_lesson_can_report_its_own_progress_with_the_kyo_hook(qtbot, ops, learner, core):
    core.content.seed_demo()
    player = open_player(qtbot, ops, learner, DEMO_COURSE_ID, "lesson", "html")
    js(qtbot, player, "kyo.progress(0.3, 'charter'); 1")
    js(qtbot, player, SCROLL_TO % 1)  # the page reports itself now: scrolling does not count
    close_player(qtbot, player)
    p = item_progress(learner, DEMO_COURSE_ID, "lesson")
    assert (p.fraction, p.resume["location"]) == (0.3, "charter")
    player = open_player(qtbot, ops, learner, DEMO_COURSE_ID, "lesson", "html")
    assert js(qtbot, player, "kyo.resume") == "charter"
    js(qtbot, player, "kyo.progress(1); 1")
    wait_for(qtbot, lambda: item_progress(learner, DEMO_COURSE_ID, "lesson").completed)
    close_player(qtbot, player)


def test_escape_and_back_leave_the_item(qtbot, ops, learner, core) -> None:
    core.content.seed_demo()
    player = open_player(qtbot, ops, learner, DEMO_COURSE_ID, "lesson", "html")
    assert isinstance(player, HtmlPlayer)
    assert player.back_button.accessibleName() == "Back to the course"
    assert player.surface is not None
    player.activateWindow()
    player.on_shown()

    def content_has_keyboard() -> bool:
        focus = QApplication.focusWidget()
        return focus is not None and player.surface.view.isAncestorOf(focus)  # type: ignore

    qtbot.waitUntil(content_has_keyboard, timeout=5000)
    focus = QApplication.focusWidget()
    with qtbot.waitSignal(player.finished, timeout=5000):
        qtbot.keyClick(focus, Qt.Key.Key_Escape)
    with qtbot.waitSignal(player.finished, timeout=5000):
        qtbot.mouseClick(player.back_button, Qt.MouseButton.LeftButton)
    close_player(qtbot, player)


def test_closing_before_the_item_shows_closes_it_cleanly(qtbot, ops, learner, core) -> None:
    core.content.seed_demo()
    player = HtmlPlayer(ops, learner, DEMO_COURSE_ID, "lesson")
    qtbot.addWidget(player)
    done: list[bool] = []
    player.close_item(lambda: done.append(True))  # the worker is still opening it
    qtbot.waitUntil(lambda: bool(done), timeout=LOAD_MS)
    assert player.surface is None
    verbs = [s["verb"]["id"] for s in learner.pending_statements()]
    assert verbs == [Verb.LAUNCHED]


def test_a_missing_course_says_so_in_the_page(qtbot, ops, learner, errors) -> None:
    player = HtmlPlayer(ops, learner, "urn:x:not-installed", "lesson")
    qtbot.addWidget(player)
    qtbot.waitUntil(lambda: "not installed" in player.placeholder.text(), timeout=LOAD_MS)
    assert player.surface is None and errors == []
    close_player(qtbot, player)


def test_a_player_deleted_at_once_leaves_webengine_sound(qtbot, qtlog, ops, learner, core):
    """A player may be deleted the moment it is closed, or (a bug elsewhere, a crash of the
    window) without being closed at all: its view must go before its profile, or Qt WebEngine
    corrupts memory; the next item must still play."""
    core.content.seed_demo()
    player = open_player(qtbot, ops, learner, DEMO_COURSE_ID, "lesson", "html", owned=False)
    gone: list[bool] = []
    player.close_item(lambda: (shiboken6.delete(player), gone.append(True)))  # at once
    qtbot.waitUntil(lambda: bool(gone), timeout=LOAD_MS)
    unclosed = open_player(qtbot, ops, learner, DEMO_COURSE_ID, "lesson", "html", owned=False)
    shiboken6.delete(unclosed)  # never closed: its page still live
    again = open_player(qtbot, ops, learner, DEMO_COURSE_ID, "lesson", "html")
    assert js(qtbot, again, "document.title").startswith("Serving Citizens Well")
    close_player(qtbot, again)
    qtbot.wait(200)
    troubles = ("deleted directly", "still not deleted")
    assert not [r for r in qtlog.records if any(t in r.message for t in troubles)]
