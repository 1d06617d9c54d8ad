from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from app.core import Core
from ui.main_window import MainWindow
from ui.ops import ImmediateExecutor
from ui.qtapp import build_window

# The web players load QtWebEngine after the QApplication exists: it shares OpenGL contexts
# only if this is set first (ui/qtapp.py does the same for the app).
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)


@pytest.fixture
def window(qapp: QApplication, qtbot, core: Core) -> Iterator[MainWindow]:
    """The real window on a fresh data root; ops run at once on the GUI thread."""
    win = build_window(qapp, core, language="en", executor=ImmediateExecutor())
    qtbot.addWidget(win)
    win.start()
    win.show()
    win.activateWindow()
    qtbot.waitExposed(win)
    yield win
    win.translations.apply("en")
    if win.session is not None:
        win.lock()  # stops the sync thread, then closes the profile
