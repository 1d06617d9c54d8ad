"""The question screen: one question at a time, the list of questions to jump to, the clock.

The screen shows; the player decides. Inputs are made the first time a question is shown
(with the stored answer), then kept, so what was typed stays as typed.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.i18n import text_in
from ui.players.assessment_questions import QuestionInput, TypedInput, make_input
from ui.widgets import ERROR_RED, heading, inline_error, readable

if TYPE_CHECKING:
    from app.assessment.paper import Question
    from ui.players.assessment import Loaded

WARN_S = 60  # the last minute is announced in words as well as in bold


def clock_text(seconds: float) -> str:
    """Seconds left as m:ss, or h:mm:ss from an hour; rounded up, so 0:00 means the end."""
    whole = max(0, math.ceil(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class QuestionScreen(QWidget):
    go_requested = Signal(int)  # a question by its place, focus to its answer
    browse_requested = Signal(int)  # the same, focus staying in the list of questions
    review_requested = Signal()
    clear_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.loaded: Loaded | None = None
        self.paper_title: dict[str, str] = {}
        self.index = 0
        self.widgets: dict[str, QuestionInput] = {}
        self.answered: dict[str, bool] = {}
        self.errors: dict[str, str] = {}
        self.remaining: float | None = None
        self._on_input_made: Callable[[QuestionInput], None] = lambda _widget: None
        self._build()
        self.retranslate()

    def _build(self) -> None:
        self.title, self.clock_label = heading(), QLabel()
        bold = QFont(self.clock_label.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.2)
        self.clock_label.setFont(bold)
        self.clock_label.hide()
        self.position, self.how = QLabel(), QLabel()
        self.how.setWordWrap(True)
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.prompt.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        big = QFont(self.prompt.font())
        big.setPointSizeF(big.pointSizeF() * 1.2)
        self.prompt.setFont(big)
        self.inputs = QStackedWidget()
        self.error = inline_error()
        self.clear_button = QPushButton()
        self.prev_button, self.next_button = QPushButton(), QPushButton()
        self.review_button = QPushButton()
        self.clear_button.clicked.connect(self.clear_requested)
        self.prev_button.clicked.connect(lambda: self.go_requested.emit(self.index - 1))
        self.next_button.clicked.connect(lambda: self.go_requested.emit(self.index + 1))
        self.review_button.clicked.connect(self.review_requested)
        self.list = QListWidget()
        self.list.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 16)
        self.list_label = QLabel()
        self.list_label.setBuddy(self.list)
        self.list.currentRowChanged.connect(self._browsed)
        self.list.itemActivated.connect(lambda item: self.go_requested.emit(self.list.row(item)))
        self._lay_out()

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.clock_label, 0, Qt.AlignmentFlag.AlignTop)
        nav = QHBoxLayout()
        for button in (self.prev_button, self.next_button):
            nav.addWidget(button)
        nav.addStretch(1)
        nav.addWidget(self.review_button)
        clear_row = QHBoxLayout()
        clear_row.addWidget(self.clear_button)
        clear_row.addStretch(1)
        question = QVBoxLayout()
        for widget in (self.position, self.how, self.prompt, self.inputs, self.error):
            question.addWidget(widget)
        question.addLayout(clear_row)
        question.addStretch(1)
        question.addLayout(nav)
        side = QVBoxLayout()
        side.addWidget(self.list_label)
        side.addWidget(self.list, 1)
        body = QHBoxLayout()
        body.addLayout(question, 1)
        body.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        # Keyboard order: the answer first, then moving on, then the list of questions.
        QWidget.setTabOrder(self.inputs, self.clear_button)
        QWidget.setTabOrder(self.clear_button, self.prev_button)
        QWidget.setTabOrder(self.prev_button, self.next_button)
        QWidget.setTabOrder(self.next_button, self.review_button)
        QWidget.setTabOrder(self.review_button, self.list)

    # the attempt

    def set_attempt(
        self,
        title: dict[str, str],
        loaded: Loaded,
        on_input_made: Callable[[QuestionInput], None],
    ) -> None:
        for widget in self.widgets.values():
            self.inputs.removeWidget(widget)
            widget.deleteLater()
        self.paper_title, self.loaded, self.index = title, loaded, 0
        self.widgets, self.errors = {}, {}
        self.answered = {row.question.id: row.answered for row in loaded.rows}
        self._on_input_made = on_input_made
        self.list.blockSignals(True)
        self.list.clear()
        self.list.addItems(["" for _question in loaded.questions])
        self.list.blockSignals(False)
        self.retranslate()

    def _input(self, question: Question) -> QuestionInput:
        widget = self.widgets.get(question.id)
        if widget is None and self.loaded is not None:
            widget = make_input(question, self.loaded.options.get(question.id, ()))
            stored = next(r.response for r in self.loaded.rows if r.question.id == question.id)
            widget.set_response(stored)
            self.widgets[question.id] = widget
            self.inputs.addWidget(widget)
            self._on_input_made(widget)
        assert widget is not None
        return widget

    def show_question(self, index: int, focus: bool = True) -> None:
        if self.loaded is None:
            return
        self.index = max(0, min(index, len(self.loaded.questions) - 1))
        widget = self._input(self.loaded.questions[self.index])
        for other in self.widgets.values():  # the stack takes the height of the one shown
            policy = QSizePolicy.Policy.Preferred if other is widget else QSizePolicy.Policy.Ignored
            other.setSizePolicy(policy, policy)
        self.inputs.setCurrentWidget(widget)
        self.list.blockSignals(True)
        self.list.setCurrentRow(self.index)
        self.list.blockSignals(False)
        self._refresh()
        if focus:
            widget.focus_first()

    def current_input(self) -> QuestionInput | None:
        widget = self.inputs.currentWidget()
        return widget if isinstance(widget, QuestionInput) else None

    def _browsed(self, row: int) -> None:
        if row >= 0:
            self.browse_requested.emit(row)

    def flush(self) -> None:
        """Record what is typed in the question shown before leaving it."""
        widget = self.current_input()
        if isinstance(widget, TypedInput):
            widget.flush()

    def mark(self, question_id: str, answered: bool) -> None:
        """The core has the answer (or has none): the list says so; an accepted answer
        clears the message about a refused one."""
        self.answered[question_id] = answered
        if answered:
            self.errors.pop(question_id, None)
        self._refresh()

    def show_error(self, question_id: str, message: str) -> None:
        if message:
            self.errors[question_id] = message
        else:
            self.errors.pop(question_id, None)
        self._show_error()

    def _show_error(self) -> None:
        widget = self.current_input()
        message = self.errors.get(widget.question.id, "") if widget else ""
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def set_remaining(self, seconds: float | None) -> None:
        self.remaining = seconds
        self._clock_texts()

    # texts

    def retranslate(self) -> None:
        self.title.setText(text_in(self.paper_title) if self.paper_title else "")
        self.clear_button.setText(self.tr("C&lear this answer"))
        self.prev_button.setText(self.tr("&Previous"))
        self.next_button.setText(self.tr("&Next"))
        self.review_button.setText(self.tr("&Review and submit"))
        self.list_label.setText(self.tr("&Questions"))
        self.list.setAccessibleName(self.tr("Questions"))
        self._clock_texts()
        for widget in self.widgets.values():
            widget.retranslate()
        self._refresh()

    def _refresh(self) -> None:
        """The texts that follow the question shown and the answers given."""
        if self.loaded is None:
            return
        for row, question in enumerate(self.loaded.questions):
            self.list.item(row).setText(self._list_text(row + 1, question))
        question = self.loaded.questions[self.index]
        total = len(self.loaded.questions)
        self.position.setText(
            self.tr("Question %1 of %2")
            .replace("%1", str(self.index + 1))
            .replace("%2", str(total))
        )
        self.how.setText(self._how(question.type))
        self.prompt.setText(text_in(question.prompt))
        current = self.current_input()
        if current is not None:
            current.setAccessibleName(text_in(question.prompt))
        self.prev_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < total - 1)
        self._show_error()

    def _list_text(self, number: int, question: Question) -> str:
        if self.answered.get(question.id):
            return self.tr("%1. Answered").replace("%1", str(number))
        return self.tr("%1. Not answered").replace("%1", str(number))

    def _how(self, kind: str) -> str:
        hints = {
            "single": self.tr("Choose one answer."),
            "multiple": self.tr("Choose every answer that applies."),
            "true_false": self.tr("Choose true or false."),
            "numeric": self.tr("Type a number. Use a point for decimals."),
            "short_text": self.tr("Type a short answer."),
            "ordering": self.tr(
                "Put these in order: select one, then move it with Move up and Move down "
                "(or Ctrl+Up and Ctrl+Down)."
            ),
            "matching": self.tr("Choose a match for every item."),
        }
        return hints[kind]

    def _clock_texts(self) -> None:
        seconds = self.remaining
        self.clock_label.setVisible(seconds is not None)
        if seconds is None:
            return
        if seconds <= 0:
            text = self.tr("Time is up")
        elif seconds <= WARN_S:
            text = self.tr("Less than a minute left: %1").replace("%1", clock_text(seconds))
        else:
            text = self.tr("Time left: %1").replace("%1", clock_text(seconds))
        self.clock_label.setText(text)
        self.clock_label.setAccessibleName(text)
        warn = f"color: {readable(ERROR_RED, self.clock_label)};" if seconds <= WARN_S else ""
        self.clock_label.setStyleSheet(f"QLabel {{ {warn} }}" if warn else "")

    def focus(self) -> None:
        widget = self.current_input()
        if widget is not None:
            widget.focus_first()
