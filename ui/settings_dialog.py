"""Settings: the language, applied as soon as it is chosen."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from app.i18n import LANGUAGES


class SettingsDialog(QDialog):
    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language_label = QLabel()
        self.language_box = QComboBox()
        for code, own_name in LANGUAGES.items():
            self.language_box.addItem(own_name, code)  # each language in its own script
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(language)))
        self.language_label.setBuddy(self.language_box)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.setMinimumWidth(360)
        form = QFormLayout(self)
        form.addRow(self.language_label, self.language_box)
        form.addRow(self.buttons)
        self.retranslate()
        self.language_box.setFocus()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.language_label.setText(self.tr("&Language:"))
        self.language_box.setAccessibleName(self.tr("Language"))

    def language(self) -> str:
        return str(self.language_box.currentData())
