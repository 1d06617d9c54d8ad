"""Fixtures for the sync tests: a fake LRS on loopback, a client for it, recorded sleeps."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest

from sync.backoff import Backoff
from sync.lrs import LrsClient
from sync.push import PushPolicy
from tests.sync.fake_lrs import FakeLrs


class Sleeps(list[float]):
    """An injected `sleep` that records each wait instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def lrs() -> Iterator[FakeLrs]:
    with FakeLrs() as server:
        yield server


@pytest.fixture
def client(lrs: FakeLrs) -> LrsClient:
    return LrsClient(lrs.endpoint, lrs.auth, timeout=(2, 2))


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def policy() -> PushPolicy:
    return PushPolicy(backoff=Backoff(base_s=1, max_s=60), rng=random.Random(7))
