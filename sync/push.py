"""Pending statements up to the LRS, in batches, exactly once in effect.

The rules (docs: DESIGN.md "Sync rules"):
- batches of up to `batch_size`; a 413 halves the batch size (never below `min_batch`) and
  splits the batch; a statement that is 413 alone is quarantined "too_large";
- 400 and 409 split the batch in halves, recursively, down to the statement(s) the server
  refuses: quarantined "rejected" (with the server's reason) or "conflict" (a client bug, to
  be reported as a defect); the rest is sent; neither is ever retried as it was;
- 401/403 stop at once with everything still queued;
- 429, other 4xx/3xx/5xx, no answer, or an answer no LRS gives: retried with backoff (full
  jitter, Retry-After as a minimum) until `max_attempts_per_round` failures in a row;
- marked sent only after 200 (with ids) or 204. A 200 listing only some ids counts for the
  whole batch: the LRS held the others already (Ralph answers so for a partly stored batch).
"""

from __future__ import annotations

import random
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, Protocol

from sync.backoff import Backoff, Rng, pause
from sync.errors import BadAnswer, NetworkError, OutboxOutOfStep, Transient
from sync.lrs import LrsClient, PostResult, body_size

Batch = list[tuple[str, bytes]]
Stopped = Literal["auth", "offline", "gave_up", "cancelled"]
# Answers that mean "something in this batch is wrong": split to find it, store the rest.
# Ralph 5.1 answers 422 (not 400) for a statement that fails its validation.
SPLIT_KINDS = {400: "rejected", 422: "rejected", 409: "conflict", 413: "too_large"}


class OutboxPort(Protocol):
    def pending(self, limit: int) -> list[tuple[str, bytes]]: ...  # oldest first
    def mark_sent(self, ids: list[str]) -> None: ...
    def quarantine(self, statement_id: str, kind: str, reason: str) -> None: ...
    def count_pending(self) -> int: ...
    def note_attempt(self, ids: list[str]) -> None: ...


@dataclass
class PushPolicy:
    batch_size: int = 100
    min_batch: int = 1  # the floor of the batch size after 413s (a 413 still splits to one)
    max_attempts_per_round: int = 12  # failures in a row before the round gives up
    backoff: Backoff = field(default_factory=Backoff)
    rng: Rng = field(default_factory=random.Random)  # seed it in tests


@dataclass
class PushReport:
    sent: int = 0
    quarantined: list[tuple[str, str, str]] = field(default_factory=list)  # (id, kind, reason)
    requests: int = 0
    bytes_sent: int = 0  # request bodies put on the link, failed attempts included
    stopped: Stopped | None = None
    retry_at: float | None = None  # on the `clock` given to push: when a new round makes sense
    error: str = ""  # the last failure, for the log

    @property
    def conflicts(self) -> list[tuple[str, str, str]]:
        """409s: the client sent two different statements under one id. A defect to report."""
        return [q for q in self.quarantined if q[1] == "conflict"]


@dataclass
class _Hooks:
    on_progress: Callable[[int, int], None] | None
    sleep: Callable[[float], None]
    clock: Callable[[], float]
    cancel: threading.Event | None


