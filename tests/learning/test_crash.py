"""SIGKILL in the middle of progress writes: at most the event in flight is lost, nothing is
half-written, and the database is never corrupted. Run many times at random moments."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.core import Core
from app.paths import Paths
from tests.conftest import FAST_KDF, PASS, PROJECT
from tests.learning.conftest import install, service_course
from tests.learning.crash_child import STEP

RUNS = 30


def state(core: Core) -> tuple[str, int, int, float]:
    with core.profiles.unlock("Asha", PASS) as session:

        def read(db):
            check = db.execute("PRAGMA integrity_check").fetchone()[0]
            progressed = db.execute(
                "SELECT count(*) FROM statements WHERE verb LIKE '%progressed' "
                "AND object_id LIKE '%/lesson'"
            ).fetchone()[0]
            launched = db.execute(
                "SELECT count(*) FROM statements WHERE verb LIKE '%launched'"
            ).fetchone()[0]
            row = db.execute("SELECT detail FROM item_progress WHERE item_id = 'lesson'").fetchone()
            import json

            fraction = json.loads(row[0]).get("fraction", 0.0) if row else 0.0
            return check, progressed, launched, fraction

        return session.store.call(read)


@pytest.mark.slow
def test_sigkill_during_progress_writes_loses_at_most_the_event_in_flight(
    core: Core, tmp_path: Path
) -> None:
    install(core, tmp_path, service_course())
    core.profiles.create("Asha", PASS)
    rnd = random.Random(20261123)
    acknowledged_total = 0
    for run in range(RUNS):
        child = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.learning.crash_child",
                str(core.paths.root),
                str(acknowledged_total),
            ],
            cwd=PROJECT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(PROJECT)},
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready", (
            child.stderr.read() if child.stderr else ""
        )
        time.sleep(rnd.uniform(0.0, 0.25))
        child.send_signal(signal.SIGKILL)
        lines = child.stdout.read().split()
        child.wait()
        acknowledged = int(lines[-1]) if lines else acknowledged_total
        check, progressed, launched, fraction = state(Core(Paths(core.paths.root), kdf=FAST_KDF))
        assert check == "ok", f"run {run}: {check}"
        # Each event and its statement commit together: the stored fraction says how many
        # events were committed, and there is exactly one statement for each.
        committed = round(fraction / STEP)
        assert committed == progressed, f"run {run}: {committed} events, {progressed} statements"
        assert acknowledged <= committed <= acknowledged + 1, f"run {run}"
        assert launched == run + 1
        acknowledged_total = committed
    assert acknowledged_total > RUNS  # the kills really landed among writes
