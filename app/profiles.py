"""Learner profiles: a registry of display names, a wrapped key and a database each.

The registry (`machine/profiles.json`) holds only each profile's random id and the display name
the learner chose, so listing profiles needs no passphrase and reveals nothing more.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app import __version__
from app.errors import AlreadyExists, CorruptData, InvalidInput, NotFound
from app.fsutil import atomic_write_json, file_lock, read_json
from app.i18n import _
from app.keyring import Keyring
from app.paths import Paths

if TYPE_CHECKING:  # the store pulls in SQLCipher and sqlite-utils: load it on first unlock
    from app.db import Database
    from app.store import Store

REGISTRY_VERSION = 1
MAX_NAME = 64
MIN_PASSPHRASE = 8
MAX_PASSPHRASE = 1024


@dataclass(frozen=True)
class ProfileInfo:
    id: str
    name: str


def clean_name(name: str) -> str:
    """The display name as stored: NFC, trimmed, 1–64 characters, no control characters."""
    name = unicodedata.normalize("NFC", name).strip()
    if not name:
        raise InvalidInput(_("Give the profile a name."))
    if len(name) > MAX_NAME:
        raise InvalidInput(_("A profile name can have at most {n} characters.").format(n=MAX_NAME))
    if any(unicodedata.category(ch) == "Cc" for ch in name):
        raise InvalidInput(_("A profile name cannot contain control characters."))
    return name


def check_new_passphrase(passphrase: str) -> None:
    length = len(unicodedata.normalize("NFC", passphrase))
    if length < MIN_PASSPHRASE:
        raise InvalidInput(
            _("A passphrase needs at least {n} characters.").format(n=MIN_PASSPHRASE)
        )
    if length > MAX_PASSPHRASE:
        raise InvalidInput(
            _("A passphrase can have at most {n} characters.").format(n=MAX_PASSPHRASE)
        )


def _same_name(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


class ProfileSession:
    """An unlocked profile: its info and its open store. Close it to lock the profile."""

    def __init__(self, info: ProfileInfo, store: Store) -> None:
        self.info = info
        self.store = store

    def get_setting(self, key: str, default: Any = None) -> Any:
        def read(db: Database) -> Any:
            row = db.execute("SELECT value FROM profile_settings WHERE key = ?", [key]).fetchone()
            return default if row is None else json.loads(row[0])

        return self.store.call(read)

    def set_setting(self, key: str, value: Any) -> None:
        def write(db: Database) -> None:
            with db.atomic():
                db.table("profile_settings").upsert(
                    {"key": key, "value": json.dumps(value, ensure_ascii=False)}, pk="key"
                )

        self.store.call(write)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> ProfileSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Profiles:
    def __init__(self, paths: Paths, keyring: Keyring) -> None:
        self._paths = paths
        self._keyring = keyring

    def all(self) -> list[ProfileInfo]:
        """Every profile, sorted by name. Needs no passphrase."""
        return sorted(self._read_registry(), key=lambda p: p.name.casefold())

    def find(self, name: str) -> ProfileInfo:
        wanted = unicodedata.normalize("NFC", name).strip()
        for info in self._read_registry():
            if _same_name(info.name, wanted):
                return info
        raise NotFound(_("There is no profile named “{name}”.").format(name=wanted))

    def create(self, name: str, passphrase: str) -> ProfileInfo:
        name = clean_name(name)
        check_new_passphrase(passphrase)
        with self._locked():
            profiles = self._read_registry()
            if any(_same_name(p.name, name) for p in profiles):
                raise AlreadyExists(_("A profile named “{name}” exists already.").format(name=name))
            self._sweep_orphans({p.id for p in profiles})
            from app.store import Store  # deferred: see the imports

            info = ProfileInfo(id=os.urandom(16).hex(), name=name)
            data_key = self._keyring.create(info.id, passphrase)
            self._paths.profile_dir(info.id).mkdir(mode=0o700, parents=True)
            store = Store(self._paths.profile_db(info.id), data_key)
            try:
                store.call(lambda db: _write_new_profile_meta(db, info))
            finally:
                store.close()
            # Registered last: a crash before this leaves only an orphan, swept next time.
            self._write_registry([*profiles, info])
        return info

    def unlock(self, name: str, passphrase: str) -> ProfileSession:
        info = self.find(name)
        db_path = self._paths.profile_db(info.id)
        if not db_path.exists():
            raise CorruptData(
                _("The data of profile “{name}” is missing.").format(name=info.name), str(db_path)
            )
        data_key = self._keyring.unlock(info.id, passphrase)
        from app.store import Store  # deferred: see the imports

        return ProfileSession(info, Store(db_path, data_key))

    def change_passphrase(self, name: str, old: str, new: str) -> None:
        info = self.find(name)
        check_new_passphrase(new)
        self._keyring.rewrap(info.id, old, new)

    def delete(self, name: str, passphrase: str) -> ProfileInfo:
        """Delete a profile; the passphrase proves the learner's right to do so."""
        info = self.find(name)
        self._keyring.unlock(info.id, passphrase)
        with self._locked():
            self._write_registry([p for p in self._read_registry() if p.id != info.id])
            # Key first: without it, whatever of the database survives a crash is unreadable.
            self._keyring.delete(info.id)
            shutil.rmtree(self._paths.profile_dir(info.id), ignore_errors=True)
        return info

    # registry

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self._paths.ensure()
        with file_lock(self._paths.registry_lock):
            yield

    def _read_registry(self) -> list[ProfileInfo]:
        path = self._paths.profile_registry
        if not path.exists():
            return []
        doc = read_json(path)
        try:
            return [ProfileInfo(id=str(p["id"]), name=str(p["name"])) for p in doc["profiles"]]
        except (KeyError, TypeError) as exc:
            raise CorruptData(_("The list of profiles is damaged."), f"{path}: {exc!r}") from exc

    def _write_registry(self, profiles: list[ProfileInfo]) -> None:
        doc = {
            "version": REGISTRY_VERSION,
            "profiles": [{"id": p.id, "name": p.name} for p in profiles],
        }
        atomic_write_json(self._paths.profile_registry, doc)

    def _sweep_orphans(self, known: set[str]) -> None:
        """Remove what an interrupted create or delete left behind (call under the lock)."""
        if self._paths.profiles.is_dir():
            for folder in self._paths.profiles.iterdir():
                if folder.is_dir() and folder.name not in known:
                    shutil.rmtree(folder, ignore_errors=True)
        if self._paths.keyring.is_dir():
            for key_file in self._paths.keyring.glob("*.key.json"):
                profile_id = key_file.name.removesuffix(".key.json")
                if profile_id not in known:
                    self._keyring.delete(profile_id)


def _write_new_profile_meta(db: Database, info: ProfileInfo) -> None:
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with db.atomic():
        db.table("meta").insert_all(
            [
                {"key": "profile_id", "value": info.id},
                {"key": "display_name", "value": info.name},
                {"key": "created_at", "value": now},
                {"key": "created_by", "value": f"karmayogi-offline {__version__}"},
            ]
        )
