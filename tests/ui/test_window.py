"""The first window, driven by pytest-qt offscreen: keyboard only, English and Hindi."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QTextLayout
from PySide6.QtWidgets import QApplication

from app.core import Core
from app.i18n import current_language
from tests.conftest import PASS
from ui.main_window import MainWindow
from ui.qtapp import build_window


def _focused(qtbot):
    """The widget with keyboard focus: keys go where a keyboard user's keys would go.
    (Focus can be in flight for a moment after a dialog closes; QTest aborts on None.)"""
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2000)
    return QApplication.focusWidget()


def _type(qtbot, text: str) -> None:
    """Type into the focused widget (ASCII: qtbot.keyClicks with Devanagari aborts Qt 6.12)."""
    qtbot.keyClicks(_focused(qtbot), text)


def _key(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(_focused(qtbot), key, modifier)


def test_opens_on_the_profile_picker(window: MainWindow) -> None:
    assert window.stack.currentWidget() is window.picker
    assert window.picker.empty_label.isVisible()
    assert QApplication.focusWidget() is window.picker.new_button
    assert window.windowTitle() == "Karmayogi Offline"


def test_create_lock_and_unlock_with_the_keyboard_alone(window: MainWindow, qtbot) -> None:
    _key(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.create_page
    assert QApplication.focusWidget() is window.create_page.name_field
    _type(qtbot, "Asha")
    _key(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, PASS)
    _key(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, PASS)
    _key(qtbot, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.library
    assert window.session is not None and window.session.info.name == "Asha"
    assert "Asha" in window.library.who.text()

    _key(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.session is None
    assert window.stack.currentWidget() is window.picker
    assert QApplication.focusWidget() is window.picker.profile_list
    _key(qtbot, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.unlock_page
    assert QApplication.focusWidget() is window.unlock_page.passphrase_field

    _type(qtbot, "wrong passphrase")
    _key(qtbot, Qt.Key.Key_Return)
    assert window.unlock_page.error.isVisible()
    assert "not right" in window.unlock_page.error.text()
    assert window.unlock_page.passphrase_field.text() == ""
    assert window.stack.currentWidget() is window.unlock_page

    _type(qtbot, PASS)
    _key(qtbot, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.library
    assert window.session is not None


def test_escape_goes_back_and_mismatch_is_caught(window: MainWindow, qtbot) -> None:
    _key(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    _type(qtbot, "Ravi")
    _key(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, PASS)
    _key(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, PASS + "x")
    _key(qtbot, Qt.Key.Key_Return)
    assert window.create_page.error.isVisible()
    assert window.core.profiles.all() == []
    _key(qtbot, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.picker


def test_core_validation_errors_show_inline(window: MainWindow, qtbot) -> None:
    window.show_create()
    _type(qtbot, "Ravi")
    _key(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, "short")
    _key(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, "short")
    _key(qtbot, Qt.Key.Key_Return)
    assert "at least 8 characters" in window.create_page.error.text()
    assert window.create_page.create_button.isEnabled()
    assert window.presenter.last_box is None


def test_switch_to_hindi_while_running(window: MainWindow, qtbot, core: Core) -> None:
    core.profiles.create("Asha", PASS)
    window.show_picker()
    _key(qtbot, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    dialog = window.settings_dialog
    qtbot.waitActive(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.language_box)
    _key(qtbot, Qt.Key.Key_Down)
    assert dialog.language() == "hi"
    _key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.picker.title.text() == "आज कौन सीख रहा है?")
    assert window.file_menu.title() == "फ़ाइल (&F)"
    assert window.windowTitle() == "कर्मयोगी ऑफ़लाइन"
    assert current_language() == "hi"  # the core's messages follow
    assert json.loads(core.paths.settings_file.read_text())["language"] == "hi"
    # A core error now arrives in Hindi.
    window.show_unlock("Asha")
    _type(qtbot, "wrong passphrase")
    _key(qtbot, Qt.Key.Key_Return)
    assert window.unlock_page.error.text().startswith("यह पासफ़्रेज़ सही नहीं है")
    # And back.
    window.set_language("en")
    qtbot.waitUntil(lambda: window.picker.title.text() == "Who is learning today?")


def test_saved_language_is_used_at_start(qapp, qtbot, core: Core) -> None:
    settings = core.load_settings()
    settings.set_language("hi")
    core.save_settings(settings)
    from ui.ops import ImmediateExecutor

    win = build_window(qapp, core, executor=ImmediateExecutor())
    qtbot.addWidget(win)
    try:
        qtbot.waitUntil(lambda: win.picker.title.text() == "आज कौन सीख रहा है?")
    finally:
        win.translations.apply("en")


def test_hindi_renders_with_the_shipped_font_not_boxes(window: MainWindow, qtbot) -> None:
    assert "Noto Sans Devanagari" in QFontDatabase.families()
    window.translations.apply("hi")
    label = window.picker.title
    qtbot.waitUntil(lambda: label.text() == "आज कौन सीख रहा है?")
    layout = QTextLayout(label.text(), label.font())
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    runs = layout.glyphRuns()
    devanagari = [r for r in runs if r.rawFont().familyName() == "Noto Sans Devanagari"]
    assert devanagari, [r.rawFont().familyName() for r in runs]
    for run in runs:
        assert 0 not in run.glyphIndexes(), f"a .notdef box in {run.rawFont().familyName()}"
    # HarfBuzz shapes conjuncts: क्ष (three code points) becomes fewer glyphs.
    shaped = QTextLayout("क्ष", label.font())
    shaped.beginLayout()
    shaped.createLine()
    shaped.endLayout()
    glyphs = sum(len(r.glyphIndexes()) for r in shaped.glyphRuns())
    assert glyphs < 3


def test_app_font_keeps_the_system_size(qapp, window: MainWindow) -> None:
    font = qapp.font()
    assert font.families()[:2] == ["Noto Sans", "Noto Sans Devanagari"]
    assert QFontInfo(font).family() == "Noto Sans"
    assert font.pointSizeF() == QFont().pointSizeF()


def test_unexpected_errors_reach_the_one_presenter(window: MainWindow, qtbot) -> None:
    window.ops.run(lambda: 1 / 0, lambda _r: None)
    box = window.presenter.last_box
    assert box is not None and box.isVisible()
    assert "ZeroDivisionError" in box.detailedText()
    box.close()


def test_start_with_profile_and_passphrase_opens_the_library(window: MainWindow, core) -> None:
    core.profiles.create("Asha", PASS)
    window.start("Asha", PASS)
    assert window.stack.currentWidget() is window.library


def test_closing_the_window_locks_the_profile(window: MainWindow, core, qtbot) -> None:
    core.profiles.create("Asha", PASS)
    window.start("Asha", PASS)
    store = window.session.store
    window.close()
    assert window.session is None
    assert not window.isVisible()
    assert store._db is None  # closed: the WAL folded back, the connection gone


def test_unlock_runs_off_the_gui_thread(qapp, qtbot, core: Core) -> None:
    core.profiles.create("Asha", PASS)
    threads: list[int] = []
    real_unlock = core.profiles.unlock

    def spy(name: str, passphrase: str):
        threads.append(threading.get_ident())
        return real_unlock(name, passphrase)

    core.profiles.unlock = spy
    win = build_window(qapp, core, language="en", executor=ThreadPoolExecutor(2))
    qtbot.addWidget(win)
    win.show()
    win.start("Asha", PASS)
    assert win.unlock_page.status.isVisible()  # busy while the key is derived
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.library, timeout=10_000)
    assert threads and threads[0] != threading.get_ident()
    win.close()
    qtbot.waitUntil(lambda: win.session is None and not win.isVisible(), timeout=10_000)
    win.ops.shutdown()


def test_qt_own_buttons_are_in_hindi_too(window: MainWindow, qtbot) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    window.translations.apply("hi")
    window.open_settings()
    ok = window.settings_dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.waitUntil(lambda: ok.text() == "ठीक है")
    window.settings_dialog.reject()
    window.ops.run(lambda: 1 / 0, lambda _r: None)
    box = window.presenter.last_box
    texts = [b.text() for b in box.buttons()]
    assert "विवरण दिखाएँ…" in texts, texts
    box.close()


def test_library_lists_installed_courses_in_the_chosen_language(
    window: MainWindow, qtbot, core: Core, tmp_path
) -> None:
    from tests.content.conftest import make_package

    core.content.install(str(make_package(tmp_path / "ethics.zip")))
    core.profiles.create("Asha", PASS)
    window.start("Asha", PASS)
    assert window.stack.currentWidget() is window.library
    courses = window.library.course_list
    assert courses.count() == 1
    assert courses.item(0).text().startswith("Ethics in Governance")
    assert "2 item" in courses.item(0).text()
    assert QApplication.focusWidget() is courses
    window.set_language("hi")
    qtbot.waitUntil(lambda: courses.item(0).text().startswith("शासन में नैतिकता"))


def test_certificates_page_lists_previews_saves_prints_and_verifies(
    window: MainWindow, qtbot, core: Core, tmp_path
) -> None:
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter

    from tests.certificates.test_issue import NAME, complete_demo

    complete_demo(core)
    window.start(NAME, PASS)
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    _key(qtbot, Qt.Key.Key_C, ctrl_shift)  # File > Certificates
    page = window.certificates_page
    assert window.stack.currentWidget() is page
    assert page.cert_list.count() == 1
    assert "Serving Citizens Well" in page.cert_list.item(0).text()
    qtbot.waitUntil(lambda: page.document.status() == QPdfDocument.Status.Ready)
    assert page.document.pageCount() == 1
    saved = tmp_path / "saved.pdf"
    window.save_certificate_to(saved)
    assert saved.read_bytes() == page.pdf_bytes and saved.read_bytes().startswith(b"%PDF")
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    page.print_to(printer)
    assert (tmp_path / "printed.pdf").stat().st_size > 10_000
    window.verify_certificate_file(saved)
    assert page.verdict.text().startswith("<b>Provisional</b>")
    _key(qtbot, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.library
