"""Sealed answer keys (`kyo-sealed/1`): an assessment's key is not readable in its package.

    {"format": "kyo-sealed/1", "recipient": <key id>, "ephemeral": <base64, 32 bytes>,
     "nonce": <base64, 12 bytes>, "ciphertext": <base64, AES-GCM ciphertext + 16-byte tag>}

An X25519 ephemeral-static sealed box: a fresh key pair per seal, its shared secret with the
recipient's public key run through HKDF-SHA256 (salt: ephemeral public || recipient public,
info "kyo-sealed/1") into an AES-256-GCM key. The additional data binds a sealed key to its
place (`assessment_aad`: course id, item id and the SHA-256 of the paper), so a key cannot be
moved to another paper or course, and a paper cannot be edited under its key. Any mismatch
(wrong private key, wrong place, one altered byte) is the same PackageError(rule
"assessment.key"): the reason is not told apart, and nothing is decrypted.

Key files: NAME.key, the private key as PEM (PKCS#8), a "# label" line first, owner-only;
NAME.pub, one line "kyo-x25519 <base64 of the 32-byte public key> <label>".

Threat model, honestly: the client grades offline, so it must hold the private key (the
platform puts it in the client's configuration). Sealing keeps the answers out of the package:
unzipping a course, or copying it off a USB stick, shows nothing. It does not stop a
determined person who has the app and its configuration: they can recover the key and so the
answers. That is why on-device grades are provisional, and why every response is recorded so
the platform can re-grade attempts (and notice answers no learner could have known).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.errors import InvalidInput, PackageError
from app.i18n import _
from content_cache import keyfiles

FORMAT = "kyo-sealed/1"
INFO = FORMAT.encode()
PUB_PREFIX = "kyo-x25519"
NONCE_SIZE = 12
MAX_SEALED = 4 * 1024 * 1024
FIELDS = ("format", "recipient", "ephemeral", "nonce", "ciphertext")


def raw_public(public: X25519PublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(public: X25519PublicKey) -> str:
    """First 16 hex digits of the SHA-256 of the raw public key, as for signing keys."""
    return hashlib.sha256(raw_public(public)).hexdigest()[:16]


def assessment_aad(course_id: str, item_id: str, paper: bytes) -> bytes:
    """Where a sealed key belongs: its course, its item, and the exact paper it answers."""
    place = {
        "course": course_id,
        "item": item_id,
        "paper_sha256": hashlib.sha256(paper).hexdigest(),
    }
    return json.dumps(place, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _derive(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral + recipient, info=INFO)
    return hkdf.derive(shared)


def seal(plaintext: bytes, recipient: X25519PublicKey, aad: bytes) -> bytes:
    """The kyo-sealed/1 file that only `recipient`'s private key opens, and only with `aad`."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_raw = raw_public(ephemeral.public_key())
    key = _derive(ephemeral.exchange(recipient), ephemeral_raw, raw_public(recipient))
    nonce = os.urandom(NONCE_SIZE)
    document = {
        "format": FORMAT,
        "recipient": key_id(recipient),
        "ephemeral": base64.b64encode(ephemeral_raw).decode(),
        "nonce": base64.b64encode(nonce).decode(),
        "ciphertext": base64.b64encode(AESGCM(key).encrypt(nonce, plaintext, aad)).decode(),
    }
    return (json.dumps(document, indent=2) + "\n").encode()


@dataclass(frozen=True)
class Sealed:
    recipient: str
    ephemeral: bytes
    nonce: bytes
    ciphertext: bytes


def _unusable(detail: str) -> PackageError:
    return PackageError(
        _(
            "The answer key of this assessment cannot be opened: it was altered, or it does not "
            "belong here."
        ),
        detail=detail,
        rule="assessment.key",
    )


def parse_sealed(data: bytes) -> Sealed:
    """The parts of a kyo-sealed/1 file, checked for form only (nothing is decrypted)."""
    if len(data) > MAX_SEALED:
        raise _unusable("too large")
    try:
        document: Any = json.loads(data.decode("utf-8"))
        if not isinstance(document, dict) or sorted(document) != sorted(FIELDS):
            raise ValueError("not the fields of kyo-sealed/1")
        if document["format"] != FORMAT:
            raise ValueError(f"format {document['format']!r}")
        sealed = Sealed(
            recipient=str(document["recipient"]),
            ephemeral=base64.b64decode(document["ephemeral"], validate=True),
            nonce=base64.b64decode(document["nonce"], validate=True),
            ciphertext=base64.b64decode(document["ciphertext"], validate=True),
        )
    except (UnicodeDecodeError, ValueError, TypeError, binascii.Error) as exc:
        raise _unusable(str(exc)) from exc
    if (
        len(sealed.ephemeral) != 32
        or len(sealed.nonce) != NONCE_SIZE
        or len(sealed.ciphertext) < 16
    ):
        raise _unusable("wrong sizes")
    return sealed


def open_sealed(data: bytes, private: X25519PrivateKey, aad: bytes) -> bytes:
    """The plaintext; PackageError(rule "assessment.key") on any mismatch."""
    sealed = parse_sealed(data)
    recipient = raw_public(private.public_key())
    if sealed.recipient != key_id(private.public_key()):
        raise _unusable(f"sealed for key {sealed.recipient}, not {key_id(private.public_key())}")
    try:
        peer = X25519PublicKey.from_public_bytes(sealed.ephemeral)
        key = _derive(private.exchange(peer), sealed.ephemeral, recipient)
        return AESGCM(key).decrypt(sealed.nonce, sealed.ciphertext, aad)
    except (InvalidTag, ValueError) as exc:
        # ValueError: an all-zero shared secret from a low-order ephemeral key.
        raise _unusable(type(exc).__name__) from exc


# --- key files --------------------------------------------------------------------------------


def public_line(public: X25519PublicKey, label: str = "") -> str:
    return f"{PUB_PREFIX} {base64.b64encode(raw_public(public)).decode()} {label}".rstrip()


def parse_public(line: str) -> tuple[X25519PublicKey, str]:
    """(public key, label) from its one-line form."""
    parts = line.strip().split(maxsplit=2)
    try:
        if len(parts) < 2 or parts[0] != PUB_PREFIX:
            raise ValueError("not a kyo-x25519 line")
        public = X25519PublicKey.from_public_bytes(base64.b64decode(parts[1], validate=True))
    except (ValueError, binascii.Error) as exc:
        raise InvalidInput(
            _("This is not an assessment public key (expected “{prefix} …”).").format(
                prefix=PUB_PREFIX
            ),
            str(exc),
        ) from exc
    return public, parts[2] if len(parts) > 2 else ""


def write_key_pair(private: X25519PrivateKey, label: str, stem: Path) -> tuple[Path, Path]:
    """Write STEM.key (owner-only) and STEM.pub; refuses to overwrite an existing key."""
    line = public_line(private.public_key(), label)
    return keyfiles.write_key_pair(private, label, line, stem)


def load_private(path: Path) -> X25519PrivateKey:
    private, _label = keyfiles.read_private(path)
    if not isinstance(private, X25519PrivateKey):
        raise InvalidInput(_("{path} is not an X25519 private key.").format(path=path))
    return private
