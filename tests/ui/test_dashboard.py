"""The progress dashboard against the real core: its chart and tables show the facade's own
numbers, a target edited from the page persists, Escape goes back; loading runs off the GUI
thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.content import DEMO_COURSE_ID
from app.core import Core
from app.learning import Learner
from app.profiles import ProfileSession
from tests.conftest import PASS
from tests.support.demo import complete_demo
from ui.dashboard_page import DashboardPage, hours, load_dashboard
from ui.ops import ImmediateExecutor, Ops


@dataclass
class Open:
    core: Core
    session: ProfileSession
    learner: Learner
    errors: list[BaseException]

    def ops(self, executor=None) -> Ops:
        return Ops(self.errors.append, executor or ImmediateExecutor())


@pytest.fixture
def profile(core: Core) -> Iterator[Open]:
    """The demo course installed, a profile unlocked; any error an op reports fails the test."""
    core.content.seed_demo()
    core.profiles.create("Asha", PASS)
    session = core.profiles.unlock("Asha", PASS)
    opened = Open(core, session, core.learner(session), [])
    yield opened
    if not session.store.closed:
        session.close()
    assert opened.errors == []


def page_for(qtbot, profile: Open, ops: Ops | None = None) -> DashboardPage:
    learner = profile.learner
    page = DashboardPage(ops or profile.ops(), lambda: learner)
    qtbot.addWidget(page)
    page.show()
    page.activateWindow()  # shortcuts (Escape, F5) need an active window
    qtbot.waitUntil(page.isActiveWindow)
    page.on_shown()
    return page


def cells(table) -> list[list[str]]:
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_numbers_match_the_facade_after_the_demo_course(qtbot, profile: Open) -> None:
    complete_demo(profile.learner)
    page = page_for(qtbot, profile)
    report = profile.learner.competencies()
    assert report.by_type == {"behavioural": 1.0, "functional": 0.5, "domain": 0.0}
    # The table and the chart show the facade's hours per type.
    rows = cells(page.hours_table)
    assert [r[:2] for r in rows] == [["Behavioural", "1"], ["Functional", "0.5"], ["Domain", "0"]]
    assert [(b.label, b.value) for b in page.chart.bars] == [
        ("Behavioural", 1.0), ("Functional", 0.5), ("Domain", 0.0)]  # fmt: skip
    assert page.chart.accessibleDescription() == "Behavioural: 1 h; Functional: 0.5 h; Domain: 0 h"
    # The targets: the National Learning Week's 4 hours, with what counts towards it.
    nlw = next(t for t in report.targets if t.target.id == "national-learning-week")
    (row,) = [r for r in cells(page.targets_table) if r[0] == "National Learning Week"]
    assert row[2:] == [hours(nlw.earned), "4", f"{hours(4 - nlw.earned)} h to go"]
    assert nlw.earned == 1.5
    # Courses and records to sync.
    assert not page.courses_table.isVisible() and page.courses_empty.isVisible()
    assert page.completed_label.text() == "Courses completed: 1"
    pending = profile.learner.statement_counts()["pending"]
    assert pending > 0
    assert page.pending_label.text() == f"Records waiting to sync: {pending}"
    assert page.plan_box.title().startswith("Annual plan 20")


def test_a_course_in_progress_shows_how_far_it_got(qtbot, profile: Open) -> None:
    with profile.learner.open_item(DEMO_COURSE_ID, "intro-video") as video:
        video.watched(0, 32, position=32)
    page = page_for(qtbot, profile)
    assert cells(page.courses_table) == [["Serving Citizens Well", "1 of 4 items (25%)"]]
    assert page.completed_label.text() == "Courses completed: 0"
    # The video carries part of the behavioural hours (shared by the items' minutes).
    behavioural = profile.learner.competencies().by_type["behavioural"]
    assert 0 < behavioural < 1
    assert cells(page.hours_table)[0][1] == hours(behavioural)


def test_a_target_edited_from_the_page_persists(qtbot, profile: Open) -> None:
    complete_demo(profile.learner)
    page = page_for(qtbot, profile)
    # Keyboard only: choose the type, type the hours, press the button.
    page.target_type.setFocus()
    assert page.target_type.currentData() == "behavioural"  # the first type, to begin with
    qtbot.keyClick(page.target_type, Qt.Key.Key_Down)
    assert page.target_type.currentData() == "functional"
    qtbot.keyClick(page.target_hours, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(page.target_hours, "2.5")
    qtbot.keyClick(page.set_target_button, Qt.Key.Key_Space)
    assert page.target_saved.text() == "Target saved."
    (row,) = [r for r in cells(page.targets_table) if r[0] == "Annual plan: Functional"]
    assert row[2:] == ["0.5", "2.5", "2 h to go"]
    assert cells(page.hours_table)[1] == ["Functional", "0.5", "2.5", "0.5"]
    functional = page.chart.bars[1]
    assert (functional.target, functional.target_text) == (2.5, "target 2.5 h")

    # Persisted: locked and unlocked again, the core has it (and `kyo plan` uses the same id).
    profile.session.close()
    with profile.core.profiles.unlock("Asha", PASS) as session:
        targets = {t.target.id: t for t in profile.core.learner(session).competencies().targets}
    assert targets["annual-functional"].target.hours == 2.5
    assert targets["annual-functional"].target.competency_type == "functional"


def test_escape_goes_back(qtbot, profile: Open) -> None:
    page = page_for(qtbot, profile)
    with qtbot.waitSignal(page.back_requested, timeout=1000):
        qtbot.keyClick(QApplication.focusWidget() or page, Qt.Key.Key_Escape)


def test_loads_off_the_gui_thread(qtbot, profile: Open) -> None:
    complete_demo(profile.learner)
    threads: list[int] = []
    learner = profile.learner

    def provider() -> Learner:
        threads.append(threading.get_ident())
        return learner

    executor = ThreadPoolExecutor(2)
    ops = profile.ops(executor)
    page = DashboardPage(ops, provider)
    qtbot.addWidget(page)
    page.show()
    page.on_shown()
    qtbot.waitUntil(lambda: page.data is not None, timeout=10_000)
    assert threads and threading.get_ident() not in threads
    assert cells(page.hours_table)[0][1] == "1"
    executor.shutdown(wait=True)


def test_load_dashboard_is_plain_data(profile: Open) -> None:
    complete_demo(profile.learner)
    data = load_dashboard(profile.learner)
    assert data.completed == 1 and data.in_progress == []
    assert data.pending == profile.learner.statement_counts()["pending"]
    assert data.year[0].month == 4 and data.year[1].month == 3
