"""Every path the app uses, resolved in one place.

The data root comes from `kyo --home DIR`, else the `KYO_HOME` environment variable, else the
platform's per-user data folder. Under it, `machine/` holds what every profile on this
installation shares (content store, device identity, settings, the profile registry and the
wrapped profile keys) and `profiles/<id>/` holds each learner's encrypted database.

Wrapped keys live in `machine/keyring/`, not beside the database they open, so copying a
profile folder alone copies nothing that opens it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

APP_DIR_NAME = "karmayogi-offline"
HOME_ENV = "KYO_HOME"


@dataclass(frozen=True)
class Paths:
    root: Path

    @classmethod
    def resolve(
        cls, home: str | os.PathLike[str] | None = None, environ: Mapping[str, str] | None = None
    ) -> Paths:
        """The data root: `home` if given, else `$KYO_HOME`, else the platform default."""
        env = os.environ if environ is None else environ
        if home:
            root = Path(home)
        elif env.get(HOME_ENV):
            root = Path(env[HOME_ENV])
        else:
            import platformdirs  # only here: costs ~8 ms of start-up when a home is given

            root = Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))
        return cls(root.expanduser().absolute())

    # machine-wide part
    @property
    def machine(self) -> Path:
        return self.root / "machine"

    @property
    def content_store(self) -> Path:
        return self.machine / "content"

    @property
    def cache(self) -> Path:
        """Files made again from the content store when missing (extracted media)."""
        return self.machine / "cache"

    @property
    def device_dir(self) -> Path:
        return self.machine / "device"

    @property
    def settings_file(self) -> Path:
        return self.machine / "settings.json"

    @property
    def profile_registry(self) -> Path:
        return self.machine / "profiles.json"

    @property
    def registry_lock(self) -> Path:
        return self.machine / "profiles.lock"

    @property
    def keyring(self) -> Path:
        return self.machine / "keyring"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    # per-profile part
    @property
    def profiles(self) -> Path:
        return self.root / "profiles"

    def profile_dir(self, profile_id: str) -> Path:
        return self.profiles / profile_id

    def profile_db(self, profile_id: str) -> Path:
        return self.profile_dir(profile_id) / "profile.db"

    def wrapped_key(self, profile_id: str) -> Path:
        return self.keyring / f"{profile_id}.key.json"

    def unlock_attempts(self, profile_id: str) -> Path:
        return self.keyring / f"{profile_id}.attempts.json"

    def ensure(self) -> None:
        """Create the folders, readable by this user only (lab PCs are shared)."""
        for folder in (self.root, self.machine, self.keyring, self.profiles, self.logs):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
