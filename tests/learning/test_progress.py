"""Progress through the facade: each event and its statement together; completion rules;
active time without idle gaps; resume points; progress kept across a course update."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core import Core
from app.errors import NotFound
from app.learning import Learner
from app.xapi import Verb
from tests.learning.conftest import COURSE_ID, FakeClock, install, service_course
from tests.support.xapi_check import check_statements


def verbs(learner: Learner) -> list[str]:
    return [s["verb"]["id"].rsplit("/", 1)[-1] for s in learner.pending_statements()]


def test_video_ranges_resume_and_completion(learner: Learner, clock: FakeClock) -> None:
    video = learner.open_item(COURSE_ID, "video")
    clock.advance(30)
    p = video.watched(0, 30, position=30)
    assert p.status == "in_progress" and p.resume == {"position": 30}
    clock.advance(30)
    video.watched(50, 80, position=80)
    clock.advance(10)
    p = video.watched(20, 45, position=45)  # re-watching overlaps count once
    assert p.detail["ranges"] == [[0, 45], [50, 80]]
    assert p.fraction == pytest.approx(0.75)
    assert not p.completed
    p = video.watched(45, 91, position=91)
    assert p.completed  # 91% watched
    assert verbs(learner) == [
        "launched",
        "progressed",
        "progressed",
        "progressed",
        "progressed",
        "completed",
    ]
    view = learner.course(COURSE_ID)
    assert view.status.status == "in_progress" and view.status.done == 1
    assert view.resume_item == "handout"


def test_pdf_pages_and_html_lesson_complete_the_course(learner: Learner) -> None:
    with learner.open_item(COURSE_ID, "video") as video:
        video.watched(0, 100, position=100)
    with learner.open_item(COURSE_ID, "handout") as pdf:
        pdf.page(1)
        pdf.page(3)
        assert not learner.course(COURSE_ID).items[1].progress.completed
        assert pdf.page(2).completed
    with learner.open_item(COURSE_ID, "lesson") as lesson:
        lesson.lesson(0.5, location="#part2")
        assert learner.course(COURSE_ID).status.status == "in_progress"
        lesson.lesson(1.0)
    view = learner.course(COURSE_ID)
    assert view.status.status == "completed" and view.resume_item is None
    course_done = [
        s
        for s in learner.pending_statements()
        if s["verb"]["id"] == Verb.COMPLETED and s["object"]["id"] == COURSE_ID
    ]
    assert len(course_done) == 1


def test_active_time_excludes_idle_gaps(learner: Learner, clock: FakeClock) -> None:
    pdf = learner.open_item(COURSE_ID, "handout")
    clock.advance(60)
    pdf.page(1, 3)
    clock.advance(3600)  # away for an hour
    pdf.page(2, 3)
    clock.advance(120)
    p = pdf.page(3, 3)
    assert p.active_seconds == pytest.approx(180)


def test_every_statement_is_valid_xapi_and_carries_a_timestamp(learner: Learner) -> None:
    with learner.open_item(COURSE_ID, "video") as video:
        video.watched(0, 100, position=100)
    statements = learner.pending_statements()
    assert all(s["timestamp"].endswith("Z") and s["version"] == "1.0.3" for s in statements)
    assert len({s["id"] for s in statements}) == len(statements)
    registration = {s["context"]["registration"] for s in statements}
    assert len(registration) == 1
    assert check_statements(statements) == ["ok"] * len(statements)


def test_statement_bytes_are_made_once(learner: Learner) -> None:
    learner.open_item(COURSE_ID, "lesson")
    stored = learner.session.store.call(
        lambda db: db.execute("SELECT body FROM statements").fetchall()
    )
    from app.xapi import canonical_bytes

    for (body,) in stored:
        import json

        assert canonical_bytes(json.loads(body)) == body


def test_unknown_course_or_item(learner: Learner) -> None:
    with pytest.raises(NotFound):
        learner.open_item("urn:nope", "x")
    with pytest.raises(NotFound):
        learner.open_item(COURSE_ID, "nope")


def test_progress_survives_an_update_to_a_newer_version(
    learner: Learner, core: Core, tmp_path: Path
) -> None:
    with learner.open_item(COURSE_ID, "video") as video:
        video.watched(0, 95, position=95)
    with learner.open_item(COURSE_ID, "handout") as pdf:
        pdf.page(1, 3)
    newer = service_course(
        "1.1",
        extra_items=[
            {
                "id": "quiz-notes",
                "kind": "html",
                "title": {"en": "Notes"},
                "src": "lesson/index.html",
            }
        ],
    )
    install(core, tmp_path, newer)
    view = learner.course(COURSE_ID)
    assert view.course.version == "1.1"
    by_id = {v.item.id: v.progress for v in view.items}
    assert by_id["video"].completed
    assert by_id["handout"].detail["pages_seen"] == [1]
    assert by_id["quiz-notes"].status == "not_started"
    assert view.status.done == 1 and view.status.total == 4


def complete_all(learner: Learner) -> None:
    with learner.open_item(COURSE_ID, "video") as video:
        video.watched(0, 100, position=100)
    with learner.open_item(COURSE_ID, "handout") as pdf:
        for page in (1, 2, 3):
            pdf.page(page, 3)
    with learner.open_item(COURSE_ID, "lesson") as lesson:
        lesson.lesson(1.0)


def test_completion_never_goes_back_when_a_version_adds_items(
    learner: Learner, core: Core, tmp_path: Path
) -> None:
    complete_all(learner)
    assert learner.course(COURSE_ID).status.status == "completed"
    extra = {"id": "extra", "kind": "html", "title": {"en": "Extra"}, "src": "lesson/index.html"}
    install(core, tmp_path, service_course("2.0", extra_items=[extra]))
    assert learner.course(COURSE_ID).status.status == "completed"


def test_module_progress(learner: Learner) -> None:
    (module,) = learner.course(COURSE_ID).modules()
    assert (module.status, module.done, module.total) == ("not_started", 0, 3)
    with learner.open_item(COURSE_ID, "lesson") as lesson:
        lesson.lesson(1.0)
    (module,) = learner.course(COURSE_ID).modules()
    assert (module.status, module.done, module.total) == ("in_progress", 1, 3)
    complete_all(learner)
    assert learner.course(COURSE_ID).modules()[0].status == "completed"
