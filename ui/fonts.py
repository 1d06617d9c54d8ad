"""Load the shipped Noto fonts, so Hindi never draws as boxes whatever the system has."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from app.resources import FONT_FAMILIES, font_files

log = logging.getLogger(__name__)


def install_fonts(app: QApplication) -> list[str]:
    """Register the shipped fonts and make them the app font at the system's size."""
    families: list[str] = []
    for path in font_files():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id == -1:
            log.warning("could not load font %s", path)
            continue
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    font = QFont(app.font())  # keeps the system's point size: follows the user's setting
    font.setFamilies(list(FONT_FAMILIES))
    app.setFont(font)
    return sorted(set(families))
