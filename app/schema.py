"""Schema of a profile database, upgraded in numbered steps (STYLE.md 7).

`PRAGMA user_version` is the schema version. Opening a database runs every missing
`upgrade_to_N` in one exclusive transaction, after copying the file, so an upgrade either
happens whole or not at all and the copy remains if anything goes wrong later. A database newer
than this code is refused and left untouched.

To change the schema: add `upgrade_to_{N+1}` with a docstring, register it in STEPS and bump
SCHEMA_VERSION. Never edit a step that has shipped.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

from app.db import Database, DatabaseError, dbapi2
from app.errors import SchemaTooNew, StoreError
from app.fsutil import fsync_dir
from app.i18n import _


def upgrade_to_1(db: Database) -> None:
    """Profile metadata as text pairs: display name, when and by which version it was made."""
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


def upgrade_to_2(db: Database) -> None:
    """Per-learner settings, values as JSON (language; later the platform account)."""
    db.execute("CREATE TABLE profile_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


def upgrade_to_3(db: Database) -> None:
    """Learning records: the xAPI outbox, enrolments (one registration per course), progress
    per item and course, assessment attempts, SCORM attempts, xAPI documents (cmi5 State and
    Agent Profile), cmi5 satisfaction, and the learner's competency targets."""
    for statement in _LEARNING_TABLES:
        db.execute(statement)


_LEARNING_TABLES = (
    """CREATE TABLE statements (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, body BLOB NOT NULL,
        verb TEXT NOT NULL, object_id TEXT NOT NULL, registration TEXT, course_id TEXT,
        timestamp TEXT NOT NULL, created_at TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0,
        sent_at TEXT, error TEXT)""",
    "CREATE INDEX statements_status ON statements (status, seq)",
    "CREATE INDEX statements_registration ON statements (registration, seq)",
    """CREATE TABLE enrollments (
        course_id TEXT PRIMARY KEY, registration TEXT NOT NULL UNIQUE, started_at TEXT NOT NULL)""",
    """CREATE TABLE item_progress (
        course_id TEXT NOT NULL, item_id TEXT NOT NULL, kind TEXT NOT NULL,
        status TEXT NOT NULL, success TEXT, score REAL, completed_at TEXT,
        resume TEXT NOT NULL DEFAULT '{}', detail TEXT NOT NULL DEFAULT '{}',
        active_seconds REAL NOT NULL DEFAULT 0, updated_at TEXT NOT NULL,
        PRIMARY KEY (course_id, item_id))""",
    """CREATE TABLE course_progress (
        course_id TEXT PRIMARY KEY, status TEXT NOT NULL, completed_at TEXT,
        completed_version TEXT, last_item_id TEXT, updated_at TEXT NOT NULL)""",
    """CREATE TABLE assessment_attempts (
        id TEXT PRIMARY KEY, course_id TEXT NOT NULL, item_id TEXT NOT NULL,
        number INTEGER NOT NULL, status TEXT NOT NULL, state TEXT NOT NULL,
        started_at TEXT NOT NULL, updated_at TEXT NOT NULL)""",
    "CREATE INDEX attempts_item ON assessment_attempts (course_id, item_id, number)",
    """CREATE TABLE scorm_attempts (
        id INTEGER PRIMARY KEY, course_id TEXT NOT NULL, item_id TEXT NOT NULL,
        sco_id TEXT NOT NULL, number INTEGER NOT NULL, snapshot TEXT NOT NULL,
        summary TEXT NOT NULL DEFAULT '{}', started_at TEXT NOT NULL, updated_at TEXT NOT NULL,
        UNIQUE (course_id, item_id, sco_id, number))""",
    """CREATE TABLE xapi_documents (
        key TEXT PRIMARY KEY, content BLOB NOT NULL, content_type TEXT NOT NULL,
        etag TEXT NOT NULL, updated TEXT NOT NULL)""",
    """CREATE TABLE cmi5_satisfied (
        registration TEXT NOT NULL, activity_id TEXT NOT NULL,
        PRIMARY KEY (registration, activity_id))""",
    """CREATE TABLE competency_targets (
        id TEXT PRIMARY KEY, label TEXT NOT NULL, competency_type TEXT, hours REAL NOT NULL,
        period_start TEXT, period_end TEXT, rolling_days INTEGER)""",
)


