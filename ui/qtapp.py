"""The window's composition root: builds the services once and passes them in (STYLE.md 4)."""

from __future__ import annotations

import argparse
import gc
import sys
from concurrent.futures import Executor

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from app.core import Core
from app.errors import KyoError
from app.logs import setup_logging
from app.passphrase import PassphraseSource
from app.paths import Paths
from ui.errors import ErrorPresenter
from ui.fonts import install_fonts
from ui.main_window import MainWindow
from ui.ops import Ops
from ui.translations import Translations


def build_window(
    app: QApplication,
    core: Core,
    language: str | None = None,
    executor: Executor | None = None,
) -> MainWindow:
    """Everything the window needs, wired together; used by `kyo` and by the tests."""
    install_fonts(app)
    translations = Translations(app)
    translations.apply(language or core.load_settings().language)
    presenter = ErrorPresenter()
    ops = Ops(presenter.show, executor)
    window = MainWindow(core, ops, presenter, translations)
    presenter.set_parent(window)
    # What exists now (Qt's bindings, our modules) lives as long as the app: keep it out of the
    # cyclic collector's full passes, which otherwise stalled the GUI thread ~50-90 ms while a
    # worker made a certificate (tests/ui/test_responsive.py).
    gc.freeze()
    return window


def run_window(args: argparse.Namespace) -> int:
    paths = Paths.resolve(args.home)
    setup_logging(paths.logs, verbose=args.verbose)
    passphrase = None
    if args.profile and args.passphrase_stdin:
        try:
            passphrase = PassphraseSource(True, sys.stdin).read("")
        except KyoError as exc:
            print(exc.message, file=sys.stderr)
            return exc.exit_code
    # QtWebEngine is imported only when a web item opens, after the QApplication exists; it
    # shares OpenGL contexts only if this is set before (a Qt attribute: costs nothing now).
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Karmayogi Offline")
    app.setDesktopFileName("karmayogi-offline")
    window = build_window(app, Core(paths), language=args.lang)
    window.start(args.profile, passphrase)
    window.show()
    code = app.exec()
    window.ops.shutdown()
    return code
