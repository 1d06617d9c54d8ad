"""Status rules: 1.2's lesson_status at LMSFinish, 2004's evaluation on GetValue."""

from __future__ import annotations

import pytest

from app.scorm import LaunchInfo
from tests.scorm.helpers import running

MASTERY = LaunchInfo("u", "L, F", mastery_score=70)


def finish_12(launch: LaunchInfo, values: dict[str, str]) -> tuple[str, str]:
    """lesson_status after LMSFinish, as the next session reads it, and the summary's success."""
    sco = running("1.2", launch=launch)
    for element, value in values.items():
        sco.set_ok(element, value)
    sco.set_ok("cmi.core.exit", "suspend")
    assert sco.finish() == "true"
    after = running("1.2", previous=sco.rt.snapshot(), launch=launch)
    return after.get("cmi.core.lesson_status"), sco.commits[-1].success


@pytest.mark.parametrize(
    ("values", "status"),
    [
        ({"cmi.core.score.raw": "70"}, "passed"),
        ({"cmi.core.score.raw": "69.5"}, "failed"),
        ({"cmi.core.lesson_status": "incomplete", "cmi.core.score.raw": "85"}, "passed"),
        ({"cmi.core.lesson_status": "completed", "cmi.core.score.raw": "20"}, "failed"),
        ({"cmi.core.lesson_status": "browsed", "cmi.core.score.raw": "90"}, "passed"),
        # The SCO's own decision stands.
        ({"cmi.core.lesson_status": "passed", "cmi.core.score.raw": "10"}, "passed"),
        ({"cmi.core.lesson_status": "failed", "cmi.core.score.raw": "99"}, "failed"),
        # No raw score: nothing to compare; an untouched status becomes completed.
        ({}, "completed"),
        ({"cmi.core.lesson_status": "incomplete"}, "incomplete"),
        ({"cmi.core.score.raw": ""}, "completed"),
    ],
)
def test_mastery_score_decides_at_finish(values: dict[str, str], status: str) -> None:
    lesson_status, success = finish_12(MASTERY, values)
    assert lesson_status == status
    assert success == (status if status in ("passed", "failed") else "unknown")


def test_without_mastery_score_a_raw_score_changes_nothing() -> None:
    launch = LaunchInfo("u", "L, F")
    assert finish_12(launch, {"cmi.core.score.raw": "10"}) == ("completed", "unknown")
    values = {"cmi.core.lesson_status": "incomplete", "cmi.core.score.raw": "99"}
    assert finish_12(launch, values) == ("incomplete", "unknown")


def test_no_credit_means_no_mastery_decision() -> None:
    launch = LaunchInfo("u", "L, F", mastery_score=70, credit="no-credit")
    assert finish_12(launch, {"cmi.core.score.raw": "90"})[0] == "completed"


def test_browse_mode_makes_an_untouched_lesson_browsed() -> None:
    launch = LaunchInfo("u", "L, F", mastery_score=70, mode="browse")
    assert finish_12(launch, {})[0] == "browsed"
    assert finish_12(launch, {"cmi.core.score.raw": "90"})[0] == "browsed"


def test_review_mode_changes_nothing() -> None:
    launch = LaunchInfo("u", "L, F", mastery_score=70, mode="review")
    assert finish_12(launch, {})[0] == "not attempted"
    assert finish_12(launch, {"cmi.core.score.raw": "90"})[0] == "not attempted"


def test_the_rule_waits_for_finish() -> None:
    sco = running("1.2", launch=MASTERY)
    sco.set_ok("cmi.core.score.raw", "90")
    assert sco.commit() == "true"
    assert sco.get("cmi.core.lesson_status") == "not attempted"
    assert sco.commits[-1].completion == "not attempted"
    assert sco.finish() == "true"
    assert (sco.commits[-1].completion, sco.commits[-1].success) == ("completed", "passed")


