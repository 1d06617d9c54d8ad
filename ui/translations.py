"""Switching the window's language while it runs: Qt translators for the UI, gettext for the core.

Installing or removing a translator sends every widget a LanguageChange event; each page then
re-sets its texts (see `ui.widgets.Page`).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from app import i18n

I18N_DIR = Path(__file__).parent / "i18n"
log = logging.getLogger(__name__)


class Translations:
    def __init__(self, app: QApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []
        self.language = i18n.DEFAULT_LANGUAGE

    def apply(self, code: str) -> None:
        i18n.set_language(code)  # the core's messages
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed = []
        if code != i18n.DEFAULT_LANGUAGE:
            self._load(I18N_DIR, f"kyo_{code}")
            qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
            self._load(qt_dir, f"qtbase_{code}", required=False)
        QLocale.setDefault(QLocale(code))
        self.language = code

    def _load(self, folder: Path, name: str, required: bool = True) -> None:
        translator = QTranslator(self._app)
        if translator.load(name, str(folder)):
            self._app.installTranslator(translator)
            self._installed.append(translator)
        elif required:
            log.error("missing translation %s in %s", name, folder)
