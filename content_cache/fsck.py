"""`kyo fsck`: re-hash every stored package, quarantine the corrupt ones.

A corrupt package cannot be played, so the courses using it are uninstalled (the learners'
progress, kept in their profiles, is not touched) and the report names them: reinstalling
from a repository or USB stick brings them back.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from app.fsutil import fsync_dir
from content_cache import db

if TYPE_CHECKING:
    from content_cache.store import ContentStore, FsckReport

CHUNK = 1024 * 1024


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def check_store(store: ContentStore, progress: Callable[[int, int], None] | None) -> FsckReport:
    from content_cache.store import FsckReport  # here: store imports this module

    report = FsckReport()
    with store.connect() as conn:
        rows = conn.execute("SELECT sha256, size, container FROM packages").fetchall()
    for n, row in enumerate(rows, 1):
        path = store.package_path(row["sha256"], row["container"])
        reason = _problem(path, row["sha256"], row["size"])
        report.checked += 1
        if reason:
            report.corrupt.append((path.name, reason))
            _quarantine(store, path, row["sha256"], report)
        if progress:
            progress(n, len(rows))
    return report


def _problem(path: Path, sha256: str, size: int) -> str:
    if not path.exists():
        return "missing"
    if path.stat().st_size != size:
        return f"size {path.stat().st_size} != {size}"
    actual = sha256_file(path)
    return "" if actual == sha256 else f"sha256 {actual}"


def _quarantine(store: ContentStore, path: Path, sha256: str, report: FsckReport) -> None:
    with store.connect() as conn, db.transaction(conn):
        affected = [
            r[0] for r in conn.execute("SELECT id FROM courses WHERE sha256 = ?", (sha256,))
        ]
        conn.execute("DELETE FROM courses WHERE sha256 = ?", (sha256,))
        conn.execute("DELETE FROM packages WHERE sha256 = ?", (sha256,))
    report.affected_courses.extend(affected)
    if path.exists():
        target = store.quarantine / f"{path.name}.{int(time.time())}"
        path.replace(target)
        fsync_dir(store.packages)
        report.quarantined.append(target)
