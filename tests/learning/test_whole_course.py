"""A whole course through the facade alone, from unlock to completion: the demo course (video,
lesson, PDF, assessment with a sealed key), an assessment failed, then passed; timers and
attempt limits with injected clocks."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator

import pytest

from app.assessment.attempt import AttemptClosed, AttemptsExhausted
from app.assessment.timer import Clocks
from app.content import DEMO_COURSE_ID
from app.core import Core
from app.errors import InvalidInput
from app.learning import Learner
from app.xapi import Verb
from tests.conftest import PASS
from tests.support.demo import RIGHT, WRONG
from tests.support.xapi_check import check_statements


class ExamClocks:
    """Wall clock, boot-time clock and boot id, as the assessment timer reads them."""

    def __init__(self) -> None:
        self.wall, self.boot, self.boot_id = 1_800_000_000.0, 5000.0, "boot-1"

    def __call__(self) -> Clocks:
        return Clocks(self.wall, self.boot, self.boot_id)

    def advance(self, seconds: float) -> None:
        self.wall += seconds
        self.boot += seconds


@pytest.fixture
def exam_clocks() -> ExamClocks:
    return ExamClocks()


@pytest.fixture
def demo(core: Core, exam_clocks: ExamClocks) -> Iterator[Learner]:
    core.content.seed_demo()
    core.profiles.create("Asha", PASS)
    session = core.profiles.unlock("Asha", PASS)
    yield core.learner(session, assessment_clocks=exam_clocks)
    session.close()


def take(learner: Learner, answers: dict[str, object]):
    run = learner.start_assessment(DEMO_COURSE_ID, "final-quiz")
    for qid, value in answers.items():
        run.answer(qid, value)
    return run, run.submit()


def test_whole_course_failed_then_passed(demo: Learner) -> None:
    view = demo.course(DEMO_COURSE_ID)
    assert view.status.status == "not_started" and view.resume_item == "intro-video"
    with demo.open_item(DEMO_COURSE_ID, "intro-video") as video:
        video.watched(0, 32, position=32)
    with demo.open_item(DEMO_COURSE_ID, "lesson") as lesson:
        lesson.lesson(1.0)
    with demo.open_item(DEMO_COURSE_ID, "handout") as pdf:
        for page in range(1, 4):
            pdf.page(page)
    _run, grade = take(demo, WRONG)
    assert not grade.passed and grade.scaled == 0
    view = demo.course(DEMO_COURSE_ID)
    quiz = next(v.progress for v in view.items if v.item.id == "final-quiz")
    assert quiz.completed and quiz.success == "failed"
    assert view.status.status == "in_progress"  # the course needs the quiz passed
    _run, grade = take(demo, RIGHT)
    assert grade.passed and grade.scaled == 1.0
    view = demo.course(DEMO_COURSE_ID)
    assert view.status.status == "completed"
    statements = demo.pending_statements()
    verbs = [s["verb"]["id"] for s in statements]
    assert verbs.count(Verb.ANSWERED) == 10
    assert verbs.count(Verb.FAILED) == 1 and verbs.count(Verb.PASSED) == 1
    course_completed = [
        s
        for s in statements
        if s["verb"]["id"] == Verb.COMPLETED and s["object"]["id"] == DEMO_COURSE_ID
    ]
    assert len(course_completed) == 1
    assert check_statements(statements) == ["ok"] * len(statements)
    competencies = demo.competencies()
    assert competencies.by_type["behavioural"] > 0


def test_every_response_is_recorded_for_regrading(demo: Learner) -> None:
    run, _grade = take(demo, WRONG)
    answered = [s for s in demo.pending_statements() if s["verb"]["id"] == Verb.ANSWERED]
    by_question = {s["object"]["id"].rsplit("/", 1)[-1]: s["result"] for s in answered}
    assert by_question["q2"]["response"] == "a"
    assert by_question["q5"]["response"] == "a suggestion box"
    assert by_question["q3"]["response"] == "false"
    assert all(r["success"] is False for r in by_question.values())
    assert run.state.responses["q4"] == 5


def test_questions_are_shuffled_per_attempt_and_review_before_submit(demo: Learner) -> None:
    run = demo.start_assessment(DEMO_COURSE_ID, "final-quiz")
    order = [q.id for q in run.questions()]
    assert sorted(order) == ["q1", "q2", "q3", "q4", "q5"]
    run.answer("q1", "b")
    rows = run.review()
    assert [r.question.id for r in rows] == order
    assert [r.answered for r in rows].count(True) == 1
    with pytest.raises(InvalidInput):
        run.answer("q1", "z")  # not an option
    # Reopening finds the same attempt with the same order and the answer kept.
    again = demo.start_assessment(DEMO_COURSE_ID, "final-quiz")
    assert [q.id for q in again.questions()] == order and again.state.responses == {"q1": "b"}


def test_time_limit_survives_a_restart_and_a_clock_set_back(
    demo: Learner, exam_clocks: ExamClocks
) -> None:
    run = demo.start_assessment(DEMO_COURSE_ID, "final-quiz")
    run.answer("q1", "b")
    exam_clocks.advance(300)
    assert run.remaining_s() == pytest.approx(300)
    # The app closes; the learner sets the wall clock back an hour; 200 s pass; it reopens.
    exam_clocks.wall -= 3600
    exam_clocks.advance(200)
    reopened = demo.start_assessment(DEMO_COURSE_ID, "final-quiz")
    assert reopened.remaining_s() == pytest.approx(100)
    exam_clocks.advance(101)
    with pytest.raises(AttemptClosed):
        reopened.answer("q2", ["a"])
    quiz = next(v.progress for v in demo.course(DEMO_COURSE_ID).items if v.item.id == "final-quiz")
    assert quiz.completed and quiz.success == "failed"  # auto-submitted: 1 of 5 right


def test_attempts_limit_holds(demo: Learner) -> None:
    for _ in range(3):
        take(demo, WRONG)
    with pytest.raises(AttemptsExhausted):
        demo.start_assessment(DEMO_COURSE_ID, "final-quiz")


def test_the_answer_key_is_not_readable_in_the_package(core: Core, demo: Learner) -> None:
    package = core.content.store.course_file(DEMO_COURSE_ID)
    with zipfile.ZipFile(package) as z:
        names = z.namelist()
        blob = b"".join(z.read(n) for n in names if n.startswith("assessment/"))
    assert "assessment/final.key.sealed" in names and "assessment/final.key.json" not in names
    for secret in (b"a suggestion", "नागरिक अधिकार पत्र".encode(), b'"accept"', b'"correct"'):
        assert secret not in blob
