"""cmi5 through the facade: an AU talks to the local endpoint over HTTP; its statements land
in the learner's encrypted outbox with the item's progress; moveOn satisfied completes it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.core import Core
from app.learning import Learner
from app.xapi import Verb
from tests.cmi5.conftest import HttpAu
from tests.conftest import PASS, SAMPLES
from tests.support.xapi_check import check_statements


@pytest.fixture
def sample(core: Core) -> Iterator[tuple[Learner, str]]:
    course = core.content.install(str(SAMPLES / "cmi5_catapult_masteryscore_responsive.zip")).course
    core.profiles.create("Asha", PASS)
    session = core.profiles.unlock("Asha", PASS)
    yield core.learner(session), course.id
    session.close()


def test_an_au_passes_and_the_course_item_completes(sample: tuple[Learner, str]) -> None:
    learner, course_id = sample
    launch = learner.cmi5(course_id, "cmi5")
    url = launch.start("kyo-content://course")
    try:
        assert url.startswith("kyo-content://course/") and "endpoint=" in url
        au = HttpAu(url)
        au.start()
        assert au.script is not None
        assert au.send(au.script.passed({"scaled": 0.8})).status_code == 204
        assert au.send(au.script.completed()).status_code == 204
        assert au.send(au.script.terminated()).status_code == 204
        # wrong token: refused, nothing stored
        au.token = "bm90LXRoZS10b2tlbg=="
        assert au.send(au.script.allowed()).status_code == 401
    finally:
        launch.stop()
    view = learner.course(course_id)
    item = view.items[0].progress
    assert item.completed and item.success == "passed" and item.score == pytest.approx(0.8)
    assert view.status.status == "completed"
    statements = learner.pending_statements()
    verbs = [s["verb"]["id"] for s in statements]
    assert verbs.count(Verb.LAUNCHED) == 1 and verbs.count(Verb.SATISFIED) == 1
    lms_made = [s for s in statements if s["verb"]["id"] in (Verb.LAUNCHED, Verb.SATISFIED)]
    assert check_statements(lms_made) == ["ok"] * len(lms_made)


def test_a_window_closed_without_terminated_is_abandoned(sample: tuple[Learner, str]) -> None:
    learner, course_id = sample
    launch = learner.cmi5(course_id, "cmi5")
    au = HttpAu(launch.start("kyo-content://course"))
    au.start()
    launch.stop()
    verbs = [s["verb"]["id"] for s in learner.pending_statements()]
    assert verbs[-1] == Verb.ABANDONED
    assert learner.course(course_id).items[0].progress.status == "in_progress"
