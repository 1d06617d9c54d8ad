"""Small shared widgets: a page that re-translates itself, headings, inline messages."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget


class Page(QWidget):
    """A screen of the main window. Subclasses set every text in `retranslate`, which runs
    once at construction and again whenever the language changes."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:  # pragma: no cover - every page overrides it
        pass

    def on_shown(self) -> None:
        """Called when the page becomes the current one: put keyboard focus where it belongs."""

    def centered_column(self, max_width: int = 560) -> QVBoxLayout:
        """A layout in a column of readable width, centred in the page however wide it is."""
        outer = QHBoxLayout(self)
        column = QWidget()
        column.setMaximumWidth(max_width)
        outer.addStretch(1)
        outer.addWidget(column, 10)
        outer.addStretch(1)
        return QVBoxLayout(column)


def heading(parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.6)  # relative: follows the system font size
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def inline_error(parent: QWidget | None = None) -> QLabel:
    """Where a page shows what went wrong with the user's input, next to the input."""
    label = QLabel(parent)
    label.setObjectName("inlineError")
    label.setWordWrap(True)
    font = QFont(label.font())
    font.setBold(True)  # not colour alone: stays readable in high-contrast themes
    label.setFont(font)
    label.setStyleSheet("QLabel#inlineError { color: #b3261e; }")
    label.hide()
    return label
