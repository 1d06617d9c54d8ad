"""Fixtures for content tests: course folders, packages, signing keys, repositories."""

from __future__ import annotations

import json
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from content_cache import signing
from content_cache.store import ContentStore
from tests.conftest import SAMPLES


def course_doc(
    course_id: str = "urn:test:course:ethics", version: str = "1.0", **extra: Any
) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "format": "kyo-course/1",
        "id": course_id,
        "version": version,
        "title": {"en": "Ethics in Governance", "hi": "शासन में नैतिकता"},
        "description": {"en": "Integrity and probity", "hi": "सत्यनिष्ठा और ईमानदारी"},
        "languages": ["en", "hi"],
        "competencies": [
            {
                "id": "integrity",
                "name": {"en": "Integrity", "hi": "सत्यनिष्ठा"},
                "type": "behavioural",
                "hours": 2,
            }
        ],
        "modules": [
            {
                "id": "m1",
                "title": {"en": "Basics", "hi": "मूल बातें"},
                "items": [
                    {
                        "id": "intro",
                        "kind": "pdf",
                        "title": {"en": "Intro"},
                        "src": "docs/intro.pdf",
                        "competencies": ["integrity"],
                    },
                    {
                        "id": "lesson",
                        "kind": "html",
                        "title": {"en": "Lesson"},
                        "src": "lesson/index.html",
                    },
                ],
            }
        ],
    }
    doc.update(extra)
    return doc


def make_course_folder(root: Path, doc: dict[str, Any] | None = None) -> Path:
    doc = doc or course_doc()
    root.mkdir(parents=True, exist_ok=True)
    (root / "course.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "intro.pdf").write_bytes(b"%PDF-1.4 test " + doc["version"].encode())
    (root / "lesson").mkdir(exist_ok=True)
    (root / "lesson" / "index.html").write_text("<html lang='en'><p>Lesson</p></html>")
    return root


def make_package(
    path: Path, doc: dict[str, Any] | None = None, files: dict[str, bytes] | None = None
) -> Path:
    doc = doc or course_doc()
    files = (
        files
        if files is not None
        else {
            "docs/intro.pdf": b"%PDF-1.4 test " + doc["version"].encode(),
            "lesson/index.html": b"<html lang='en'><p>Lesson</p></html>",
        }
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("course.json", json.dumps(doc, ensure_ascii=False))
        for name, data in files.items():
            z.writestr(name, data)
    return path


@pytest.fixture
def store(tmp_path: Path) -> ContentStore:
    return ContentStore(tmp_path / "content")


@pytest.fixture
def key(tmp_path: Path) -> signing.SigningKey:
    return signing.generate("test institute key")


@pytest.fixture(scope="session")
def lts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The cmi5 LMS Test Suite packages, extracted once (never copied into the project)."""
    out = tmp_path_factory.mktemp("lts")
    with tarfile.open(SAMPLES / "cmi5_catapult_lts_test_packages.tar.gz") as tar:
        tar.extractall(out, filter="data")
    found = list(out.rglob("001-essentials.zip"))
    return found[0].parent


@pytest.fixture
def samples() -> Iterator[Path]:
    yield SAMPLES
