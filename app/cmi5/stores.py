"""What the cmi5 LMS side stores, as protocols: the profile database implements them.

Keys of documents are tuples whose last item is the document's id (stateId, profileId), so
`keys(prefix)` lists the documents of one activity/agent/registration:

    ("state", activityId, agent_key, registration or "", stateId)
    ("agent-profile", agent_key, profileId)
    ("activity-profile", activityId, profileId)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any, Protocol

from app.xapi import now_timestamp


@dataclass(frozen=True)
class Document:
    content: bytes
    content_type: str
    etag: str  # SHA-1 of the content, hex, unquoted
    updated: str  # ISO 8601 UTC timestamp of the last change


def make_document(content: bytes, content_type: str) -> Document:
    # xAPI 1.0.3 (Communication 3.1): the ETag is the SHA-1 of the document's content.
    etag = hashlib.sha1(content, usedforsecurity=False).hexdigest()
    return Document(content, content_type, etag, now_timestamp())


class StatementStore(Protocol):
    def append(self, statements: list[dict[str, Any]]) -> None:
        """Add all of them to the learner's outbox, or none (raise)."""

    def get(self, statement_id: str) -> dict[str, Any] | None: ...

    def find(
        self,
        *,
        registration: str | None = None,
        activity_id: str | None = None,
        verb_id: str | None = None,
        since: str | None = None,
        limit: int = 100,
    ) -> list[dict[str, Any]]:
        """In the order they were stored; activity_id matches object.id, since is exclusive."""


class DocumentStore(Protocol):
    def get(self, key: tuple[str, ...]) -> Document | None: ...

    def put(self, key: tuple[str, ...], doc: Document) -> None: ...

    def delete(self, key: tuple[str, ...]) -> None: ...

    def keys(self, prefix: tuple[str, ...]) -> list[tuple[str, ...]]: ...


class RegistrationState(Protocol):
    """What the learner already did in this registration (publisher ids from cmi5.xml)."""

    def satisfied(self) -> set[str]: ...

    def mark_satisfied(self, activity_id: str) -> None: ...


@dataclass(frozen=True)
class Stores:
    statements: StatementStore
    documents: DocumentStore
    state: RegistrationState


def state_key(
    activity_id: str, agent: str, registration: str | None, state_id: str
) -> tuple[str, ...]:
    return ("state", activity_id, agent, registration or "", state_id)


def profile_key(agent: str, profile_id: str) -> tuple[str, ...]:
    return ("agent-profile", agent, profile_id)
