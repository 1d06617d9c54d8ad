"""The PDF player on the demo course's real handout (3 pages), in a real profile: pages seen
are recorded through the facade and read back from the profile."""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtGui import QPageLayout
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QApplication

from app.content import DEMO_COURSE_ID
from app.core import Core
from app.learning import Learner
from app.progress import ItemProgress
from tests.conftest import PASS
from tests.support.pdf import a4_page
from ui.ops import ImmediateExecutor, Ops
from ui.players import player_class
from ui.players.pdf import PdfPlayer
from ui.translations import Translations

ITEM = "handout"
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def learner(core: Core, learner: Learner) -> Learner:
    """The unlocked learner (tests/conftest.py) with the demo course installed."""
    core.content.seed_demo()
    return learner


@pytest.fixture
def ops(qapp: QApplication) -> Iterator[tuple[Ops, list[BaseException]]]:
    """The real ops layer on a worker pool, as in the window; errors are collected."""
    errors: list[BaseException] = []
    pool = Ops(errors.append, ThreadPoolExecutor(max_workers=4))
    yield pool, errors
    pool.shutdown()


def _open(qtbot, ops, learner, course=DEMO_COURSE_ID, item=ITEM) -> PdfPlayer:
    player = player_class("pdf")(ops[0], learner, course, item)
    assert isinstance(player, PdfPlayer)
    qtbot.addWidget(player)
    player.resize(800, 600)
    player.show()
    player.activateWindow()
    qtbot.waitActive(player)
    player.on_shown()
    return player


def _ready(qtbot, player: PdfPlayer) -> None:
    qtbot.waitUntil(lambda: player.document.pageCount() == 3 and player._tracking, timeout=5000)
    qtbot.waitUntil(lambda: player.serial.idle, timeout=5000)


