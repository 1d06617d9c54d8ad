"""Key derivation and key wrapping for profiles.

`cryptography` is imported where it is used: listing profiles and the window's first paint
need none of it.

passphrase --Argon2id--> key-encryption key (KEK) --AES-256-GCM--> wraps the random data key
that opens the profile's SQLCipher database. Only the wrapped form is ever written to disk.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import asdict, dataclass

DATA_KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. Stored with each wrapped key, so it can be raised later per profile."""

    memory_kib: int
    iterations: int
    lanes: int

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


# Chosen so that one unlock takes about 0.3 s on this project's 2-core reference machine
# (bench/unlock.py prints the figure); 128 MiB makes GPU guessing of a stolen laptop's file
# costly. RFC 9106's second recommended option is 64 MiB, 3 passes, 4 lanes.
DEFAULT_KDF = KdfParams(memory_kib=128 * 1024, iterations=3, lanes=4)

# Floor for a key file read from disk: a tampered file must not make us accept trivial params.
MIN_KDF = KdfParams(memory_kib=8 * 1024, iterations=1, lanes=1)


def normalize_passphrase(passphrase: str) -> bytes:
    """NFC form, so the same Hindi passphrase typed through different input methods matches."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def derive_kek(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    kdf = Argon2id(
        salt=salt,
        length=32,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(normalize_passphrase(passphrase))


def new_data_key() -> bytes:
    return os.urandom(DATA_KEY_BYTES)


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


def wrap(kek: bytes, data_key: bytes, aad: bytes) -> tuple[bytes, bytes]:
    """Encrypt `data_key` under `kek`; returns (nonce, ciphertext with tag)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(NONCE_BYTES)
    return nonce, AESGCM(kek).encrypt(nonce, data_key, aad)


def unwrap(kek: bytes, nonce: bytes, ciphertext: bytes, aad: bytes) -> bytes | None:
    """The data key, or None if `kek` is wrong or anything was altered."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(kek).decrypt(nonce, ciphertext, aad)
    except InvalidTag:
        return None
