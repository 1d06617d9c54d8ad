"""The wrapped profile keys in `machine/keyring/`, and the pause after wrong passphrases.

A key file holds only the Argon2id salt and cost and the AES-GCM-wrapped data key, bound to its
profile id (the AAD) so key files cannot be swapped between profiles. The pause only slows
someone guessing at the keyboard of a shared PC; the Argon2id cost is what protects a copied
file.
"""

from __future__ import annotations

import base64
import contextlib
import math
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app import crypto
from app.errors import CorruptData, NotFound, TooManyAttempts, WrongPassphrase
from app.fsutil import atomic_write_json, read_json
from app.i18n import _, ngettext
from app.paths import Paths

FORMAT = "kyo-wrapped-key/1"
FREE_ATTEMPTS = 3  # wrong passphrases allowed before pauses start
MAX_PAUSE_S = 60.0  # a cap, so one person cannot lock another out of a lab PC for long


def pause_after(failures: int) -> float:
    """Seconds to wait after `failures` wrong passphrases in a row: 0, 0, 0, 2, 4, 8, … 60."""
    if failures < FREE_ATTEMPTS:
        return 0.0
    return min(MAX_PAUSE_S, 2.0 ** (failures - FREE_ATTEMPTS + 1))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise ValueError("expected base64 text")
    return base64.b64decode(text, validate=True)


def _aad(profile_id: str) -> bytes:
    return f"{FORMAT}\0{profile_id}".encode()


class Keyring:
    def __init__(
        self,
        paths: Paths,
        kdf: crypto.KdfParams = crypto.DEFAULT_KDF,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._paths = paths
        self._kdf = kdf
        self._clock = clock

    def create(self, profile_id: str, passphrase: str) -> bytes:
        """Make a new data key, store it wrapped by `passphrase`, return it."""
        data_key = crypto.new_data_key()
        self._write(profile_id, passphrase, data_key)
        return data_key

    def unlock(self, profile_id: str, passphrase: str) -> bytes:
        """The profile's data key; WrongPassphrase or TooManyAttempts otherwise."""
        self._check_pause(profile_id)
        data_key = self._try_unwrap(profile_id, passphrase)
        if data_key is None:
            self._record_failure(profile_id)
            raise WrongPassphrase(_("That passphrase is not right. Nothing was changed."))
        self._clear_failures(profile_id)
        return data_key

    def rewrap(self, profile_id: str, old: str, new: str) -> None:
        """Wrap the same data key under `new`: the database itself is not touched."""
        data_key = self.unlock(profile_id, old)
        self._write(profile_id, new, data_key)

    def delete(self, profile_id: str) -> None:
        for path in (self._paths.wrapped_key(profile_id), self._paths.unlock_attempts(profile_id)):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()

    def kdf_params(self, profile_id: str) -> crypto.KdfParams:
        return self._read(profile_id)[1]

    # key file

    def _write(self, profile_id: str, passphrase: str, data_key: bytes) -> None:
        salt = crypto.new_salt()
        kek = crypto.derive_kek(passphrase, salt, self._kdf)
        nonce, wrapped = crypto.wrap(kek, data_key, _aad(profile_id))
        doc = {
            "format": FORMAT,
            "profile": profile_id,
            "passphrase": {
                "kdf": {"name": "argon2id", "salt": _b64(salt), **self._kdf.as_dict()},
                "wrap": {"name": "aes-256-gcm", "nonce": _b64(nonce), "key": _b64(wrapped)},
            },
        }
        self._paths.keyring.mkdir(mode=0o700, parents=True, exist_ok=True)
        atomic_write_json(self._paths.wrapped_key(profile_id), doc)

    def _read(self, profile_id: str) -> tuple[dict[str, Any], crypto.KdfParams]:
        path = self._paths.wrapped_key(profile_id)
        if not path.exists():
            raise NotFound(_("This profile's key is missing, so it cannot be opened."), str(path))
        doc = read_json(path)
        try:
            entry = doc["passphrase"]
            kdf = entry["kdf"]
            params = crypto.KdfParams(
                memory_kib=int(kdf["memory_kib"]),
                iterations=int(kdf["iterations"]),
                lanes=int(kdf["lanes"]),
            )
            ok = doc["format"] == FORMAT and doc["profile"] == profile_id
            ok = ok and kdf["name"] == "argon2id" and entry["wrap"]["name"] == "aes-256-gcm"
        except (KeyError, TypeError, ValueError) as exc:
            raise self._corrupt(path, repr(exc)) from exc
        too_weak = (
            params.memory_kib < crypto.MIN_KDF.memory_kib
            or params.iterations < crypto.MIN_KDF.iterations
            or params.lanes < crypto.MIN_KDF.lanes
        )
        if not ok or too_weak:
            raise self._corrupt(path, f"unexpected format or cost {params}")
        return entry, params

    @staticmethod
    def _corrupt(path: Path, detail: str) -> CorruptData:
        return CorruptData(
            _("This profile's key file is damaged, so the profile cannot be opened."),
            f"{path}: {detail}",
        )

    def _try_unwrap(self, profile_id: str, passphrase: str) -> bytes | None:
        entry, params = self._read(profile_id)
        try:
            salt = _unb64(entry["kdf"]["salt"])
            nonce = _unb64(entry["wrap"]["nonce"])
            wrapped = _unb64(entry["wrap"]["key"])
        except (KeyError, ValueError) as exc:
            raise self._corrupt(self._paths.wrapped_key(profile_id), repr(exc)) from exc
        kek = crypto.derive_kek(passphrase, salt, params)
        return crypto.unwrap(kek, nonce, wrapped, _aad(profile_id))

    # pause after wrong passphrases

    def _failures(self, profile_id: str) -> tuple[int, float]:
        path = self._paths.unlock_attempts(profile_id)
        try:
            doc = read_json(path)
            return int(doc["failures"]), float(doc["last"])
        except FileNotFoundError:
            return 0, 0.0
        except (CorruptData, KeyError, TypeError, ValueError):
            # A damaged counter must not let someone skip the pause: count it as the maximum.
            return 32, self._clock()

    def _check_pause(self, profile_id: str) -> None:
        failures, last = self._failures(profile_id)
        wait = last + pause_after(failures) - self._clock()
        if wait > 0:
            seconds = math.ceil(wait)
            raise TooManyAttempts(
                ngettext(
                    "Too many wrong passphrases. Try again in {n} second.",
                    "Too many wrong passphrases. Try again in {n} seconds.",
                    seconds,
                ).format(n=seconds),
                retry_after=wait,
            )

    def _record_failure(self, profile_id: str) -> None:
        failures, _last = self._failures(profile_id)
        doc = {"failures": failures + 1, "last": self._clock()}
        atomic_write_json(self._paths.unlock_attempts(profile_id), doc)

    def _clear_failures(self, profile_id: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self._paths.unlock_attempts(profile_id).unlink()
