"""The machine-wide content database: installed courses, repositories, catalog, trust.

Plain SQLite (nothing here is personal: it is shared by every profile on the machine), WAL so
that the window and `kyo` can use it at once, a short-lived connection per operation so no
connection is shared between threads. Schema steps by `PRAGMA user_version`, as for profiles.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from app.errors import DiskFull, SchemaTooNew, StoreError
from app.i18n import _


def _step_1(conn: sqlite3.Connection) -> None:
    """Packages by hash, installed courses, repositories with their signed index, the catalog
    with a full-text index (FTS5, unicode61: works for Devanagari), keys, rollback serials."""
    _run_script(
        conn,
        """
        CREATE TABLE packages (
            sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, container TEXT NOT NULL,
            added_at TEXT NOT NULL);
        CREATE TABLE courses (
            id TEXT PRIMARY KEY, version TEXT NOT NULL,
            sha256 TEXT NOT NULL REFERENCES packages(sha256),
            manifest TEXT NOT NULL, source_format TEXT NOT NULL, online_only INTEGER NOT NULL,
            installed_at TEXT NOT NULL, source TEXT NOT NULL);
        CREATE TABLE repositories (
            id INTEGER PRIMARY KEY, location TEXT NOT NULL UNIQUE, repo_id TEXT NOT NULL,
            key_id TEXT NOT NULL, serial INTEGER NOT NULL, index_bytes BLOB NOT NULL,
            sig_bytes BLOB NOT NULL, fetched_at TEXT NOT NULL);
        CREATE TABLE catalog (
            rowid INTEGER PRIMARY KEY,
            repo INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
            course_id TEXT NOT NULL, version TEXT NOT NULL, entry TEXT NOT NULL,
            size INTEGER NOT NULL, sha256 TEXT NOT NULL,
            title TEXT NOT NULL, description TEXT NOT NULL, competencies TEXT NOT NULL,
            UNIQUE (repo, course_id));
        CREATE INDEX catalog_course ON catalog(course_id);
        CREATE VIRTUAL TABLE catalog_fts USING fts5(
            title, description, competencies, content='catalog', content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 2');
        CREATE TABLE seen_serials (
            key_id TEXT NOT NULL, repo_id TEXT NOT NULL, serial INTEGER NOT NULL,
            PRIMARY KEY (key_id, repo_id));
        CREATE TABLE trusted_keys (
            key_id TEXT PRIMARY KEY, line TEXT NOT NULL, origin TEXT NOT NULL,
            added_at TEXT NOT NULL);
        """,
    )


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    # Not executescript(): it commits first, which would break the upgrade's one transaction.
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def _step_2(conn: sqlite3.Connection) -> None:
    """Device keys endorsed and certificate ids revoked by the platform, per repository (they
    arrive with its signed index)."""
    _run_script(
        conn,
        """
        CREATE TABLE endorsed_devices (
            repo INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
            key_id TEXT NOT NULL, line TEXT NOT NULL, PRIMARY KEY (repo, key_id));
        CREATE TABLE revoked_certificates (
            repo INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
            certificate_id TEXT NOT NULL, PRIMARY KEY (repo, certificate_id));
        """,
    )


STEPS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _step_1, 2: _step_2}
VERSION = max(STEPS)


def open_db(path: Path) -> sqlite3.Connection:
    """Open (creating or upgrading) the content database. Autocommit: use `transaction`."""
    conn = sqlite3.connect(path, timeout=10, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    found = conn.execute("PRAGMA user_version").fetchone()[0]
    if found > VERSION:
        conn.close()
        raise SchemaTooNew(
            _(
                "The content library was saved by a newer version of Karmayogi Offline. Update "
                "the app to use it; nothing was changed."
            ),
            f"{path}: version {found} > {VERSION}",
        )
    if found < VERSION:
        _upgrade(conn, found)
    return conn


def _upgrade(conn: sqlite3.Connection, found: int) -> None:
    _exclusive(conn)
    try:
        if conn.execute("PRAGMA user_version").fetchone()[0] == found:  # not raced
            for version in range(found + 1, VERSION + 1):
                STEPS[version](conn)
            conn.execute(f"PRAGMA user_version = {VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


@contextmanager
def errors_reported(path: Path) -> Iterator[None]:
    """SQLite's own errors, as errors the user is told about (a full disk above all)."""
    try:
        yield
    except sqlite3.Error as exc:
        text = str(exc).lower()
        if "full" in text or "disk i/o" in text:
            raise DiskFull(
                _(
                    "The disk is full (or failing), so the content library cannot be changed. "
                    "Free some space, then try again."
                ),
                f"{path}: {exc}",
            ) from exc
        raise StoreError(
            _("The content library could not be read or written."), f"{path}: {exc}"
        ) from exc


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT: writers queue up instead of failing half-way."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _exclusive(conn: sqlite3.Connection, tries: int = 200) -> None:
    """WAL mode, then an exclusive transaction. Another process or thread opening the same
    new store at the same moment can make either step fail with "locked" at once (SQLite
    skips the busy handler where waiting could deadlock): try again for up to ~10 s."""
    for attempt in range(tries):
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("BEGIN EXCLUSIVE")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == tries - 1:
                raise
            time.sleep(0.05)
