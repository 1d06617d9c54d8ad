"""Ed25519 keys and detached signatures for repository indexes.

Files:
  NAME.key  the private key, PEM (PKCS#8), readable by its owner only
  NAME.pub  one line: "kyo-ed25519 <base64 of the 32-byte public key> <label>"
  index.json.sig  JSON: {"format": "kyo-sig/1", "key": <key id>, "signature": <base64>}
A key id is the first 16 hex digits of the SHA-256 of the raw public key.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from app.errors import InvalidInput, SignatureError
from app.i18n import _
from content_cache import keyfiles

PUB_PREFIX = "kyo-ed25519"
SIG_FORMAT = "kyo-sig/1"
MAX_SIG_FILE = 4096


def key_id(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()[:16]


@dataclass(frozen=True)
class PublicKey:
    raw: bytes
    label: str = ""

    @property
    def key_id(self) -> str:
        return key_id(self.raw)

    def line(self) -> str:
        return f"{PUB_PREFIX} {base64.b64encode(self.raw).decode()} {self.label}".rstrip()

    def verifies(self, data: bytes, signature: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(self.raw).verify(signature, data)
        except (InvalidSignature, ValueError):
            return False
        return True


def parse_public(line: str) -> PublicKey:
    """A public key from its one-line form."""
    parts = line.strip().split(maxsplit=2)
    try:
        if len(parts) < 2 or parts[0] != PUB_PREFIX:
            raise ValueError("not a kyo-ed25519 line")
        raw = base64.b64decode(parts[1], validate=True)
        if len(raw) != 32:
            raise ValueError("an Ed25519 public key is 32 bytes")
    except (ValueError, binascii.Error) as exc:
        raise InvalidInput(
            _("This is not a Karmayogi Offline public key (expected “{prefix} …”).").format(
                prefix=PUB_PREFIX
            ),
            str(exc),
        ) from exc
    return PublicKey(raw, parts[2] if len(parts) > 2 else "")


@dataclass(frozen=True)
class SigningKey:
    private: Ed25519PrivateKey
    label: str = ""

    @property
    def public(self) -> PublicKey:
        raw = self.private.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        return PublicKey(raw, self.label)

    def sign_file_bytes(self, data: bytes) -> bytes:
        """The .sig file content for `data`."""
        doc = {
            "format": SIG_FORMAT,
            "key": self.public.key_id,
            "signature": base64.b64encode(self.private.sign(data)).decode(),
        }
        return (json.dumps(doc, indent=2) + "\n").encode()


def generate(label: str) -> SigningKey:
    return SigningKey(Ed25519PrivateKey.generate(), label)


def write_key_pair(key: SigningKey, stem: Path) -> tuple[Path, Path]:
    """Write STEM.key (owner-only) and STEM.pub; refuses to overwrite an existing key."""
    return keyfiles.write_key_pair(key.private, key.label, key.public.line(), stem)


def load_signing_key(path: Path) -> SigningKey:
    private, label = keyfiles.read_private(path)
    if not isinstance(private, Ed25519PrivateKey):
        raise InvalidInput(_("{path} is not an Ed25519 private key.").format(path=path))
    return SigningKey(private, label)


def verify(data: bytes, sig_file: bytes, trusted: dict[str, PublicKey]) -> PublicKey:
    """The trusted key that signed `data`; SignatureError if none did."""
    if len(sig_file) > MAX_SIG_FILE:
        raise SignatureError(_("The repository's signature file is not valid."), "too large")
    try:
        doc = json.loads(sig_file)
        if doc.get("format") != SIG_FORMAT:
            raise ValueError(f"format {doc.get('format')!r}")
        signer, signature = str(doc["key"]), base64.b64decode(doc["signature"], validate=True)
    except (ValueError, KeyError, TypeError, AttributeError, binascii.Error) as exc:
        raise SignatureError(_("The repository's signature file is not valid."), str(exc)) from exc
    key = trusted.get(signer)
    if key is None:
        raise SignatureError(
            _("The repository is signed by a key this computer does not trust ({key}).").format(
                key=signer
            )
        )
    if not key.verifies(data, signature):
        raise SignatureError(
            _("The repository's signature does not match its index: it was altered or damaged.")
        )
    return key
