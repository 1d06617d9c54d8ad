"""The sync log page against a real Ralph: rounds newest first with what each sent, fetched and
refused; a statement Ralph refuses (no actor: 422) listed with the server's reason; a round
that could not reach the platform says so; "Sync now" asks the window for a round."""

from __future__ import annotations

import json
import random
import socket
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from app import sync_account
from app.learning import Learner
from app.sync_log import RoundEntry
from app.sync_run import SyncRound
from sync.backoff import Backoff
from sync.push import PushPolicy
from tests.support.ralph_server import Ralph
from tests.sync_real.conftest import fast_policy, queue
from ui.ops import ImmediateExecutor, Ops
from ui.sync_log_page import SyncLogData, SyncLogPage


@pytest.fixture
def page(qtbot, learner: Learner) -> Iterator[SyncLogPage]:
    errors: list[BaseException] = []
    page = SyncLogPage(Ops(errors.append, ImmediateExecutor()), lambda: learner)
    qtbot.addWidget(page)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    yield page
    assert errors == []


def rows(table) -> list[list[str]]:
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def drop_actor(learner: Learner, statement_id: str) -> None:
    """Ralph's validation refuses a statement with no actor (422): the platform's refusal."""

    def txn(db):
        row = db.execute("SELECT body FROM statements WHERE id = ?", [statement_id]).fetchone()
        body = json.loads(row[0])
        del body["actor"]
        with db.atomic():
            db.execute("UPDATE statements SET body = ? WHERE id = ?",
                       [json.dumps(body).encode(), statement_id])  # fmt: skip

    learner.session.store.call(txn)


def one_round(learner: Learner):
    return SyncRound(learner, sync_account.load(learner.session), policy=fast_policy()).run()


def test_rounds_newest_first_and_a_refused_record_with_the_reason(
    qtbot, page: SyncLogPage, learner: Learner, ralph: Ralph
) -> None:
    page.on_shown()
    assert page.rounds_empty.isVisible() and not page.rounds_table.isVisible()
    assert page.refused_empty.text() == "The platform has refused nothing."

    learner.link_account(ralph.url, *ralph.auth)
    ids = queue(learner, 5)
    drop_actor(learner, ids[2])
    first = one_round(learner)
    assert first.push.sent == 4 and len(first.push.quarantined) == 1
    queue(learner, 2)
    second = one_round(learner)
    assert second.push.sent == 2

    qtbot.keyClick(page, Qt.Key.Key_F5)  # refresh
    table = rows(page.rounds_table)
    assert [r[1:4] for r in table] == [["2", "0", "0"], ["4", "0", "1"]]  # newest first
    assert table[1][4] == "Needs attention"
    assert "Refused records are listed below." in table[1][5]
    assert table[0][4] == "Needs attention"  # the refused record still waits for someone
    (refused,) = rows(page.refused_table)
    assert refused[:2] == ["progressed", "Item"]
    reason = learner.session.store.call(
        lambda db: db.execute("SELECT error FROM statements WHERE id = ?", [ids[2]]).fetchone()[0]
    )
    assert '"actor"' in reason and "Field required" in reason  # Ralph's words, as stored
    assert refused[2] == "refused: actor: Field required"  # the gist of them, readable
    assert page.refused_table.item(0, 2).toolTip() == reason  # and all of them
    assert page.refused_table.accessibleName() == "Records the platform refused"


def test_a_round_that_cannot_reach_the_platform_says_so(
    qtbot, page: SyncLogPage, learner: Learner
) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{s.getsockname()[1]}/xAPI"
    learner.link_account(url, "asha", "pw")
    queue(learner, 1)
    policy = PushPolicy(backoff=Backoff(base_s=0.001, max_s=0.002), rng=random.Random(3),
                        max_attempts_per_round=2)  # fmt: skip
    SyncRound(learner, sync_account.load(learner.session), policy=policy).run()
    page.refresh()
    ((when, sent, fetched, refused, result, problem),) = rows(page.rounds_table)
    assert (sent, fetched, refused, result) == ("0", "0", "0", "Platform not reachable")
    assert problem == "No connection to the platform."  # plain words in the cell
    assert "127.0.0.1" in page.rounds_table.item(0, 5).toolTip()  # the detail, on demand
    assert when[-5:-3].isdigit() and ":" in when  # a local time, e.g. 23 Nov 2026, 18:46


def test_a_round_that_left_records_waiting_says_why(page: SyncLogPage) -> None:
    when = "2026-11-24T04:00:00.000Z"
    page.set_log(SyncLogData([
        RoundEntry(when, 0.1, 3, 0, 0, "waiting"),  # records came in while it ran
        RoundEntry(when, 0.1, 0, 0, 0, "waiting", stopped="gave_up", error="HTTP 503"),
    ], []))  # fmt: skip
    (ran, gave_up) = rows(page.rounds_table)
    assert ran[4:] == ["More to send", "Records made during this round go in the next one, soon."]
    assert gave_up[4] == "Will try again"
    assert gave_up[5] == "The platform kept failing; sync will try again later."


def test_sync_now_and_back_from_the_keyboard(qtbot, page: SyncLogPage) -> None:
    page.on_shown()
    assert page.sync_button.hasFocus()
    with qtbot.waitSignal(page.sync_requested, timeout=1000):
        qtbot.keyClick(page.sync_button, Qt.Key.Key_Space)
    with qtbot.waitSignal(page.back_requested, timeout=1000):
        qtbot.keyClick(page.sync_button, Qt.Key.Key_Escape)
