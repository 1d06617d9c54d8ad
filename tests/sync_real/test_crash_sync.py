"""Kill the client (SIGKILL) at a random moment during sync, 100 times, and restart it: nothing
is lost and nothing is duplicated — statement ids make a resend harmless, and a statement is
marked sent only after the server said so."""

from __future__ import annotations

import collections
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app import outbox, sync_account
from app.core import Core
from app.paths import Paths
from app.sync_run import SyncRound
from tests.conftest import FAST_KDF, PASS, PROJECT
from tests.support.fault_proxy import FaultProxy, slow_drip
from tests.support.ralph_server import Ralph
from tests.sync_real.conftest import NAME, fast_policy, link, queue

KILLS = 100


def local_state(home: Path) -> tuple[set[str], set[str]]:
    core = Core(Paths(home), kdf=FAST_KDF)
    with core.profiles.unlock(NAME, PASS) as session:
        rows = session.store.call(
            lambda db: db.execute("SELECT id, status FROM statements").fetchall()
        )
    return {r[0] for r in rows}, {r[0] for r in rows if r[1] == outbox.SENT}


@pytest.mark.slow
def test_sigkill_during_sync_loses_nothing_and_duplicates_nothing(core: Core, ralph: Ralph) -> None:
    core.profiles.create(NAME, PASS)
    # Each request takes ~0.1 s more through the proxy, so a round lasts long enough for a
    # random kill to land inside it.
    proxy = FaultProxy(ralph.url)
    proxy.plan([], then=slow_drip(bytes_per_s=5_000_000, latency=0.1))
    proxy.start()
    with core.profiles.unlock(NAME, PASS) as session:
        learner = core.learner(session)
        link(learner, proxy.url, ralph)
    rnd = random.Random(5)
    killed_mid_sync = 0
    for run in range(KILLS):
        with core.profiles.unlock(NAME, PASS) as session:
            queue(core.learner(session), 250)  # learning goes on between syncs
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.sync_real.sync_child", str(core.paths.root)],
            cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "PYTHONPATH": str(PROJECT)},
        )  # fmt: skip
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready", (
            child.stderr.read() if child.stderr else ""
        )
        time.sleep(rnd.uniform(0.0, 0.6))
        child.send_signal(signal.SIGKILL)
        rest = child.stdout.read()
        child.wait()
        killed_mid_sync += "done" not in rest
        ids, sent = local_state(core.paths.root)
        stored = collections.Counter(ralph.statement_ids())
        assert max(stored.values(), default=1) == 1, f"run {run}: a statement stored twice"
        assert sent <= set(stored), f"run {run}: marked sent but not on the server"
        assert set(stored) <= ids, f"run {run}: the server has statements we never made"
    proxy.stop()
    with core.profiles.unlock(NAME, PASS) as session:
        learner = core.learner(session)
        sync_account.link(session, ralph.url, *ralph.auth)
        report = SyncRound(learner, sync_account.load(session), policy=fast_policy()).run()
        assert learner.statement_counts()["pending"] == 0, report.push
    ids, sent = local_state(core.paths.root)
    stored = collections.Counter(ralph.statement_ids())
    assert set(stored) == ids == sent and max(stored.values()) == 1
    assert killed_mid_sync >= KILLS // 2  # most kills really landed during a round
