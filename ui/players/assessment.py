"""The assessment player: intro, one question at a time, review, submit, result.

    player = AssessmentPlayer(ops, learner, course_id, item_id)   (see ui.players.base)

Every call on the attempt (start, answer, review, tick, submit) goes through `ops`, one at a
time in the order the learner made them (`SerialOps`): an answer typed just before Submit is
recorded before the attempt is graded. Each answer is recorded as it is given, so closing the
app or a crash loses nothing, and reopening the item resumes the attempt with its answers and
its clock (the core's boot-time timer keeps running while the app is closed).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from app.assessment.attempt import EXPIRED, IN_PROGRESS, AttemptClosed, ReviewRow
from app.errors import InvalidInput, KyoError
from app.learning_assessment import AssessmentOverview, AssessmentRun
from ui.players.assessment_questions import QuestionInput
from ui.players.assessment_screens import IntroScreen, Outcome, ResultScreen, ReviewScreen
from ui.players.assessment_view import QuestionScreen
from ui.players.base import ItemPlayer

if TYPE_CHECKING:
    from app.assessment.paper import Question
    from app.learning import Learner
    from ui.ops import Ops

TICK_MS = 1000  # the clock on screen
CHECKPOINT_TICKS = 30  # save the timer's checkpoint every half minute (see AssessmentRun.tick)
_UNSET = object()


def _reraise(exc: BaseException) -> Callable[[], None]:
    def work() -> None:
        raise exc

    return work


class SerialOps:
    """Work for one attempt, through `ops`, one job at a time in the order given. (The ops pool
    has several workers: two answers, or an answer and Submit, could otherwise cross.)"""

    def __init__(self, ops: Ops) -> None:
        self.ops = ops
        self._queue: deque[tuple[Callable[[], Any], Callable[[Any], None], Any]] = deque()
        self._running = False

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        self._queue.append((work, on_done, on_error))
        self._next()

    def _next(self) -> None:
        if self._running or not self._queue:
            return
        self._running = True
        work, on_done, on_error = self._queue.popleft()
        self.ops.run(
            work,
            lambda result: self._finish(on_done, result),
            lambda exc: self._finish(on_error, exc, failed=True),
        )

    def _finish(self, callback: Any, value: Any, failed: bool = False) -> None:
        self._running = False
        if failed and callback is None:
            # The window's one error presenter, reached the only way ops offers.
            self.ops.run(_reraise(value), lambda _none: None)
        else:
            callback(value)
        self._next()

    @property
    def idle(self) -> bool:
        return not self._running and not self._queue


@dataclass(frozen=True)
class Loaded:
    """An attempt as opened off the GUI thread: the GUI reads only this snapshot."""

    run: AssessmentRun
    questions: list[Question]
    options: dict[str, tuple[str, ...]]
    rows: list[ReviewRow]


class AssessmentPlayer(ItemPlayer):
    def __init__(
        self,
        ops: Ops,
        learner: Learner,
        course_id: str,
        item_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ops, learner, course_id, item_id, parent)
        self.serial = SerialOps(ops)
        self.run: AssessmentRun | None = None
        self.loaded: Loaded | None = None
        self.recorded: dict[str, Any] = {}  # question id -> the response last sent
        self.concluding = False
        self.closed = False
        self.ticks = 0
        self.intro, self.questions = IntroScreen(), QuestionScreen()
        self.review, self.result = ReviewScreen(), ResultScreen()
        self.stack = QStackedWidget()
        for screen in (self.intro, self.questions, self.review, self.result):
            self.stack.addWidget(screen)
        QVBoxLayout(self).addWidget(self.stack)
        self.clock = QTimer(self)
        self.clock.setInterval(TICK_MS)
        self.clock.timeout.connect(self._tick)
        self._connect()
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self._escape)
        self.retranslate()
        self.load()

    def _connect(self) -> None:
        self.intro.start_requested.connect(self.start)
        self.intro.back_requested.connect(self.finished)
        self.questions.go_requested.connect(self.go)
        self.questions.browse_requested.connect(lambda index: self.go(index, focus=False))
        self.questions.review_requested.connect(self.show_review)
        self.questions.clear_requested.connect(self._clear_answer)
        self.review.back_requested.connect(lambda: self.go(self.questions.index))
        self.review.jump_requested.connect(self.go)
        self.review.submit_confirmed.connect(self.conclude)
        self.result.retry_requested.connect(self.load)
        self.result.back_requested.connect(self.finished)

    # the contract with the window

    def retranslate(self) -> None:
        for screen in (self.intro, self.questions, self.review, self.result):
            screen.retranslate()
        self.setAccessibleName(self.tr("Assessment"))

    def on_shown(self) -> None:
        screen = self.stack.currentWidget()
        getattr(screen, "focus", screen.setFocus)()

    def close_item(self, done: Callable[[], None]) -> None:
        """Leave the attempt as it is: answers are saved as given; the one being typed is
        recorded first, then done()."""
        self.closed = True
        self.clock.stop()
        if self.run is not None and not self.concluding:
            self.questions.flush()
        self.serial.run(lambda: None, lambda _none: done(), lambda _exc: done())

    # intro and start

    def load(self) -> None:
        """The intro, or straight back into an attempt left open."""
        self.run, self.loaded, self.recorded, self.concluding = None, None, {}, False
        self.intro.set_overview(None)
        self._show(self.intro)
        self.ops.run(
            lambda: self.learner.assessment_overview(self.course_id, self.item_id),
            self._overview_loaded,
        )

    def _overview_loaded(self, overview: AssessmentOverview) -> None:
        self.intro.set_overview(overview)
        if overview.open_attempt:
            self.start()
            return
        self._show(self.intro)

    def start(self) -> None:
        def work() -> Loaded:
            run = self.learner.start_assessment(self.course_id, self.item_id)
            questions = run.questions()
            options = {q.id: run.options(q.id) for q in questions}
            return Loaded(run, questions, options, run.review())

        self.intro.start_button.setEnabled(False)
        self.serial.run(work, self._opened, self._open_failed)

    def _opened(self, loaded: Loaded) -> None:
        self.intro.start_button.setEnabled(True)
        self.run, self.loaded = loaded.run, loaded
        self.recorded = {row.question.id: row.response for row in loaded.rows}
        if loaded.run.state.status != IN_PROGRESS:  # its time ran out while the app was closed
            self.conclude()
            return
        self.questions.set_attempt(loaded.run.paper.title, loaded, self._input_made)
        first = next((i for i, row in enumerate(loaded.rows) if not row.answered), 0)
        self.ticks = 0
        self._tick()
        self.clock.start()
        self.go(first)

    def _open_failed(self, exc: BaseException) -> None:
        self.intro.start_button.setEnabled(True)
        if not isinstance(exc, KyoError):
            self.serial.ops.run(_reraise(exc), lambda _none: None)
            return
        self.intro.note.setText(exc.message)  # e.g. no attempts left
        self.intro.start_button.hide()
        self._show(self.intro)

    # answering

    def _input_made(self, widget: QuestionInput) -> None:
        widget.changed.connect(lambda: self._record(widget.question.id, widget.response()))

    def _record(self, question_id: str, response: Any) -> None:
        run = self.run
        if run is None or self.concluding or self.recorded.get(question_id, _UNSET) == response:
            return
        self.recorded[question_id] = response
        self.serial.run(
            lambda: run.answer(question_id, response),
            lambda _none: self.questions.mark(question_id, response is not None),
            lambda exc: self._answer_failed(question_id, exc),
        )

    def _answer_failed(self, question_id: str, exc: BaseException) -> None:
        if isinstance(exc, AttemptClosed):  # the time ran out: the core closed the attempt
            self.conclude()
        elif isinstance(exc, InvalidInput):
            self.questions.show_error(question_id, exc.message)
            self._record(question_id, None)  # what is shown is no answer: keep none
        else:
            self.serial.ops.run(_reraise(exc), lambda _none: None)

    def _clear_answer(self) -> None:
        widget = self.questions.current_input()
        if widget is not None:
            widget.clear()
            self.questions.show_error(widget.question.id, "")

    # moving about

    def go(self, index: int, focus: bool = True) -> None:
        if self.loaded is None or self.concluding:
            return
        self.questions.flush()
        self.stack.setCurrentWidget(self.questions)
        self.questions.show_question(index, focus)

    def show_review(self) -> None:
        run = self.run
        if run is None or self.concluding:
            return
        self.questions.flush()
        self.serial.run(run.review, self._review_loaded)

    def _review_loaded(self, rows: list[ReviewRow]) -> None:
        if self.concluding:
            return
        self.review.set_rows(rows)
        self._show(self.review)

    def _escape(self) -> None:
        if self.stack.currentWidget() is self.review and self.review.asking():
            self.review.cancel()
        else:
            self.finished.emit()

    def _show(self, screen: QWidget) -> None:
        self.stack.setCurrentWidget(screen)
        self.on_shown()

    # the clock

    def _tick(self) -> None:
        """Once a second: the time left (arithmetic on the clocks, no disk), the checkpoint
        every half minute, and Submit when the time is up."""
        run = self.run
        if run is None or self.concluding:
            return
        remaining = run.remaining_s()
        self.questions.set_remaining(remaining)
        if remaining is not None and remaining <= 0:
            self.conclude()
            return
        self.ticks += 1
        if remaining is not None and self.ticks % CHECKPOINT_TICKS == 0:
            self.serial.run(run.tick, lambda _left: None)

    # the end

    def conclude(self) -> None:
        """Submit (or, when the time ran out, let the core close the attempt as expired) and
        show the result."""
        run = self.run
        if run is None or self.concluding:
            return
        self.questions.flush()  # recorded first: the serial queue keeps the order
        self.concluding = True
        self.clock.stop()
        self.serial.run(lambda: self._outcome(run), self._concluded)

    def _outcome(self, run: AssessmentRun) -> Outcome:
        """Off the GUI thread: the grade, and what it changed for the course."""
        grade = run.submit() if run.state.status == IN_PROGRESS else run.state.result
        assert grade is not None  # a closed attempt always carries its grade
        view = self.learner.course(self.course_id)
        completed = view.status.status == "completed"
        certificate = completed and any(
            c.course_id == self.course_id for c in self.learner.certificates()
        )
        overview = self.learner.assessment_overview(self.course_id, self.item_id)
        return Outcome(
            grade=grade,
            expired=run.state.status == EXPIRED,
            pass_mark=run.paper.pass_mark,
            course_title=view.manifest.title,
            course_completed=completed,
            certificate=certificate,
            attempts_left=overview.attempts_left,
        )

    def _concluded(self, outcome: Outcome) -> None:
        order = [q.id for q in self.loaded.questions] if self.loaded else []
        self.result.set_outcome(outcome, order)
        self.questions.set_remaining(None)
        self._show(self.result)
