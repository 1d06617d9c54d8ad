"""push(): every sync rule of DESIGN.md against a fake LRS on loopback (real HTTP)."""

from __future__ import annotations

import json
import threading

import pytest

from app.xapi import canonical_bytes
from sync.backoff import Backoff
from sync.errors import OutboxOutOfStep
from sync.lrs import LrsClient, joined
from sync.push import PushPolicy, push
from tests.sync.conftest import Sleeps
from tests.sync.fake_lrs import FakeLrs, Fault
from tests.sync.memory_outbox import MemoryOutbox, invalid, large, statement


def fill(n: int, start: int = 0) -> MemoryOutbox:
    return MemoryOutbox(statement(i) for i in range(start, start + n))


def assert_stored_once(lrs: FakeLrs, outbox: MemoryOutbox) -> None:
    sent = outbox.ids("sent")
    assert set(sent) <= set(lrs.statements)
    assert all(n == 1 for n in lrs.stored.values())


def test_sends_everything_in_batches_with_progress(
    lrs: FakeLrs, client: LrsClient, policy: PushPolicy
) -> None:
    outbox = fill(250)
    progress: list[tuple[int, int]] = []
    report = push(outbox, client, policy, on_progress=lambda d, t: progress.append((d, t)))

    assert report.sent == 250 and report.stopped is None and report.requests == 3
    assert [len(p.ids()) for p in lrs.posts()] == [100, 100, 50]
    assert progress == [(0, 250), (100, 250), (200, 250), (250, 250)]
    assert outbox.count_pending() == 0
    assert list(lrs.statements) == [r.id for r in outbox.rows]  # oldest first
    assert_stored_once(lrs, outbox)
    assert report.bytes_sent == sum(len(p.body) for p in lrs.posts())


def test_sends_the_stored_bytes_exactly_with_xapi_headers(
    lrs: FakeLrs, client: LrsClient, policy: PushPolicy
) -> None:
    outbox = MemoryOutbox()
    outbox.add_raw(statement(0)["id"], b'{"id": "00000000-0000-0000-0000-000000000001",\n'
                   b' "actor": {"name": "Asha", "mbox": "mailto:a@example.org"},'
                   b' "verb": {"id": "urn:v"}, "object": {"id": "urn:o"}}')  # fmt: skip
    outbox.add(statement(1))
    push(outbox, client, policy)

    (post,) = lrs.posts()
    assert post.body == joined([r.body for r in outbox.rows])  # not parsed, not re-serialised
    assert post.headers["X-Experience-API-Version"] == "1.0.3"
    assert post.headers["Content-Type"] == "application/json"


def test_413_halves_the_batch_size_and_keeps_it(
    lrs: FakeLrs, client: LrsClient, policy: PushPolicy
) -> None:
    outbox = fill(120)
    one = len(canonical_bytes(statement(0))) + 1
    lrs.max_body = 30 * one  # room for about 30 statements a request
    report = push(outbox, client, policy)

    sizes = [(len(p.ids()), p.status) for p in lrs.posts()]
    assert sizes[:4] == [(100, 413), (50, 413), (25, 200), (25, 200)]
    assert all(n <= 25 for n, status in sizes[4:] if status == 200)  # later batches stay small
    assert report.sent == 120 and not report.quarantined
    assert_stored_once(lrs, outbox)


def test_413_alone_is_quarantined_too_large_and_the_rest_is_sent(
    lrs: FakeLrs, client: LrsClient, policy: PushPolicy
) -> None:
    outbox = fill(40)
    huge = large(1000, 20_000)
    outbox.rows.insert(10, MemoryOutbox([huge]).rows[0])
    outbox.add(statement(41))
    lrs.max_body = 10_000
    report = push(outbox, client, policy)

    assert report.quarantined == [(huge["id"], "too_large", "Request entity too large")]
    assert outbox.quarantined() == {huge["id"]: ("too_large", "Request entity too large")}
    assert huge["id"] not in lrs.statements and len(lrs.statements) == 41
    assert_stored_once(lrs, outbox)
    # the outlier, not the server's limit, shrank the batches: the size came back
    assert len(lrs.posts()[-1].ids()) > 2


