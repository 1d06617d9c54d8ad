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

from PySide6.QtCore import QCoreApplication, QEventLoop, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap
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


def drawn(widget: QWidget) -> bool:
    """Whether `widget` shows more than a plain fill: QPdfView renders its pages on a thread and
    paints them when ready, after the document itself says it is."""
    image = widget.grab().toImage()
    step = 13
    colours = {
        image.pixel(x, y)
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    }
    return len(colours) > 4


def grab(widget: QWidget, area: QRect | None = None) -> QPixmap:
    """The screen's pixels where `widget` (or `area`, in its window's coordinates) is: native
    children (the video) included."""
    window = widget.window()
    area = area or QRect(0, 0, window.width(), window.height())
    origin = window.mapToGlobal(area.topLeft())
    screen = window.screen()
    picture = (
        screen.grabWindow(0, origin.x(), origin.y(), area.width(), area.height())
        if screen is not None
        else QPixmap()
    )
    if picture.isNull():  # no X server (offscreen): Qt's own rendering, without native parts
        picture = window.grab(area)
    return picture


def shoot(widget: QWidget | QPixmap, name: str) -> None:
    """Save a screen (a widget's window, shot once painting settled) or a picture made ready."""
    if isinstance(widget, QWidget):
        settle()
        picture = grab(widget)
    else:
        picture = widget
    path = OUT / f"{name}.png"
    picture.save(str(path))
    print(path.relative_to(ROOT), flush=True)


def stacked(pictures: list[QPixmap], gap: int = 6) -> QPixmap:
    """Pictures one under the other on a white ground (several states of one widget)."""
    width = max(p.width() for p in pictures)
    height = sum(p.height() for p in pictures) + gap * (len(pictures) - 1)
    out = QPixmap(width, height)
    out.fill(QColor("white"))
    painter = QPainter(out)
    y = 0
    for picture in pictures:
        painter.drawPixmap(0, y, picture)
        y += picture.height() + gap
    painter.end()
    return out


def switch_language(win: MainWindow, code: str) -> None:
    """As a learner does it: File > Settings, Language, OK; the open window retranslates."""
    if win.translations.language == code:
        return
    win.open_settings()
    dialog = win.settings_dialog
    wait_until(dialog.isVisible, 10, "the settings dialog")
    dialog.language_box.setCurrentIndex(dialog.language_box.findData(code))
    dialog.accept()  # saves the choice off the GUI thread, then closes: the window switches
    wait_until(lambda: win.translations.language == code, 30, f"the switch to {code}")


@contextmanager
def window_on(app: QApplication, home: Path) -> Iterator[tuple[MainWindow, Core]]:
    """The window as `kyo` opens it: in the saved language (a new data root: English)."""
    core = Core(Paths(home))
    pool = ThreadPoolExecutor(4, thread_name_prefix="shots")
    win = build_window(app, core, executor=pool)
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
            window_on(app, Path(home)) as (win, core),
        ):
            switch_language(win, language)
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
