"""Which keys this machine trusts to sign repository indexes.

Platform keys come from the installation's configuration (the app passes them in; the demo
key only when the configuration allows it). An administrator can add more (an institute's
key, `kyo repo trust add`). An index signed by a platform key may list keys to trust as well:
those are "delegated", replaced whenever that repository is refreshed, and cannot delegate
further.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Sequence

from content_cache import db
from content_cache.signing import PublicKey, parse_public
from content_cache.store import ContentStore

ADMIN = "admin"
DELEGATED_PREFIX = "delegated:"


class TrustStore:
    def __init__(self, store: ContentStore, platform_keys: Sequence[PublicKey]) -> None:
        self._store = store
        self._platform = {k.key_id: k for k in platform_keys}

    @property
    def platform_ids(self) -> set[str]:
        return set(self._platform)

    def keys(self) -> dict[str, PublicKey]:
        keys = dict(self._platform)
        for line, _origin in self.stored():
            key = parse_public(line)
            keys.setdefault(key.key_id, key)
        return keys

    def stored(self) -> list[tuple[str, str]]:
        with self._store.connect() as conn:
            rows = conn.execute(
                "SELECT line, origin FROM trusted_keys ORDER BY added_at"
            ).fetchall()
        return [(r["line"], r["origin"]) for r in rows]

    def add(self, key: PublicKey, origin: str = ADMIN) -> None:
        with self._store.connect() as conn, db.transaction(conn):
            _insert(conn, key, origin)

    def remove(self, key_id: str) -> bool:
        with self._store.connect() as conn, db.transaction(conn):
            cur = conn.execute("DELETE FROM trusted_keys WHERE key_id = ?", (key_id,))
            return cur.rowcount > 0

    def delegate(self, conn: sqlite3.Connection, keys: Iterable[PublicKey], repo_id: str) -> None:
        """Within the caller's transaction: the keys a platform-signed index lists."""
        origin = DELEGATED_PREFIX + repo_id
        conn.execute("DELETE FROM trusted_keys WHERE origin = ?", (origin,))
        for key in keys:
            if key.key_id not in self._platform:
                _insert(conn, key, origin)


def _insert(conn: sqlite3.Connection, key: PublicKey, origin: str) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO trusted_keys VALUES (?, ?, ?, ?)",
        (key.key_id, key.line(), origin, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
    )
