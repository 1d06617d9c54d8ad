"""The sync log: one row per sync round, kept in the profile's encrypted database.

What the learner (or whoever helps them) reads to see what sync did and when: the time, how
many records went up, came down or were refused, how the round ended and why. It is bounded
(the last KEEP rounds): a machine that syncs every 15 minutes for years must not grow it
without end (the trap of Kolibri #10304). Written by `app.sync_run.SyncRound.run` in its own
small transaction at the end of each round; read by the window through its ops layer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.db import Database
    from app.profiles import ProfileSession

KEEP = 200  # rounds kept; older ones are deleted in the transaction that adds a new one

# How a round ended (`outcome`): the sync state it left, or "failed" when it raised.
FAILED = "failed"


@dataclass(frozen=True)
class RoundEntry:
    started_at: str  # ISO 8601, UTC, milliseconds
    seconds: float  # how long the round took
    sent: int  # records the platform accepted
    pulled: int  # records made elsewhere, fetched and applied here
    refused: int  # records the platform refused in this round (quarantined)
    outcome: str  # up_to_date, waiting, offline, needs_attention, or failed
    stopped: str = ""  # why the push stopped early: auth, offline, gave_up, cancelled
    error: str = ""  # what went wrong, for the learner and the log (never a secret)
    id: int = 0  # the row's number (0 until stored)


def record(db: Database, entry: RoundEntry, keep: int = KEEP) -> int:
    """Add one round and drop all but the newest `keep`, in one transaction; returns its id."""
    with db.atomic():
        cursor = db.execute(
            "INSERT INTO sync_rounds (started_at, seconds, sent, pulled, refused, outcome, "
            "stopped, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                entry.started_at,
                round(entry.seconds, 3),
                entry.sent,
                entry.pulled,
                entry.refused,
                entry.outcome,
                entry.stopped,
                entry.error[:1000],
            ],
        )
        row_id = int(cursor.lastrowid or 0)
        db.execute(
            "DELETE FROM sync_rounds WHERE id NOT IN "
            "(SELECT id FROM sync_rounds ORDER BY id DESC LIMIT ?)",
            [keep],
        )
    return row_id


def rounds(db: Database, limit: int = KEEP) -> list[RoundEntry]:
    """The rounds kept, newest first."""
    rows = db.execute(
        "SELECT id, started_at, seconds, sent, pulled, refused, outcome, stopped, error "
        "FROM sync_rounds ORDER BY id DESC LIMIT ?",
        [limit],
    ).fetchall()
    return [
        RoundEntry(
            started_at=r[1],
            seconds=r[2],
            sent=r[3],
            pulled=r[4],
            refused=r[5],
            outcome=r[6],
            stopped=r[7],
            error=r[8],
            id=r[0],
        )
        for r in rows
    ]


def load(session: ProfileSession, limit: int = KEEP) -> list[RoundEntry]:
    """The profile's sync rounds, newest first (any thread: the store serialises calls)."""
    return session.store.call(lambda db: rounds(db, limit))
