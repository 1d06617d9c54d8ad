"""The device identity: made once, private key encrypted at rest, a new one on a clone."""

from __future__ import annotations

import json
from pathlib import Path

from cryptography.hazmat.primitives import serialization

from app.device import fingerprint_material, load_device
from app.paths import Paths


def test_identity_is_made_once_and_kept(tmp_path: Path) -> None:
    paths = Paths(tmp_path)
    first = load_device(paths, lambda: b"nic:aa\nmachine-id:1")
    again = load_device(paths, lambda: b"nic:aa\nmachine-id:1")
    assert again.device_id == first.device_id and again.key_id == first.key_id
    assert len(first.key_id) == 16


def test_private_key_is_not_on_disk_in_clear(tmp_path: Path) -> None:
    paths = Paths(tmp_path)
    identity = load_device(paths, lambda: b"nic:aa\nmachine-id:1")
    raw = identity.key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    text = (paths.device_dir / "device.json").read_bytes()
    import base64

    for form in (raw, raw.hex().encode(), base64.b64encode(raw)):
        assert form not in text
    assert b"machine-id" not in text  # only a hash of the fingerprint is kept


def test_a_cloned_disk_gets_a_new_identity_and_keeps_the_old_key(tmp_path: Path) -> None:
    paths = Paths(tmp_path)
    original = load_device(paths, lambda: b"nic:aa\nmachine-id:1")
    clone = load_device(paths, lambda: b"nic:bb\nmachine-id:1")  # the same image, another PC
    assert clone.device_id != original.device_id and clone.key_id != original.key_id
    assert [k.key_id for k in clone.all_public()] == [clone.key_id, original.key_id]
    doc = json.loads((paths.device_dir / "device.json").read_text())
    assert doc["retired"][0]["id"] == original.device_id
    # And it stays the new one on that PC.
    assert load_device(paths, lambda: b"nic:bb\nmachine-id:1").device_id == clone.device_id


def test_a_tampered_key_makes_a_new_identity(tmp_path: Path) -> None:
    paths = Paths(tmp_path)
    material = b"nic:aa"
    original = load_device(paths, lambda: material)
    path = paths.device_dir / "device.json"
    doc = json.loads(path.read_text())
    doc["key"]["sealed"] = doc["key"]["sealed"][::-1]
    path.write_text(json.dumps(doc))
    assert load_device(paths, lambda: material).device_id != original.device_id


def test_this_machine_has_a_fingerprint() -> None:
    assert fingerprint_material()  # a NIC address or /etc/machine-id at least
