"""Child process for test_crash.py: records lesson progress events as fast as it can and
prints the number of each event once the facade has returned (it is then committed)."""

from __future__ import annotations

import sys
from pathlib import Path

from app.core import Core
from app.paths import Paths
from tests.conftest import FAST_KDF, PASS
from tests.learning.conftest import COURSE_ID

STEP = 1 / 1_000_000


def main(home: str, start: int) -> None:
    core = Core(Paths(Path(home)), kdf=FAST_KDF)
    session = core.profiles.unlock("Asha", PASS)
    learner = core.learner(session)
    lesson = learner.open_item(COURSE_ID, "lesson")
    print("ready", flush=True)
    n = start
    while True:
        n += 1
        lesson.lesson(n * STEP)  # fraction only grows: n events leave fraction n * STEP
        print(n, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
