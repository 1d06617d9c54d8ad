"""A learner with a small course installed: video, PDF and HTML items, competencies."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.core import Core
from app.learning import Learner
from tests.conftest import PASS
from tests.content.conftest import course_doc, make_package

COURSE_ID = "urn:test:course:service"


def service_course(
    version: str = "1.0", extra_items: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    items = [
        {
            "id": "video",
            "kind": "video",
            "title": {"en": "Video", "hi": "वीडियो"},
            "src": "media/v.mp4",
            "duration_s": 100,
            "minutes": 30,
            "competencies": ["citizen"],
        },
        {
            "id": "handout",
            "kind": "pdf",
            "title": {"en": "Handout"},
            "src": "docs/h.pdf",
            "pages": 3,
            "minutes": 30,
            "competencies": ["citizen", "grievance"],
        },
        {
            "id": "lesson",
            "kind": "html",
            "title": {"en": "Lesson"},
            "src": "lesson/index.html",
            "minutes": 60,
            "competencies": ["grievance"],
        },
        *(extra_items or []),
    ]
    return course_doc(
        COURSE_ID,
        version=version,
        title={"en": "Serving citizens", "hi": "नागरिक सेवा"},
        competencies=[
            {
                "id": "citizen",
                "name": {"en": "Citizen centricity", "hi": "नागरिक केंद्रितता"},
                "type": "behavioural",
                "hours": 1,
            },
            {
                "id": "grievance",
                "name": {"en": "Grievance redressal"},
                "type": "functional",
                "hours": 2,
            },
            {"id": "rules", "name": {"en": "Service rules"}, "type": "domain", "hours": 0.5},
        ],
        modules=[{"id": "m1", "title": {"en": "Module 1"}, "items": items}],
    )


FILES = {
    "media/v.mp4": b"\0\0\0\x18ftypmp42",
    "docs/h.pdf": b"%PDF-1.4",
    "lesson/index.html": b"<html lang='en'></html>",
}


def install(
    core: Core, tmp_path: Path, doc: dict[str, Any], files: dict[str, bytes] | None = None
) -> None:
    package = make_package(tmp_path / f"course-{doc['version']}.zip", doc, files or FILES)
    core.content.install(str(package))


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def learner(core: Core, tmp_path: Path, clock: FakeClock) -> Iterator[Learner]:
    install(core, tmp_path, service_course())
    core.profiles.create("Asha", PASS)
    session = core.profiles.unlock("Asha", PASS)
    yield core.learner(session, clock=clock)
    session.close()
