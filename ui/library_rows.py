"""One course in the library list: title, what it is, progress, and its Install/Update button.

The list item keeps the row's whole text (screen readers and tests read it); a delegate paints
only the item's background and selection, and the row widget on top paints the rest.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import text_in
from ui.library_data import COMPLETED, IN_PROGRESS, LibraryEntry
from ui.sizes import size_text

# A course's place in the install queue, as the downloads page reports it.
QUEUED, DOWNLOADING, PAUSED, VERIFYING = "queued", "downloading", "paused", "verifying"


class BackgroundOnlyDelegate(QStyledItemDelegate):
    """Paints an item's selection, not its text (a row widget covers it): a light tint and a
    thick frame, so the row widget's text keeps its normal colours and the selection shows by
    its shape as well as its colour."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        rect = option.rect
        state = option.state
        if not state & QStyle.StateFlag.State_Selected:
            return
        highlight = QColor(option.palette.color(QPalette.ColorRole.Highlight))
        painter.save()
        tint = QColor(highlight)
        tint.setAlpha(40)
        painter.fillRect(rect, tint)
        pen = QPen(highlight, 3)
        painter.setPen(pen)
        painter.drawRect(rect.adjusted(1, 1, -2, -2))
        painter.restore()


SHORT_TEXT = 140  # characters of a description in a row: two lines at most in a narrow window


def short_text(text: str, limit: int = SHORT_TEXT) -> str:
    """`text` on one line, cut at a word before `limit` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return cut.rstrip(" ,;:.") + "…"


class CourseRow(QWidget):
    """The widget shown for one library entry."""

    action_clicked = Signal(str)  # course id: install or update it
    open_clicked = Signal(str)

    def __init__(
        self,
        entry: LibraryEntry,
        language: str,
        transfer: tuple[str, float] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.entry = entry
        self._language = language
        self.title = QLabel(text_in(entry.title, language))
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)  # relative: follows the system font
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.details = QLabel(self.details_text())
        self.details.setWordWrap(True)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setTextVisible(True)
        self.action = QPushButton()
        self.open_button = QPushButton(self.tr("Open"))
        for button in (self.action, self.open_button):
            # Not in the Tab chain: Enter on the row and Ctrl+I reach them from the keyboard
            # (a hundred rows would otherwise be two hundred Tab stops).
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.action.clicked.connect(lambda: self.action_clicked.emit(entry.id))
        self.open_button.clicked.connect(lambda: self.open_clicked.emit(entry.id))
        self._layout()
        self.set_transfer(transfer)

    def _layout(self) -> None:
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.title)
        text.addWidget(self.details)
        bar = QHBoxLayout()
        bar.addWidget(self.progress, 1)
        bar.addWidget(self.state, 2)
        text.addLayout(bar)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 6, 8, 6)
        row.addLayout(text, 1)
        row.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.action, 0, Qt.AlignmentFlag.AlignVCenter)

    def details_text(self) -> str:
        entry = self.entry
        if entry.installed:
            parts = [
                self.tr("version %1").replace("%1", entry.installed_version or ""),
                self.tr("1 item")
                if entry.items == 1
                else self.tr("%1 items").replace("%1", str(entry.items)),
                size_text(entry.size),
            ]
            if entry.update_available:
                parts.insert(
                    0,
                    self.tr("Update available: version %1 (%2)")
                    .replace("%1", entry.available_version or "")
                    .replace("%2", size_text(entry.download_size or 0)),
                )
        else:
            parts = [
                self.tr("Not installed"),
                self.tr("version %1").replace("%1", entry.available_version or ""),
                self.tr("%1 to download").replace("%1", size_text(entry.size)),
            ]
        if entry.online_only:
            parts.append(self.tr("needs a network connection"))
        return " · ".join(parts)

    def progress_text(self) -> str:
        """The learner's progress in words (the bar's colour is never the only sign)."""
        entry = self.entry
        percent = round(entry.fraction * 100)
        if entry.status == COMPLETED:
            return self.tr("Completed")
        if entry.status == IN_PROGRESS:
            return self.tr("In progress: %1% done").replace("%1", str(percent))
        return self.tr("Not started")

    def set_transfer(self, transfer: tuple[str, float] | None) -> None:
        """Show the course's place in the install queue (None: not queued)."""
        entry = self.entry
        busy = transfer is not None
        self.action.setVisible(not entry.installed or entry.update_available)
        self.action.setEnabled(not busy)
        self.action.setText(self.tr("Update") if entry.installed else self.tr("Install"))
        self.action.setAccessibleName(self.action.text() + " " + self.title.text())
        self.open_button.setVisible(entry.installed)
        self.open_button.setAccessibleName(self.tr("Open %1").replace("%1", self.title.text()))
        if transfer is not None:
            state, fraction = transfer
            self.progress.setValue(round(fraction * 100))
            self.progress.setVisible(True)
            self.state.setText(self.transfer_text(state, fraction))
        elif entry.installed:
            self.progress.setValue(round(entry.fraction * 100))
            self.progress.setVisible(True)
            self.state.setText(self.progress_text())
        else:  # not installed: what the course is about helps the learner choose
            self.progress.setVisible(False)
            about = text_in(entry.description, self._language)
            self.state.setText(short_text(about))
            self.state.setToolTip(about if len(about) > SHORT_TEXT else "")
        self.progress.setAccessibleName(self.state.text())

    def transfer_text(self, state: str, fraction: float) -> str:
        percent = str(round(fraction * 100))
        texts = {
            QUEUED: self.tr("Waiting to install"),
            DOWNLOADING: self.tr("Installing: %1%").replace("%1", percent),
            PAUSED: self.tr("Paused at %1%").replace("%1", percent),
            VERIFYING: self.tr("Checking the package…"),
        }
        return texts.get(state, "")

    def accessible_text(self) -> str:
        """Everything the row says, for the list item (screen readers, tests)."""
        texts = (self.title.text(), self.details.text(), self.state.text())
        return "\n".join(t for t in texts if t)
