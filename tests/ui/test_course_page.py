"""The course page on the demo course and a real profile: modules, items, progress, Continue
at the facade's resume point, Enter on an item, Escape back; English and Hindi."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressBar

from app.content import DEMO_COURSE_ID
from app.core import Core
from app.learning import Learner
from tests.ui.library_support import key
from ui.course_page import PROGRESS, STATUS, CoursePage


@pytest.fixture
def demo(core: Core, learner: Learner) -> Iterator[Learner]:
    core.content.seed_demo()
    yield learner


def show(qtbot, learner_: Learner) -> CoursePage:
    page = CoursePage()
    qtbot.addWidget(page)
    page.set_course(learner_.course(DEMO_COURSE_ID))  # the window does this through ops
    page.resize(900, 600)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.on_shown()
    return page


def rows(page: CoursePage) -> list[list[str]]:
    out = []
    for m in range(page.tree.topLevelItemCount()):
        module = page.tree.topLevelItem(m)
        out.append([module.text(0), module.text(STATUS)])
        for i in range(module.childCount()):
            item = module.child(i)
            out.append(["  " + item.text(0), item.text(1), item.text(STATUS)])
    return out


def bar(page: CoursePage, module: int, child: int | None = None) -> int:
    row = page.tree.topLevelItem(module)
    if child is not None:
        row = row.child(child)
    widget = page.tree.itemWidget(row, PROGRESS)
    assert isinstance(widget, QProgressBar)
    return widget.value()


def test_modules_items_and_progress_of_the_demo_course(qtbot, demo: Learner) -> None:
    with demo.open_item(DEMO_COURSE_ID, "intro-video") as video:
        video.watched(0, 32, position=32)  # all of it: completed
    with demo.open_item(DEMO_COURSE_ID, "handout") as pdf:
        pdf.page(1)  # one page of three
    page = show(qtbot, demo)
    assert page.title.text() == "Serving Citizens Well"
    assert page.competencies.text() == (
        "Competencies: Citizen centricity (behavioural, 1 h); "
        "Grievance redressal (functional, 0.5 h)"
    )
    assert rows(page) == [
        ["Principles of good service", "1 of 2 done"],
        ["  Four habits of good service (video)", "Video", "Completed"],
        ["  Lesson: serving citizens well", "Lesson", "Not started"],
        ["Practice and check", "0 of 2 done"],
        ["  Handout: counter checklist and grievance steps", "PDF document", "In progress: 33%"],
        ["  Final quiz", "Assessment", "Not started"],
    ]
    assert (bar(page, 0), bar(page, 0, 0), bar(page, 0, 1), bar(page, 1, 0)) == (50, 100, 0, 33)
    assert page.course_status.text() == (
        "1 of 4 items done · next: Handout: counter checklist and grievance steps"
    )
    assert page.course_bar.value() == 25
    assert page.continue_button.text() == "&Continue"
    # Continue opens the item last opened while it is unfinished: the handout.
    with qtbot.waitSignal(page.item_requested) as opened:
        key(qtbot, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert opened.args == [DEMO_COURSE_ID, "handout", "pdf"]


def test_keyboard_opens_items_and_goes_back(qtbot, demo: Learner) -> None:
    page = show(qtbot, demo)
    assert page.continue_button.text() == "&Start"
    assert QApplication.focusWidget() is page.tree
    assert page.current_item_id() == "intro-video"  # the resume point is selected
    key(qtbot, Qt.Key.Key_Down)
    with qtbot.waitSignal(page.item_requested) as opened:
        key(qtbot, Qt.Key.Key_Return)
    assert opened.args == [DEMO_COURSE_ID, "lesson", "html"]
    key(qtbot, Qt.Key.Key_Down)  # the second module's row: Enter folds it
    assert page.current_item_id() is None
    key(qtbot, Qt.Key.Key_Return)
    assert not page.tree.topLevelItem(1).isExpanded()
    key(qtbot, Qt.Key.Key_Return)
    assert page.tree.topLevelItem(1).isExpanded()
    with qtbot.waitSignal(page.back_requested):
        key(qtbot, Qt.Key.Key_Escape)


def test_continue_after_a_finished_item_and_a_completed_course(qtbot, demo: Learner) -> None:
    from tests.support.demo import complete_demo

    with demo.open_item(DEMO_COURSE_ID, "intro-video") as video:
        video.watched(0, 32, position=32)
    page = show(qtbot, demo)
    with qtbot.waitSignal(page.item_requested) as opened:
        page.continue_button.click()
    assert opened.args[1] == "lesson"  # the last opened is done: the first not done
    complete_demo(demo)
    page.set_course(demo.course(DEMO_COURSE_ID))  # back from a player: the window reloads
    assert page.course_status.text() == "Course completed."
    assert page.course_bar.value() == 100
    assert "passed" in rows(page)[-1][2]
    assert page.continue_button.text() == "&Start again"
    with qtbot.waitSignal(page.item_requested) as opened:
        page.continue_button.click()
    assert opened.args[1] == "intro-video"


def test_hindi_titles_and_texts_follow_a_language_switch(qtbot, demo: Learner) -> None:
    from ui.translations import Translations

    page = show(qtbot, demo)
    translations = Translations(QApplication.instance())
    translations.apply("hi")
    try:
        qtbot.waitUntil(lambda: page.title.text() == "नागरिकों की बेहतर सेवा")
        assert rows(page)[0][0] == "अच्छी सेवा के सिद्धांत"
        assert rows(page)[1][0] == "  अच्छी सेवा की चार आदतें (वीडियो)"
        assert "नागरिक-केंद्रितता" in page.competencies.text()
    finally:
        translations.apply("en")
    qtbot.waitUntil(lambda: page.title.text() == "Serving Citizens Well")
