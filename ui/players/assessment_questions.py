"""One input per question type, each answerable by keyboard alone.

An input shows a question's options in the attempt's order, in the current language, and emits
`changed` when the learner's response changes; the player records `response()` at once. Every
response is in the shape the core's `app.assessment.grading.normalize` takes (None: no answer).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QMouseEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.assessment.paper import Choice, Question
from app.i18n import text_in

TEXT_PAUSE_MS = 700  # typing pauses this long: record what was typed so far


class ClickLabel(QLabel):
    """An option's text beside its button: wraps long (Hindi) text, and a click on it is a
    click on the button, as with a button's own text."""

    def __init__(self, button: QAbstractButton) -> None:
        super().__init__()
        self.button = button
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.button.click()
        super().mouseReleaseEvent(event)


class QuestionInput(QWidget):
    """The answer to one question. Subclasses fill `response` and `set_response`."""

    changed = Signal()

    def __init__(self, question: Question, order: tuple[str, ...]) -> None:
        super().__init__()
        self.question = question
        self.order = order

    def response(self) -> Any:
        """The learner's response as the core takes it; None when there is none."""
        raise NotImplementedError

    def set_response(self, value: Any) -> None:
        """Show a stored (normalised) response, without emitting `changed`."""
        raise NotImplementedError

    def clear(self) -> None:
        self.set_response(None)
        self.changed.emit()

    def retranslate(self) -> None:
        """Option texts in the current language, and this input's own labels."""

    def focus_first(self) -> None:
        self.setFocus()

    def choice(self, choice_id: str) -> Choice:
        pool = self.question.options + self.question.items + self.question.targets
        return next(c for c in pool if c.id == choice_id)

    def choices(self) -> list[Choice]:
        """The options (matching: the targets) in this attempt's order."""
        ids = self.order or tuple(c.id for c in (self.question.options or self.question.targets))
        return [self.choice(i) for i in ids]


class ButtonsInput(QuestionInput):
    """Single choice and true/false: radio buttons in a group (Tab reaches the group, the
    arrow keys choose). Multiple choice: check boxes, each a Tab stop, Space ticks. (Check
    boxes in a QButtonGroup would leave only one of them reachable by Tab.)"""

    def __init__(self, question: Question, order: tuple[str, ...]) -> None:
        super().__init__(question, order)
        self.multiple = question.type == "multiple"
        self.group = QButtonGroup(self)
        self._buttons: list[QAbstractButton] = []
        self.labels: list[ClickLabel] = []
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(1, 1)
        for row, choice in enumerate(self.choices()):
            button: QAbstractButton = QCheckBox() if self.multiple else QRadioButton()
            button.setProperty("choice_id", choice.id)
            if self.multiple:
                button.toggled.connect(lambda _checked: self.changed.emit())
            else:
                self.group.addButton(button, row)
            self._buttons.append(button)
            label = ClickLabel(button)
            self.labels.append(label)
            grid.addWidget(button, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(label, row, 1)
        self.group.buttonToggled.connect(self._radio_toggled)
        self.retranslate()

    def buttons(self) -> list[QAbstractButton]:
        return list(self._buttons)

    def _radio_toggled(self, _button: QAbstractButton, checked: bool) -> None:
        if checked:  # the neighbour unticked by it is not a second change
            self.changed.emit()

    def response(self) -> Any:
        ticked = [str(b.property("choice_id")) for b in self._buttons if b.isChecked()]
        if self.multiple:
            return ticked or None
        return ticked[0] if ticked else None

    def set_response(self, value: Any) -> None:
        if isinstance(value, bool):  # true/false is stored as a bool
            value = "true" if value else "false"
        wanted = set(value) if isinstance(value, list) else {value}
        self.group.setExclusive(False)  # lets every radio button be cleared
        for button in self._buttons:
            button.blockSignals(True)
            button.setChecked(button.property("choice_id") in wanted)
            button.blockSignals(False)
        self.group.setExclusive(True)

    def retranslate(self) -> None:
        for button, label in zip(self._buttons, self.labels, strict=True):
            text = text_in(self.choice(str(button.property("choice_id"))).text)
            label.setText(text)
            button.setAccessibleName(text)

    def focus_first(self) -> None:
        ticked = [b for b in self._buttons if b.isChecked()]
        (ticked or self._buttons)[0].setFocus()


class TypedInput(QuestionInput):
    """Numeric and short text: a field recorded when typing pauses and when the learner leaves
    it. The core reads numbers (Indian grouping, Devanagari digits) and says what it refuses."""

    def __init__(self, question: Question, order: tuple[str, ...]) -> None:
        super().__init__(question, order)
        self.field = QLineEdit()
        self.field.setMaxLength(1000)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(TEXT_PAUSE_MS)
        self._pause.timeout.connect(self.changed)
        self.field.textEdited.connect(lambda _text: self._pause.start())
        self.field.editingFinished.connect(self.flush)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.field)
        if question.type == "numeric":  # a number's field is as wide as a number
            self.field.setMaximumWidth(self.fontMetrics().horizontalAdvance("0") * 24)
        self.retranslate()

    def flush(self) -> None:
        """Record now what is typed, if not recorded yet (before leaving the question)."""
        if self._pause.isActive():
            self._pause.stop()
            self.changed.emit()

    def response(self) -> Any:
        text = self.field.text().strip()
        return text or None

    def set_response(self, value: Any) -> None:
        self._pause.stop()
        if isinstance(value, float):
            value = str(int(value)) if value.is_integer() else repr(value)
        self.field.setText("" if value is None else str(value))

    def retranslate(self) -> None:
        numeric = self.question.type == "numeric"
        self.field.setPlaceholderText(
            self.tr("For example 1,00,000 or 3.5") if numeric else self.tr("Type your answer")
        )
        self.field.setAccessibleName(self.tr("Your answer"))

    def focus_first(self) -> None:
        self.field.setFocus()


