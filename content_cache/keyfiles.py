"""Key pair files, the same for every kind of key the project makes.

STEM.key  "# label" then the private key as PEM (PKCS#8), readable by its owner only
STEM.pub  one line: "<kind> <base64 of the raw public key> <label>"
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization

from app.errors import InvalidInput
from app.i18n import _


def write_key_pair(private: Any, label: str, public_line: str, stem: Path) -> tuple[Path, Path]:
    """Write STEM.key (owner-only) and STEM.pub; refuses to overwrite an existing key."""
    private_path, public_path = stem.with_suffix(".key"), stem.with_suffix(".pub")
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    label_line = f"# {label}\n".encode() if label else b""
    try:
        fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as exc:
        raise InvalidInput(
            _("A key file exists already: {path}. Nothing was overwritten.").format(
                path=private_path
            )
        ) from exc
    with os.fdopen(fd, "wb") as f:
        f.write(label_line + pem)
    public_path.write_text(public_line + "\n", encoding="utf-8")
    return private_path, public_path


def read_private(path: Path) -> tuple[Any, str]:
    """The private key in a STEM.key file, and its label."""
    try:
        data = path.read_bytes()
        label = ""
        if data.startswith(b"# "):
            first, _sep, data = data.partition(b"\n")
            label = first[2:].decode("utf-8", "replace")
        return serialization.load_pem_private_key(data, password=None), label
    except (OSError, ValueError, TypeError) as exc:
        raise InvalidInput(
            _("Could not read the private key {path}.").format(path=path), str(exc)
        ) from exc
