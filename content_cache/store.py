"""The content store: one per machine, shared by every profile.

    content/content.db           index of packages, installed courses, repositories (db.py)
    content/packages/<sha256>.zip|.xml   each package once, named by its SHA-256, read-only
    content/staging/             copies being verified; never visible as installed
    content/downloads/           partial downloads kept for resuming
    content/quarantine/          what `fsck` found corrupt

Installing = verify completely (hash, zip safety, manifest, every referenced file), move the
file into packages/ (an atomic rename), then one transaction records the course. A crash at
any point leaves either the old state or the new, never a half course: a package file with no
row is an orphan that `gc` removes; staging leftovers are cleared.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from threading import Event

from app.errors import AlreadyExists, IntegrityError, NotFound
from app.fsutil import fsync_dir
from app.i18n import _
from content_cache import db
from content_cache.download import Progress, copy_file
from content_cache.fsck import sha256_file
from content_cache.manifest import CourseManifest, manifest_from_document, version_key
from content_cache.package import inspect_package

# Another process may be installing right now: staging files younger than this are its work.
STAGING_MAX_AGE_S = 3600
HASH_CHUNK = 1024 * 1024


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class InstalledCourse:
    manifest: CourseManifest
    sha256: str
    size: int
    container: str
    installed_at: str
    source: str

    @property
    def id(self) -> str:
        return self.manifest.id

    @property
    def version(self) -> str:
        return self.manifest.version


@dataclass(frozen=True)
class InstallResult:
    course: InstalledCourse
    previous_version: str | None = None
    unchanged: bool = False


@dataclass
class FsckReport:
    checked: int = 0
    corrupt: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    affected_courses: list[str] = field(default_factory=list)
    quarantined: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.corrupt


@dataclass
class GcReport:
    removed: list[str] = field(default_factory=list)
    freed_bytes: int = 0


class ContentStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.packages = root / "packages"
        self.staging = root / "staging"
        self.downloads = root / "downloads"
        self.quarantine = root / "quarantine"
        for folder in (root, self.packages, self.staging, self.downloads, self.quarantine):
            folder.mkdir(parents=True, exist_ok=True)
        db.open_db(self.db_path).close()  # create or upgrade once, up front
        self._clear_stale_staging()

    @property
    def db_path(self) -> Path:
        return self.root / "content.db"

    @contextlib.contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        with db.errors_reported(self.db_path):
            conn = db.open_db(self.db_path)
            try:
                yield conn
            finally:
                conn.close()

    def package_path(self, sha256: str, container: str) -> Path:
        return self.packages / f"{sha256}.{container}"

    def new_staging_file(self) -> Path:
        return self.staging / f"{os.getpid()}-{os.urandom(6).hex()}.part"

    # installing

    def install_file(
        self,
        src: Path,
        *,
        source: str,
        expected_sha256: str | None = None,
        expected_size: int | None = None,
        progress: Callable[[Progress], None] | None = None,
        cancel: Event | None = None,
    ) -> InstallResult:
        """Install a package file (a local file, a USB stick): copied, hashed, verified."""
        staged = self.new_staging_file()
        try:
            sha256 = copy_file(
                src,
                staged,
                expected_size=expected_size,
                expected_sha256=expected_sha256,
                progress=progress,
                cancel=cancel,
            )
            return self.install_staged(staged, sha256, source=source, name=src.name)
        finally:
            staged.unlink(missing_ok=True)

    def install_staged(
        self,
        staged: Path,
        sha256: str | None = None,
        *,
        source: str,
        name: str | None = None,
        expected_sha256: str | None = None,
    ) -> InstallResult:
        """Verify and publish a file in staging/ or downloads/. `sha256` is its hash when the
        caller computed it while writing the file; otherwise it is computed here and, with
        `expected_sha256`, checked. `name` is the file's original name."""
        if sha256 is None:
            sha256 = sha256_file(staged)
        if expected_sha256 is not None and sha256 != expected_sha256:
            raise IntegrityError(
                _("The file received is damaged: its SHA-256 checksum does not match.")
            )
        inspected = inspect_package(staged, name)
        manifest = inspected.manifest
        current = self.course(manifest.id)
        if current is not None:
            if current.sha256 == sha256:
                return InstallResult(current, current.version, unchanged=True)
            if version_key(manifest.version) < version_key(current.version):
                raise AlreadyExists(
                    _(
                        "A newer version ({installed}) of “{title}” is installed already; nothing "
                        "was changed."
                    ).format(installed=current.version, title=manifest.title_in("en"))
                )
        target = self.package_path(sha256, inspected.container)
        size = staged.stat().st_size
        if not target.exists():
            with staged.open("rb") as f:
                os.fsync(f.fileno())
            os.replace(staged, target)
            fsync_dir(self.packages)
        with self.connect() as conn, db.transaction(conn):
            conn.execute(
                "INSERT OR IGNORE INTO packages VALUES (?, ?, ?, ?)",
                (sha256, size, inspected.container, _now()),
            )
            conn.execute(
                "INSERT OR REPLACE INTO courses VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    manifest.id,
                    manifest.version,
                    sha256,
                    json.dumps(manifest.document, ensure_ascii=False),
                    manifest.source_format,
                    int(manifest.online_only),
                    _now(),
                    source,
                ),
            )
        installed = self.course(manifest.id)
        assert installed is not None
        return InstallResult(installed, current.version if current else None)

    # reading

    def courses(self) -> list[InstalledCourse]:
        with self.connect() as conn:
            rows = conn.execute(
                "SELECT c.*, p.size, p.container FROM courses c JOIN packages p USING (sha256)"
            ).fetchall()
        courses = [self._row_to_course(r) for r in rows]
        return sorted(courses, key=lambda c: c.manifest.title_in("en").casefold())

    def course(self, course_id: str) -> InstalledCourse | None:
        with self.connect() as conn:
            row = conn.execute(
                "SELECT c.*, p.size, p.container FROM courses c JOIN packages p USING (sha256) "
                "WHERE c.id = ?",
                (course_id,),
            ).fetchone()
        return None if row is None else self._row_to_course(row)

    @staticmethod
    def _row_to_course(row: sqlite3.Row) -> InstalledCourse:
        manifest = manifest_from_document(
            json.loads(row["manifest"]),
            source_format=row["source_format"],
            online_only=bool(row["online_only"]),
        )
        return InstalledCourse(
            manifest,
            row["sha256"],
            row["size"],
            row["container"],
            row["installed_at"],
            row["source"],
        )

    def course_file(self, course_id: str) -> Path:
        course = self.course(course_id)
        if course is None:
            raise NotFound(_("The course {id} is not installed.").format(id=course_id))
        return self.package_path(course.sha256, course.container)

    # removing and cleaning

    def remove(self, course_id: str) -> InstalledCourse:
        course = self.course(course_id)
        if course is None:
            raise NotFound(_("The course {id} is not installed.").format(id=course_id))
        with self.connect() as conn, db.transaction(conn):
            conn.execute("DELETE FROM courses WHERE id = ?", (course_id,))
        self.gc()
        return course

    def gc(self) -> GcReport:
        """Drop package files and rows that no installed course references."""
        report = GcReport()
        with self.connect() as conn, db.transaction(conn):
            conn.execute("DELETE FROM packages WHERE sha256 NOT IN (SELECT sha256 FROM courses)")
            keep = {r[0] for r in conn.execute("SELECT sha256 FROM packages")}
        for path in sorted(self.packages.iterdir()):
            if path.stem not in keep:
                report.freed_bytes += path.stat().st_size
                report.removed.append(path.name)
                path.unlink(missing_ok=True)
        fsync_dir(self.packages)
        self._clear_stale_staging()
        return report

    def _clear_stale_staging(self) -> None:
        cutoff = time.time() - STAGING_MAX_AGE_S
        for path in self.staging.iterdir():
            with contextlib.suppress(FileNotFoundError):
                if path.stat().st_mtime < cutoff:
                    path.unlink()

    def fsck(self, progress: Callable[[int, int], None] | None = None) -> FsckReport:
        """Re-hash every package; quarantine what is corrupt and uninstall what used it."""
        from content_cache.fsck import check_store  # a module of its own: keeps this one short

        return check_store(self, progress)
