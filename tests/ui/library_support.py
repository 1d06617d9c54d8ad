"""Shared by the library, downloads and course page tests: a signed repository of three
courses served over loopback HTTP (a slow link, counting the bytes it sends), the pages built
on the real core with real threads, and keyboard helpers."""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from app.core import Core
from content_cache import signing
from content_cache.publish import publish
from content_cache.serve import StaticServer
from tests.content.conftest import course_doc, make_package
from tests.content.faulty_server import Stats, make_handler
from ui.errors import ErrorPresenter
from ui.ops import Ops

ETHICS = "urn:test:course:ethics"
RTI = "urn:test:course:rti"
BUDGET = "urn:test:course:budget"
BIG = 4_000_000  # the budget course's package: big enough to pause half-way


def rti_doc(version: str = "1.0") -> dict[str, Any]:
    doc = course_doc(RTI, version, title={"en": "Right to Information", "hi": "सूचना का अधिकार"})
    doc["description"] = {"en": "The RTI Act in practice", "hi": "व्यवहार में आरटीआई अधिनियम"}
    doc["competencies"][0] |= {"id": "rti", "type": "functional"}
    doc["modules"][0]["items"][0]["competencies"] = ["rti"]
    return doc


def budget_doc(version: str = "1.0") -> dict[str, Any]:
    doc = course_doc(BUDGET, version, title={"en": "Budgeting Basics"}, languages=["en"])
    doc["description"] = {"en": "Public finance for offices"}
    doc["competencies"][0] |= {"id": "budget", "name": {"en": "Budgeting"}, "type": "domain"}
    doc["modules"][0]["items"][0]["competencies"] = ["budget"]
    return doc


def write_sources(src: Path, ethics_version: str = "1.0") -> Path:
    src.mkdir(parents=True, exist_ok=True)
    make_package(src / "ethics.zip", course_doc(ETHICS, ethics_version))
    make_package(src / "rti.zip", rti_doc())
    big = {"docs/intro.pdf": os.urandom(BIG), "lesson/index.html": b"<p>Lesson</p>"}
    make_package(src / "budget.zip", budget_doc(), big)
    return src


@dataclass
class Served:
    """A signed repository on a slow loopback server that counts what it sends."""

    url: str
    out: Path
    src: Path
    key: signing.SigningKey
    stats: Stats
    handler: Any

    def package_of(self, course_id: str) -> Path:
        from content_cache.repository import parse_index

        index = parse_index((self.out / "index.json").read_bytes())
        entry = next(c for c in index.courses if c.id == course_id)
        return self.out / entry.url


@pytest.fixture
def served(tmp_path: Path, core: Core) -> Iterator[Served]:
    key = signing.generate("test institute")
    core.content.trust.add(key.public)
    src = write_sources(tmp_path / "src")
    out = tmp_path / "www"
    publish(src, out, key)
    # 64 KiB every 20 ms: about 3 MB/s, so the big course takes over a second to download.
    handler = make_handler(delay=0.02)
    with StaticServer(out, handler_class=handler) as server:
        yield Served(server.url, out, src, key, handler.stats, handler)


@pytest.fixture
def ops(qapp: QApplication) -> Iterator[Ops]:
    """The window's ops layer with real worker threads."""
    presenter = ErrorPresenter()
    errors: list[BaseException] = []
    ops = Ops(lambda exc: (errors.append(exc), presenter.show(exc)), ThreadPoolExecutor(2))
    ops.errors = errors  # type: ignore[attr-defined]
    yield ops
    ops.shutdown()


def focused(qtbot: Any) -> QWidget:
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2000)
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def key(
    qtbot: Any, k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(focused(qtbot), k, modifier)


def type_text(qtbot: Any, text: str) -> None:
    """Type into the focused widget: ASCII as key presses, other scripts as an input method
    commits them (qtbot.keyClicks with Devanagari aborts Qt 6.12)."""
    if text.isascii():
        qtbot.keyClicks(focused(qtbot), text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(focused(qtbot), event)
