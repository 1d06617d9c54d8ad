"""This installation's identity: a device id and the Ed25519 key that signs certificates.

Made at first use and kept in `machine/device/device.json`. The private key is stored only
encrypted (AES-256-GCM) under a key derived from this machine's hardware fingerprint (network
card addresses, /etc/machine-id, the board's UUID where readable). A disk image cloned to
another PC therefore cannot open it: the app notices (the fingerprint differs or the key does
not open) and makes a new device identity, keeping the old public keys so certificates it
issued still verify here. This protects against copying the file to another machine, not
against someone with full access to this one (who could read the fingerprint too).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.errors import CorruptData
from app.fsutil import atomic_write_json, file_lock, read_json
from app.i18n import _
from app.paths import Paths
from content_cache.signing import PublicKey

FORMAT = "kyo-device/2"
NET = Path("/sys/class/net")
IDS = (Path("/etc/machine-id"), Path("/sys/class/dmi/id/product_uuid"))


def fingerprint_material() -> bytes:
    """What identifies this machine's hardware and installation, as bytes."""
    parts = []
    if NET.is_dir():
        for nic in sorted(NET.iterdir()):
            address = _read(nic / "address")
            if nic.name != "lo" and address and address != "00:00:00:00:00:00":
                parts.append(f"nic:{address}")
    for path in IDS:
        if value := _read(path):
            parts.append(f"{path.name}:{value}")
    return "\n".join(parts).encode()


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return ""


@dataclass(frozen=True)
class DeviceIdentity:
    device_id: str
    key: Ed25519PrivateKey
    created_at: str
    retired: tuple[dict[str, Any], ...] = field(default=())  # earlier identities: id, public

    @property
    def public(self) -> PublicKey:
        raw = self.key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        return PublicKey(raw, f"Karmayogi Offline device {self.device_id}")

    @property
    def key_id(self) -> str:
        return self.public.key_id

    def all_public(self) -> list[PublicKey]:
        """This device's key and those of its earlier identities (their certificates)."""
        from content_cache.signing import parse_public

        return [self.public, *(parse_public(r["public"]) for r in self.retired)]


def _wrapping_key(material: bytes, salt: bytes) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"kyo-device-key/2")
    return hkdf.derive(material)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _new(
    material: bytes, retired: tuple[dict[str, Any], ...]
) -> tuple[DeviceIdentity, dict[str, Any]]:
    key = Ed25519PrivateKey.generate()
    identity = DeviceIdentity(
        str(uuid.uuid4()), key, dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), retired
    )
    raw = key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    salt, nonce = os.urandom(16), os.urandom(12)
    sealed = AESGCM(_wrapping_key(material, salt)).encrypt(nonce, raw, identity.device_id.encode())
    doc = {
        "format": FORMAT,
        "id": identity.device_id,
        "created_at": identity.created_at,
        "fingerprint": hashlib.sha256(material).hexdigest(),
        "public": identity.public.line(),
        "key": {"salt": _b64(salt), "nonce": _b64(nonce), "sealed": _b64(sealed)},
        "retired": list(retired),
    }
    return identity, doc


def _open(doc: dict[str, Any], material: bytes) -> DeviceIdentity | None:
    """The identity in `doc`, or None if this is not the machine it was made on."""
    if doc.get("fingerprint") != hashlib.sha256(material).hexdigest():
        return None
    try:
        sealed = doc["key"]
        key = _wrapping_key(material, base64.b64decode(sealed["salt"]))
        raw = AESGCM(key).decrypt(
            base64.b64decode(sealed["nonce"]), base64.b64decode(sealed["sealed"]),
            doc["id"].encode(),
        )  # fmt: skip
    except InvalidTag:
        return None
    except (KeyError, TypeError, ValueError) as exc:
        raise CorruptData(_("The device identity file is damaged."), repr(exc)) from exc
    return DeviceIdentity(
        doc["id"], Ed25519PrivateKey.from_private_bytes(raw), doc["created_at"],
        tuple(doc.get("retired", [])),
    )  # fmt: skip


def load_device(paths: Paths, material: Callable[[], bytes] | None = None) -> DeviceIdentity:
    """This machine's identity: made at first use, made anew on another machine (a clone)."""
    path = paths.device_dir / "device.json"
    paths.device_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    fingerprint = (material or fingerprint_material)()
    with file_lock(paths.device_dir / "device.lock"):
        doc = read_json(path) if path.exists() else None
        if isinstance(doc, dict) and doc.get("format") == FORMAT:
            identity = _open(doc, fingerprint)
            if identity is not None:
                return identity
            retired = (*doc.get("retired", []), _retire(doc))
        else:
            retired = ()
        identity, new_doc = _new(fingerprint, tuple(retired))
        atomic_write_json(path, new_doc)
        return identity


def _retire(doc: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": doc.get("id"),
        "public": doc.get("public"),
        "retired_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "reason": "different machine (a cloned disk image?)",
    }
