"""The Rustici golf samples (SCORM 1.2 and 2004), installed as courses and played in the web
player for real: their own launch page and JavaScript in QtWebEngine, the API found by their
own discovery code through the frames, the learner's clicks, their quiz; the bookmark, the
completion and the score read back from the encrypted profile through the facade."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt

from app.core import Core
from app.learning import Learner
from app.xapi import Verb
from tests.conftest import SAMPLES
from tests.ui import test_player_web as web
from tests.ui.test_player_web import (
    LOAD_MS,
    Heartbeat,
    answer_dialogs,
    close_player,
    item_progress,
    js,
    open_player,
)
from ui.players.web import ScormPlayer, WebPlayer

# The same fixtures as the HTML player's tests.
ops, errors = web.ops, web.errors

GOLF = {
    "1.2": "scorm12_golf_singlescobasic.zip",
    "2004": "scorm2004_3rd_golf_RuntimeBasicCalls.zip",
}
LAST_PAGE = {"1.2": 15, "2004": 14}  # the quiz
LOCATION = {"1.2": "cmi.core.lesson_location", "2004": "cmi.location"}
SCO = "document.getElementById('sco').contentWindow"  # the sample's launch page
PAGE = SCO + ".document.getElementById('contentFrame').contentWindow"  # the page in it

# The sample's own discovery walk (scormfunctions.js), from the innermost frame.
FIND_API = """(function () {
  var win = %s;
  while (win.%s == null && win.parent != null && win.parent != win) win = win.parent;
  return win.%s.%s(%r);
})()"""

# Answers the knowledge check: every question right except the first `wrong` ones.
ANSWER_QUIZ = """(function (doc, wrong) {
  var questions = doc.querySelectorAll(".question");
  questions.forEach(function (q, i) {
    var right = q.querySelector(".correctAnswer input");
    if (right.type === "text") {
      right.value = i < wrong ? "0" : /\\((\\d+)\\)/.exec(right.parentNode.textContent)[1];
    } else {
      (i < wrong ? q.querySelector(".answer input") : right).click();
    }
  });
  doc.querySelector("input[value='Submit Answers']").click();
  return questions.length;
})"""


def answer_quiz(wrong: int) -> str:
    return f"{ANSWER_QUIZ}({PAGE}.document, {wrong})"


def install(core: Core, version: str) -> str:
    return core.content.install(str(SAMPLES / GOLF[version])).course.id


def current_page(qtbot: Any, player: WebPlayer) -> int:
    return int(js(qtbot, player, SCO + ".currentPage"))


def click_button(qtbot: Any, player: WebPlayer, button_id: str) -> None:
    """A real mouse click on one of the sample's buttons (they sit in the launch page's
    frame, which fills the view)."""
    assert player.surface is not None
    box = js(qtbot, player, f"{SCO}.document.getElementById({button_id!r})"
                            ".getBoundingClientRect().toJSON()")  # fmt: skip
    centre = QPoint(int(box["x"] + box["width"] / 2), int(box["y"] + box["height"] / 2))
    target = player.surface.view.focusProxy()
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=centre)


def next_page(qtbot: Any, player: WebPlayer) -> None:
    before = current_page(qtbot, player)
    click_button(qtbot, player, "butNext")
    qtbot.waitUntil(lambda: current_page(qtbot, player) == before + 1, timeout=LOAD_MS)


def verbs(learner: Learner) -> list[str]:
    return [s["verb"]["id"] for s in learner.pending_statements()]


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_golf_suspends_resumes_at_the_bookmark_and_passes_its_quiz(
    version: str, qtbot, ops, learner, core, errors
) -> None:
    course_id = install(core, version)
    beat = Heartbeat()
    player = open_player(qtbot, ops, learner, course_id, "scorm", "scorm")
    beat.start()
    assert isinstance(player, ScormPlayer) and player.bridge is not None
    assert player.title_label.text() == js(qtbot, player, "document.title")
    qtbot.waitUntil(lambda: current_page(qtbot, player) == 0, timeout=LOAD_MS)
    for _ in range(3):
        next_page(qtbot, player)
    # The content page, two frames down, finds the API the sample's own way.
    api = "API" if version == "1.2" else "API_1484_11"
    get = "LMSGetValue" if version == "1.2" else "GetValue"
    assert js(qtbot, player, FIND_API % (PAGE, api, api, get, LOCATION[version])) == "3"
    close_player(qtbot, player)  # the window goes: the sample's unload handlers suspend
    first = item_progress(learner, course_id, "scorm")
    assert (first.status, first.resume["location"]) == ("in_progress", "3")
    assert Verb.SUSPENDED in verbs(learner)

    answer_dialogs([True])  # "Would you like to resume from where you previously left off?"
    player = open_player(qtbot, ops, learner, course_id, "scorm", "scorm")
    qtbot.waitUntil(lambda: current_page(qtbot, player) == 3, timeout=LOAD_MS)
    while current_page(qtbot, player) < LAST_PAGE[version]:
        js(qtbot, player, SCO + ".doNext()")
    qtbot.waitUntil(lambda: js(qtbot, player, PAGE + ".document.getElementById('frmTest') != null"),
                    timeout=LOAD_MS)  # fmt: skip
    questions = js(qtbot, player, answer_quiz(2))  # two wrong
    score = round((questions - 2) * 100 / questions)
    assert js(qtbot, player, PAGE + ".document.body.textContent").count(f"Score: {score}") == 1
    with qtbot.waitSignal(player.finished, timeout=LOAD_MS):  # Exit: the SCO finishes; we leave
        click_button(qtbot, player, "butExit")
    close_player(qtbot, player)
    # A freeze, not noise: the 100 ms bound is checked in test_responsive on a quiet GUI;
    # here WebEngine shares two cores with the test, so only a real stall may fail.
    assert beat.worst < 1.0, f"the GUI thread stood still for {beat.worst * 1000:.0f} ms"

    done = item_progress(learner, course_id, "scorm")
    assert (done.status, done.success) == ("completed", "passed")
    assert done.score == pytest.approx(score / 100)
    assert learner.course(course_id).status.status == "completed"
    said = verbs(learner)
    assert said.count(Verb.LAUNCHED) == 2 and Verb.PASSED in said and Verb.TERMINATED in said
    assert errors == []
    assert player.surface is None


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_closing_a_sco_that_never_finished_saves_its_session(version: str, qtbot, ops, learner,
                                                             core) -> None:  # fmt: skip
    course_id = install(core, version)
    player = open_player(qtbot, ops, learner, course_id, "scorm", "scorm")
    qtbot.waitUntil(lambda: current_page(qtbot, player) == 0, timeout=LOAD_MS)
    js(qtbot, player, SCO + ".doNext(); " + SCO + ".doNext()")
    # The sample's handlers are gone: only the player can finish the session now.
    js(qtbot, player, SCO + ".onbeforeunload = null; " + SCO + ".onunload = null; 1")
    assert player.bridge is not None
    runtime = player.bridge.runtime
    close_player(qtbot, player)
    assert runtime.state == "terminated"  # LMSFinish / Terminate called for the content
    p = item_progress(learner, course_id, "scorm")
    assert p.resume["location"] == "2"
    assert Verb.TERMINATED in verbs(learner) or Verb.SUSPENDED in verbs(learner)
