"""cmi5 AUs played for real in the cmi5 player: their own pages and JavaScript in QtWebEngine,
served through the kyo-content scheme, talking to the core's local xAPI endpoint on 127.0.0.1
with the launch parameters, as cmi5 prescribes.

The ADL cmi5 LMS Test Suite (catapult) packages run here too: each AU checks the LMS from the
inside and writes its verdict into its page (an element with id "result"); the test reads it
back. tests/cmi5/test_lts_node.py runs the same scripts under Node against the endpoint; this
is the player's run of them, in a real browser engine."""

from __future__ import annotations

import json
import tarfile
import zipfile
from pathlib import Path
from typing import Any

import pytest

from app.core import Core
from app.learning import Learner
from app.xapi import Verb
from tests.cmi5.conftest import LTS_ARCHIVE
from tests.conftest import SAMPLES
from tests.ui import test_player_web as web
from tests.ui.test_player_web import LOAD_MS, close_player, item_progress, js, open_player
from ui.players import player_class
from ui.players.cmi5 import Cmi5Player
from ui.players.web_engine import bridge_url

# The same fixtures as the other web players' tests.
ops, errors = web.ops, web.errors

MASTERY = SAMPLES / "cmi5_catapult_masteryscore_responsive.zip"
RESULT_JS = "(document.getElementById('result') || {}).innerHTML || null"

# package -> the launches its AU needs (launch modes), as in tests/cmi5/test_lts_node.py
LTS_RUNS: list[tuple[str, list[str]]] = [
    ("001-essentials", ["Normal"]),
    ("002-allowed", ["Normal"]),
    ("003-launchMethod-OwnWindow", ["Normal"]),
    ("004-1-moveOn-Completed", ["Normal"]),
    ("004-2-moveOn-CompletedOrPassed", ["Normal"]),
    ("004-3-moveOn-Passed", ["Normal"]),
    ("004-4-moveOn-CompletedOrPassed", ["Normal"]),
    ("004-5-moveOn-NotApplicable", ["Normal"]),
    ("005-1-invalid-au", ["Normal"]),
    ("005-2-invalid-au", ["Normal"]),
    ("006-launchMode", ["Browse", "Review"]),
    ("007-1-multi-session", ["Normal", "Normal"]),
    ("007-2-multi-session", ["Normal", "Normal"]),
    ("008-1-abandoned", ["Normal"]),
    ("009-1-waived", ["Normal"]),
]


def install(core: Core, package: Path) -> str:
    return core.content.install(str(package)).course.id


def open_cmi5(qtbot: Any, ops_: Any, learner: Learner, course_id: str,
              launch_mode: str = "Normal") -> Cmi5Player:  # fmt: skip
    player = open_player(qtbot, ops_, learner, course_id, "cmi5", "cmi5", launch_mode=launch_mode)
    assert isinstance(player, Cmi5Player)
    return player


def verbs(learner: Learner) -> list[str]:
    return [str(s["verb"]["id"]) for s in learner.pending_statements()]


# The AU's own code read the launch parameters, fetched its token, sent initialized and saw
# the answer (its cmi5 library refuses passed/completed before that), and went to its first
# page after reading its bookmark (else that navigation could come after the test's).
AU_READY = (
    "typeof course !== 'undefined' && !!course.trackingPlugin.cmi5"  # a `let` global
    " && course.trackingPlugin.cmi5.isActive() && course.pageViewedState[0]"
)


def wait_until_active(qtbot: Any, player: Cmi5Player) -> None:
    qtbot.waitUntil(lambda: js(qtbot, player, AU_READY), timeout=LOAD_MS)


def test_the_registry_opens_cmi5_items_in_this_player() -> None:
    assert player_class("cmi5") is Cmi5Player


def test_an_au_passes_in_the_player_and_exits_to_the_course(
    qtbot, ops, learner: Learner, core: Core, errors
) -> None:
    course_id = install(core, MASTERY)
    player = open_cmi5(qtbot, ops, learner, course_id)
    assert player.title_label.text().startswith("Introduction to Geology")
    assert not player.au_box.isVisible()  # one AU: no list
    wait_until_active(qtbot, player)
    quiz = "course.pageList.indexOf('quiz')"
    js(qtbot, player, f"course.gotoPage({quiz}); course.autopass(); course.submitAnswers(); 1")
    qtbot.waitUntil(lambda: Verb.PASSED in verbs(learner), timeout=LOAD_MS)
    assert js(qtbot, player, "document.getElementById('error-content').innerHTML") == ""
    with qtbot.waitSignal(player.finished, timeout=LOAD_MS):  # to the returnURL
        js(qtbot, player, "course.exit(); 1")
    close_player(qtbot, player)
    said = verbs(learner)
    assert said.count(Verb.LAUNCHED) == 1 and said.count(Verb.TERMINATED) == 1
    assert Verb.ABANDONED not in said and Verb.SATISFIED in said
    done = item_progress(learner, course_id, "cmi5")
    assert done.completed and done.success == "passed"
    assert learner.course(course_id).status.status == "completed"
    assert errors == []


