"""The assessment player's screens around the questions: the intro before an attempt, the
review before submitting (with its confirmation), and the result.

Each screen only shows data it is given (made by the player's work off the GUI thread) and
says in signals what the learner asked for. Every text is set in `retranslate`.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.assessment.attempt import ReviewRow
from app.assessment.grading import Grade, QuestionResult
from app.i18n import text_in
from app.learning_assessment import AssessmentOverview
from ui.players.assessment_questions import describe
from ui.widgets import heading


@dataclass(frozen=True)
class Outcome:
    """An attempt closed: its grade, and what it means for the learner next."""

    grade: Grade
    expired: bool  # the time ran out
    pass_mark: float
    course_title: dict[str, str]
    course_completed: bool
    certificate: bool  # the course's certificate exists
    attempts_left: int | None  # None: no limit


def percent(fraction: float) -> str:
    return f"{round(fraction * 100)} %"


def points(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0")


def wrapped(parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
    return label


class IntroScreen(QWidget):
    """What the assessment is before an attempt starts: the clock starts only with Start."""

    start_requested = Signal()
    back_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.overview: AssessmentOverview | None = None
        self.title = heading()
        self.facts = wrapped()
        self.note = wrapped()
        self.start_button, self.back_button = QPushButton(), QPushButton()
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start_requested)
        self.back_button.clicked.connect(self.back_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.facts, self.note):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def set_overview(self, overview: AssessmentOverview) -> None:
        self.overview = overview
        self.retranslate()

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("&Back to the course"))
        overview = self.overview
        if overview is None:
            self.title.setText(self.tr("Loading the assessment…"))
            self.start_button.hide()
            return
        paper = overview.paper
        self.title.setText(text_in(paper.title))
        self.facts.setText("\n".join(self._facts(overview)))
        self.start_button.setVisible(overview.can_start)
        self.start_button.setText(self.tr("&Start the assessment"))
        if not overview.can_start:
            self.note.setText(
                self.tr("You have used every attempt this assessment allows (%1).").replace(
                    "%1", str(paper.attempts)
                )
            )
        elif paper.time_limit_s:
            self.note.setText(
                self.tr(
                    "The clock starts when you press Start and keeps running if you close the "
                    "app. Each answer is saved as you give it."
                )
            )
        else:
            self.note.setText(self.tr("Each answer is saved as you give it."))

    def _facts(self, overview: AssessmentOverview) -> list[str]:
        paper = overview.paper
        facts = [self.tr("Questions: %1").replace("%1", str(len(paper.questions)))]
        if paper.time_limit_s:
            limit = str(max(1, round(paper.time_limit_s / 60)))
            facts.append(self.tr("Time limit: %1 min").replace("%1", limit))
        else:
            facts.append(self.tr("No time limit"))
        if overview.attempts_left is None:
            facts.append(self.tr("Attempts: no limit"))
        else:
            facts.append(self.tr("Attempts left: %1").replace("%1", str(overview.attempts_left)))
        facts.append(self.tr("Pass mark: %1").replace("%1", percent(paper.pass_mark)))
        grade = overview.last_grade
        if grade is not None and overview.best_scaled is not None:
            verdict = self.tr("passed") if grade.passed else self.tr("not passed")
            facts.append(
                self.tr("Your last score: %1 (%2). Your best: %3.")
                .replace("%1", percent(grade.scaled))
                .replace("%2", verdict)
                .replace("%3", percent(overview.best_scaled))
            )
        return facts

    def focus(self) -> None:
        (self.start_button if self.start_button.isVisible() else self.back_button).setFocus()


class ReviewScreen(QWidget):
    """Every question, answered or not, before submitting; Submit asks to confirm here (not in
    a dialog), with Cancel at hand."""

    back_requested = Signal()
    jump_requested = Signal(int)  # the question's place in the attempt
    submit_confirmed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[ReviewRow] = []
        self.title = heading()
        self.summary = wrapped()
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setSpacing(4)
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(lambda item: self.jump_requested.emit(self.list.row(item)))
        self.back_button, self.submit_button = QPushButton(), QPushButton()
        self.back_button.clicked.connect(self.back_requested)
        self.submit_button.clicked.connect(self.ask)
        self.confirm = QFrame()
        self.confirm.setFrameShape(QFrame.Shape.StyledPanel)
        self.question = wrapped()
        bold = QFont(self.question.font())
        bold.setBold(True)
        self.question.setFont(bold)
        self.yes_button, self.cancel_button = QPushButton(), QPushButton()
        self.yes_button.clicked.connect(self.submit_confirmed)
        self.cancel_button.clicked.connect(self.cancel)
        confirm_buttons = QHBoxLayout()
        confirm_buttons.addWidget(self.yes_button)
        confirm_buttons.addWidget(self.cancel_button)
        confirm_buttons.addStretch(1)
        confirm_layout = QVBoxLayout(self.confirm)
        confirm_layout.addWidget(self.question)
        confirm_layout.addLayout(confirm_buttons)
        self.confirm.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.submit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.confirm)
        layout.addLayout(buttons)

    def set_rows(self, rows: list[ReviewRow]) -> None:
        self.rows = rows
        self.cancel()
        self.retranslate()
        self.list.setCurrentRow(0)

    def unanswered(self) -> int:
        return sum(1 for row in self.rows if not row.answered)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Review your answers"))
        answered = len(self.rows) - self.unanswered()
        self.summary.setText(
            self.tr("%1 of %2 questions answered; %3 not answered.")
            .replace("%1", str(answered))
            .replace("%2", str(len(self.rows)))
            .replace("%3", str(self.unanswered()))
        )
        self.list.setAccessibleName(self.tr("Your answers; press Enter to change one"))
        current = self.list.currentRow()
        self.list.clear()
        for number, row in enumerate(self.rows, 1):
            self.list.addItem(QListWidgetItem(self._row_text(number, row)))
        self.list.setCurrentRow(current)
        self.back_button.setText(self.tr("&Back to the questions"))
        self.submit_button.setText(self.tr("&Submit…"))
        self.yes_button.setText(self.tr("&Yes, submit"))
        self.cancel_button.setText(self.tr("&Cancel"))
        message = self.tr("Submit your answers now? You cannot change them afterwards.")
        if self.unanswered():
            message += " " + self.tr("Questions not answered score nothing.")
        self.question.setText(message)

    def _row_text(self, number: int, row: ReviewRow) -> str:
        prompt = text_in(row.question.prompt)
        if not row.answered:
            state = self.tr("Question %1: not answered").replace("%1", str(number))
            return f"{state}\n{prompt}"
        state = self.tr("Question %1: answered").replace("%1", str(number))
        answer = self.tr("Your answer: %1").replace("%1", describe(row.question, row.response))
        return f"{state}\n{prompt}\n{answer}"

    def ask(self) -> None:
        self.confirm.show()
        self.submit_button.setEnabled(False)
        self.yes_button.setFocus()

    def cancel(self) -> None:
        was_asking = self.confirm.isVisible()
        self.confirm.hide()
        self.submit_button.setEnabled(True)
        if was_asking:
            self.submit_button.setFocus()

    def asking(self) -> bool:
        return self.confirm.isVisible()

    def focus(self) -> None:
        self.list.setFocus()


class ResultScreen(QWidget):
    """The grade in words, each question right or wrong in words, and what comes next."""

    retry_requested = Signal()
    back_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.outcome: Outcome | None = None
        self.order: list[str] = []  # question ids as they were presented
        self.title = heading()
        self.score = wrapped()
        self.next_steps = wrapped()
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.retry_button, self.back_button = QPushButton(), QPushButton()
        self.retry_button.clicked.connect(self.retry_requested)
        self.back_button.clicked.connect(self.back_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.retry_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.score, self.next_steps):
            layout.addWidget(widget)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

    def set_outcome(self, outcome: Outcome, order: list[str]) -> None:
        self.outcome, self.order = outcome, order
        self.retranslate()

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("&Back to the course"))
        self.retry_button.setText(self.tr("&Try again"))
        self.list.setAccessibleName(self.tr("Your answers, right or wrong"))
        outcome = self.outcome
        if outcome is None:
            return
        grade = outcome.grade
        self.title.setText(self.tr("Passed") if grade.passed else self.tr("Not passed"))
        score = (
            self.tr("Your score: %1 (%2 of %3 points). The pass mark is %4.")
            .replace("%1", percent(grade.scaled))
            .replace("%2", points(grade.score_raw))
            .replace("%3", points(grade.score_max))
            .replace("%4", percent(outcome.pass_mark))
        )
        if outcome.expired:
            score = self.tr("The time ran out, so your answers were submitted.") + " " + score
        self.score.setText(score)
        self.next_steps.setText(self._next_steps(outcome))
        self.retry_button.setVisible(not grade.passed and outcome.attempts_left != 0)
        by_id = {r.question_id: r for r in grade.results}
        self.list.clear()
        for number, qid in enumerate(self.order, 1):
            self.list.addItem(self._result_text(number, by_id[qid]))

    def _next_steps(self, outcome: Outcome) -> str:
        course = text_in(outcome.course_title)
        if outcome.course_completed and outcome.certificate:
            return self.tr(
                "You have completed the course “%1”. Your certificate is ready: open "
                "Certificates in the library to see and print it."
            ).replace("%1", course)
        if outcome.course_completed:
            return self.tr("You have completed the course “%1”.").replace("%1", course)
        if outcome.grade.passed:
            return self.tr("Go on with the rest of the course to complete it.")
        if outcome.attempts_left is None:
            return self.tr("You can try again.")
        if outcome.attempts_left == 0:
            return self.tr("You have no attempts left at this assessment.")
        return self.tr("You can try again. Attempts left: %1.").replace(
            "%1", str(outcome.attempts_left)
        )

    def _result_text(self, number: int, result: QuestionResult) -> str:
        if not result.answered:
            verdict = self.tr("Question %1: not answered")
        elif result.correct:
            verdict = self.tr("Question %1: right")
        elif result.points > 0:
            verdict = self.tr("Question %1: partly right (%2 of %3 points)")
        else:
            verdict = self.tr("Question %1: wrong")
        return (
            verdict.replace("%1", str(number))
            .replace("%2", points(result.points))
            .replace("%3", points(result.max_points))
        )

    def focus(self) -> None:
        (self.retry_button if self.retry_button.isVisible() else self.back_button).setFocus()
