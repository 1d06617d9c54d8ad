"""A course's assessment ships its answer key sealed, never readable: checked on install."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from app.errors import PackageError
from content_cache import sealing
from content_cache.package import inspect_package
from tests.content.conftest import course_doc, make_package

PAPER = b'{"format": "kyo-assessment/1", "id": "quiz", "questions": []}'
KEY = b'{"format": "kyo-assessment-key/1", "answers": {"q1": {"correct": ["b"]}}}'


def quiz_doc() -> dict[str, object]:
    doc = course_doc()
    quiz = {"id": "quiz", "kind": "assessment", "title": {"en": "Quiz"}, "src": "quiz/final.json"}
    doc["modules"][0]["items"].append(quiz)  # type: ignore[index]
    return doc


def sealed_key() -> bytes:
    aad = sealing.assessment_aad("urn:test:course:ethics", "quiz", PAPER)
    return sealing.seal(KEY, X25519PrivateKey.generate().public_key(), aad)


def files_with(**named: bytes) -> dict[str, bytes]:
    return {
        "docs/intro.pdf": b"%PDF-1.4 test",
        "lesson/index.html": b"<html></html>",
        "quiz/final.json": PAPER,
        **named,
    }


def refused(path: Path) -> str:
    with pytest.raises(PackageError) as error:
        inspect_package(path)
    return error.value.rule


def test_a_sealed_key_next_to_the_paper_is_accepted(tmp_path: Path) -> None:
    files = files_with(**{"quiz/final.key.sealed": sealed_key()})
    path = make_package(tmp_path / "ok.zip", quiz_doc(), files)
    items = inspect_package(path).manifest.items
    assert [i.id for i in items if i.kind == "assessment"] == ["quiz"]


def test_a_plain_answer_key_is_refused(tmp_path: Path) -> None:
    for plain in ("quiz/final.key.json", "quiz/other.key.json"):
        files = files_with(**{"quiz/final.key.sealed": sealed_key(), plain: KEY})
        path = make_package(tmp_path / "plain.zip", quiz_doc(), files)
        assert refused(path) == "assessment.plain_key"


def test_a_paper_without_its_sealed_key_is_refused(tmp_path: Path) -> None:
    path = make_package(tmp_path / "nokey.zip", quiz_doc(), files_with())
    assert refused(path) == "assessment.no_key"
    # A sealed key under another name is not the paper's key.
    other = files_with(**{"quiz/other.key.sealed": sealed_key()})
    assert refused(make_package(tmp_path / "other.zip", quiz_doc(), other)) == "assessment.no_key"


def test_a_sealed_key_that_is_not_kyo_sealed_is_refused(tmp_path: Path) -> None:
    document = json.loads(sealed_key())
    for bad in (KEY, b"not json", json.dumps({**document, "format": "x"}).encode()):
        files = files_with(**{"quiz/final.key.sealed": bad})
        path = make_package(tmp_path / "bad.zip", quiz_doc(), files)
        assert refused(path) == "assessment.key"
