"""Child process for the window benchmarks: starts the real `kyo` window (or a bare
QMainWindow), waits for the moment being measured, prints `key=value` lines, exits.

It patches QApplication.exec to watch events instead of changing the app for benchmarking.
    _child.py kyo-shown            first paint of kyo's first window (profile picker)
    _child.py bare-shown           first paint of a bare QMainWindow
    _child.py kyo-library-rss      RSS once kyo shows the library (profile unlocked), idle
    _child.py bare-rss             RSS of a bare QMainWindow shown, idle
"""

from __future__ import annotations

import os
import sys
import time

T0 = time.time()  # before any import of ours or Qt's
# The project, not bench/, first on the path: bench/sync.py must not stand in for sync/.
sys.path[0] = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def rss_mib() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def watch_first_paint(app, widget_type, report) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer

    class Filter(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and isinstance(obj, widget_type):
                app.removeEventFilter(self)
                report()
                QTimer.singleShot(0, app.quit)
            return False

    app._bench_filter = Filter()
    app.installEventFilter(app._bench_filter)


def print_shown() -> None:
    print(f"shown_s={time.time() - T0:.6f}")
    print(f"shown_at={time.time():.6f}")
    sys.stdout.flush()


def idle_then_rss(app, ready, settle_ms: int = 2000) -> None:
    from PySide6.QtCore import QTimer

    def poll() -> None:
        if ready():
            QTimer.singleShot(settle_ms, lambda: (print(f"rss_mib={rss_mib():.2f}"), app.quit()))
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def patch_exec(on_start) -> None:
    from PySide6.QtWidgets import QApplication

    original = QApplication.exec

    def exec_(self=None):
        app = QApplication.instance()
        on_start(app)
        return original()

    QApplication.exec = staticmethod(exec_)


def main() -> int:
    mode = sys.argv[1]
    if mode.startswith("bare"):
        from PySide6.QtWidgets import QApplication, QMainWindow

        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.resize(900, 600)
        if mode == "bare-shown":
            watch_first_paint(app, QMainWindow, print_shown)
        else:
            idle_then_rss(app, window.isVisible)
        window.show()
        return app.exec()

    from ui import launcher

    if mode == "kyo-shown":
        from PySide6.QtWidgets import QMainWindow

        patch_exec(lambda app: watch_first_paint(app, QMainWindow, print_shown))
        return launcher.main(sys.argv[2:])
    if mode == "kyo-library-rss":
        from ui.main_window import MainWindow

        shown: list[MainWindow] = []
        original_show = MainWindow.show
        MainWindow.show = lambda self: (shown.append(self), original_show(self))[1]
        patch_exec(
            lambda app: idle_then_rss(
                app, lambda: bool(shown) and shown[0].stack.currentWidget() is shown[0].library
            )
        )
        return launcher.main(sys.argv[2:])
    if mode == "kyo-library-ready":
        return library_ready(int(sys.argv[2]), sys.argv[3:])
    raise SystemExit(f"unknown mode {mode}")


def library_ready(courses: int, argv: list[str]) -> int:
    """`kyo --profile NAME --passphrase-stdin` until the library lists `courses` courses and
    the event loop is free again (a click would be handled); the key derivation is timed."""
    from PySide6.QtCore import QTimer

    from app import crypto
    from ui import launcher
    from ui.main_window import MainWindow

    derive = crypto.derive_kek

    def timed_derive(*args, **kwargs):
        start = time.perf_counter()
        try:
            return derive(*args, **kwargs)
        finally:
            print(f"kdf_s={time.perf_counter() - start:.6f}")

    crypto.derive_kek = timed_derive
    shown: list[MainWindow] = []
    original_show = MainWindow.show
    MainWindow.show = lambda self: (shown.append(self), original_show(self))[1]

    def poll(app) -> None:
        win = shown[0] if shown else None
        library = win.library if win is not None else None
        if (
            library is not None
            and win.stack.currentWidget() is library
            and (sum(e.installed for e in library.entries) >= courses)
        ):
            QTimer.singleShot(0, lambda: (print_shown(), app.quit()))  # loop is free
            return
        QTimer.singleShot(5, lambda: poll(app))

    patch_exec(lambda app: QTimer.singleShot(0, lambda: poll(app)))
    return launcher.main(argv)


if __name__ == "__main__":
    sys.exit(main())
