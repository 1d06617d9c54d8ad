"""Every screen of the real window, as assistive technology and a high-contrast theme see it.

For each screen: every visible, enabled control a learner can operate has a name that a
screen reader announces (Qt's accessibility interface, which takes a button's text or a field's
buddy label), and every control that takes Tab focus is reached by Tab from the page. Under a
high-contrast palette (white on black, chosen before the app starts, as a system theme is) each
page is drawn dark, and every text colour the app sets itself reads at 4.5:1 or better.
Keyboard flows in detail are in each screen's own tests."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenuBar,
    QPlainTextEdit,
    QScrollBar,
    QTextEdit,
    QWidget,
)

from app.content import DEMO_COURSE_ID
from app.core import Core
from tests.conftest import PASS
from tests.support.demo import complete_demo
from ui.main_window import MainWindow
from ui.ops import ImmediateExecutor
from ui.qtapp import build_window
from ui.widgets import contrast

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractSlider,
            QAbstractItemView, QTextEdit, QPlainTextEdit)  # fmt: skip
NAME = "Asha"


def high_contrast() -> QPalette:
    palette = QPalette()
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base, QPalette.ColorRole.Button,
                 QPalette.ColorRole.AlternateBase, QPalette.ColorRole.ToolTipBase):  # fmt: skip
        palette.setColor(role, QColor("black"))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText, QPalette.ColorRole.ToolTipText):  # fmt: skip
        palette.setColor(role, QColor("white"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("yellow"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("black"))
    return palette


@pytest.fixture(params=["default", "high-contrast"])
def theme(request, qapp: QApplication) -> Iterator[str]:
    before = qapp.palette()
    if request.param == "high-contrast":
        qapp.setPalette(high_contrast())
    yield request.param
    qapp.setPalette(before)


@pytest.fixture
def win(qapp: QApplication, qtbot, core: Core, theme: str) -> Iterator[MainWindow]:
    core.content.seed_demo()
    window = build_window(qapp, core, language="en", executor=ImmediateExecutor())
    qtbot.addWidget(window)
    window.resize(1100, 720)
    window.start()
    window.show()
    qtbot.waitExposed(window)
    yield window
    if window.session is not None:
        window.lock()


def operable(page: QWidget) -> list[QWidget]:
    found = []
    for widget in page.findChildren(QWidget):
        if not (isinstance(widget, CONTROLS) and widget.isVisible() and widget.isEnabled()):
            continue
        if isinstance(widget, QScrollBar | QMenuBar | QHeaderView):
            continue  # a header's sections are announced with their column, not operated
        if isinstance(widget.parent(), QAbstractSpinBox | QComboBox):
            continue  # the editor inside a spin box or combo box: the outer one is named
        found.append(widget)
    return found


def unnamed(page: QWidget) -> list[str]:
    missing = []
    for widget in operable(page):
        face = QAccessible.queryAccessibleInterface(widget)
        if face is None or not face.text(QAccessible.Text.Name).strip():
            shown = widget.text() if isinstance(widget, QAbstractButton | QLineEdit) else ""
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} {shown!r}")
    return missing


def tab_reach(qtbot, page: QWidget) -> list[str]:
    """Controls that take Tab focus but Tab never reaches from inside the page."""
    wanted = [w for w in operable(page) if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    if not wanted:
        return []
    wanted[0].setFocus()
    seen = set()
    for _press in range(len(wanted) * 3 + 10):
        seen.add(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    return [f"{type(w).__name__} {w.accessibleName() or getattr(w, 'text', lambda: '')()!r}"
            for w in wanted if w not in seen]  # fmt: skip


def dark_share(page: QWidget) -> float:
    """The share of the page drawn dark, documents (a PDF's white pages) left out."""
    from PySide6.QtPdfWidgets import QPdfView

    image = page.grab().toImage()
    documents = [
        QRect(view.mapTo(page, QPoint(0, 0)), view.size())
        for view in page.findChildren(QPdfView)
        if view.isVisible()
    ]
    step = 7
    points = [
        (x, y)
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
        if not any(d.contains(x, y) for d in documents)
    ]
    dark = sum(1 for x, y in points if QColor(image.pixel(x, y)).lightnessF() < 0.3)
    return dark / len(points)


COLOUR = re.compile(r"color:\s*(#[0-9a-fA-F]{6})")


def poor_colours(page: QWidget) -> list[str]:
    """Text colours set by the app that read below 4.5:1 on the page's background."""
    background = page.palette().color(QPalette.ColorRole.Window)
    poor = []
    for label in [page, *page.findChildren(QLabel)]:
        for colour in COLOUR.findall(label.styleSheet()):
            ratio = contrast(QColor(colour), background)
            if ratio < 4.5:
                poor.append(f"{type(label).__name__} {colour} {ratio:.1f}:1")
    return poor


# -- how each screen is reached ------------------------------------------------------------


def _unlocked(win: MainWindow, core: Core) -> None:
    if not core.profiles.all():
        core.profiles.create(NAME, PASS)
    if win.session is None:
        win.unlock(NAME, PASS)


def _player(kind: str, item: str) -> Callable[[MainWindow, Core], QWidget]:
    def reach(win: MainWindow, core: Core) -> QWidget:
        _unlocked(win, core)
        win.open_item(DEMO_COURSE_ID, item, kind)
        assert win.player is not None
        return win.player

    return reach


def _certificates(win: MainWindow, core: Core) -> QWidget:
    _unlocked(win, core)
    complete_demo(win._learner())
    win.show_certificates()
    return win.certificates_page


def _settings(win: MainWindow, core: Core) -> QWidget:
    _unlocked(win, core)
    win.open_settings()
    return win.settings_dialog


def _page(show: Callable[[MainWindow], object], page: Callable[[MainWindow], QWidget],
          unlocked: bool = True) -> Callable[[MainWindow, Core], QWidget]:  # fmt: skip
    def reach(win: MainWindow, core: Core) -> QWidget:
        if unlocked:
            _unlocked(win, core)
        show(win)
        return page(win)

    return reach


def _unlock_error(win: MainWindow, core: Core) -> QWidget:
    core.profiles.create(NAME, PASS)
    win.show_unlock(NAME)
    win.unlock(NAME, "wrong passphrase")
    return win.unlock_page


SCREENS: dict[str, Callable[[MainWindow, Core], QWidget]] = {
    "picker": _page(lambda w: w.show_picker(), lambda w: w.picker, unlocked=False),
    "create-profile": _page(lambda w: w.show_create(), lambda w: w.create_page, unlocked=False),
    "unlock": _unlock_error,
    "library": _page(lambda w: w.show_library(), lambda w: w.library),
    "course": _page(lambda w: w.show_course(DEMO_COURSE_ID), lambda w: w.course_page),
    "downloads": _page(lambda w: w.show_downloads(), lambda w: w.downloads),
    "dashboard": _page(lambda w: w.show_dashboard(), lambda w: w.dashboard),
    "sync-log": _page(lambda w: w.show_sync_log(), lambda w: w.sync_log_page),
    "certificates": _certificates,
    "settings": _settings,
    "player-video": _player("video", "intro-video"),
    "player-pdf": _player("pdf", "handout"),
    "player-assessment": _player("assessment", "final-quiz"),
}


@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_screen_is_named_reachable_and_readable(
    qtbot, win: MainWindow, core: Core, theme: str, screen: str
) -> None:
    page = SCREENS[screen](win, core)
    qtbot.waitUntil(page.isVisible, timeout=5000)
    qtbot.wait(50)  # late layout and lazily filled lists
    assert unnamed(page) == [], f"{screen}: controls without an accessible name"
    assert tab_reach(qtbot, page) == [], f"{screen}: controls Tab never reaches"
    if theme == "high-contrast":
        assert dark_share(page) > 0.6, f"{screen} paints a light background of its own"
        assert poor_colours(page) == [], f"{screen}: text colours hard to read"
    label = win.sync_label
    if label.isVisible():
        assert poor_colours(label) == []
