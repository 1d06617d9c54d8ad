"""SCORM through the facade: the golf samples' calls land in progress, attempts and xAPI
statements; a bookmark resumes where the learner left; completion and score are recorded."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.core import Core
from app.learning import Learner
from app.xapi import Verb
from tests.conftest import PASS, SAMPLES
from tests.support.xapi_check import check_statements

GOLF12 = "urn:scorm:com.scorm.golfsamples.runtime.basic.12"


@pytest.fixture
def golf(core: Core) -> Iterator[tuple[Learner, str, str]]:
    c12 = core.content.install(str(SAMPLES / "scorm12_golf_singlescobasic.zip")).course
    c2004 = core.content.install(str(SAMPLES / "scorm2004_3rd_golf_RuntimeBasicCalls.zip")).course
    core.profiles.create("Asha", PASS)
    session = core.profiles.unlock("Asha", PASS)
    yield core.learner(session), c12.id, c2004.id
    session.close()


def test_scorm12_bookmark_resume_completion_and_score(golf: tuple[Learner, str, str]) -> None:
    learner, course_id, _ = golf
    launch = learner.scorm(course_id, "scorm")
    api = launch.runtime.call
    assert launch.launch_path.endswith(".html")
    assert api("LMSInitialize", "") == "true"
    assert api("LMSGetValue", "cmi.core.entry") == "ab-initio"
    assert api("LMSGetValue", "cmi.core.student_name") == "Asha"
    assert api("LMSSetValue", "cmi.core.lesson_status", "incomplete") == "true"
    assert api("LMSSetValue", "cmi.core.lesson_location", "3") == "true"
    assert api("LMSSetValue", "cmi.core.exit", "suspend") == "true"
    assert api("LMSSetValue", "cmi.core.session_time", "00:02:30") == "true"
    assert api("LMSFinish", "") == "true"
    launch.close()
    view = learner.course(course_id)
    item = view.items[0].progress
    assert item.status == "in_progress" and item.resume["location"] == "3"

    again = learner.scorm(course_id, "scorm")
    api = again.runtime.call
    assert api("LMSInitialize", "") == "true"
    assert api("LMSGetValue", "cmi.core.entry") == "resume"
    assert api("LMSGetValue", "cmi.core.lesson_location") == "3"  # the bookmark
    for element, value in (
        ("cmi.core.score.raw", "90"),
        ("cmi.core.lesson_status", "passed"),
        ("cmi.core.exit", ""),
        ("cmi.core.session_time", "00:01:00"),
    ):
        assert api("LMSSetValue", element, value) == "true"
    assert api("LMSFinish", "") == "true"
    item = learner.course(course_id).items[0].progress
    assert item.completed and item.success == "passed" and item.score == pytest.approx(0.9)
    assert item.active_seconds >= 210
    assert learner.course(course_id).status.status == "completed"
    statements = learner.pending_statements()
    verbs = [s["verb"]["id"] for s in statements]
    assert Verb.SUSPENDED in verbs and Verb.PASSED in verbs and Verb.TERMINATED in verbs
    attempts = learner.session.store.call(
        lambda db: db.execute("SELECT count(*) FROM scorm_attempts").fetchone()[0]
    )
    assert attempts == 1  # suspend + resume is one attempt
    assert check_statements(statements) == ["ok"] * len(statements)


def test_scorm2004_completion_and_a_new_attempt(golf: tuple[Learner, str, str]) -> None:
    learner, _, course_id = golf
    launch = learner.scorm(course_id, "scorm")
    api = launch.runtime.call
    assert api("Initialize", "") == "true"
    for element, value in (
        ("cmi.completion_status", "completed"),
        ("cmi.success_status", "failed"),
        ("cmi.score.scaled", "0.4"),
        ("cmi.exit", "normal"),
        ("cmi.session_time", "PT5M"),
    ):
        assert api("SetValue", element, value) == "true"
    assert api("Terminate", "") == "true"
    item = learner.course(course_id).items[0].progress
    assert item.completed and item.success == "failed"
    second = learner.scorm(course_id, "scorm")
    assert second.runtime.call("Initialize", "") == "true"
    assert second.runtime.call("GetValue", "cmi.entry") == "ab-initio"  # a normal exit ended it
    second.runtime.call("SetValue", "cmi.success_status", "passed")
    second.runtime.call("Terminate", "")
    item = learner.course(course_id).items[0].progress
    assert item.success == "passed"
    numbers = learner.session.store.call(
        lambda db: [r[0] for r in db.execute("SELECT number FROM scorm_attempts ORDER BY number")]
    )
    assert numbers == [1, 2]  # one record per attempt
