"""Opening a profile's SQLCipher database, with sqlite-utils on top.

sqlite-utils picks its driver when first imported: it uses `pysqlite3` if that imports. We
alias `pysqlite3` to `sqlcipher3` first, so sqlite-utils' own error handling catches SQLCipher's
errors (a plain `sqlite3.OperationalError` would not match them). Import sqlite_utils only
through this module.
"""

from __future__ import annotations

import sys
from pathlib import Path

import sqlcipher3
from sqlcipher3 import dbapi2

sys.modules.setdefault("pysqlite3", sqlcipher3)
sys.modules.setdefault("pysqlite3.dbapi2", dbapi2)

import sqlite_utils  # noqa: E402 - must follow the alias above
import sqlite_utils.utils  # noqa: E402

from app.errors import StoreError, StoreKeyError  # noqa: E402
from app.i18n import _  # noqa: E402

if sqlite_utils.utils.OperationalError is not dbapi2.OperationalError:  # pragma: no cover
    raise ImportError("sqlite_utils was imported before app.db could point it at sqlcipher3")

__all__ = [
    "Database",
    "DatabaseError",
    "apply_pragmas",
    "connect",
    "dbapi2",
    "user_version",
    "user_version_of",
]

Database = sqlite_utils.Database
DatabaseError = dbapi2.DatabaseError
KEY_BYTES = 32

# Applied to every profile database. FULL: a power cut (common where our learners are) must
# not lose a committed event; WAL keeps that affordable. temp_store: no plaintext temp files.
PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA busy_timeout = 5000",
)


def connect(path: Path, key: bytes) -> dbapi2.Connection:
    """Open (or create) `path` with a raw 256-bit key and check that the key opens it.

    Only reads: the caller applies PRAGMAS once it has checked the schema version, so that a
    database we must refuse is left exactly as it was.
    """
    if len(key) != KEY_BYTES:
        raise ValueError("a profile key is 32 bytes")
    try:
        conn = dbapi2.connect(str(path), check_same_thread=False)
    except dbapi2.Error as exc:
        raise StoreError(_("The profile's data could not be opened."), f"{path}: {exc}") from exc
    try:
        # A raw key (x'…') skips SQLCipher's own PBKDF2: our key is already random.
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except dbapi2.DatabaseError as exc:
        conn.close()
        raise StoreKeyError(
            _(
                "The profile's data could not be opened: the key does not fit or the file is "
                "damaged."
            ),
            f"{path}: {type(exc).__name__}: {exc}",
        ) from exc
    return conn


def apply_pragmas(conn: dbapi2.Connection) -> None:
    for pragma in PRAGMAS:
        conn.execute(pragma)


def user_version(conn: dbapi2.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def user_version_of(database: Database) -> int:
    """`user_version` of an open sqlite-utils Database (for Store.call)."""
    return user_version(database.conn)