@pytest.mark.parametrize(
    ("status", "completion", "success"),
    [
        ("passed", "completed", "passed"),
        ("failed", "completed", "failed"),
        ("completed", "completed", "unknown"),
        ("incomplete", "incomplete", "unknown"),
        ("browsed", "incomplete", "unknown"),
    ],
)
def test_12_summary_statuses(status: str, completion: str, success: str) -> None:
    sco = running("1.2")
    sco.set_ok("cmi.core.lesson_status", status)
    assert sco.commit() == "true"
    assert (sco.commits[-1].completion, sco.commits[-1].success) == (completion, success)


# ---- 2004 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("threshold", "values", "expected"),
    [
        (None, {}, "unknown"),
        (None, {"cmi.completion_status": "incomplete"}, "incomplete"),
        (None, {"cmi.completion_status": "completed", "cmi.progress_measure": "0.1"}, "completed"),
        (0.8, {"cmi.progress_measure": "0.8"}, "completed"),
        (0.8, {"cmi.progress_measure": "0.79"}, "incomplete"),
        (0.8, {"cmi.completion_status": "completed", "cmi.progress_measure": "0.5"}, "incomplete"),
        (0.8, {"cmi.completion_status": "incomplete", "cmi.progress_measure": "1"}, "completed"),
        (0.8, {"cmi.completion_status": "completed"}, "unknown"),
        (0.0, {"cmi.progress_measure": "0"}, "completed"),
    ],
)
def test_completion_status_evaluation(
    threshold: float | None, values: dict[str, str], expected: str
) -> None:
    sco = running("2004", launch=LaunchInfo("u", "n", completion_threshold=threshold))
    for element, value in values.items():
        sco.set_ok(element, value)
    assert sco.get("cmi.completion_status") == expected
    assert sco.error() == 0
    assert sco.commit() == "true"
    assert sco.commits[-1].completion == expected


@pytest.mark.parametrize(
    ("passing", "values", "expected"),
    [
        (None, {}, "unknown"),
        (None, {"cmi.success_status": "failed", "cmi.score.scaled": "1"}, "failed"),
        (0.7, {"cmi.score.scaled": "0.7"}, "passed"),
        (0.7, {"cmi.score.scaled": "0.69"}, "failed"),
        (0.7, {"cmi.success_status": "passed", "cmi.score.scaled": "0.1"}, "failed"),
        (0.7, {"cmi.success_status": "failed", "cmi.score.scaled": "0.9"}, "passed"),
        (0.7, {"cmi.success_status": "passed"}, "unknown"),
        (-0.5, {"cmi.score.scaled": "-0.4"}, "passed"),
        (0.7, {"cmi.score.raw": "95"}, "unknown"),  # only the scaled score counts
    ],
)
def test_success_status_evaluation(
    passing: float | None, values: dict[str, str], expected: str
) -> None:
    sco = running("2004", launch=LaunchInfo("u", "n", mastery_score=passing))
    for element, value in values.items():
        sco.set_ok(element, value)
    assert sco.get("cmi.success_status") == expected
    assert sco.commit() == "true"
    assert sco.commits[-1].success == expected


def test_evaluation_does_not_overwrite_what_the_sco_set() -> None:
    launch = LaunchInfo("u", "n", completion_threshold=0.5)
    sco = running("2004", launch=launch)
    sco.set_ok("cmi.completion_status", "incomplete")
    sco.set_ok("cmi.progress_measure", "0.9")
    assert sco.get("cmi.completion_status") == "completed"
    assert sco.rt.snapshot()["values"]["cmi.completion_status"] == "incomplete"


def test_2004_terminate_leaves_statuses_to_the_sco() -> None:
    sco = running("2004")
    sco.set_ok("cmi.score.raw", "90")
    assert sco.finish() == "true"
    assert (sco.commits[-1].completion, sco.commits[-1].success) == ("unknown", "unknown")
