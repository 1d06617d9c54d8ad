"""The settings dialog with the real core: link a profile to a real Ralph from the dialog, then
a sync round lands in the sync log; unlink; the bandwidth cap and metered setting persist; a bad
address shows the core's message and changes nothing; the password is masked and never logged;
the language still switches."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit

from app import sync_account
from app.core import Core
from app.learning import Learner
from app.sync_run import sync_once
from tests.support.ralph_server import Ralph
from tests.sync_real.conftest import queue
from ui.ops import ImmediateExecutor, Ops
from ui.settings_dialog import SettingsDialog
from ui.sync_log_page import SyncLogPage


@pytest.fixture
def errors() -> Iterator[list[BaseException]]:
    found: list[BaseException] = []
    yield found
    assert found == []  # nothing reached the window's presenter


def dialog_for(qtbot, core: Core, errors, learner: Learner | None) -> SettingsDialog:
    ops = Ops(errors.append, ImmediateExecutor())
    provider = (lambda: learner) if learner is not None else None
    dialog = SettingsDialog("en", core=core, ops=ops, learner=provider)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def type_into(qtbot, field: QLineEdit, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)


def test_link_to_ralph_from_the_dialog_then_a_round_is_logged(
    qtbot, core: Core, learner: Learner, ralph: Ralph, errors, caplog
) -> None:
    caplog.set_level(logging.DEBUG)
    queue(learner, 3)
    dialog = dialog_for(qtbot, core, errors, learner)
    assert "not linked" in dialog.account_status.text()
    assert not dialog.unlink_button.isEnabled()
    assert dialog.password_field.echoMode() == QLineEdit.EchoMode.Password
    user, password = ralph.auth
    type_into(qtbot, dialog.url_field, ralph.url)
    type_into(qtbot, dialog.user_field, user)
    type_into(qtbot, dialog.password_field, password)
    with qtbot.waitSignal(dialog.account_changed, timeout=5000):
        qtbot.keyClick(dialog.password_field, Qt.Key.Key_Return)  # links; the dialog stays
    assert dialog.isVisible()
    account = sync_account.load(learner.session)
    assert account is not None
    assert (account.endpoint, account.username, account.password) == (ralph.url, user, password)
    assert dialog.account_status.text() == f"Linked to {ralph.url} as {user}."
    assert dialog.password_field.text() == "" and dialog.unlink_button.isEnabled()

    report = sync_once(learner)  # what the window's sync service runs next
    assert report.push.sent == 3 and ralph.count() == 3
    page = SyncLogPage(Ops(errors.append, ImmediateExecutor()), lambda: learner)
    qtbot.addWidget(page)
    page.refresh()
    assert page.rounds_table.rowCount() == 1
    row = [page.rounds_table.item(0, c).text() for c in range(6)]
    assert row[1:5] == ["3", str(report.pulled.new), "0", "Up to date"]
    assert password not in caplog.text  # never logged


def test_unlink(qtbot, core: Core, learner: Learner, ralph: Ralph, errors) -> None:
    learner.link_account(ralph.url, *ralph.auth)
    dialog = dialog_for(qtbot, core, errors, learner)
    assert dialog.url_field.text() == ralph.url and dialog.user_field.text() == ralph.auth[0]
    assert dialog.password_field.text() == ""  # the saved password is never put on screen
    dialog.unlink_button.setFocus()
    with qtbot.waitSignal(dialog.account_changed, timeout=5000):
        qtbot.keyClick(dialog.unlink_button, Qt.Key.Key_Space)
    assert sync_account.load(learner.session) is None
    assert "not linked" in dialog.account_status.text()
    assert dialog.account_done.text().startswith("Unlinked.")
    assert not dialog.unlink_button.isEnabled()


def test_bandwidth_and_metered_persist_and_apply_at_once(
    qtbot, core: Core, learner: Learner, errors
) -> None:
    dialog = dialog_for(qtbot, core, errors, learner)
    assert dialog.bandwidth_box.text() == "No cap" and not dialog.metered_box.isChecked()
    dialog.bandwidth_box.setFocus()
    qtbot.keyClick(dialog.bandwidth_box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.bandwidth_box, "64")
    dialog.metered_box.setFocus()
    qtbot.keyClick(dialog.metered_box, Qt.Key.Key_Space)
    assert "still sync" in dialog.metered_note.text()  # what metered means, in words
    qtbot.keyClick(dialog.metered_box, Qt.Key.Key_Return)  # OK
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
    settings = core.load_settings()
    assert (settings.bandwidth_kbps, settings.metered, settings.language) == (64, True, "en")
    assert learner.content.settings().bandwidth_bps == 64_000  # what sync throttles by, now
    again = dialog_for(qtbot, core, errors, learner)
    assert again.bandwidth_box.value() == 64 and again.metered_box.isChecked()


def test_a_bad_address_shows_the_core_message_and_changes_nothing(
    qtbot, core: Core, learner: Learner, ralph: Ralph, errors, caplog
) -> None:
    caplog.set_level(logging.DEBUG)
    learner.link_account(ralph.url, *ralph.auth)
    settings_file = core.paths.settings_file
    settings_before = settings_file.read_bytes() if settings_file.exists() else None
    dialog = dialog_for(qtbot, core, errors, learner)
    type_into(qtbot, dialog.url_field, "lrs.example.org/xAPI")
    type_into(qtbot, dialog.user_field, "someone.else")
    type_into(qtbot, dialog.password_field, "a-secret-that-must-not-leak")
    qtbot.keyClick(dialog.link_button, Qt.Key.Key_Space)
    assert dialog.account_error.isVisible()
    assert dialog.account_error.text() == (
        "The platform address must start with http:// or https://."
    )
    account = sync_account.load(learner.session)
    assert account is not None and account.endpoint == ralph.url  # the old link stands
    assert account.username == ralph.auth[0]
    assert QApplication.focusWidget() is dialog.url_field  # where to fix it
    assert "a-secret-that-must-not-leak" not in caplog.text
    dialog.reject()
    after = settings_file.read_bytes() if settings_file.exists() else None
    assert after == settings_before


def test_without_a_profile_the_account_cannot_be_linked(qtbot, core: Core, errors) -> None:
    dialog = dialog_for(qtbot, core, errors, None)
    assert dialog.account_status.text() == "Open a profile to link it to a platform account."
    assert not dialog.link_button.isEnabled() and not dialog.url_field.isEnabled()
    assert dialog.bandwidth_box.isEnabled()  # machine-wide settings still can change


def test_the_language_choice_is_saved_with_the_rest(qtbot, core: Core, errors) -> None:
    dialog = dialog_for(qtbot, core, errors, None)
    accepted = []
    dialog.accepted.connect(lambda: accepted.append(dialog.language()))
    assert QApplication.focusWidget() is dialog.language_box
    qtbot.keyClick(dialog.language_box, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.language_box, Qt.Key.Key_Return)
    assert accepted == ["hi"]
    assert json.loads(core.paths.settings_file.read_text())["language"] == "hi"
    assert core.load_settings().bandwidth_kbps == 0  # untouched


def test_the_language_only_dialog_still_works(qtbot) -> None:
    dialog = SettingsDialog("en")
    qtbot.addWidget(dialog)
    assert not dialog.account_box.isVisibleTo(dialog)
    assert not dialog.connection_box.isVisibleTo(dialog)
    dialog.language_box.setCurrentIndex(1)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.language() == "hi"
