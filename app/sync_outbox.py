"""The sync engine's view of a profile's outbox (sync.push.OutboxPort), on its encrypted
database; and what the platform's acceptance changes here: a sent course completion confirms
its certificate."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from app import learning_certificates, outbox, progress
from app.xapi import ActivityType, Verb

if TYPE_CHECKING:
    from app.db import Database
    from app.profiles import ProfileSession


class ProfileOutbox:
    def __init__(self, session: ProfileSession) -> None:
        self._store = session.store

    def pending(self, limit: int) -> list[tuple[str, bytes]]:
        return self._store.call(lambda db: outbox.pending(db, limit))

    def count_pending(self) -> int:
        return int(self._store.call(lambda db: outbox.counts(db)[outbox.PENDING]))

    def note_attempt(self, ids: list[str]) -> None:
        self._update("UPDATE statements SET attempts = attempts + 1 WHERE id = ?", ids)

    def mark_sent(self, ids: list[str]) -> None:
        def txn(db: Database) -> None:
            with db.atomic():
                now = progress.now_iso()
                db.conn.executemany(
                    "UPDATE statements SET status = ?, sent_at = ? WHERE id = ? AND status = ?",
                    [(outbox.SENT, now, i, outbox.PENDING) for i in ids],
                )
                _confirm_certificates(db, ids)

        self._store.call(txn)

    def quarantine(self, statement_id: str, kind: str, reason: str) -> None:
        def txn(db: Database) -> None:
            with db.atomic():
                db.execute(
                    "UPDATE statements SET status = ?, problem = ?, error = ? WHERE id = ?",
                    [outbox.QUARANTINED, kind, reason[:500], statement_id],
                )

        self._store.call(txn)

    def quarantined(self) -> list[dict[str, Any]]:
        """Statements the platform refused: shown to the learner, never dropped in silence."""
        rows = self._store.call(
            lambda db: db.execute(
                "SELECT id, body, problem, error FROM statements WHERE status = ? ORDER BY seq",
                [outbox.QUARANTINED],
            ).fetchall()
        )
        return [{"id": r[0], "statement": json.loads(r[1]), "kind": r[2], "reason": r[3]}
                for r in rows]  # fmt: skip

    def _update(self, sql: str, ids: list[str]) -> None:
        def txn(db: Database) -> None:
            with db.atomic():
                db.conn.executemany(sql, [(i,) for i in ids])

        self._store.call(txn)


def _confirm_certificates(db: Database, ids: list[str]) -> None:
    """The platform has a course's completion: its certificate is confirmed."""
    marks = ",".join("?" * len(ids))
    rows = db.execute(
        f"SELECT body FROM statements WHERE verb = ? AND id IN ({marks})",  # noqa: S608
        [Verb.COMPLETED, *ids],
    ).fetchall()
    for (body,) in rows:
        statement = json.loads(body)
        definition = statement["object"].get("definition", {})
        if definition.get("type") == ActivityType.COURSE:
            learning_certificates.confirm(db, statement["object"]["id"])
