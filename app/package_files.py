"""An installed course's files, for the players.

`read` gives one member's bytes (pages, scripts, a PDF); `file` gives a path on disk for what a
player must seek in (a video), extracted once into the machine's cache, keyed by the package's
SHA-256 so a new version never serves an old file. Member names are the package's own, checked
when the zip was opened (content_cache.zipsafe): no `..`, no absolute paths.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import shutil
import threading
from pathlib import Path

from app.errors import NotFound
from app.i18n import _
from content_cache.store import ContentStore
from content_cache.zipsafe import SafeZip

MAX_READ = 256 * 1024**2  # a member read whole into memory; bigger ones go through `file`


class PackageFiles:
    """Thread-safe: the scheme handler, the players and workers may all read at once."""

    def __init__(self, store: ContentStore, cache: Path) -> None:
        self.store, self.cache = store, cache
        self._lock = threading.Lock()  # one extraction of a file at a time

    def read(self, course_id: str, name: str, max_bytes: int = MAX_READ) -> bytes:
        name = _clean(name)
        with SafeZip(self.store.course_file(course_id)) as package:
            _must_have(package, name, course_id)
            return package.read(name, max_bytes)

    def has(self, course_id: str, name: str) -> bool:
        with SafeZip(self.store.course_file(course_id)) as package:
            return package.has(_clean(name))

    def size(self, course_id: str, name: str) -> int:
        with SafeZip(self.store.course_file(course_id)) as package:
            _must_have(package, _clean(name), course_id)
            return package.size(_clean(name))

    def file(self, course_id: str, name: str) -> Path:
        """The member as a file of its own (extracted on first use, atomically)."""
        name = _clean(name)
        course = self.store.course(course_id)
        if course is None:
            raise NotFound(_("The course {id} is not installed.").format(id=course_id))
        target = self.cache / "packages" / course.sha256 / Path(*name.split("/"))
        with self._lock:
            if target.is_file():
                return target
            target.parent.mkdir(parents=True, exist_ok=True)
            part = target.with_name(target.name + ".part")
            with SafeZip(self.store.course_file(course_id)) as package:
                _must_have(package, name, course_id)
                with package.open(name) as src, part.open("wb") as dst:
                    shutil.copyfileobj(src, dst, 1024 * 1024)
                    dst.flush()
                    os.fsync(dst.fileno())
            os.replace(part, target)
        return target

    def forget(self, sha256: str) -> None:
        """Drop a package's extracted files (the course was removed or updated)."""
        with self._lock, contextlib.suppress(FileNotFoundError):
            shutil.rmtree(self.cache / "packages" / sha256)


def _clean(name: str) -> str:
    cleaned = posixpath.normpath(name.lstrip("/"))
    if cleaned.startswith("../") or cleaned in ("..", "."):
        raise NotFound(_("There is no file {name} in this course.").format(name=name))
    return cleaned


def _must_have(package: SafeZip, name: str, course_id: str) -> None:
    if not package.has(name):
        raise NotFound(
            _("There is no file {name} in this course.").format(name=name), f"{course_id}: {name}"
        )
