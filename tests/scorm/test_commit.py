"""on_commit: when it is called, what it is given, and what happens when it fails."""

from __future__ import annotations

import pytest

from app.scorm import CommitSummary, LaunchInfo
from tests.scorm.helpers import SPAN, Sco, running


class Refuse:
    """An on_commit that fails while `broken` is set (a full disk, a locked database)."""

    def __init__(self) -> None:
        self.broken = True
        self.seen: list[CommitSummary] = []

    def __call__(self, summary: CommitSummary) -> None:
        if self.broken:
            raise OSError("disk full")
        self.seen.append(summary)


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_commit_and_finish_call_on_commit(version: str) -> None:
    sco = running(version)
    assert sco.commits == []
    assert sco.commit() == "true"
    assert sco.commit() == "true"
    assert sco.finish() == "true"
    assert [summary.terminated for summary in sco.commits] == [False, False, True]


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_refused_calls_do_not_commit(version: str) -> None:
    sco = Sco(version)
    sco.commit()
    sco.finish()
    sco.init()
    sco.commit()
    sco.api("commit", "x")
    assert len(sco.commits) == 1


def test_summary_12() -> None:
    sco = running("1.2")
    values = {
        "cmi.core.lesson_location": "12",
        "cmi.core.lesson_status": "failed",
        "cmi.core.score.raw": "55",
        "cmi.core.score.min": "0",
        "cmi.core.score.max": "100",
        "cmi.suspend_data": "abc",
        "cmi.core.session_time": "0000:10:00",
        "cmi.core.exit": "suspend",
        "cmi.objectives.0.id": "obj1",
        "cmi.objectives.0.status": "failed",
        "cmi.objectives.0.score.raw": "55",
        "cmi.interactions.0.id": "q1",
        "cmi.interactions.0.type": "choice",
        "cmi.interactions.0.student_response": "b",
        "cmi.interactions.0.correct_responses.0.pattern": "a",
        "cmi.interactions.0.result": "wrong",
        "cmi.interactions.0.objectives.0.id": "obj1",
    }
    for element, value in values.items():
        sco.set_ok(element, value)
    assert sco.commit() == "true"
    summary = sco.commits[-1]
    assert (summary.completion, summary.success) == ("completed", "failed")
    assert (summary.score_scaled, summary.score_raw, summary.score_min, summary.score_max) == (
        None,
        55,
        0,
        100,
    )
    assert (summary.location, summary.suspend_data, summary.exit) == ("12", "abc", "suspend")
    assert (summary.session_time_s, summary.total_time_s) == (600, 600)
    assert summary.progress_measure is None
    assert summary.objectives == [{"id": "obj1", "score.raw": "55", "status": "failed"}]
    assert summary.interactions == [
        {
            "id": "q1",
            "type": "choice",
            "student_response": "b",
            "result": "wrong",
            "objectives": ["obj1"],
            "correct_responses": ["a"],
        }
    ]
    assert not summary.terminated
    assert summary.data["state"] == "running"
    assert summary.data["values"]["cmi.core.lesson_location"] == "12"


