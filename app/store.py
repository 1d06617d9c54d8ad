"""A profile's encrypted database, owned by one worker thread.

SQLite wants one writer per file (STYLE.md 2; Kolibri's "database is locked" years). Every read
and write on a Store is a function of the sqlite-utils Database, run in order on the Store's own
thread: `submit` returns a Future (the GUI's ops layer waits on it off the GUI thread),
`call` waits for the result (the command line, tests).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
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
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kyo-store")
        self._db: Database | None = None
        try:
            self.upgraded: list[int] = self._executor.submit(self._open, key).result()
        except BaseException:
            self._executor.shutdown(wait=True)
            raise

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

    def submit(self, fn: Callable[[Database], T]) -> Future[T]:
        """Run `fn(db)` on the store's thread, after everything submitted before it."""
        return self._executor.submit(self._run, fn)

    def call(self, fn: Callable[[Database], T]) -> T:
        return self.submit(fn).result()

    def _run(self, fn: Callable[[Database], T]) -> T:
        if self._db is None:
            raise StoreError(_("The profile is locked."), f"{self.path}: store is closed")
        try:
            return fn(self._db)
        except dbmod.DatabaseError as exc:
            raise StoreError(
                _("The profile's data could not be read or written."), f"{self.path}: {exc}"
            ) from exc

    def close(self) -> None:
        """Finish queued work, fold the WAL into the database and close it."""
        if self._db is not None:
            self._executor.submit(self._close).result()
        self._executor.shutdown(wait=True)

    def _close(self) -> None:
        assert self._db is not None
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._db.close()
        self._db = None