def push(
    outbox: OutboxPort,
    client: LrsClient,
    policy: PushPolicy,
    *,
    on_progress: Callable[[int, int], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
    cancel: threading.Event | None = None,
) -> PushReport:
    """Send what is pending; returns what happened. `on_progress(done, total)`: done counts
    statements sent or quarantined, total the pending ones at the start (and any added since)."""
    round_ = _Round(outbox, client, policy, _Hooks(on_progress, sleep, clock, cancel))
    round_.run()
    return round_.report


class _Round:
    def __init__(
        self, outbox: OutboxPort, client: LrsClient, policy: PushPolicy, hooks: _Hooks
    ) -> None:
        self.outbox, self.client, self.policy, self.hooks = outbox, client, policy, hooks
        self.report = PushReport()
        self.size = max(1, policy.batch_size)
        self.largest_ok = 0  # the largest batch that got through in this round
        self.failures = 0  # transient failures in a row
        self.handled: set[str] = set()  # sent or quarantined in this round
        self.queue: deque[Batch] = deque()  # parts of a split batch, oldest first
        self.total = outbox.count_pending()

    def run(self) -> None:
        self._progress()
        while self.report.stopped is None:
            if self.hooks.cancel is not None and self.hooks.cancel.is_set():
                self.report.stopped = "cancelled"
                return
            batch = self._next_batch()
            if not batch:
                return
            self._send(batch)

    def _next_batch(self) -> Batch:
        if self.queue:
            return self.queue.popleft()
        batch = _unique(self.outbox.pending(self.size))
        again = [i for i, _ in batch if i in self.handled]
        if again:  # the port did not record what we told it: sending on would loop forever
            raise OutboxOutOfStep(f"the outbox still lists handled statements: {again[:3]}")
        return batch

    def _send(self, batch: Batch) -> None:
        ids = [i for i, _ in batch]
        self.outbox.note_attempt(ids)
        self.report.requests += 1
        self.report.bytes_sent += body_size([b for _, b in batch])
        try:
            result = self.client.post([b for _, b in batch])
            if result.status == 200 and not _subset(result.ids, ids):
                raise BadAnswer(f"200 lists ids that were not sent: {list(result.ids)[:3]}")
        except Transient as exc:
            self._retry(batch, exc.retry_after, exc.detail, offline=isinstance(exc, NetworkError))
            return
        self._answer(batch, result)

    def _answer(self, batch: Batch, result: PostResult) -> None:
        if result.status in (200, 204):
            self._stored(batch)
        elif result.status in (401, 403):
            self.report.stopped = "auth"
            self.report.error = f"HTTP {result.status} {result.error}".strip()
        elif result.status in SPLIT_KINDS:
            self.failures = 0
            self._split(batch, SPLIT_KINDS[result.status], result)
        else:
            detail = f"HTTP {result.status} {result.error}".strip()
            self._retry(batch, result.retry_after, detail, offline=False)

    def _stored(self, batch: Batch) -> None:
        ids = [i for i, _ in batch]
        self.outbox.mark_sent(ids)
        self.handled.update(ids)
        self.report.sent += len(ids)
        self.failures = 0
        self.largest_ok = max(self.largest_ok, len(batch))
        self._progress()

    def _split(self, batch: Batch, kind: str, result: PostResult) -> None:
        if len(batch) == 1:
            self._quarantine(batch[0][0], kind, result.error or f"HTTP {result.status}")
            if kind == "too_large":  # that statement, not the server's limit, shrank the batches
                self.size = min(self.policy.batch_size, max(self.size, self.largest_ok))
            return
        half = len(batch) // 2
        if kind == "too_large":
            self.size = max(1, self.policy.min_batch, min(self.size, half))
        self.queue.appendleft(batch[half:])
        self.queue.appendleft(batch[:half])

    def _quarantine(self, statement_id: str, kind: str, reason: str) -> None:
        self.outbox.quarantine(statement_id, kind, reason)
        self.handled.add(statement_id)
        self.report.quarantined.append((statement_id, kind, reason))
        self._progress()

    def _retry(self, batch: Batch, retry_after: float | None, detail: str, offline: bool) -> None:
        self.report.error = detail
        self.failures += 1
        backoff, rng = self.policy.backoff, self.policy.rng
        if self.failures >= self.policy.max_attempts_per_round:
            self.report.stopped = "offline" if offline else "gave_up"
            wait = backoff.equal_jitter(self.failures, retry_after, rng)
            self.report.retry_at = self.hooks.clock() + wait
            return
        self.queue.appendleft(batch)
        wait = backoff.delay(self.failures - 1, retry_after, rng)
        if not pause(wait, self.hooks.sleep, self.hooks.cancel):
            self.report.stopped = "cancelled"

    def _progress(self) -> None:
        if self.hooks.on_progress is not None:
            done = self.report.sent + len(self.report.quarantined)
            self.total = max(self.total, done)
            self.hooks.on_progress(done, self.total)


def _unique(batch: Batch) -> Batch:
    """One copy of each id: a batch holding an id twice is refused whole (Ralph: 400)."""
    seen: set[str] = set()
    out: Batch = []
    for statement_id, body in batch:
        if statement_id not in seen:
            seen.add(statement_id)
            out.append((statement_id, body))
    return out


def _subset(stored: tuple[str, ...], sent: list[str]) -> bool:
    # LRSs may normalise a UUID's case; ours are lower-case already.
    return {i.lower() for i in stored} <= {i.lower() for i in sent}