def test_min_batch_floors_the_size_but_413_still_finds_the_one(
    lrs: FakeLrs, client: LrsClient
) -> None:
    outbox = fill(30)
    huge = large(1000, 20_000)
    outbox.rows.insert(0, MemoryOutbox([huge]).rows[0])
    lrs.max_body = 10_000
    report = push(outbox, client, PushPolicy(batch_size=16, min_batch=8))

    assert [q[:2] for q in report.quarantined] == [(huge["id"], "too_large")]
    assert report.sent == 30
    sizes = [len(p.ids()) for p in lrs.posts()]
    assert sizes == [16, 8, 4, 2, 1, 1, 2, 4, 8, 8, 7]  # the hunt, then batches of min_batch


def test_400_split_finds_exactly_the_bad_statements(
    lrs: FakeLrs, client: LrsClient, policy: PushPolicy
) -> None:
    good = [statement(i) for i in range(60)]
    bad = [invalid(100), invalid(101)]
    outbox = MemoryOutbox([*good[:13], bad[0], *good[13:40], bad[1], *good[40:]])
    report = push(outbox, client, policy)

    assert {q[0]: q[1] for q in report.quarantined} == {b["id"]: "rejected" for b in bad}
    assert "missing verb" in outbox.quarantined()[bad[0]["id"]][1]  # the server's reason
    assert set(lrs.statements) == {g["id"] for g in good}
    assert_stored_once(lrs, outbox)
    assert report.requests <= 2 * 2 * 7 + 1  # two bisections of 62, not one request each
    assert report.sent + len(report.quarantined) == 62


def test_409_is_quarantined_as_a_conflict_and_never_retried(
    lrs: FakeLrs, client: LrsClient, policy: PushPolicy
) -> None:
    outbox = fill(9)
    clash = statement(4)
    lrs.preload({**clash, "verb": {"id": "urn:other"}})  # another statement under that id
    report = push(outbox, client, policy)

    assert [q[:2] for q in report.quarantined] == [(clash["id"], "conflict")]
    assert report.conflicts == report.quarantined  # a defect to report
    alone = [p.status for p in lrs.posts() if p.ids() == [clash["id"]]]
    assert alone == [409]  # found by splitting, then never sent again
    assert report.sent == 8
    assert_stored_once(lrs, outbox)


@pytest.mark.parametrize("status", [401, 403])
def test_auth_stops_at_once_and_keeps_everything_queued(
    lrs: FakeLrs, client: LrsClient, policy: PushPolicy, sleeps: Sleeps, status: int
) -> None:
    outbox = fill(150)
    lrs.script(Fault(status, body=b'{"detail": "token expired"}'))
    report = push(outbox, client, policy, sleep=sleeps)

    assert report.stopped == "auth" and report.requests == 1 and not sleeps
    assert report.sent == 0 and outbox.count_pending() == 150 and not outbox.sent_calls
    assert "token expired" in report.error


def test_wrong_credentials_are_auth(lrs: FakeLrs, policy: PushPolicy) -> None:
    outbox = fill(3)
    report = push(outbox, LrsClient(lrs.endpoint, ("kyo-tests", "wrong")), policy)
    assert report.stopped == "auth" and outbox.count_pending() == 3


