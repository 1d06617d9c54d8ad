"""Statements up to a real LRS, exactly once, through links that drop, stall and lie."""

from __future__ import annotations

import collections
import json
import time

import pytest

from app import sync_account
from app.learning import Learner
from app.sync_outbox import ProfileOutbox
from app.sync_run import SyncRound
from sync.status import SyncState
from tests.support.fault_proxy import FaultProxy, reset_request, reset_response, slow_drip
from tests.support.ralph_server import Ralph
from tests.sync_real.conftest import fast_policy, link, queue


def exactly_once(ralph: Ralph, ids: list[str]) -> None:
    stored = collections.Counter(ralph.statement_ids())
    assert sorted(stored) == sorted(ids), "every statement arrives"
    assert max(stored.values()) == 1, "and each only once"


@pytest.mark.slow
def test_ten_thousand_statements_through_the_fault_proxy(learner: Learner, ralph: Ralph) -> None:
    ids = queue(learner, 10_000)
    with FaultProxy(ralph.url) as proxy:
        proxy.random_faults(seed=20261123, rate=0.3)
        link(learner, proxy.url, ralph)
        rounds = 0
        while learner.statement_counts()["pending"] and rounds < 20:
            rounds += 1
            report = SyncRound(learner, sync_account.load(learner.session),
                               policy=fast_policy(rounds)).run()  # fmt: skip
        faults = dict(proxy.stats.faults)
    assert learner.statement_counts() == {"pending": 0, "sent": 10_000, "quarantined": 0}
    exactly_once(ralph, ids)
    assert report.status is not None and report.status.state == SyncState.UP_TO_DATE
    assert sum(n for kind, n in faults.items() if kind != "ok") > 10  # the faults happened
    print(f"rounds {rounds}, faults {faults}")


def test_a_statement_the_server_rejects_is_quarantined_and_the_rest_go(
    learner: Learner, ralph: Ralph
) -> None:
    ids = queue(learner, 250)
    bad_id = ids[123]

    def break_it(db):
        body = json.loads(
            db.execute("SELECT body FROM statements WHERE id = ?", [bad_id]).fetchone()[0]
        )
        del body["actor"]  # Ralph's validation refuses a statement with no actor (422)
        with db.atomic():
            db.execute(
                "UPDATE statements SET body = ? WHERE id = ?", [json.dumps(body).encode(), bad_id]
            )

    link(learner, ralph.url, ralph)  # first: linking rewrites unsent statements' actor
    learner.session.store.call(break_it)
    report = SyncRound(learner, sync_account.load(learner.session), policy=fast_policy()).run()
    assert [q[0] for q in report.push.quarantined] == [bad_id], (report.push, ralph.count())
    assert report.push.sent == 249
    exactly_once(ralph, [i for i in ids if i != bad_id])
    assert report.status is not None and report.status.state == SyncState.NEEDS_ATTENTION
    assert "refused" in report.status.text()
    (problem,) = ProfileOutbox(learner.session).quarantined()
    assert problem["id"] == bad_id and problem["kind"] == "rejected"


def test_wrong_credentials_keep_everything_queued(learner: Learner, ralph: Ralph) -> None:
    queue(learner, 20)
    sync_account.link(learner.session, ralph.url, ralph.auth[0], "wrong password")
    report = SyncRound(learner, sync_account.load(learner.session), policy=fast_policy()).run()
    assert report.push.stopped == "auth" and report.push.sent == 0
    assert learner.statement_counts()["pending"] == 20
    assert report.status is not None and report.status.state == SyncState.NEEDS_ATTENTION
    assert ralph.count() == 0


def test_a_slow_2g_link_still_delivers_everything_once(learner: Learner, ralph: Ralph) -> None:
    """netem is not available in this kernel (tests/support_tests say why): the proxy's
    slow-drip mode stands in for a 2G link (about 50 kbit/s and 600 ms a request) for the whole
    round, both ways, and a dropped connection each way stands in for its losses."""
    ids = queue(learner, 60)
    with FaultProxy(ralph.url) as proxy:
        drip = slow_drip(bytes_per_s=6250, latency=0.6)
        proxy.plan([reset_response(), drip, reset_request()], then=drip)
        link(learner, proxy.url, ralph)
        started = time.monotonic()
        report = SyncRound(learner, sync_account.load(learner.session), policy=fast_policy()).run()
        elapsed = time.monotonic() - started
    exactly_once(ralph, ids)
    assert report.status is not None and report.status.state == SyncState.UP_TO_DATE
    assert elapsed > 2 * 60 * 600 / 6250  # it really crawled: up and back down at 2G rates


def test_linking_gives_unsent_statements_the_account(learner: Learner, ralph: Ralph) -> None:
    queue(learner, 3)
    moved = sync_account.link(learner.session, ralph.url, *ralph.auth)
    assert moved == 3
    for statement in learner.pending_statements():
        assert statement["actor"]["account"] == {
            "homePage": ralph.url.split("/xAPI")[0], "name": ralph.auth[0]}  # fmt: skip
