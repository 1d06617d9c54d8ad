"""Screenshots of every screen, in English and Hindi, into docs/screenshots/.

Runs the real window with real worker threads on a real X server (Xvfb), with a throw-away
data root, a signed repository served on 127.0.0.1 and the shared SCORM and cmi5 samples:
    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshots.py
Each screen is shot once it is really ready (a condition waited for, not a fixed sleep), from
the X server's screen, so native children (the video picture) show as the learner sees them.
Which screens, and how each is reached: scripts/screens.py.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")  # Chromium's sandbox refuses root

from app.core import Core  # noqa: E402
from app.paths import Paths  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.qtapp import build_window  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SIZE = (1100, 720)


def wait_until(condition: Callable[[], object], timeout: float = 60, what: str = "") -> None:
    """Run the event loop until `condition()` holds; a clear error if it never does."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"not ready after {timeout:.0f} s: {what or condition}")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)


def settle(ms: int = 300) -> None:
    """Let painting and late layout finish (after the condition that matters held)."""
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.01)


def shoot(widget: QWidget, name: str) -> None:
    settle()
    window = widget.window()
    screen = window.screen()
    # The screen's pixels where the window is: native children (the video) included.
    area = window.geometry()
    picture = (
        screen.grabWindow(0, area.x(), area.y(), area.width(), area.height())
        if screen is not None
        else window.grab()
    )
    if picture.isNull():  # no X server (offscreen): Qt's own rendering, without native parts
        picture = window.grab()
    path = OUT / f"{name}.png"
    picture.save(str(path))
    print(path.relative_to(ROOT), flush=True)


@contextmanager
def window_on(app: QApplication, home: Path, language: str) -> Iterator[tuple[MainWindow, Core]]:
    core = Core(Paths(home))
    pool = ThreadPoolExecutor(4, thread_name_prefix="shots")
    win = build_window(app, core, language=language, executor=pool)
    win.resize(*SIZE)
    win.show()
    try:
        yield win, core
    finally:
        win.close()
        wait_until(lambda: win.session is None and win.ops.running == 0, 60, "the window closes")
        win.ops.shutdown()
        win.deleteLater()
        settle()


def main() -> int:
    platform = os.environ.get("QT_QPA_PLATFORM")
    from scripts.screens import Screens  # it uses the tests' helpers, whose conftest says

    if platform is None:  # "offscreen": here the X server must show the window, video and all
        os.environ.pop("QT_QPA_PLATFORM", None)
    else:
        os.environ["QT_QPA_PLATFORM"] = platform
    OUT.mkdir(parents=True, exist_ok=True)
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication(sys.argv[:1])
    started = time.monotonic()
    for language in ("en", "hi"):
        with (
            tempfile.TemporaryDirectory() as home,
            window_on(app, Path(home), language) as (
                win,
                core,
            ),
        ):
            screens = Screens(win, core, Path(home))
            try:
                for name, show in screens.all():
                    shoot(show(), f"{name}-{language}")
            finally:
                screens.close()
    print(f"done in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
