"""pull(): the learner's history down, page by page through `more`, after `since`, with retries."""

from __future__ import annotations

import threading

import pytest

from sync.errors import GaveUp, SignInRequired
from sync.lrs import LrsClient
from sync.pull import PULL_ATTEMPTS, pull
from tests.sync.conftest import Sleeps
from tests.sync.fake_lrs import FakeLrs, Fault
from tests.sync.memory_outbox import ACTOR, OTHER, statement, timestamp


@pytest.fixture
def history(lrs: FakeLrs) -> FakeLrs:
    """250 statements of the learner's and 30 of someone else's, stored out of order."""
    mine = [statement(i) for i in range(250)]
    others = [statement(1000 + i, OTHER) for i in range(30)]
    lrs.preload(*mine[100:], *others, *mine[:100])
    return lrs


def test_pages_through_more_oldest_first(history: FakeLrs, client: LrsClient) -> None:
    got = list(pull(client, ACTOR, None))
    assert [s["id"] for s in got] == [statement(i)["id"] for i in range(250)]
    gets = history.gets()
    assert len(gets) == 3 and gets[0].query["ascending"] == ["true"]
    assert gets[0].query["limit"] == ["100"] and "offset" in gets[1].query


def test_since_gives_only_what_is_newer(history: FakeLrs, client: LrsClient) -> None:
    got = list(pull(client, ACTOR, timestamp(199)))
    assert [s["timestamp"] for s in got] == [timestamp(i) for i in range(200, 250)]
    assert history.gets()[0].query["since"] == [timestamp(199)]


def test_a_full_last_page_ends_on_the_empty_one(lrs: FakeLrs, client: LrsClient) -> None:
    lrs.preload(*(statement(i) for i in range(200)))
    assert len(list(pull(client, ACTOR, None))) == 200
    assert len(lrs.gets()) == 3  # 100, 100, then an empty page (as Ralph offers one)


def test_failures_are_retried_without_repeating_statements(
    history: FakeLrs, client: LrsClient, sleeps: Sleeps
) -> None:
    history.script(
        Fault(),  # the first page comes; the second fails three ways
        Fault(503, {"Retry-After": "4"}),
        Fault(action="reset"),
        Fault(action="cut"),
        method="GET",
    )
    got = list(pull(client, ACTOR, None, sleep=sleeps))
    assert len(got) == 250 and len({s["id"] for s in got}) == 250
    assert len(sleeps) == 3 and sleeps[0] >= 4


def test_auth_raises_at_once(history: FakeLrs, client: LrsClient, sleeps: Sleeps) -> None:
    history.script(Fault(), Fault(401), method="GET")
    got: list[str] = []
    with pytest.raises(SignInRequired):
        got.extend(s["id"] for s in pull(client, ACTOR, None, sleep=sleeps))
    assert len(got) == 100 and not sleeps  # the first page arrived; the caller keeps it


def test_gives_up_after_the_attempts(history: FakeLrs, client: LrsClient, sleeps: Sleeps) -> None:
    history.script(*[Fault(500)] * PULL_ATTEMPTS, method="GET")
    with pytest.raises(GaveUp) as raised:
        list(pull(client, ACTOR, None, sleep=sleeps))
    assert len(sleeps) == PULL_ATTEMPTS - 1 and raised.value.retry_after is not None


def test_cancel_and_max_pages_stop_between_pages(history: FakeLrs, client: LrsClient) -> None:
    assert len(list(pull(client, ACTOR, None, max_pages=2))) == 200
    cancel = threading.Event()
    got = []
    for s in pull(client, ACTOR, None, cancel=cancel):
        got.append(s)
        cancel.set()
    assert len(got) == 100