class OrderingInput(QuestionInput):
    """A list to put in order: move the selected option with the buttons or Ctrl+Up and
    Ctrl+Down. The shown order becomes the answer when an option is moved, or with "Keep this
    order" when it is already right."""

    def __init__(self, question: Question, order: tuple[str, ...]) -> None:
        super().__init__(question, order)
        self.answered = False
        self.list = QListWidget()
        self.list.setWordWrap(True)
        for choice in self.choices():
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, choice.id)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.up_button, self.down_button = QPushButton(), QPushButton()
        self.keep_button = QPushButton()
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(+1))
        self.keep_button.clicked.connect(self._keep)
        for keys, step in (("Ctrl+Up", -1), ("Ctrl+Down", +1)):
            shortcut = QShortcut(QKeySequence(keys), self.list)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda step=step: self.move(step))
        buttons = QVBoxLayout()
        for button in (self.up_button, self.down_button, self.keep_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.retranslate()

    def ids(self) -> list[str]:
        return [
            str(self.list.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.list.count())
        ]

    def move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        self.list.insertItem(target, self.list.takeItem(row))
        self.list.setCurrentRow(target)
        self._number_rows()
        self.answered = True
        self.changed.emit()

    def _keep(self) -> None:
        self.answered = True
        self.changed.emit()

    def response(self) -> Any:
        return self.ids() if self.answered else None

    def set_response(self, value: Any) -> None:
        self.answered = isinstance(value, list)
        if not self.answered:
            return  # taking the answer back leaves the order as it is shown
        current = self.list.currentRow()
        items = {choice_id: self.list.takeItem(0) for choice_id in self.ids()}
        for choice_id in value:
            self.list.addItem(items[choice_id])
        self.list.setCurrentRow(max(current, 0))
        self._number_rows()

    def _number_rows(self) -> None:
        """Each option with its place: the order is read in words, not only seen."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            text = text_in(self.choice(str(item.data(Qt.ItemDataRole.UserRole))).text)
            item.setText(f"{row + 1}. {text}")

    def retranslate(self) -> None:
        self._number_rows()
        rows = sum(self.list.sizeHintForRow(r) for r in range(self.list.count()))
        self.list.setMaximumHeight(rows + 2 * self.list.frameWidth() + 4)  # no empty box below
        self.list.setAccessibleName(self.tr("Options in your order"))
        self.list.setAccessibleDescription(
            self.tr("Ctrl+Up and Ctrl+Down move the selected option.")
        )
        self.up_button.setText(self.tr("Move &up"))
        self.down_button.setText(self.tr("Move &down"))
        self.keep_button.setText(self.tr("&Keep this order"))

    def focus_first(self) -> None:
        self.list.setFocus()


class MatchingInput(QuestionInput):
    """Each item on the left matched with one choice from a list beside it (Up and Down pick
    a choice in a focused list). Recorded once every item has a choice."""

    def __init__(self, question: Question, order: tuple[str, ...]) -> None:
        super().__init__(question, order)
        self.labels: list[QLabel] = []
        self.boxes: list[QComboBox] = []
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for item in question.items:
            label, box = QLabel(), QComboBox()
            label.setWordWrap(True)
            label.setBuddy(box)
            box.setProperty("item_id", item.id)
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(16)
            box.addItem("", None)
            for choice in self.choices():
                box.addItem("", choice.id)
            box.currentIndexChanged.connect(lambda _index: self.changed.emit())
            self.labels.append(label)
            self.boxes.append(box)
            form.addRow(label, box)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        form.addRow(self.hint)
        self.changed.connect(self._update_hint)
        self.retranslate()

    def chosen(self) -> dict[str, str]:
        return {
            str(box.property("item_id")): str(box.currentData())
            for box in self.boxes
            if box.currentData() is not None
        }

    def response(self) -> Any:
        chosen = self.chosen()
        return chosen if len(chosen) == len(self.boxes) else None

    def set_response(self, value: Any) -> None:
        value = value if isinstance(value, dict) else {}
        for box in self.boxes:
            box.blockSignals(True)
            box.setCurrentIndex(max(0, box.findData(value.get(str(box.property("item_id"))))))
            box.blockSignals(False)
        self._update_hint()

    def retranslate(self) -> None:
        for label, box in zip(self.labels, self.boxes, strict=True):
            text = text_in(self.choice(str(box.property("item_id"))).text)
            label.setText(text)
            box.setAccessibleName(text)
            box.setItemText(0, self.tr("Choose…"))
            for index in range(1, box.count()):
                box.setItemText(index, text_in(self.choice(str(box.itemData(index))).text))
        self._update_hint()

    def _update_hint(self) -> None:
        done, total = len(self.chosen()), len(self.boxes)
        self.hint.setVisible(0 < done < total)
        self.hint.setText(
            self.tr("%1 of %2 matched. Your answer is recorded when every item has a choice.")
            .replace("%1", str(done))
            .replace("%2", str(total))
        )

    def focus_first(self) -> None:
        self.boxes[0].setFocus()


INPUTS: dict[str, type[QuestionInput]] = {
    "single": ButtonsInput,
    "multiple": ButtonsInput,
    "true_false": ButtonsInput,
    "numeric": TypedInput,
    "short_text": TypedInput,
    "ordering": OrderingInput,
    "matching": MatchingInput,
}


def make_input(question: Question, order: tuple[str, ...]) -> QuestionInput:
    return INPUTS[question.type](question, order)


def describe(question: Question, response: Any) -> str:
    """A stored response in words, in the current language (for the review)."""
    if response is None:
        return ""

    def text(choices: tuple[Choice, ...], choice_id: str) -> str:
        return next((text_in(c.text) for c in choices if c.id == choice_id), choice_id)

    options, kind = question.options, question.type
    if kind == "true_false":
        return text(options, "true" if response else "false")
    if kind in ("single", "multiple", "ordering"):
        ids = [response] if kind == "single" else response
        return (" → " if kind == "ordering" else "; ").join(text(options, i) for i in ids)
    if kind == "matching":
        pairs = response.items()
        return "; ".join(
            f"{text(question.items, i)} → {text(question.targets, t)}" for i, t in pairs
        )
    if isinstance(response, float) and response.is_integer():
        return str(int(response))
    return str(response)
