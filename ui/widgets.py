"""Small shared widgets: a page that re-translates itself, headings, inline messages."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QFont, QPalette
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
    label.setStyleSheet(f"QLabel#inlineError {{ color: {readable(ERROR_RED, label)}; }}")
    label.hide()
    return label


ERROR_RED = "#b3261e"


def _luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable(colour: str, widget: QWidget) -> str:
    """`colour` if text in it reads well on the widget's background (WCAG AA, 4.5:1), else
    the palette's own text colour: a high-contrast or dark theme keeps its readable text."""
    palette = widget.palette()
    background = palette.color(QPalette.ColorRole.Window)
    if contrast(QColor(colour), background) >= 4.5:
        return colour
    return palette.color(QPalette.ColorRole.WindowText).name()