def test_summary_2004() -> None:
    sco = running("2004")
    values = {
        "cmi.location": "p9",
        "cmi.completion_status": "completed",
        "cmi.success_status": "passed",
        "cmi.score.scaled": "0.85",
        "cmi.score.raw": "85",
        "cmi.score.min": "0",
        "cmi.score.max": "100",
        "cmi.progress_measure": "1",
        "cmi.session_time": "PT2M30S",
        "cmi.exit": "normal",
        "cmi.objectives.0.id": "obj1",
        "cmi.objectives.0.success_status": "passed",
        "cmi.interactions.0.id": "q1",
        "cmi.interactions.0.type": "true-false",
        "cmi.interactions.0.learner_response": "true",
        "cmi.interactions.0.result": "correct",
        "cmi.interactions.1.id": "q2",
    }
    for element, value in values.items():
        sco.set_ok(element, value)
    assert sco.finish() == "true"
    summary = sco.commits[-1]
    assert (summary.completion, summary.success) == ("completed", "passed")
    assert (summary.score_scaled, summary.score_raw, summary.score_min, summary.score_max) == (
        0.85,
        85,
        0,
        100,
    )
    assert (summary.location, summary.exit, summary.progress_measure) == ("p9", "normal", 1.0)
    assert (summary.session_time_s, summary.total_time_s) == (150, 150)
    assert summary.objectives == [
        {"id": "obj1", "success_status": "passed", "completion_status": "unknown"}
    ]
    assert summary.interactions == [
        {
            "id": "q1",
            "type": "true-false",
            "learner_response": "true",
            "result": "correct",
            "objectives": [],
            "correct_responses": [],
        },
        {"id": "q2", "objectives": [], "correct_responses": []},
    ]
    assert summary.terminated
    assert summary.data["values"]["cmi.total_time"] == "PT0H2M30S"


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_commit_reports_the_attempt_time_so_far(version: str) -> None:
    sco = running(version)
    assert sco.commit() == "true"
    assert (sco.commits[-1].session_time_s, sco.commits[-1].total_time_s) == (0, 0)
    sco.set_ok(
        {"1.2": "cmi.core.session_time", "2004": "cmi.session_time"}[version], SPAN[version][65]
    )
    assert sco.commit() == "true"
    assert (sco.commits[-1].session_time_s, sco.commits[-1].total_time_s) == (65, 65)
    total = {"1.2": "cmi.core.total_time", "2004": "cmi.total_time"}[version]
    assert sco.get(total) in ("0000:00:00.00", "PT0H0M0S")  # added at Finish only


@pytest.mark.parametrize(("version", "code"), [("1.2", 101), ("2004", 391)])
def test_a_failed_commit_is_reported_not_raised(version: str, code: int) -> None:
    refuse = Refuse()
    sco = running(version, on_commit=refuse)
    assert sco.commit() == "false"
    assert sco.error() == code
    assert "disk full" in sco.diag()
    assert sco.rt.state == "running"
    refuse.broken = False
    assert sco.commit() == "true"
    assert sco.error() == 0
    assert len(refuse.seen) == 1


@pytest.mark.parametrize(("version", "code"), [("1.2", 101), ("2004", 391)])
def test_a_failed_finish_can_be_retried(version: str, code: int) -> None:
    refuse = Refuse()
    sco = running(version, on_commit=refuse)
    session = {"1.2": "cmi.core.session_time", "2004": "cmi.session_time"}[version]
    sco.set_ok(session, SPAN[version][65])
    assert sco.finish() == "false"
    assert sco.error() == code
    assert "disk full" in sco.api("diagnostic", str(code))
    assert sco.rt.state == "running"  # nothing was applied: the SCO may try again
    assert sco.rt.snapshot()["state"] == "running"
    refuse.broken = False
    assert sco.finish() == "true"
    assert sco.rt.state == "terminated"
    (summary,) = refuse.seen
    assert (summary.terminated, summary.total_time_s) == (True, 65)  # counted once


def test_a_failed_finish_leaves_the_12_status_alone() -> None:
    refuse = Refuse()
    sco = running("1.2", launch=LaunchInfo("u", "n", mastery_score=50), on_commit=refuse)
    sco.set_ok("cmi.core.score.raw", "60")
    assert sco.finish() == "false"
    assert sco.get("cmi.core.lesson_status") == "not attempted"


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_any_exception_from_on_commit_is_contained(version: str) -> None:
    def explode(summary: CommitSummary) -> None:
        raise ValueError("unexpected " + summary.completion)

    sco = running(version, on_commit=explode)
    assert sco.commit() == "false"
    assert sco.finish() == "false"
    assert "unexpected" in sco.diag()


def test_many_items_keep_their_order() -> None:
    sco = running("2004")
    for n in range(12):
        sco.set_ok(f"cmi.interactions.{n}.id", f"q{n}")
        sco.set_ok(f"cmi.interactions.{n}.type", "choice")
        for m in range(11):
            sco.set_ok(f"cmi.interactions.{n}.correct_responses.{m}.pattern", f"c{m}")
    assert sco.commit() == "true"
    interactions = sco.commits[-1].interactions
    assert [item["id"] for item in interactions] == [f"q{n}" for n in range(12)]
    assert interactions[11]["correct_responses"] == [f"c{m}" for m in range(11)]
