"""The library: the courses installed on this computer."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import current_language, text_in
from ui.widgets import Page, heading


@dataclass(frozen=True)
class CourseCard:
    """What the library shows of one installed course (made by the window from the core's data)."""

    id: str
    title: dict[str, str]
    version: str
    items: int
    size: int
    online_only: bool

    def title_in(self, language: str) -> str:
        return (
            self.title.get(language) or self.title.get("en") or next(iter(self.title.values()), "")
        )


class LibraryPage(Page):
    lock_requested = Signal()
    certificates_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.learner = ""
        self.cards: list[CourseCard] = []
        self.title = heading()
        self.who = QLabel()
        self.lock_button = QPushButton()
        self.lock_button.clicked.connect(self.lock_requested)
        self.certificates_button = QPushButton()
        self.certificates_button.clicked.connect(self.certificates_requested)
        self.course_list = QListWidget()
        list_font = QFont(self.course_list.font())
        list_font.setPointSizeF(list_font.pointSizeF() * 1.15)
        self.course_list.setFont(list_font)
        self.course_list.setSpacing(6)
        self.course_list.setWordWrap(True)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.who)
        top.addWidget(self.certificates_button)
        top.addWidget(self.lock_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.course_list, 1)
        layout.addWidget(self.empty_label, 1)
        self.retranslate()
        self.set_courses([])

    def retranslate(self) -> None:
        self.title.setText(self.tr("Library"))
        self.who.setText(self.tr("Learner: %1").replace("%1", self.learner))
        self.lock_button.setText(self.tr("&Lock"))
        self.lock_button.setAccessibleName(self.tr("Lock this profile"))
        self.certificates_button.setText(self.tr("&Certificates"))
        self.certificates_button.setAccessibleName(self.tr("Your certificates"))
        self.course_list.setAccessibleName(self.tr("Installed courses"))
        self.empty_label.setText(
            self.tr(
                "No courses installed yet. Courses you install from a repository or a USB "
                "stick will appear here."
            )
        )
        self._fill()

    def set_learner(self, name: str) -> None:
        self.learner = name
        self.retranslate()

    def set_courses(self, cards: list[CourseCard]) -> None:
        had_focus_placeholder = self.lock_button.hasFocus()
        self.cards = cards
        self._fill()
        if had_focus_placeholder and cards:
            self.course_list.setFocus()  # the list arrived after the page was shown

    def _fill(self) -> None:
        language = current_language()
        self.course_list.clear()
        for card in sorted(self.cards, key=lambda c: text_in(c.title, language).casefold()):
            item = QListWidgetItem(f"{text_in(card.title, language)}\n{self._details(card)}")
            item.setData(Qt.ItemDataRole.UserRole, card.id)
            self.course_list.addItem(item)
        has_any = bool(self.cards)
        self.course_list.setVisible(has_any)
        self.empty_label.setVisible(not has_any)
        if has_any and self.course_list.currentRow() < 0:
            self.course_list.setCurrentRow(0)

    def _details(self, card: CourseCard) -> str:
        parts = [
            self.tr("version %1").replace("%1", card.version),
            self.tr("%n item(s)", "", card.items),
            f"{card.size / 1_000_000:.1f} MB",
        ]
        if card.online_only:
            parts.append(self.tr("needs a network connection"))
        return " · ".join(parts)

    def on_shown(self) -> None:
        (self.course_list if self.cards else self.lock_button).setFocus()
