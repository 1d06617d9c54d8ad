"""Child process for test_crash_sync.py: one sync round, as `kyo sync` would run it."""

from __future__ import annotations

import sys
from pathlib import Path

from app import sync_account
from app.core import Core
from app.paths import Paths
from app.sync_run import SyncRound
from tests.conftest import FAST_KDF, PASS
from tests.sync_real.conftest import NAME, fast_policy


def main(home: str) -> None:
    core = Core(Paths(Path(home)), kdf=FAST_KDF)
    session = core.profiles.unlock(NAME, PASS)
    learner = core.learner(session)
    print("ready", flush=True)
    SyncRound(learner, sync_account.load(session), policy=fast_policy()).run()
    print("done", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
