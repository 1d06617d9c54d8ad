"""A profile's encrypted database: one connection, one writer at a time.

SQLite wants one writer per file (STYLE.md 2; Kolibri's "database is locked" years). A Store
owns one SQLCipher connection and runs every read and write as a function of the sqlite-utils
Database under its lock, so callers on any thread are served one at a time, in order. (An
earlier version handed each call to a dedicated thread; the hand-over cost ~0.1 ms per call,
as much as the encrypted write itself, and bought nothing the lock does not give.) The GUI
never calls a Store directly: its ops layer calls from worker threads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from app import db as dbmod
from app import schema
from app.db import Database
from app.errors import StoreError
from app.i18n import _

T = TypeVar("T")


class Store:
    def __init__(self, path: Path, key: bytes) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._db: Database | None = None
        self.upgraded: list[int] = self._open(key)

    def _open(self, key: bytes) -> list[int]:
        conn = dbmod.connect(self.path, key)
        try:
            found = dbmod.user_version(conn)
            schema.check_not_newer(found, self.path)
            dbmod.apply_pragmas(conn)
            steps = schema.upgrade(conn, self.path, found)
        except BaseException:
            conn.close()
            raise
        self._db = Database(conn)
        return steps

    def call(self, fn: Callable[[Database], T]) -> T:
        """Run `fn(db)` with the database to itself; SQLite errors become StoreError."""
        with self._lock:
            if self._db is None:
                raise StoreError(_("The profile is locked."), f"{self.path}: store is closed")
            try:
                return fn(self._db)
            except dbmod.DatabaseError as exc:
                raise StoreError(
                    _("The profile's data could not be read or written."), f"{self.path}: {exc}"
                ) from exc

    @property
    def closed(self) -> bool:
        return self._db is None

    def close(self) -> None:
        """Fold the WAL into the database and close it (later calls raise StoreError)."""
        with self._lock:
            if self._db is None:
                return
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._db.close()
            self._db = None
