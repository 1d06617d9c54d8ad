"""The library: the learner's courses. Empty until course packages can be installed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.widgets import Page, heading


class LibraryPage(Page):
    lock_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.learner = ""
        self.title = heading()
        self.who = QLabel()
        self.lock_button = QPushButton()
        self.lock_button.clicked.connect(self.lock_requested)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.empty_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.who)
        top.addWidget(self.lock_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addStretch(1)
        layout.addWidget(self.empty_label)
        layout.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Library"))
        self.who.setText(self.tr("Learner: %1").replace("%1", self.learner))
        self.lock_button.setText(self.tr("&Lock"))
        self.lock_button.setAccessibleName(self.tr("Lock this profile"))
        self.empty_label.setText(
            self.tr(
                "No courses installed yet. Courses you install from a repository or a USB "
                "stick will appear here."
            )
        )
        self.empty_label.setAccessibleName(self.empty_label.text())

    def set_learner(self, name: str) -> None:
        self.learner = name
        self.retranslate()

    def on_shown(self) -> None:
        self.empty_label.setFocus()
