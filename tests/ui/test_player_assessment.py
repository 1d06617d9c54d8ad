"""The assessment player, driven by the keyboard through pytest-qt: the real core, a real
encrypted profile, the demo course's sealed quiz and a sealed paper with every question type;
the exam clocks are the facade's injectable ones."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QCheckBox, QWidget

from app.assessment.grading import normalize
from app.content import DEMO_COURSE_ID
from app.core import Core
from app.errors import InvalidInput
from app.learning import Learner
from app.platform import DEMO_DIR
from content_cache import sealing
from tests.assessment.conftest import KEY_DOC, paper_doc
from tests.assessment.conftest import RIGHT as ALL_RIGHT
from tests.conftest import PASS
from tests.content.conftest import course_doc, make_package
from tests.learning.test_whole_course import ExamClocks
from tests.support.demo import RIGHT, WRONG, learn_all_but_the_quiz
from ui.ops import ImmediateExecutor, Ops
from ui.players.assessment import AssessmentPlayer, SerialOps
from ui.players.assessment_questions import ButtonsInput, MatchingInput, OrderingInput, TypedInput
from ui.translations import Translations

ALL_TYPES_COURSE = "urn:test:course:all-types"
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def clocks() -> ExamClocks:
    return ExamClocks()


@pytest.fixture
def learner(core: Core, clocks: ExamClocks) -> Iterator[Learner]:
    core.content.seed_demo()
    core.profiles.create("Asha", PASS)
    session = core.profiles.unlock("Asha", PASS)
    yield core.learner(session, assessment_clocks=clocks)
    session.close()


Opener = Callable[..., AssessmentPlayer]


@pytest.fixture
def open_player(qtbot, learner: Learner) -> Iterator[Opener]:
    """A player on its own window; ops at once unless an executor is given. Errors that reach
    the window's presenter are collected: a test fails if any arrive unexpected."""
    errors: list[BaseException] = []
    pools: list[ThreadPoolExecutor] = []

    def open_(
        course: str = DEMO_COURSE_ID, item: str = "final-quiz", pool: bool = False
    ) -> AssessmentPlayer:
        executor = ThreadPoolExecutor(4) if pool else ImmediateExecutor()
        if pool:
            pools.append(executor)  # type: ignore[arg-type]
        player = AssessmentPlayer(Ops(errors.append, executor), learner, course, item)
        qtbot.addWidget(player)
        player.resize(1000, 720)
        player.show()
        qtbot.waitExposed(player)
        player.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is player, timeout=2000)
        player.on_shown()
        return player

    yield open_
    for executor in pools:
        executor.shutdown(wait=True)
    assert errors == []


def install_all_types(core: Core, tmp_path: Path, **paper: Any) -> None:
    """A course whose assessment has every question type, its key sealed as a platform would
    (to the demo assessment key this installation grades with)."""
    paper_bytes = json.dumps(paper_doc(**paper)).encode()
    recipient, _label = sealing.parse_public((DEMO_DIR / "demo-assessment.pub").read_text())
    aad = sealing.assessment_aad(ALL_TYPES_COURSE, "quiz", paper_bytes)
    sealed = sealing.seal(json.dumps(KEY_DOC).encode(), recipient, aad)
    item = {"id": "quiz", "kind": "assessment", "title": {"en": "Quiz"}, "src": "quiz/final.json"}
    module = {"id": "m1", "title": {"en": "Check"}, "items": [item]}
    doc = course_doc(ALL_TYPES_COURSE, modules=[module])
    files = {"quiz/final.json": paper_bytes, "quiz/final.key.sealed": sealed}
    core.content.install(str(make_package(tmp_path / "all-types.zip", doc, files)))


# --- the keyboard ----------------------------------------------------------------------------


def focused(qtbot) -> QWidget:
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2000)
    return QApplication.focusWidget()


def key(qtbot, k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(qtbot), k, modifier)


def press(qtbot, button: QAbstractButton) -> None:
    """The button's Alt+letter (its mnemonic, from its text), from wherever the focus is.
    A mnemonic animates the click for 100 ms: wait for it."""
    letter = button.text().split("&", 1)[1][0].upper()
    with qtbot.waitSignal(button.clicked, timeout=2000):
        key(qtbot, getattr(Qt.Key, f"Key_{letter}"), ALT)


def type_text(qtbot, text: str) -> None:
    """Key events carrying each character (qtbot.keyClicks with Devanagari aborts Qt 6.12)."""
    for char in text:
        widget = focused(qtbot)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def current_id(player: AssessmentPlayer) -> str:
    widget = player.questions.current_input()
    assert widget is not None
    return widget.question.id