def test_retry_after_is_honoured_as_a_minimum_and_capped(
    lrs: FakeLrs, client: LrsClient, sleeps: Sleeps
) -> None:
    outbox = fill(5)
    lrs.script(
        Fault(429, {"Retry-After": "7"}),
        Fault(503, {"Retry-After": "100000"}),
        Fault(503, {"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}),  # in the past: no wait
    )
    policy = PushPolicy(backoff=Backoff(base_s=0.5, max_s=60))
    report = push(outbox, client, policy, sleep=sleeps)

    assert report.sent == 5 and report.requests == 4
    assert 7 <= sleeps[0] <= 60
    assert sleeps[1] == 60  # capped at max_s
    assert 0 <= sleeps[2] <= 2  # the third retry's own jitter
    assert_stored_once(lrs, outbox)


def test_retry_after_as_an_http_date(lrs: FakeLrs, client: LrsClient, sleeps: Sleeps) -> None:
    import email.utils
    import time

    lrs.script(Fault(503, {"Retry-After": email.utils.formatdate(time.time() + 30, usegmt=True)}))
    push(fill(1), client, PushPolicy(), sleep=sleeps)
    assert 25 <= sleeps[0] <= 31


def test_backoff_grows_with_full_jitter_within_bounds(
    lrs: FakeLrs, client: LrsClient, sleeps: Sleeps
) -> None:
    lrs.script(*[Fault(500)] * 8)
    policy = PushPolicy(backoff=Backoff(base_s=1, max_s=30))
    report = push(fill(3), client, policy, sleep=sleeps)

    assert report.sent == 3 and len(sleeps) == 8
    ceilings = [min(30, 2**k) for k in range(8)]
    assert all(0 <= d <= c for d, c in zip(sleeps, ceilings, strict=True))
    assert len(set(sleeps)) == 8  # jittered, not a fixed ladder


@pytest.mark.parametrize(
    "fault",
    [
        Fault(action="reset"),
        Fault(action="reset", after_store=True),  # stored, then the answer was lost
        Fault(action="cut", after_store=True),  # a 200 cut in the middle
        Fault(action="portal"),  # a captive portal's 200 page
        Fault(502, body=b"<html>Bad gateway</html>", after_store=True),
        Fault(200, body=b'["not-one-of-ours"]', after_store=True),  # ids never sent: a lie
    ],
    ids=["reset", "reset-after-store", "cut", "portal", "502-after-store", "foreign-ids"],
)
def test_network_failures_are_retried_and_nothing_is_duplicated(
    lrs: FakeLrs, client: LrsClient, policy: PushPolicy, sleeps: Sleeps, fault: Fault
) -> None:
    outbox = fill(30)
    lrs.script(fault, fault)
    report = push(outbox, client, policy, sleep=sleeps)

    assert report.sent == 30 and report.stopped is None and len(sleeps) == 2
    assert outbox.count_pending() == 0 and len(lrs.statements) == 30
    assert_stored_once(lrs, outbox)
    assert outbox.attempts[outbox.rows[0].id] == 3


def test_a_stalled_answer_times_out_and_is_retried(lrs: FakeLrs, sleeps: Sleeps) -> None:
    client = LrsClient(lrs.endpoint, lrs.auth, timeout=(2, 0.3))
    lrs.script(Fault(action="stall", after_store=True, stall_s=3))
    outbox = fill(4)
    report = push(outbox, client, PushPolicy(), sleep=sleeps)
    assert report.sent == 4 and len(sleeps) == 1 and "timed out" in report.error.lower()
    assert_stored_once(lrs, outbox)


def test_a_partly_stored_batch_answering_200_with_some_ids_counts_in_full(
    lrs: FakeLrs, client: LrsClient, policy: PushPolicy
) -> None:
    outbox = fill(10)
    lrs.preload(*(statement(i) for i in range(0, 10, 2)))  # sent before, the answer lost
    report = push(outbox, client, policy)

    (post,) = lrs.posts()
    assert post.status == 200 and len(post.ids()) == 10
    assert report.sent == 10 and outbox.count_pending() == 0
    assert outbox.sent_calls == [[r.id for r in outbox.rows]]


def test_an_already_stored_batch_answering_204_is_sent(
    lrs: FakeLrs, client: LrsClient, policy: PushPolicy
) -> None:
    outbox = fill(5)
    lrs.preload(*(statement(i) for i in range(5)))
    report = push(outbox, client, policy)
    assert [p.status for p in lrs.posts()] == [204] and report.sent == 5


def test_one_id_twice_is_never_sent_in_one_batch(
    lrs: FakeLrs, client: LrsClient, policy: PushPolicy
) -> None:
    outbox = fill(6)
    twin = outbox.rows[2]
    outbox.add_raw(twin.id, twin.body)  # the port lists it twice
    report = push(outbox, client, policy)

    for post in lrs.posts():
        assert len(post.ids()) == len(set(post.ids()))
    assert [p.status for p in lrs.posts()] == [200]
    assert report.sent == 6 and outbox.count_pending() == 0


def test_cancel_before_anything_sends_nothing(
    lrs: FakeLrs, client: LrsClient, policy: PushPolicy
) -> None:
    cancel = threading.Event()
    cancel.set()
    report = push(fill(5), client, policy, cancel=cancel)
    assert report.stopped == "cancelled" and not lrs.posts()


def test_cancel_stops_between_requests(lrs: FakeLrs, client: LrsClient) -> None:
    cancel = threading.Event()

    def progress(done: int, total: int) -> None:
        if done >= 20:
            cancel.set()

    outbox = fill(100)
    report = push(outbox, client, PushPolicy(batch_size=10), on_progress=progress, cancel=cancel)
    assert report.stopped == "cancelled" and report.sent == 20 and len(lrs.posts()) == 2
    assert outbox.count_pending() == 80


def test_cancel_interrupts_a_backoff_wait(lrs: FakeLrs, client: LrsClient) -> None:
    """With the real sleep, a long backoff ends as soon as cancel is set."""
    import time

    cancel = threading.Event()
    lrs.script(Fault(503, {"Retry-After": "120"}))
    threading.Timer(0.2, cancel.set).start()
    started = time.monotonic()
    report = push(fill(3), client, PushPolicy(), cancel=cancel)
    assert report.stopped == "cancelled" and time.monotonic() - started < 5


def test_gives_up_after_max_attempts_with_retry_at(
    lrs: FakeLrs, client: LrsClient, sleeps: Sleeps
) -> None:
    lrs.script(*[Fault(503)] * 20)
    now = [1000.0]
    policy = PushPolicy(max_attempts_per_round=4, backoff=Backoff(base_s=1, max_s=60))
    outbox = fill(5)
    report = push(outbox, client, policy, sleep=sleeps, clock=lambda: now[0])

    assert report.stopped == "gave_up" and report.requests == 4 and len(sleeps) == 3
    assert report.retry_at is not None and 1000 + 8 <= report.retry_at <= 1000 + 16
    assert outbox.count_pending() == 5 and "503" in report.error


def test_no_server_at_all_stops_offline(policy: PushPolicy, sleeps: Sleeps) -> None:
    with FakeLrs() as gone:
        endpoint = gone.endpoint
    policy.max_attempts_per_round = 3
    report = push(fill(2), LrsClient(endpoint, None, timeout=(1, 1)), policy, sleep=sleeps)
    assert report.stopped == "offline" and report.retry_at is not None and len(sleeps) == 2


def test_success_resets_the_failure_count(lrs: FakeLrs, client: LrsClient, sleeps: Sleeps) -> None:
    """Failures in a row end a round; a flaky link that still moves batches does not."""
    ok = Fault()  # answered normally
    lrs.script(Fault(500), Fault(500), ok, Fault(500), Fault(500), ok, Fault(500))
    policy = PushPolicy(batch_size=2, max_attempts_per_round=3)
    report = push(fill(6), client, policy, sleep=sleeps)
    assert report.sent == 6 and report.stopped is None and len(sleeps) == 5


def test_an_outbox_that_forgets_is_a_defect_not_a_loop(
    lrs: FakeLrs, client: LrsClient, policy: PushPolicy
) -> None:
    class Forgetful(MemoryOutbox):
        def mark_sent(self, ids: list[str]) -> None:
            pass

    with pytest.raises(OutboxOutOfStep):
        push(Forgetful([statement(0)]), client, policy)
    assert len(lrs.posts()) == 1


def test_the_body_is_a_json_array_of_the_statements(lrs: FakeLrs, client: LrsClient) -> None:
    push(fill(3), client, PushPolicy())
    assert [s["id"] for s in json.loads(lrs.posts()[0].body)] == [
        statement(i)["id"] for i in range(3)
    ]
