"""The sync log (app/sync_log.py): bounded, newest first, written by every sync round, and a
version-5 profile upgrades to it with its data kept."""

from __future__ import annotations

import json
import random
import shutil
import socket
from pathlib import Path

from app import schema, sync_account, sync_log
from app.learning import Learner
from app.store import Store
from app.sync_run import SyncRound
from sync.backoff import Backoff
from sync.push import PushPolicy
from tests.fixtures.make_profile_v1 import FIXTURE_KEY, fixture_path
from tests.sync_real.conftest import queue


def entry(n: int) -> sync_log.RoundEntry:
    return sync_log.RoundEntry(f"2026-01-01T00:00:{n:02d}.000+00:00", 0.5, n, 0, 0, "up_to_date")


def test_rounds_come_newest_first_and_only_the_last_ones_are_kept(learner: Learner) -> None:
    store = learner.session.store
    for n in range(8):
        store.call(lambda db, n=n: sync_log.record(db, entry(n), keep=5))
    kept = sync_log.load(learner.session)
    assert [e.sent for e in kept] == [7, 6, 5, 4, 3]
    assert store.call(lambda db: db.execute("SELECT count(*) FROM sync_rounds").fetchone()[0]) == 5


def test_the_default_bound_is_200_rounds(learner: Learner) -> None:
    def many(db):
        for n in range(sync_log.KEEP + 30):
            sync_log.record(db, entry(n % 60))

    learner.session.store.call(many)
    assert len(sync_log.load(learner.session, limit=10_000)) == sync_log.KEEP


def _closed_port() -> str:
    with socket.socket() as s:  # bound then closed: nothing listens there any more
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/xAPI"


def test_a_round_that_cannot_reach_the_platform_is_logged_with_its_error(
    learner: Learner,
) -> None:
    queue(learner, 3)
    learner.link_account(_closed_port(), "asha", "secret-password")
    policy = PushPolicy(backoff=Backoff(base_s=0.001, max_s=0.002), rng=random.Random(1),
                        max_attempts_per_round=2)  # fmt: skip
    report = SyncRound(learner, sync_account.load(learner.session), policy=policy).run()
    assert report.push.stopped == "offline"
    (logged,) = sync_log.load(learner.session)
    assert (logged.sent, logged.pulled, logged.refused) == (0, 0, 0)
    assert logged.outcome == "offline" and logged.stopped == "offline"
    assert logged.error  # the network's words, for whoever helps the learner
    assert "secret-password" not in logged.error
    assert logged.started_at.startswith("20") and logged.seconds >= 0


def test_a_version_5_profile_upgrades_and_keeps_its_sync_data(tmp_path: Path) -> None:
    path = tmp_path / "profile.db"
    shutil.copyfile(fixture_path(5), path)
    # Data as version-5 code wrote it: a refused statement and the sync stage.
    from app import db as dbmod

    conn = dbmod.connect(path, FIXTURE_KEY)
    assert dbmod.user_version(conn) == 5
    body = json.dumps({"id": "s1", "verb": {"id": "v"}}).encode()
    conn.execute(
        "INSERT INTO statements (id, body, verb, object_id, timestamp, created_at, status, "
        "problem, error) VALUES ('s1', ?, 'v', 'o', 't', 't', 'quarantined', 'rejected', 'no')",
        [body],
    )
    conn.execute("INSERT INTO sync_state VALUES ('stage', '\"pull\"')")
    conn.commit()
    conn.close()

    store = Store(path, FIXTURE_KEY)
    try:
        assert store.upgraded == [6] and schema.SCHEMA_VERSION == 6
        row = store.call(
            lambda db: db.execute("SELECT status, problem, error FROM statements").fetchone()
        )
        assert tuple(row) == ("quarantined", "rejected", "no")
        stage = store.call(lambda db: db.execute("SELECT value FROM sync_state").fetchone()[0])
        assert stage == '"pull"'
        meta = store.call(lambda db: {r["key"]: r["value"] for r in db.table("meta").rows})
        assert meta["marker"] == "V1-MARKER-7f3a"
        store.call(lambda db: sync_log.record(db, entry(1)))
        assert [e.sent for e in store.call(sync_log.rounds)] == [1]
    finally:
        store.close()
    assert schema.backup_path(path, 5).exists()  # the copy taken before the upgrade