def _key(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key to the focused widget, as a keyboard user would send it."""
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2000)
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def _progress(learner: Learner) -> ItemProgress:
    view = learner.course(DEMO_COURSE_ID)
    return next(v.progress for v in view.items if v.item.id == ITEM)


def _close(qtbot, player: PdfPlayer) -> None:
    closed: list[bool] = []
    player.close_item(lambda: closed.append(True))
    qtbot.waitUntil(lambda: closed == [True], timeout=5000)
    assert player.activity is None


def test_page_through_with_the_keyboard_completes_and_reopens_there(qtbot, ops, learner) -> None:
    player = _open(qtbot, ops, learner)
    _ready(qtbot, player)
    assert player.title.text() == "Handout: counter checklist and grievance steps"
    assert QApplication.focusWidget() is player.view
    assert player.view.pageMode() == QPdfView.PageMode.MultiPage
    assert _progress(learner).detail["pages_seen"] == [1]
    assert player.of_label.text() == "of 3" and player.page_spin.value() == 1

    _key(qtbot, Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: player.page_spin.value() == 2, timeout=2000)
    _key(qtbot, Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: player.serial.idle and _progress(learner).completed, timeout=5000)
    progress = _progress(learner)
    assert progress.detail["pages_seen"] == [1, 2, 3]
    assert progress.resume["page"] == 3
    assert player.status.text() == "Completed: you have seen every page."
    _key(qtbot, Qt.Key.Key_PageUp)
    qtbot.waitUntil(lambda: player.page_spin.value() == 2, timeout=2000)
    _key(qtbot, Qt.Key.Key_PageDown)
    _close(qtbot, player)
    assert not ops[1]
    assert _progress(learner).resume["page"] == 3

    again = _open(qtbot, ops, learner)
    _ready(qtbot, again)
    assert again.page_spin.value() == 3 and again.navigator.currentPage() == 2
    _close(qtbot, again)


def test_page_spin_box_and_scrolling_count_pages(qtbot, ops, learner) -> None:
    player = _open(qtbot, ops, learner)
    _ready(qtbot, player)
    _key(qtbot, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)  # Pa&ge: the spin box
    assert QApplication.focusWidget() is player.page_spin
    _key(qtbot, Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: player.navigator.currentPage() == 1, timeout=2000)
    qtbot.waitUntil(lambda: 2 in _progress(learner).detail["pages_seen"], timeout=5000)
    bar = player.view.verticalScrollBar()
    bar.setValue(bar.maximum())  # the wheel or the scroll bar, to the very end
    qtbot.waitUntil(lambda: player.serial.idle and _progress(learner).completed, timeout=5000)
    _close(qtbot, player)


def test_zoom_keys_change_the_view(qtbot, ops, learner) -> None:
    player = _open(qtbot, ops, learner)
    _ready(qtbot, player)
    fitted = player.effective_zoom()
    bar = player.view.verticalScrollBar()
    fitted_length = bar.maximum()
    assert player.view.zoomMode() == QPdfView.ZoomMode.FitToWidth and fitted > 0.5
    player.go_to_page(2)
    qtbot.waitUntil(lambda: player.view.verticalScrollBar().value() > 0, timeout=2000)
    _key(qtbot, Qt.Key.Key_Plus, CTRL)
    assert player.view.zoomMode() == QPdfView.ZoomMode.Custom
    assert player.view.zoomFactor() == pytest.approx(fitted * 1.25, rel=0.01)
    assert player.zoom_label.text() == f"{round(fitted * 125)} %"
    qtbot.wait(50)  # the view lays the pages out again, then the place is kept
    assert player.page_spin.value() == 2  # still reading page 2, only bigger
    _key(qtbot, Qt.Key.Key_Minus, CTRL)
    # Back at the fitted scale, as a custom zoom: the pages are as long as when fitted.
    assert player.view.zoomFactor() == pytest.approx(fitted, rel=0.01)
    qtbot.waitUntil(lambda: abs(bar.maximum() - fitted_length) < 0.02 * fitted_length)
    _key(qtbot, Qt.Key.Key_Minus, CTRL)
    assert player.view.zoomFactor() == pytest.approx(fitted / 1.25, rel=0.01)
    _key(qtbot, Qt.Key.Key_0, CTRL)
    assert player.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert player.zoom_label.text() == f"{round(fitted * 100)} %"
    assert player.effective_zoom() == pytest.approx(fitted, rel=0.01)
    with qtbot.waitSignal(player.finished, timeout=1000):
        _key(qtbot, Qt.Key.Key_Escape)
    _close(qtbot, player)


def pdf_course(core: Core, folder: Path, course_id: str, item_id: str, pdf: bytes) -> None:
    """A one-item course whose PDF is `pdf`, installed from a folder."""
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / f"{item_id}.pdf").write_bytes(pdf)
    item = {"id": item_id, "kind": "pdf", "title": {"en": item_id.title()},
            "src": f"docs/{item_id}.pdf"}  # fmt: skip
    doc = {"format": "kyo-course/1", "id": course_id, "version": "1",
           "title": {"en": course_id.rsplit(":", 1)[-1]}, "languages": ["en"],
           "modules": [{"id": "m", "title": {"en": "M"}, "items": [item]}]}  # fmt: skip
    (folder / "course.json").write_text(json.dumps(doc))
    core.content.install(str(folder))


def test_a_file_that_is_no_pdf_says_so(qtbot, ops, core: Core, tmp_path: Path) -> None:
    pdf_course(core, tmp_path / "broken", "urn:test:broken-pdf", "notes",
               b"%PDF-1.4 this is not really a PDF")  # fmt: skip
    core.profiles.create("Ravi", PASS)
    with core.profiles.unlock("Ravi", PASS) as session:
        player = _open(qtbot, ops, core.learner(session), "urn:test:broken-pdf", "notes")
        qtbot.waitUntil(lambda: player.problem_detail is not None, timeout=5000)
        assert player.screen.currentWidget() is player.message
        assert player.message.text().startswith("This PDF cannot be opened.")
        assert not player.next_button.isEnabled()
        assert QApplication.focusWidget() is player.back_button
        _close(qtbot, player)


def test_with_the_window_test_executor_and_in_hindi(qtbot, qapp, learner) -> None:
    """Ops that finish at once (as the window's tests run them), and a language switch."""
    errors: list[BaseException] = []
    player = _open(qtbot, (Ops(errors.append, ImmediateExecutor()), errors), learner)
    assert player.document.pageCount() == 3 and player.page_spin.maximum() == 3
    translations = Translations(qapp)
    try:
        translations.apply("hi")  # LanguageChange is posted: the page re-sets its texts
        hindi = "हैंडआउट: काउंटर जाँच-सूची और शिकायत निवारण के चरण"
        qtbot.waitUntil(lambda: player.title.text() == hindi, timeout=2000)
    finally:
        translations.apply("en")
    english = "Handout: counter checklist and grievance steps"
    qtbot.waitUntil(lambda: player.title.text() == english, timeout=2000)
    _key(qtbot, Qt.Key.Key_End)  # to the last page: 2 was passed over, not seen
    qtbot.waitUntil(lambda: player.serial.idle, timeout=2000)
    assert _progress(player.learner).detail["pages_seen"] == [1, 3]
    _key(qtbot, Qt.Key.Key_Home)
    assert player.page_spin.value() == 1
    _close(qtbot, player)
    assert not errors


def test_a_one_page_pdf_settles_at_every_size(qtbot, ops, core: Core, tmp_path: Path) -> None:
    """Fit to width with a scroll bar "as needed": where the page is about as tall as the view,
    the bar came, the page shrank to fit, the bar went, the page grew, for ever (Qt looped
    inside one event: the window froze). The slot below breaks such a loop so the test fails
    instead of hanging."""
    course = "urn:test:one-page"  # one portrait page: about as tall as the view at some sizes
    pdf_course(core, tmp_path / "one", course, "one",
               a4_page("One page", QPageLayout.Orientation.Portrait))  # fmt: skip
    core.profiles.create("Ravi", PASS)
    with core.profiles.unlock("Ravi", PASS) as session:
        player = _open(qtbot, ops, core.learner(session), course, "one")
        qtbot.waitUntil(lambda: player.document.pageCount() == 1, timeout=5000)
        view, changes, looped = player.view, [0], []

        def range_changed(_low: int, _high: int) -> None:
            changes[0] += 1
            if changes[0] > 100 and not looped:
                looped.append(player.size().toTuple())
                view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)

        view.verticalScrollBar().rangeChanged.connect(range_changed)
        chrome = player.height() - view.viewport().height()
        for width in range(300, 1000, 20):
            page_height = int(view.viewport().width() * 1.414)
            for height in range(page_height - 40, page_height + 40, 8):
                changes[0] = 0
                player.resize(width, chrome + height)
                for _round in range(4):
                    QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
                assert not looped, f"the scroll bar came and went for ever at {looped[0]}"
        _close(qtbot, player)
