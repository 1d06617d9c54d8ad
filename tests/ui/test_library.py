"""The library on the real core: installed and available courses from a signed repository on
loopback, FTS search (Hindi too), filters, updates, adding a repository, keyboard only."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.core import Core
from app.learning import Learner
from content_cache.publish import publish
from tests.content.conftest import course_doc, make_package
from tests.ui import library_support as support
from tests.ui.library_support import (
    BUDGET,
    ETHICS,
    RTI,
    Served,
    key,
    type_text,
)
from ui.library_data import LibraryEntry, LibrarySource
from ui.library_page import CourseCard, LibraryPage
from ui.library_rows import SHORT_TEXT, CourseRow, short_text
from ui.ops import Ops

ops, served = support.ops, support.served  # fixtures


def titles(page: LibraryPage) -> list[str]:
    lst = page.course_list
    return [] if lst.isHidden() else [lst.item(i).text().split("\n")[0] for i in range(lst.count())]


def row(page: LibraryPage, title: str) -> CourseRow:
    lst = page.course_list
    for i in range(lst.count()):
        widget = lst.itemWidget(lst.item(i))
        if isinstance(widget, CourseRow) and widget.title.text() == title:
            return widget
    raise AssertionError(f"{title} not listed: {titles(page)}")


def make_page(qtbot, ops_: Ops, core: Core, learner_: Learner | None) -> LibraryPage:
    page = LibraryPage()
    qtbot.addWidget(page)
    page.bind(ops_, LibrarySource(core.content, (lambda: learner_) if learner_ else None))
    page.resize(1000, 700)
    page.show()
    page.activateWindow()
    qtbot.waitExposed(page)
    qtbot.waitUntil(page.isActiveWindow)
    page.on_shown()
    return page


def test_installed_and_available_with_progress(
    qtbot, ops: Ops, core: Core, served: Served, learner: Learner
) -> None:
    core.content.repos.add(served.url)
    core.content.install(ETHICS)
    with learner.open_item(ETHICS, "lesson") as lesson:
        lesson.lesson(1.0)  # one of its two items: half done
    page = make_page(qtbot, ops, core, learner)
    qtbot.waitUntil(lambda: len(titles(page)) == 3)
    # Installed first, then what can be installed, by title.
    assert titles(page) == ["Ethics in Governance", "Budgeting Basics", "Right to Information"]
    ethics = row(page, "Ethics in Governance")
    assert ethics.progress.isVisible() and ethics.progress.value() == 50
    assert ethics.state.text() == "In progress: 50% done"  # in words, not only a bar
    assert not ethics.action.isVisible() and ethics.open_button.isVisible()
    budget = row(page, "Budgeting Basics")
    assert (
        "Not installed" in budget.details.text() and "4.0 MB to download" in budget.details.text()
    )
    assert budget.action.isVisible() and budget.action.text() == "Install"
    assert not budget.progress.isVisible()
    assert budget.state.text() == "Public finance for offices"  # what it is about, to choose
    assert QApplication.focusWidget() is page.course_list


def test_search_finds_hindi_titles_through_the_catalog(
    qtbot, ops: Ops, core: Core, served: Served, tmp_path: Path
) -> None:
    core.content.repos.add(served.url)
    # A course installed from a file, which no repository lists, is found too.
    doc = course_doc("urn:test:course:file", title={"en": "Office Noting", "hi": "कार्यालय टिप्पणी"},
                     description={"en": "Files and notes"})  # fmt: skip
    core.content.install(str(make_package(tmp_path / "noting.zip", doc)))
    page = make_page(qtbot, ops, core, None)
    qtbot.waitUntil(lambda: len(titles(page)) == 4)
    key(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.search_field
    type_text(qtbot, "सूचना")
    qtbot.waitUntil(lambda: titles(page) == ["Right to Information"])
    assert page.hits == {RTI}  # the catalog's FTS answered, off the GUI thread
    page.search_field.clear()
    type_text(qtbot, "कार्यालय")
    qtbot.waitUntil(lambda: titles(page) == ["Office Noting"])
    page.search_field.clear()
    type_text(qtbot, "prob")  # the start of a word in the description
    qtbot.waitUntil(lambda: titles(page) == ["Ethics in Governance"])
    key(qtbot, Qt.Key.Key_Escape)  # clears the search
    qtbot.waitUntil(lambda: len(titles(page)) == 4)
    type_text(qtbot, "zzzz")
    qtbot.waitUntil(lambda: page.empty_label.isVisible())
    assert "No course matches" in page.empty_label.text()
    assert page.clear_button.isVisible()


def test_filters_narrow_the_list(
    qtbot, ops: Ops, core: Core, served: Served, learner: Learner
) -> None:
    core.content.repos.add(served.url)
    core.content.install(ETHICS)
    with learner.open_item(ETHICS, "lesson") as lesson:
        lesson.lesson(1.0)
    page = make_page(qtbot, ops, core, learner)
    qtbot.waitUntil(lambda: len(titles(page)) == 3)

    def choose(box, value: str) -> None:
        box.setFocus()
        while box.currentData() != value:
            before = box.currentIndex()
            key(qtbot, Qt.Key.Key_Down)
            assert box.currentIndex() != before, f"{value} is not offered"

    choose(page.type_box, "functional")
    assert titles(page) == ["Right to Information"]
    choose(page.type_box, "domain")
    assert titles(page) == ["Budgeting Basics"]
    page.type_box.setCurrentIndex(0)
    choose(page.language_box, "hi")  # the budget course is in English only
    assert titles(page) == ["Ethics in Governance", "Right to Information"]
    page.language_box.setCurrentIndex(0)
    choose(page.status_box, "in_progress")
    assert titles(page) == ["Ethics in Governance"]
    choose(page.status_box, "completed")
    assert titles(page) == [] and page.empty_label.isVisible()
    choose(page.status_box, "not_installed")
    assert titles(page) == ["Budgeting Basics", "Right to Information"]
    page.clear_button.click() if page.clear_button.isVisible() else page.clear_filters()
    assert len(titles(page)) == 3


def test_an_update_appears_and_keyboard_installs_or_opens(
    qtbot, ops: Ops, core: Core, served: Served, tmp_path: Path
) -> None:
    core.content.repos.add(served.url)
    core.content.install(ETHICS)
    page = make_page(qtbot, ops, core, None)
    qtbot.waitUntil(lambda: len(titles(page)) == 3)
    ethics = row(page, "Ethics in Governance")
    assert not ethics.action.isVisible()
    newer = tmp_path / "newer"
    newer.mkdir()
    make_package(newer / "ethics.zip", course_doc(ETHICS, "1.1"))
    publish(newer, served.out, served.key)
    key(qtbot, Qt.Key.Key_F5)  # check the repositories again
    qtbot.waitUntil(lambda: row(page, "Ethics in Governance").action.isVisible())
    ethics = row(page, "Ethics in Governance")
    assert ethics.action.text() == "Update"
    assert ethics.details.text().startswith("Update available: version 1.1")
    assert "checked just now" in page.message.text()
    page.status_box.setCurrentIndex(page.status_box.findData("updates"))
    assert titles(page) == ["Ethics in Governance"]
    page.status_box.setCurrentIndex(0)

    page.course_list.setFocus()
    page.course_list.setCurrentRow(0)
    with qtbot.waitSignal(page.install_requested) as update:
        key(qtbot, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert update.args[0] == ETHICS
    with qtbot.waitSignal(page.course_requested) as opened:
        key(qtbot, Qt.Key.Key_Return)  # an installed course opens
    assert opened.args == [ETHICS]
    key(qtbot, Qt.Key.Key_Down)
    with qtbot.waitSignal(page.install_requested) as install:
        key(qtbot, Qt.Key.Key_Return)  # an available one installs
    assert install.args == [BUDGET, {"en": "Budgeting Basics"}]
    # While it is queued the row says so and does not offer Install twice.
    page.show_transfer(BUDGET, "downloading", 0.25)
    budget = row(page, "Budgeting Basics")
    assert budget.state.text() == "Installing: 25%" and not budget.action.isEnabled()
    with qtbot.assertNotEmitted(page.install_requested):
        key(qtbot, Qt.Key.Key_Return)
    page.show_transfer(BUDGET, "", 0.0)
    assert row(page, "Budgeting Basics").action.isEnabled()


def test_empty_library_says_what_to_do_and_a_repository_is_added(
    qtbot, ops: Ops, core: Core, served: Served
) -> None:
    page = make_page(qtbot, ops, core, None)
    qtbot.waitUntil(lambda: page.empty_label.isVisible())
    assert "Add a repository" in page.empty_label.text()
    assert "Install from a file" in page.empty_label.text()
    assert QApplication.focusWidget() is page.first_repo_button
    key(qtbot, Qt.Key.Key_Space)
    dialog = page.repo_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.location_field)
    key(qtbot, Qt.Key.Key_Return)  # nothing typed
    assert dialog.error.isVisible() and "web address" in dialog.error.text()
    type_text(qtbot, "ftp://example.org")
    key(qtbot, Qt.Key.Key_Return)
    assert "http://" in dialog.error.text()
    dialog.location_field.clear()
    type_text(qtbot, served.url + "/nothing-here")
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.location_field.isEnabled() and dialog.error.isVisible())
    assert "not on the server" in dialog.error.text()  # the core's words
    assert dialog.isVisible()
    dialog.location_field.clear()
    type_text(qtbot, served.url)
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: len(titles(page)) == 3)
    assert [r.location for r in core.content.repos.all()] == [served.url]


def test_a_usb_folder_is_added_through_the_dialog(
    qtbot, ops: Ops, core: Core, served: Served
) -> None:
    page = make_page(qtbot, ops, core, None)
    qtbot.waitUntil(lambda: page.empty_label.isVisible())
    key(qtbot, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # Add a repository…
    qtbot.waitUntil(lambda: page.repo_dialog is not None)  # a mnemonic clicks after a flash
    dialog = page.repo_dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.location_field)
    type_text(qtbot, str(served.out))  # the folder, as on a USB stick
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: len(titles(page)) == 3)
    assert served.stats.requests == 0  # read from the folder, not the server
    assert [r.location for r in core.content.repos.all()] == [str(served.out)]


def test_set_courses_still_works_and_hindi_titles_follow(
    qtbot, ops: Ops, core: Core, served: Served
) -> None:
    from ui.translations import Translations

    page = LibraryPage()
    qtbot.addWidget(page)
    page.set_learner("Asha")
    page.set_courses([CourseCard(ETHICS, {"en": "Ethics in Governance", "hi": "शासन में नैतिकता"},
                                 "1.0", 2, 1_500_000, False)])  # fmt: skip
    page.show()
    qtbot.waitExposed(page)
    assert titles(page) == ["Ethics in Governance"]
    assert "2 items" in page.course_list.item(0).text()
    assert page.who.text() == "Learner: Asha"
    translations = Translations(QApplication.instance())
    translations.apply("hi")
    try:
        qtbot.waitUntil(lambda: titles(page) == ["शासन में नैतिकता"])
    finally:
        translations.apply("en")


def test_a_long_description_is_cut_at_a_word_with_the_whole_in_its_tooltip(qtbot) -> None:
    words = "Budgets, audits and the rules of public money in a district office " * 4
    about = {"en": words, "hi": "बजट"}
    entry = LibraryEntry(BUDGET, {"en": "Budgets"}, about, available_version="1")
    english, hindi = CourseRow(entry, "en"), CourseRow(entry, "hi")
    qtbot.addWidget(english)
    qtbot.addWidget(hindi)
    short = english.state.text()
    assert english.state.toolTip() == words
    assert hindi.state.text() == "बजट" and not hindi.state.toolTip()
    assert len(short) <= SHORT_TEXT + 1 and short.endswith("…")
    assert words.startswith(short[:-1]) and words[len(short) - 1] in " ,"  # ends on a word
    assert short_text("Two\n lines  here") == "Two lines here"
    assert short_text("x" * 200).startswith("x" * SHORT_TEXT)  # one long word: cut anyway
