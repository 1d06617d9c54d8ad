"""Sync against a real LRS (Ralph on loopback), through the project's fault proxy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app import outbox
from app.core import Core
from app.crypto import KdfParams
from app.learning import Learner
from app.paths import Paths
from app.xapi import EXT, ActivityType, Verb, activity
from sync.backoff import Backoff
from sync.push import PushPolicy
from tests.conftest import PASS
from tests.support.demo import complete_demo  # noqa: F401  (re-exported for the tests here)
from tests.support.ralph_server import Ralph

NAME = "Asha"


def fast_policy(seed: int = 7) -> PushPolicy:
    """Short waits: the faults are real, the patience is shortened for the test."""
    import random

    return PushPolicy(backoff=Backoff(base_s=0.01, max_s=0.2), rng=random.Random(seed),
                      max_attempts_per_round=50)  # fmt: skip


def queue(learner: Learner, n: int, course_id: str = "urn:test:course:sync") -> list[str]:
    """`n` statements in the outbox (one transaction), as learning would make them."""
    obj = activity(course_id + "/item", ActivityType.LESSON, {"en": "Item"})

    def txn(db):
        ids = []
        with db.atomic():
            for i in range(n):
                result = {"extensions": {EXT + "n": i}}
                statement = learner.factory.make(Verb.PROGRESSED, obj, result=result)
                ids.append(outbox.add(db, statement, course_id))
        return ids

    return learner.session.store.call(txn)


def link(learner: Learner, endpoint: str, ralph: Ralph) -> None:
    learner.link_account(endpoint, *ralph.auth)


@pytest.fixture
def learner(core: Core) -> Iterator[Learner]:
    core.profiles.create(NAME, PASS)
    session = core.profiles.unlock(NAME, PASS)
    yield core.learner(session)
    session.close()


def device(home: Path) -> Core:
    core = Core(Paths(home), kdf=KdfParams(8 * 1024, 1, 1))
    core.content.seed_demo()
    return core