def test_closing_the_player_ends_the_session_once(qtbot, ops, learner: Learner, core: Core):
    """Closed mid-way: the AU's own unload handler terminates its session (as when a browser
    window closes); the endpoint stops after, and a second launch is a new session."""
    course_id = install(core, MASTERY)
    player = open_cmi5(qtbot, ops, learner, course_id)
    qtbot.waitUntil(lambda: Verb.INITIALIZED in verbs(learner), timeout=LOAD_MS)
    session = player.launched.launch.session if player.launched else None
    close_player(qtbot, player)
    assert session is not None and not session.active
    said = verbs(learner)
    ended = said.count(Verb.TERMINATED) + said.count(Verb.ABANDONED)
    assert ended == 1  # one or the other, never both, never neither
    assert not item_progress(learner, course_id, "cmi5").completed

    again = open_cmi5(qtbot, ops, learner, course_id)
    qtbot.waitUntil(lambda: verbs(learner).count(Verb.INITIALIZED) == 2, timeout=LOAD_MS)
    close_player(qtbot, again)
    assert verbs(learner).count(Verb.LAUNCHED) == 2


def test_closing_before_the_au_terminates_abandons_its_session(
    qtbot, ops, learner: Learner, core: Core, errors
) -> None:
    """An AU that does not terminate when its window goes (here the sample with its unload
    handler's exit taken away): the player stops the endpoint, the LMS records abandoned."""
    course_id = install(core, MASTERY)
    player = open_cmi5(qtbot, ops, learner, course_id)
    wait_until_active(qtbot, player)
    js(qtbot, player, "course.exit = function () {}; 1")
    assert player.launched is not None
    session = player.launched.launch.session
    close_player(qtbot, player)
    assert not session.active
    said = verbs(learner)
    assert said.count(Verb.ABANDONED) == 1 and Verb.TERMINATED not in said
    assert not item_progress(learner, course_id, "cmi5").completed
    assert errors == []


@pytest.fixture(scope="module")
def lts_packages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("lts")
    with tarfile.open(LTS_ARCHIVE) as tar:
        for member in tar.getmembers():
            if member.name.endswith((".zip", ".xml")):
                (folder / Path(member.name).name).write_bytes(tar.extractfile(member).read())  # type: ignore[union-attr]
    return folder


def run_lts_au(qtbot: Any, ops_: Any, learner: Learner, course_id: str, package: str,
               mode: str) -> dict[str, Any]:  # fmt: skip
    player = open_cmi5(qtbot, ops_, learner, course_id, launch_mode=mode)
    if package.startswith("008"):  # it waits for the LMS to abandon its session, then a click
        qtbot.waitUntil(lambda: js(qtbot, player, "!!document.getElementById('abandon')"),
                        timeout=LOAD_MS)  # fmt: skip
        assert player.launched is not None
        player.launched.launch.session.end()
        js(qtbot, player, "document.getElementById('abandon').click(); 1")
    qtbot.waitUntil(lambda: js(qtbot, player, RESULT_JS) is not None, timeout=LOAD_MS)
    result: dict[str, Any] = json.loads(js(qtbot, player, RESULT_JS))
    close_player(qtbot, player)
    return result


@pytest.mark.parametrize(("package", "modes"), LTS_RUNS, ids=[r[0] for r in LTS_RUNS])
def test_lms_test_suite_au_passes_in_the_player(
    qtbot, ops, learner: Learner, core: Core, lts_packages: Path, package: str, modes: list[str]
) -> None:
    course_id = install(core, lts_packages / f"{package}.zip")
    for mode in modes:
        result = run_lts_au(qtbot, ops, learner, course_id, package, mode)
        assert result.get("success") is True, result
        assert result.get("isError") is False, result
    said = verbs(learner)
    assert said.count(Verb.LAUNCHED) == len(modes)
    if not package.startswith("008"):
        assert said.count(Verb.TERMINATED) == len(modes) and Verb.ABANDONED not in said


