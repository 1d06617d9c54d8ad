"""In-memory stores for tests and tools: the same contracts as the profile database's."""

from __future__ import annotations

import json
import threading
from typing import Any

from app.cmi5.stores import Document


def _copy(statement: dict[str, Any]) -> dict[str, Any]:
    # A database hands back a new object made from stored bytes: so do we.
    return dict(json.loads(json.dumps(statement)))


def _fields(statement: dict[str, Any]) -> dict[str, Any]:
    return {
        "registration": statement.get("context", {}).get("registration"),
        "activity": statement["object"].get("id"),
        "verb": statement["verb"]["id"],
    }


class MemoryStatements:
    def __init__(self) -> None:
        self.statements: list[dict[str, Any]] = []
        self._lock = threading.Lock()

    def append(self, statements: list[dict[str, Any]]) -> None:
        with self._lock:
            ids = [s["id"] for s in statements]
            known = {s["id"] for s in self.statements}
            if len(set(ids)) != len(ids) or known.intersection(ids):
                raise ValueError("statement id already stored")
            if any("timestamp" not in s for s in statements):
                raise ValueError("the outbox needs a timestamp on every statement")
            self.statements.extend(_copy(s) for s in statements)

    def get(self, statement_id: str) -> dict[str, Any] | None:
        with self._lock:
            for statement in self.statements:
                if statement["id"] == statement_id:
                    return _copy(statement)
        return None

    def find(
        self,
        *,
        registration: str | None = None,
        activity_id: str | None = None,
        verb_id: str | None = None,
        since: str | None = None,
        limit: int = 100,
    ) -> list[dict[str, Any]]:
        wanted = {"registration": registration, "activity": activity_id, "verb": verb_id}
        with self._lock:
            found = [
                _copy(s)
                for s in self.statements
                if all(v is None or _fields(s)[k] == v for k, v in wanted.items())
                and (since is None or s["timestamp"] > since)
            ]
        return found[:limit]


class MemoryDocuments:
    def __init__(self) -> None:
        self.documents: dict[tuple[str, ...], Document] = {}

    def get(self, key: tuple[str, ...]) -> Document | None:
        return self.documents.get(key)

    def put(self, key: tuple[str, ...], doc: Document) -> None:
        self.documents[key] = doc

    def delete(self, key: tuple[str, ...]) -> None:
        self.documents.pop(key, None)

    def keys(self, prefix: tuple[str, ...]) -> list[tuple[str, ...]]:
        return sorted(k for k in self.documents if k[: len(prefix)] == prefix)


class MemoryRegistrationState:
    def __init__(self) -> None:
        self.done: set[str] = set()

    def satisfied(self) -> set[str]:
        return set(self.done)

    def mark_satisfied(self, activity_id: str) -> None:
        self.done.add(activity_id)
