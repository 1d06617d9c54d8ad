"""Linking a profile to the learner's platform account.

The platform's address and the learner's credentials are kept in the profile's encrypted
database, nowhere else. Once linked, the learner is that account in every statement made from
then on, and in the statements not yet sent: those were never seen by any server, so their
bytes may still be made again (with a new actor, same id). Statements already offered to a
server keep their bytes: a server may have stored them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from app.errors import InvalidInput
from app.i18n import _
from app.xapi import canonical_bytes

if TYPE_CHECKING:
    from app.db import Database
    from app.profiles import ProfileSession

SETTING = "platform_account"


@dataclass(frozen=True)
class Account:
    endpoint: str  # the LRS's xAPI endpoint, e.g. https://lrs.example/xAPI
    username: str
    password: str
    version: str = "1.0.3"

    @property
    def home_page(self) -> str:
        parts = urlsplit(self.endpoint)
        return f"{parts.scheme}://{parts.netloc}"

    def actor(self, name: str) -> dict[str, Any]:
        return {
            "objectType": "Agent",
            "name": name,
            "account": {"homePage": self.home_page, "name": self.username},
        }


def load(session: ProfileSession) -> Account | None:
    raw = session.get_setting(SETTING)
    return None if not raw else Account(**raw)


def link(session: ProfileSession, endpoint: str, username: str, password: str) -> int:
    """Save the account and give the unsent statements its actor; returns how many."""
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InvalidInput(_("The platform address must start with http:// or https://."))
    if not username:
        raise InvalidInput(_("Give the account's user name."))
    account = Account(endpoint.rstrip("/"), username, password)
    actor = account.actor(session.info.name)

    def txn(db: Database) -> int:
        with db.atomic():
            db.execute(
                "INSERT OR REPLACE INTO profile_settings VALUES (?, ?)",
                [SETTING, json.dumps(account.__dict__)],
            )
            # A new link may be a new platform: its version and history are asked afresh.
            db.execute("DELETE FROM sync_state WHERE key != 'last_success'")
            return _reactor(db, actor)

    return int(session.store.call(txn))


def _reactor(db: Database, actor: dict[str, Any]) -> int:
    rows = db.execute(
        "SELECT id, body FROM statements WHERE status = 'pending' AND attempts = 0 "
        "AND origin = 'local'"
    ).fetchall()
    for statement_id, body in rows:
        statement = json.loads(body)
        statement["actor"] = actor
        db.execute("UPDATE statements SET body = ? WHERE id = ?",
                   [canonical_bytes(statement), statement_id])  # fmt: skip
    return len(rows)


def unlink(session: ProfileSession) -> None:
    def txn(db: Database) -> None:
        with db.atomic():
            db.execute("DELETE FROM profile_settings WHERE key = ?", [SETTING])

    session.store.call(txn)