def upgrade_to_4(db: Database) -> None:
    """Certificates: one per completed course, with the signed QR payload and its claims; the
    state turns from provisional to confirmed when the platform has the completion."""
    db.execute(
        """CREATE TABLE certificates (
            id TEXT PRIMARY KEY, course_id TEXT NOT NULL UNIQUE, course_version TEXT NOT NULL,
            payload TEXT NOT NULL, claims TEXT NOT NULL, state TEXT NOT NULL,
            device_id TEXT NOT NULL, key_id TEXT NOT NULL, issued_at TEXT NOT NULL,
            confirmed_at TEXT)"""
    )


def upgrade_to_5(db: Database) -> None:
    """Sync: why a statement was set aside (rejected, conflict, too large), where a statement
    came from (made here, or pulled from the platform), and the stages of a sync, so an
    interrupted one resumes."""
    db.execute("ALTER TABLE statements ADD COLUMN problem TEXT")
    db.execute("ALTER TABLE statements ADD COLUMN origin TEXT NOT NULL DEFAULT 'local'")
    db.execute("CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


def upgrade_to_6(db: Database) -> None:
    """The sync log: one row per sync round (when, sent, fetched, refused, how it ended and
    why), the newest 200 kept (app/sync_log.py)."""
    db.execute(
        """CREATE TABLE sync_rounds (
            id INTEGER PRIMARY KEY AUTOINCREMENT, started_at TEXT NOT NULL,
            seconds REAL NOT NULL, sent INTEGER NOT NULL, pulled INTEGER NOT NULL,
            refused INTEGER NOT NULL, outcome TEXT NOT NULL, stopped TEXT NOT NULL DEFAULT '',
            error TEXT NOT NULL DEFAULT '')"""
    )


STEPS: dict[int, Callable[[Database], None]] = {
    1: upgrade_to_1,
    2: upgrade_to_2,
    3: upgrade_to_3,
    4: upgrade_to_4,
    5: upgrade_to_5,
    6: upgrade_to_6,
}
SCHEMA_VERSION = max(STEPS)


def check_not_newer(found: int, path: Path) -> None:
    if found > SCHEMA_VERSION:
        raise SchemaTooNew(
            _(
                "This profile was saved by a newer version of Karmayogi Offline. Update the app "
                "to open it; the profile has not been changed."
            ),
            f"{path}: schema version {found}, this code knows up to {SCHEMA_VERSION}",
        )


def backup_path(path: Path, version: int) -> Path:
    return path.with_name(f"{path.name}.v{version}.bak")


def upgrade(conn: dbapi2.Connection, path: Path, found: int) -> list[int]:
    """Bring the database at `path` from version `found` to SCHEMA_VERSION; returns steps run."""
    check_not_newer(found, path)
    todo = list(range(found + 1, SCHEMA_VERSION + 1))
    if not todo:
        return []
    if found > 0:
        _copy_before_upgrade(conn, path, found)
    db = Database(conn)
    try:
        conn.execute("BEGIN EXCLUSIVE")
        for version in todo:
            STEPS[version](db)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except DatabaseError as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise StoreError(
            _(
                "The profile could not be upgraded to this version of the app. It was left as "
                "it was."
            ),
            f"{path}: upgrade {found}->{SCHEMA_VERSION} failed: {exc}",
        ) from exc
    return todo


def _copy_before_upgrade(conn: dbapi2.Connection, path: Path, version: int) -> None:
    # Fold the WAL into the main file first so the copy is the whole database.
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    target = backup_path(path, version)
    tmp = target.with_name(target.name + ".tmp")
    shutil.copyfile(path, tmp)
    with tmp.open("rb+") as f:
        os.fsync(f.fileno())
    tmp.replace(target)
    fsync_dir(path.parent)
