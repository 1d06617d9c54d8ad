"""The content store: install, update, remove, gc, fsck; every sample package imports."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest

from app.errors import AlreadyExists, IntegrityError, NotFound, PackageError
from content_cache import store as store_module
from content_cache.fsck import sha256_file
from content_cache.packing import pack_folder
from content_cache.store import ContentStore
from tests.content.conftest import course_doc, make_course_folder, make_package


def test_install_a_package_file(store: ContentStore, tmp_path: Path) -> None:
    package = make_package(tmp_path / "ethics.zip")
    result = store.install_file(package, source="test")
    course = result.course
    assert course.id == "urn:test:course:ethics"
    assert course.manifest.title["hi"] == "शासन में नैतिकता"
    assert [i.id for i in course.manifest.items] == ["intro", "lesson"]
    stored = store.package_path(course.sha256, "zip")
    assert stored.read_bytes() == package.read_bytes()
    assert course.sha256 == sha256_file(package)
    assert [c.id for c in store.courses()] == [course.id]
    assert list(store.staging.iterdir()) == []


def test_same_package_twice_is_stored_once(store: ContentStore, tmp_path: Path) -> None:
    package = make_package(tmp_path / "ethics.zip")
    store.install_file(package, source="a")
    again = store.install_file(package, source="b")
    assert again.unchanged
    assert len(list(store.packages.iterdir())) == 1


def test_update_keeps_the_course_id_and_gc_drops_the_old_package(
    store: ContentStore, tmp_path: Path
) -> None:
    v1 = store.install_file(
        make_package(tmp_path / "v1.zip", course_doc(version="1.0")), source="t"
    )
    v2 = store.install_file(
        make_package(tmp_path / "v2.zip", course_doc(version="1.2")), source="t"
    )
    assert v2.previous_version == "1.0"
    assert v2.course.id == v1.course.id
    assert [i.id for i in v2.course.manifest.items] == [i.id for i in v1.course.manifest.items]
    report = store.gc()
    assert report.removed == [f"{v1.course.sha256}.zip"]
    assert store.course(v1.course.id).version == "1.2"


def test_older_version_is_refused(store: ContentStore, tmp_path: Path) -> None:
    store.install_file(make_package(tmp_path / "v2.zip", course_doc(version="2.0")), source="t")
    with pytest.raises(AlreadyExists):
        store.install_file(make_package(tmp_path / "v1.zip", course_doc(version="1.9")), source="t")
    assert store.course("urn:test:course:ethics").version == "2.0"


def test_versions_compare_as_numbers(store: ContentStore, tmp_path: Path) -> None:
    store.install_file(make_package(tmp_path / "a.zip", course_doc(version="1.9")), source="t")
    result = store.install_file(
        make_package(tmp_path / "b.zip", course_doc(version="1.10")), source="t"
    )
    assert result.previous_version == "1.9"


def test_course_file_missing_from_package_is_rejected(store: ContentStore, tmp_path: Path) -> None:
    package = make_package(tmp_path / "bad.zip", files={"lesson/index.html": b"x"})
    with pytest.raises(PackageError) as info:
        store.install_file(package, source="t")
    assert info.value.rule == "course.missing_file"
    assert "docs/intro.pdf" in info.value.message
    assert store.courses() == [] and list(store.packages.iterdir()) == []


def test_expected_hash_is_checked_before_anything_else(store: ContentStore, tmp_path: Path) -> None:
    package = make_package(tmp_path / "p.zip")
    with pytest.raises(IntegrityError):
        store.install_file(package, source="t", expected_sha256="0" * 64)
    with pytest.raises(IntegrityError):
        store.install_file(package, source="t", expected_size=package.stat().st_size + 1)
    assert store.courses() == [] and list(store.packages.iterdir()) == []
    assert list(store.staging.iterdir()) == []


def test_a_crash_before_the_record_leaves_no_half_course(
    store: ContentStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = make_package(tmp_path / "p.zip")

    def crash(*_a: object, **_k: object) -> None:
        raise KeyboardInterrupt("power cut")

    monkeypatch.setattr(store_module.db, "transaction", crash)
    with pytest.raises(KeyboardInterrupt):
        store.install_file(package, source="t")
    monkeypatch.undo()
    assert store.courses() == []  # the package file may be there, but no course is visible
    assert store.fsck().ok
    store.gc()
    assert list(store.packages.iterdir()) == []
    assert store.install_file(package, source="t").course.id == "urn:test:course:ethics"


def test_remove_uninstalls_and_frees(store: ContentStore, tmp_path: Path) -> None:
    course = store.install_file(make_package(tmp_path / "p.zip"), source="t").course
    store.remove(course.id)
    assert store.courses() == []
    assert list(store.packages.iterdir()) == []
    with pytest.raises(NotFound):
        store.remove(course.id)


def test_fsck_finds_quarantines_and_reports(store: ContentStore, tmp_path: Path) -> None:
    good = store.install_file(make_package(tmp_path / "a.zip"), source="t").course
    other = course_doc("urn:test:course:other")
    bad = store.install_file(make_package(tmp_path / "b.zip", other), source="t").course
    assert store.fsck().ok
    path = store.package_path(bad.sha256, "zip")
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    report = store.fsck()
    assert not report.ok
    assert report.affected_courses == [bad.id]
    assert [c.id for c in store.courses()] == [good.id]
    assert report.quarantined and report.quarantined[0].parent == store.quarantine
    assert store.fsck().ok  # the damage is out of the store now


def test_install_a_course_folder_via_packing(store: ContentStore, tmp_path: Path) -> None:
    folder = make_course_folder(tmp_path / "course")
    a = pack_folder(folder, tmp_path / "a.zip")
    os.utime(folder / "docs" / "intro.pdf", (1, 1))
    b = pack_folder(folder, tmp_path / "b.zip")
    assert a.read_bytes() == b.read_bytes()  # deterministic
    with zipfile.ZipFile(a) as z:
        assert z.getinfo("docs/intro.pdf").compress_type == zipfile.ZIP_STORED
        assert z.getinfo("course.json").compress_type == zipfile.ZIP_DEFLATED
    assert store.install_file(a, source="t").course.id == "urn:test:course:ethics"


def test_content_db_newer_than_code_is_refused(tmp_path: Path) -> None:
    import sqlite3

    from app.errors import SchemaTooNew

    root = tmp_path / "content"
    ContentStore(root)
    conn = sqlite3.connect(root / "content.db")
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    with pytest.raises(SchemaTooNew):
        ContentStore(root)


def test_installed_manifest_round_trips(store: ContentStore, tmp_path: Path) -> None:
    course = store.install_file(make_package(tmp_path / "p.zip"), source="t").course
    again = store.course(course.id)
    assert again == course
    assert (
        json.loads(json.dumps(again.manifest.document))["competencies"][0]["type"] == "behavioural"
    )