def choose(qtbot, player: AssessmentPlayer, response: Any) -> None:
    """Answer the question shown, by keyboard, starting from the focus the player gives."""
    widget = player.questions.current_input()
    if isinstance(widget, ButtonsInput) and widget.multiple:
        for _button in widget.buttons():  # Tab walks the boxes; Space ticks the right ones
            box = focused(qtbot)
            assert isinstance(box, QCheckBox)
            if box.property("choice_id") in response and not box.isChecked():
                key(qtbot, Qt.Key.Key_Space)
            key(qtbot, Qt.Key.Key_Tab)
    elif isinstance(widget, ButtonsInput):
        wanted = {True: "true", False: "false"}.get(response, response)
        key(qtbot, Qt.Key.Key_Space)
        for _step in widget.buttons():
            if widget.response() == wanted:
                break
            key(qtbot, Qt.Key.Key_Down)  # in a group, arrows move the choice
    elif isinstance(widget, TypedInput):
        key(qtbot, Qt.Key.Key_A, CTRL)
        type_text(qtbot, str(response))
    elif isinstance(widget, OrderingInput):
        put_in_order(qtbot, widget, response)
    elif isinstance(widget, MatchingInput):
        match(qtbot, widget, response)


def put_in_order(qtbot, widget: OrderingInput, order: list[str]) -> None:
    for place, wanted in enumerate(order):
        row = widget.ids().index(wanted)
        while widget.list.currentRow() != row:
            key(qtbot, Qt.Key.Key_Down if widget.list.currentRow() < row else Qt.Key.Key_Up)
        for _step in range(row - place):
            key(qtbot, Qt.Key.Key_Up, CTRL)
    press(qtbot, widget.keep_button)  # it may have been right as shown


def match(qtbot, widget: MatchingInput, pairs: dict[str, str]) -> None:
    for box in widget.boxes:
        assert focused(qtbot) is box
        while box.currentData() != pairs[box.property("item_id")]:
            key(qtbot, Qt.Key.Key_Down)
        key(qtbot, Qt.Key.Key_Tab)


def answer_all(qtbot, player: AssessmentPlayer, answers: dict[str, Any]) -> None:
    """Every question in the attempt's order, moving on with Alt+N; ends on the last one."""
    total = len(player.questions.loaded.questions)  # type: ignore[union-attr]
    for index in range(total):
        assert player.questions.index == index
        choose(qtbot, player, answers[current_id(player)])
        if index < total - 1:
            press(qtbot, player.questions.next_button)


def start(qtbot, player: AssessmentPlayer) -> None:
    qtbot.waitUntil(lambda: player.intro.start_button.isVisible(), timeout=3000)
    assert focused(qtbot) is player.intro.start_button
    press(qtbot, player.intro.start_button)
    qtbot.waitUntil(lambda: player.stack.currentWidget() is player.questions, timeout=3000)


def submit(qtbot, player: AssessmentPlayer) -> None:
    press(qtbot, player.questions.review_button)
    qtbot.waitUntil(lambda: player.stack.currentWidget() is player.review, timeout=3000)
    press(qtbot, player.review.submit_button)
    assert player.review.asking() and focused(qtbot) is player.review.yes_button
    key(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: player.stack.currentWidget() is player.result, timeout=5000)


# --- the tests -------------------------------------------------------------------------------


def test_demo_quiz_by_keyboard_passes_and_completes_the_course(
    qtbot, open_player: Opener, learner: Learner
) -> None:
    learn_all_but_the_quiz(learner)
    player = open_player()
    facts = player.intro.facts.text()
    assert "Questions: 5" in facts and "Time limit: 10 min" in facts
    assert "Attempts left: 3" in facts and "Pass mark: 60 %" in facts
    start(qtbot, player)
    assert player.questions.clock_label.text() == "Time left: 10:00"
    answer_all(qtbot, player, RIGHT)
    submit(qtbot, player)
    assert player.result.title.text() == "Passed"
    assert "Your score: 100 % (5 of 5 points)" in player.result.score.text()
    assert "Your certificate is ready" in player.result.next_steps.text()
    assert not player.result.retry_button.isVisible()
    rows = [player.result.list.item(i).text() for i in range(player.result.list.count())]
    assert rows == [f"Question {n}: right" for n in range(1, 6)]
    assert learner.course(DEMO_COURSE_ID).status.status == "completed"
    assert [c.course_id for c in learner.certificates()] == [DEMO_COURSE_ID]


