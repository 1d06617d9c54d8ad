"""The local statement store (outbox): every learning event as an xAPI statement.

A statement is added in the same transaction as the state change it describes (the caller
holds the transaction); its id, timestamp and bytes are made once, and `sync` later sends
exactly those bytes. Statuses: pending → sent, or quarantined (the server refused it; shown
to the learner, never silently dropped).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from app.xapi import canonical_bytes

if TYPE_CHECKING:
    from app.db import Database

PENDING, SENT, QUARANTINED = "pending", "sent", "quarantined"


def add(db: Database, statement: dict[str, Any], course_id: str | None = None) -> str:
    """Insert one statement (inside the caller's transaction); returns its id."""
    registration = statement.get("context", {}).get("registration")
    db.execute(
        "INSERT INTO statements (id, body, verb, object_id, registration, course_id, timestamp, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            statement["id"],
            canonical_bytes(statement),
            statement["verb"]["id"],
            statement["object"].get("id", ""),
            registration,
            course_id,
            statement["timestamp"],
            dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"),
        ],
    )
    return str(statement["id"])


def get(db: Database, statement_id: str) -> dict[str, Any] | None:
    row = db.execute("SELECT body FROM statements WHERE id = ?", [statement_id]).fetchone()
    return None if row is None else dict(json.loads(row[0]))


def find(
    db: Database,
    *,
    registration: str | None = None,
    activity_id: str | None = None,
    verb_id: str | None = None,
    since: str | None = None,
    limit: int = 100,
) -> list[dict[str, Any]]:
    """Statements in the order they were made, filtered as the xAPI GET query asks."""
    clauses, params = [], []
    for column, value in (
        ("registration", registration),
        ("object_id", activity_id),
        ("verb", verb_id),
    ):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    if since is not None:
        clauses.append("timestamp > ?")
        params.append(since)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = db.execute(
        f"SELECT body FROM statements {where} ORDER BY seq LIMIT ?",  # noqa: S608 - fixed columns
        [*params, limit],
    ).fetchall()
    return [dict(json.loads(r[0])) for r in rows]


def pending(db: Database, limit: int = 100) -> list[tuple[str, bytes]]:
    rows = db.execute(
        "SELECT id, body FROM statements WHERE status = ? ORDER BY seq LIMIT ?", [PENDING, limit]
    ).fetchall()
    return [(r[0], bytes(r[1])) for r in rows]


def counts(db: Database) -> dict[str, int]:
    rows = db.execute("SELECT status, count(*) FROM statements GROUP BY status").fetchall()
    found = {r[0]: r[1] for r in rows}
    return {status: found.get(status, 0) for status in (PENDING, SENT, QUARANTINED)}
