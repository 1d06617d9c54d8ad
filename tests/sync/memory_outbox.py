"""An in-memory OutboxPort, and statements to fill it with, for the sync tests.

Rows, not a dict: a test can put the same id in twice (`add_raw`) to check that push never
sends a batch holding one id two times.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from app.xapi import canonical_bytes

ACTOR = {
    "objectType": "Agent",
    "name": "Asha",
    "account": {"homePage": "https://learner.karmayogi-offline.invalid", "name": "p-asha"},
}
OTHER = {
    "objectType": "Agent",
    "name": "Ravi",
    "account": {"homePage": "https://learner.karmayogi-offline.invalid", "name": "p-ravi"},
}
START = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)


def timestamp(n: int) -> str:
    moment = START + dt.timedelta(seconds=n)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def statement(n: int, actor: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    """Statement number `n`: its id and timestamp follow n, so order is easy to check."""
    s: dict[str, Any] = {
        "id": str(uuid.UUID(int=n + 1)),
        "actor": actor or ACTOR,
        "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced", "display": {"en-US": "x"}},
        "object": {"objectType": "Activity", "id": f"urn:test:course:c1/item-{n}"},
        "timestamp": timestamp(n),
        "version": "1.0.3",
    }
    s.update(extra)
    return s


def invalid(n: int) -> dict[str, Any]:
    """A statement every LRS refuses: no verb."""
    s = statement(n)
    del s["verb"]
    return s


def large(n: int, size: int) -> dict[str, Any]:
    return statement(n, result={"response": "x" * size})


@dataclass
class Row:
    id: str
    body: bytes
    status: str = "pending"
    kind: str = ""
    reason: str = ""


class MemoryOutbox:
    def __init__(self, statements: Iterable[dict[str, Any]] = ()) -> None:
        self.rows: list[Row] = []
        self.attempts = Counter[str]()
        self.sent_calls: list[list[str]] = []
        for s in statements:
            self.add(s)

    def add(self, s: dict[str, Any]) -> str:
        self.rows.append(Row(s["id"], canonical_bytes(s)))
        return str(s["id"])

    def add_raw(self, statement_id: str, body: bytes) -> None:
        self.rows.append(Row(statement_id, body))

    # -- the port
    def pending(self, limit: int) -> list[tuple[str, bytes]]:
        return [(r.id, r.body) for r in self.rows if r.status == "pending"][:limit]

    def mark_sent(self, ids: list[str]) -> None:
        self.sent_calls.append(list(ids))
        wanted = set(ids)
        for r in self.rows:
            if r.id in wanted and r.status == "pending":
                r.status = "sent"

    def quarantine(self, statement_id: str, kind: str, reason: str) -> None:
        for r in self.rows:
            if r.id == statement_id:
                r.status, r.kind, r.reason = "quarantined", kind, reason

    def count_pending(self) -> int:
        return sum(r.status == "pending" for r in self.rows)

    def note_attempt(self, ids: list[str]) -> None:
        self.attempts.update(ids)

    # -- for assertions
    def ids(self, status: str) -> list[str]:
        return [r.id for r in self.rows if r.status == status]

    def quarantined(self) -> dict[str, tuple[str, str]]:
        return {r.id: (r.kind, r.reason) for r in self.rows if r.status == "quarantined"}