def test_the_return_url_is_the_players_endpoint(qtbot, ops, learner: Learner, core: Core):
    course_id = install(core, MASTERY)
    player = open_cmi5(qtbot, ops, learner, course_id)
    assert player.launched is not None
    assert player.launched.launch.session.launch_data()["returnURL"] == bridge_url("cmi5-return")
    close_player(qtbot, player)


def two_au_package(tmp_path: Path) -> Path:
    """The mastery-score sample with a second AU (same pages, its own id and title)."""
    out = tmp_path / "two-aus.zip"
    with zipfile.ZipFile(MASTERY) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "cmi5.xml":
                text = data.decode()
                start = text.index("<au ")
                end = text.index("</au>") + len("</au>")
                second = text[start:end].replace("responsive/1", "responsive/2")
                second = second.replace("Mastery Score</langstring>", "Part two</langstring>", 1)
                data = (text[:end] + second + text[end:]).encode()
            dst.writestr(info, data)
    return out


def test_an_item_with_several_aus_lets_the_learner_choose(
    qtbot, ops, learner: Learner, core: Core, tmp_path: Path, errors
) -> None:
    course_id = install(core, two_au_package(tmp_path))
    player = open_cmi5(qtbot, ops, learner, course_id)
    assert player.au_box.isVisible() and player.au_box.count() == 2
    assert player.au_label.buddy() is player.au_box
    first = player.au_id
    assert player.au_box.currentData() == first
    qtbot.waitUntil(lambda: Verb.INITIALIZED in verbs(learner), timeout=LOAD_MS)
    player.au_box.setCurrentIndex(1)
    player.au_box.activated.emit(1)  # as a learner choosing it with the keyboard
    second = player.au_box.itemData(1)

    def relaunched() -> bool:
        launched = player.launched
        return launched is not None and launched.launch.au.id == second and player._started

    qtbot.waitUntil(relaunched, timeout=LOAD_MS)
    assert player.title_label.text().endswith("Part two")
    qtbot.waitUntil(lambda: verbs(learner).count(Verb.LAUNCHED) == 2, timeout=LOAD_MS)
    close_player(qtbot, player)
    said = verbs(learner)
    assert said.count(Verb.TERMINATED) + said.count(Verb.ABANDONED) == 2  # each session ended
    assert errors == []


def test_lts_102_zip64_au_opens_and_is_abandoned_when_closed(
    qtbot, ops, learner: Learner, core: Core, lts_packages: Path, errors
) -> None:
    """102's AU page loads from the zip64 package; its script is empty (the package checks the
    import), so it never initializes: closing the player abandons the session."""
    course_id = install(core, lts_packages / "102-zip64.zip")
    player = open_cmi5(qtbot, ops, learner, course_id)
    assert js(qtbot, player, "document.title") == "102-zip64 - Project CATAPULT"
    close_player(qtbot, player)
    assert verbs(learner) == [Verb.LAUNCHED, Verb.ABANDONED]
    assert errors == []


WEB_AU_TEXT = "document.body.innerText"


def test_lts_101_a_thousand_web_aus_are_listed_and_say_they_need_the_web(
    qtbot, ops, learner: Learner, core: Core, lts_packages: Path, errors
) -> None:
    """101's thousand AUs are at http://example.com: the learner can pick any of them, and
    each says it cannot open offline; none is launched (no endpoint, no statements)."""
    course_id = install(core, lts_packages / "101-one-thousand-aus.xml")
    player = open_cmi5(qtbot, ops, learner, course_id)
    assert player.au_box.isVisible() and player.au_box.count() == 1001
    assert player.au_box.currentIndex() == 0
    assert "cannot be opened" in js(qtbot, player, WEB_AU_TEXT)
    for index in (1, 500, 1000):  # a handful, through the list as the learner would
        au_id = player.au_box.itemData(index)
        player.au_box.setCurrentIndex(index)
        player.au_box.activated.emit(index)

        def shown(au_id: str = au_id) -> bool:
            launched = player.launched
            return launched is not None and launched.launch.au.id == au_id and \
                player._started and player.load_ok is True  # fmt: skip

        qtbot.waitUntil(shown, timeout=LOAD_MS)
        text = js(qtbot, player, WEB_AU_TEXT)
        assert f"{index}" in text and "cannot be opened" in text
    close_player(qtbot, player)
    assert verbs(learner) == []
    assert errors == []
