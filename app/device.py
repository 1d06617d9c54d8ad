"""This installation's identity: a random device id made at first use.

Issue 6 adds the device's signing key and notices cloned disk images; for now statements need
a stable device id for the learner's local account.
"""

from __future__ import annotations

import uuid

from app.errors import CorruptData
from app.fsutil import atomic_write_json, file_lock, read_json
from app.paths import Paths


def device_id(paths: Paths) -> str:
    path = paths.device_dir / "device.json"
    paths.device_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    with file_lock(paths.device_dir / "device.lock"):
        if path.exists():
            try:
                return str(read_json(path)["id"])
            except (KeyError, TypeError) as exc:
                raise CorruptData("device identity damaged", str(path)) from exc
        new = str(uuid.uuid4())
        atomic_write_json(path, {"version": 1, "id": new})
        return new
