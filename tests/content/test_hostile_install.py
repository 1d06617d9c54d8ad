"""Hostile packages through the whole install path: each ends with a clear error naming the
problem, nothing installed, nothing left in staging, and `fsck` still clean."""

from __future__ import annotations

import json
import os
import stat
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.errors import DiskFull, KyoError, PackageError
from content_cache import signing
from content_cache.download import Downloader
from content_cache.publish import publish
from content_cache.repos import Repositories
from content_cache.serve import StaticServer
from content_cache.store import ContentStore
from content_cache.trust import TrustStore
from tests.content.conftest import course_doc, make_package
from tests.content.test_zipsafe import Raw, raw_zip

COURSE = json.dumps(course_doc()).encode()
GOOD = [Raw(b"course.json", COURSE), Raw(b"docs/intro.pdf", b"%PDF"), Raw(b"lesson/index.html")]


def _raw(*extra: Raw) -> Callable[[Path], Path]:
    def build(path: Path) -> Path:
        path.write_bytes(raw_zip([*GOOD, *extra]))
        return path

    return build


def _bomb(path: Path) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("course.json", COURSE)
        z.writestr("docs/intro.pdf", b"\0" * (150 * 1024 * 1024))
        z.writestr("lesson/index.html", b"x")
    return path


def _truncated(path: Path) -> Path:
    make_package(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _bad_course_json(path: Path) -> Path:
    return make_package(path, {**course_doc(), "modules": "not a list"})


HOSTILE: dict[str, tuple[Callable[[Path], Path], str]] = {
    "zip slip ../": (_raw(Raw(b"../../evil.sh")), "zip.path_traversal"),
    "zip slip nested": (_raw(Raw(b"lesson/../../evil.sh")), "zip.path_traversal"),
    "absolute path": (_raw(Raw(b"/etc/cron.d/evil")), "zip.path_absolute"),
    "drive letter": (_raw(Raw(b"C:/Windows/evil.dll")), "zip.path_drive"),
    "backslash": (_raw(Raw(b"lesson\\..\\..\\evil")), "zip.path_backslash"),
    "symlink": (_raw(Raw(b"lesson/ln", b"/etc/passwd", mode=stat.S_IFLNK | 0o777)), "zip.symlink"),
    "duplicate": (_raw(Raw(b"course.json", b"{}")), "zip.duplicate"),
    "case duplicate": (_raw(Raw(b"LESSON/INDEX.HTML")), "zip.duplicate"),
    "not utf-8 name": (_raw(Raw(b"lesson/\xff\xfe.html")), "zip.name_encoding"),
    "zip bomb": (_bomb, "zip.ratio"),
    "truncated": (_truncated, "zip.truncated"),
    "malformed course.json": (_bad_course_json, "course.schema"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_package_installs_nothing(store: ContentStore, tmp_path: Path, case: str) -> None:
    build, rule = HOSTILE[case]
    package = build(tmp_path / "hostile.zip")
    with pytest.raises(PackageError) as info:
        store.install_file(package, source="test")
    assert info.value.rule == rule
    assert info.value.message and "{" not in info.value.message
    assert store.courses() == []
    assert list(store.packages.iterdir()) == []
    assert list(store.staging.iterdir()) == []
    assert store.fsck().ok


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 3 MB tmpfs for the content store: a real disk that fills up (needs root and mount)."""
    folder = tmp_path / "small-disk"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here; test_download.py's RLIMIT_FSIZE case covers it")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_disk_that_fills_up_during_a_download_installs_nothing(
    small_disk: Path, tmp_path: Path, key: signing.SigningKey
) -> None:
    src = tmp_path / "src"
    src.mkdir()
    files = {"docs/intro.pdf": os.urandom(6 * 1024 * 1024), "lesson/index.html": b"x"}
    make_package(src / "big.zip", course_doc(), files)
    publish(src, tmp_path / "repo", key)
    store = ContentStore(small_disk / "content")
    repos = Repositories(store, TrustStore(store, [key.public]), Downloader())
    with StaticServer(tmp_path / "repo") as server:
        repos.add(server.url)
        with pytest.raises(DiskFull) as info:
            repos.install("urn:test:course:ethics")
    assert "disk is full" in info.value.message
    assert isinstance(info.value, KyoError)
    assert store.courses() == [] and store.fsck().ok
