"""The window syncs by itself while a profile is open and shows where it stands in the status
bar; F9 syncs now; locking stops it. Against a real Ralph on loopback."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.core import Core
from tests.conftest import PASS
from tests.support.ralph_server import Ralph
from tests.sync_real.conftest import queue
from ui.main_window import MainWindow


def open_profile(window: MainWindow, core: Core, qtbot, link: Ralph | None = None) -> None:
    core.profiles.create("Asha", PASS)
    if link is not None:
        with core.profiles.unlock("Asha", PASS) as session:
            learner = core.learner(session)
            learner.link_account(link.url, *link.auth)
            queue(learner, 3)
    window.start("Asha", PASS)
    qtbot.waitUntil(lambda: window.sync_label.isVisible(), timeout=10_000)


def test_an_unlinked_profile_says_so(window: MainWindow, core: Core, qtbot) -> None:
    open_profile(window, core, qtbot)
    qtbot.waitUntil(lambda: "Not linked to a platform" in window.sync_label.text())
    assert window.sync_label.accessibleName() == "Sync status"


def test_syncs_by_itself_and_on_f9_then_stops_when_locked(
    window: MainWindow, core: Core, qtbot, ralph: Ralph
) -> None:
    open_profile(window, core, qtbot, link=ralph)
    qtbot.waitUntil(lambda: window.sync_label.text().endswith("Up to date"), timeout=20_000)
    assert ralph.count() == 3  # nobody pressed anything
    assert window.sync_label.toolTip().startswith("Last synced:")

    learner = window._learner()
    queue(learner, 2)
    window.sync_label.setText("")
    qtbot.keyClick(window, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: window.sync_label.text().endswith("Up to date"), timeout=20_000)
    assert ralph.count() == 5

    service = window._sync
    assert service is not None
    window.lock()
    assert not window.sync_label.isVisible() and not window.sync_action.isEnabled()
    qtbot.waitUntil(lambda: not service._thread.is_alive(), timeout=10_000)
