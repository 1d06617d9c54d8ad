"""What a player shows before an attempt (the overview, which starts no clock), and the timer
checkpoint a player saves while an attempt is open (tick)."""

from __future__ import annotations

import pytest

from app.content import DEMO_COURSE_ID
from app.errors import NotFound
from app.learning import Learner
from tests.learning.test_whole_course import ExamClocks, demo, exam_clocks, take  # noqa: F401
from tests.support.demo import RIGHT, WRONG


def test_overview_counts_attempts_without_starting_one(demo: Learner) -> None:  # noqa: F811
    first = demo.assessment_overview(DEMO_COURSE_ID, "final-quiz")
    assert len(first.paper.questions) == 5 and first.paper.time_limit_s == 600
    assert (first.closed_attempts, first.open_attempt, first.attempts_left) == (0, False, 3)
    assert first.last_grade is None and first.best_scaled is None and first.can_start
    assert demo.assessment_overview(DEMO_COURSE_ID, "final-quiz").attempts_left == 3

    run = demo.start_assessment(DEMO_COURSE_ID, "final-quiz")
    opened = demo.assessment_overview(DEMO_COURSE_ID, "final-quiz")
    assert opened.open_attempt and opened.attempts_left == 2 and opened.can_start
    run.answer("q1", "b")
    run.submit()  # 1 of 5
    take(demo, RIGHT)
    after = demo.assessment_overview(DEMO_COURSE_ID, "final-quiz")
    assert (after.closed_attempts, after.open_attempt, after.attempts_left) == (2, False, 1)
    assert after.last_grade is not None and after.last_grade.passed
    assert after.best_scaled == 1.0

    take(demo, WRONG)
    spent = demo.assessment_overview(DEMO_COURSE_ID, "final-quiz")
    assert spent.attempts_left == 0 and not spent.can_start
    assert spent.last_grade is not None and not spent.last_grade.passed
    assert spent.best_scaled == 1.0  # the best, not the last


def test_overview_of_an_item_that_is_no_assessment(demo: Learner) -> None:  # noqa: F811
    with pytest.raises(NotFound):
        demo.assessment_overview(DEMO_COURSE_ID, "lesson")


def test_tick_keeps_time_spent_across_a_reboot_with_the_clock_set_back(
    demo: Learner,  # noqa: F811
    exam_clocks: ExamClocks,  # noqa: F811
) -> None:
    run = demo.start_assessment(DEMO_COURSE_ID, "final-quiz")
    exam_clocks.advance(200)
    assert run.tick() == pytest.approx(400)
    # The machine reboots (boot time restarts) and the wall clock is set back an hour: only
    # the checkpoint tick saved tells how long the attempt had run.
    exam_clocks.boot, exam_clocks.boot_id = 30.0, "boot-2"
    exam_clocks.wall -= 3600
    reopened = demo.start_assessment(DEMO_COURSE_ID, "final-quiz")
    assert reopened.remaining_s() == pytest.approx(400)


def test_tick_leaves_a_closed_attempt_alone(demo: Learner) -> None:  # noqa: F811
    run, _grade = take(demo, WRONG)
    state = run.state
    assert run.tick() == pytest.approx(600)
    assert run.state is state
