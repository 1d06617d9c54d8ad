"""Every statement the LMS side makes passes Ralph's xAPI models (in .venv-ralph)."""

from __future__ import annotations

from typing import Any

from tests.cmi5.conftest import (
    AuScript,
    au_xml,
    block_xml,
    course_xml,
    lts_course,
    make_env,
    sample_course,
)
from tests.support.xapi_check import check_statements


def lms_statements() -> list[dict[str, Any]]:
    """launched, satisfied (block, course, at registration and in a session), abandoned,
    waived: from the sample course, an LTS package and a nested course."""
    made: list[dict[str, Any]] = []
    for course in (sample_course(), lts_course("001-essentials.zip")):
        env = make_env(course)
        session = env.session()
        session.prepare_launch(launch_url="kyo-content://c/index.html?paramA=1")
        session.preferences_read()
        au = AuScript.of(session)
        session.accept([au.initialized(), au.completed(), au.passed({"scaled": 0.95})])
        session.end()  # abandoned
        made += env.lms_statements()
    env = make_env(
        course_xml(
            block_xml("https://example.com/A", au_xml("https://example.com/au1", "NotApplicable")),
            au_xml("https://example.com/au2", "Passed", mastery=0.5),
        )
    )
    env.registration.evaluate()
    env.registration.waive(env.course.aus[1], "Tested Out")
    return made + env.lms_statements()


def test_lms_statements_pass_ralph() -> None:
    statements = lms_statements()
    verbs = {s["verb"]["id"].rsplit("/", 1)[-1] for s in statements}
    assert verbs == {"launched", "satisfied", "abandoned", "waived"}
    assert check_statements(statements) == ["ok"] * len(statements)