def test_wrong_answers_fail_with_the_score_and_offer_another_try(
    qtbot, open_player: Opener, learner: Learner
) -> None:
    player = open_player()
    start(qtbot, player)
    answer_all(qtbot, player, WRONG)
    submit(qtbot, player)
    assert player.result.title.text() == "Not passed"
    assert player.result.score.text() == ("Your score: 0 % (0 of 5 points). The pass mark is 60 %.")
    assert player.result.next_steps.text() == "You can try again. Attempts left: 2."
    assert "Question 1: wrong" in player.result.list.item(0).text()
    assert focused(qtbot) is player.result.retry_button
    press(qtbot, player.result.retry_button)
    qtbot.waitUntil(lambda: "Attempts left: 2" in player.intro.facts.text(), timeout=3000)
    assert "Your last score: 0 % (not passed)" in player.intro.facts.text()
    overview = learner.assessment_overview(DEMO_COURSE_ID, "final-quiz")
    assert overview.closed_attempts == 1 and not overview.last_grade.passed  # type: ignore[union-attr]


def test_no_attempts_left_says_so(qtbot, open_player: Opener, learner: Learner) -> None:
    for _attempt in range(3):
        run = learner.start_assessment(DEMO_COURSE_ID, "final-quiz")
        run.submit()
    player = open_player()
    qtbot.waitUntil(lambda: player.intro.overview is not None, timeout=3000)
    assert "used every attempt this assessment allows (3)" in player.intro.note.text()
    assert not player.intro.start_button.isVisible()
    assert focused(qtbot) is player.intro.back_button
    with qtbot.waitSignal(player.finished):
        key(qtbot, Qt.Key.Key_Escape)


def go_to(qtbot, player: AssessmentPlayer, question_id: str) -> None:
    """Back to the first question with Alt+P, then on with Alt+N to `question_id`."""
    while player.questions.prev_button.isEnabled():
        press(qtbot, player.questions.prev_button)
    while current_id(player) != question_id:
        assert player.questions.next_button.isEnabled(), f"no question {question_id}"
        press(qtbot, player.questions.next_button)


def test_numbers_in_devanagari_digits_and_a_refused_comma(
    qtbot, open_player: Opener, learner: Learner
) -> None:
    player = open_player()
    start(qtbot, player)
    go_to(qtbot, player, "q4")
    type_text(qtbot, "3,5")
    key(qtbot, Qt.Key.Key_Return)  # leaving the field records it: the core refuses it
    error = player.questions.error
    assert error.isVisible()
    assert error.text() == "Type a number, with a point for decimals (for example 3.5)."
    assert "q4" not in player.run.state.responses  # type: ignore[union-attr]
    key(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, "६")
    row = player.questions.index
    # Straight to the review, before typing pauses: what was typed is recorded first.
    press(qtbot, player.questions.review_button)
    qtbot.waitUntil(lambda: player.stack.currentWidget() is player.review, timeout=3000)
    assert player.run.state.responses["q4"] == 6.0  # type: ignore[union-attr]
    assert player.review.list.item(row).text().endswith("Your answer: 6")
    press(qtbot, player.review.back_button)
    assert not error.isVisible()
    assert player.questions.list.item(row).text() == f"{row + 1}. Answered"


def test_ordering_and_matching_by_keyboard(
    qtbot, open_player: Opener, learner: Learner, core: Core, tmp_path: Path
) -> None:
    install_all_types(core, tmp_path)
    player = open_player(ALL_TYPES_COURSE, "quiz")
    start(qtbot, player)
    go_to(qtbot, player, "order")
    assert "Ctrl+Up" in player.questions.how.text()
    choose(qtbot, player, ALL_RIGHT["order"])
    assert player.run.state.responses["order"] == ALL_RIGHT["order"]  # type: ignore[union-attr]
    go_to(qtbot, player, "match")
    widget = player.questions.current_input()
    assert isinstance(widget, MatchingInput)
    first = widget.boxes[0]
    while first.currentData() != ALL_RIGHT["match"][first.property("item_id")]:
        key(qtbot, Qt.Key.Key_Down)
    assert widget.hint.text().startswith("1 of 3 matched")
    assert "match" not in player.run.state.responses  # type: ignore[union-attr]
    choose(qtbot, player, ALL_RIGHT["match"])
    assert player.run.state.responses["match"] == ALL_RIGHT["match"]  # type: ignore[union-attr]
    submit(qtbot, player)
    order = [q.id for q in player.loaded.questions]  # type: ignore[union-attr]
    texts = [player.result.list.item(i).text() for i in range(len(order))]
    for number, (qid, text) in enumerate(zip(order, texts, strict=True), 1):
        verdict = "right" if qid in ("order", "match") else "not answered"
        assert text == f"Question {number}: {verdict}"
    assert "(2 of 7 points)" in player.result.score.text()


def test_the_clock_warns_and_submits_when_time_runs_out(
    qtbot, open_player: Opener, learner: Learner, clocks: ExamClocks
) -> None:
    player = open_player()
    start(qtbot, player)
    choose(qtbot, player, RIGHT[current_id(player)])
    clocks.advance(545)
    qtbot.waitUntil(
        lambda: player.questions.clock_label.text() == "Less than a minute left: 0:55",
        timeout=3000,
    )
    clocks.advance(55)
    qtbot.waitUntil(lambda: player.stack.currentWidget() is player.result, timeout=3000)
    assert player.result.score.text().startswith("The time ran out")
    assert "(1 of 5 points)" in player.result.score.text()
    overview = learner.assessment_overview(DEMO_COURSE_ID, "final-quiz")
    assert overview.closed_attempts == 1 and overview.last_grade.scaled == 0.2  # type: ignore[union-attr]


def test_closing_mid_attempt_and_reopening_resumes(
    qtbot, open_player: Opener, learner: Learner, clocks: ExamClocks
) -> None:
    player = open_player()
    start(qtbot, player)
    first = current_id(player)
    choose(qtbot, player, RIGHT[first])
    press(qtbot, player.questions.next_button)
    second = current_id(player)
    choose(qtbot, player, RIGHT[second])

    def kept() -> dict[str, Any]:
        return learner.start_assessment(DEMO_COURSE_ID, "final-quiz").state.responses

    # Recorded as given (typed text when typing pauses), without leaving the question.
    qtbot.waitUntil(lambda: {first, second} <= set(kept()), timeout=3000)
    closed: list[bool] = []
    player.close_item(lambda: closed.append(True))
    assert closed == [True]
    clocks.advance(100)

    again = open_player()
    qtbot.waitUntil(lambda: again.stack.currentWidget() is again.questions, timeout=3000)
    assert again.questions.clock_label.text() == "Time left: 8:20"
    assert current_id(again) not in (first, second)  # the first question not answered
    rows = [again.questions.list.item(i).text() for i in range(5)]
    assert rows[:2] == ["1. Answered", "2. Answered"] and rows[2] == "3. Not answered"
    press(qtbot, again.questions.prev_button)
    press(qtbot, again.questions.prev_button)
    widget = again.questions.current_input()
    assert widget is not None and widget.question.id == first
    assert normalize(widget.question, widget.response()) == kept()[first]


def test_answers_then_submit_keep_their_order_on_a_thread_pool(
    qtbot, open_player: Opener, learner: Learner
) -> None:
    player = open_player(pool=True)
    start(qtbot, player)
    answer_all(qtbot, player, RIGHT)  # the last answer is still being typed: flushed by Review
    submit(qtbot, player)
    assert player.result.title.text() == "Passed"
    assert "(5 of 5 points)" in player.result.score.text()


def test_hindi_while_answering_and_escape_cancels_the_confirmation(
    qtbot, qapp, open_player: Opener, learner: Learner
) -> None:
    player = open_player()
    start(qtbot, player)
    go_to(qtbot, player, "q1")
    choose(qtbot, player, "b")
    question = player.questions.current_input().question  # type: ignore[union-attr]
    translations = Translations(qapp)
    try:
        translations.apply("hi")
        qtbot.waitUntil(lambda: player.questions.prompt.text() == question.prompt["hi"])
        widget = player.questions.current_input()
        assert isinstance(widget, ButtonsInput)
        labels = {label.text() for label in widget.labels}
        assert labels == {option.text["hi"] for option in question.options}
        assert widget.response() == "b"  # the answer stays as given
    finally:
        translations.apply("en")
    qtbot.waitUntil(lambda: player.questions.prompt.text() == question.prompt["en"])
    press(qtbot, player.questions.review_button)
    qtbot.waitUntil(lambda: player.stack.currentWidget() is player.review, timeout=3000)
    assert player.review.summary.text() == "1 of 5 questions answered; 4 not answered."
    press(qtbot, player.review.submit_button)
    assert "Questions not answered score nothing." in player.review.question.text()
    key(qtbot, Qt.Key.Key_Escape)
    assert not player.review.asking() and focused(qtbot) is player.review.submit_button
    assert player.run.state.status == "in_progress"  # type: ignore[union-attr]


def test_serial_ops_one_job_at_a_time_in_order_errors_to_the_presenter(qtbot) -> None:
    errors: list[BaseException] = []
    log: list[str] = []
    with ThreadPoolExecutor(4) as pool:
        serial = SerialOps(Ops(errors.append, pool))

        def slow() -> None:
            time.sleep(0.2)
            log.append("slow")

        def refused() -> None:
            raise InvalidInput("no")

        serial.run(slow, lambda _none: log.append("slow done"))
        serial.run(refused, lambda _none: log.append("never"))
        serial.run(lambda: log.append("quick"), lambda _none: log.append("quick done"))
        qtbot.waitUntil(lambda: serial.idle and len(errors) == 1, timeout=3000)
    assert log == ["slow", "slow done", "quick", "quick done"]
    assert isinstance(errors[0], InvalidInput)
