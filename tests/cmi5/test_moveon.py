"""moveOn (cmi5 10.0, 13.1.4) and the satisfied statements it leads to (9.3.9, 9.6.1)."""

from __future__ import annotations

from typing import Any

import pytest

from app.cmi5.registration import move_on_met, newly_satisfied
from app.cmi5.vocab import EXT_SESSION_ID, TYPE_BLOCK, TYPE_COURSE, lms_id
from app.xapi import Verb
from tests.cmi5.conftest import AuScript, Env, au_xml, block_xml, course_xml, make_env

# (moveOn, what the AU sends, satisfied?)
CASES = [
    ("Completed", ["completed"], True),
    ("Completed", ["passed"], False),
    ("Passed", ["passed"], True),
    ("Passed", ["completed", "failed"], False),
    ("CompletedAndPassed", ["completed"], False),
    ("CompletedAndPassed", ["passed"], False),
    ("CompletedAndPassed", ["completed", "passed"], True),
    ("CompletedAndPassed", ["passed", "completed"], True),
    ("CompletedOrPassed", ["completed"], True),
    ("CompletedOrPassed", ["passed"], True),
    ("CompletedOrPassed", ["passed", "completed"], True),
    ("CompletedOrPassed", ["failed"], False),
    ("NotApplicable", [], True),
]


def one_au_course(move_on: str) -> Env:
    au = au_xml("https://example.com/au/1", move_on, mastery=0.5)
    return make_env(course_xml(block_xml("https://example.com/block/1", au)))


def play(env: Env, au_index: int, kinds: list[str], *, terminate: bool = True) -> Any:
    session = env.session(au_index)
    session.prepare_launch()
    session.preferences_read()
    script = AuScript.of(session)
    session.accept([script.initialized()])
    for kind in kinds:
        session.accept([getattr(script, kind)()])
    if terminate:
        session.accept([script.terminated()])
    session.end()
    return session


@pytest.mark.parametrize(("move_on", "kinds", "satisfied"), CASES)
def test_move_on_criteria(move_on: str, kinds: list[str], satisfied: bool) -> None:
    env = one_au_course(move_on)
    session = play(env, 0, kinds)
    made = [s for s in env.statements.statements if s["verb"]["id"] == Verb.SATISFIED]
    if not satisfied:
        assert made == []
        assert env.state.satisfied() == set()
        return
    assert [s["object"]["definition"]["type"] for s in made] == [TYPE_BLOCK, TYPE_COURSE]
    assert env.state.satisfied() == {
        "https://example.com/au/1",
        "https://example.com/block/1",
        "https://example.com/course",
    }
    if move_on != "NotApplicable":  # the AU's session satisfied them: its session id (9.3.9)
        assert all(s["context"]["extensions"][EXT_SESSION_ID] == session.session_id for s in made)
        # the satisfied statements follow the statement that met the criterion
        verbs = env.verbs()
        assert verbs[verbs.index("satisfied") - 1] in kinds
    play(env, 0, [])  # another session: nothing satisfied twice
    assert len([s for s in env.statements.statements if s["verb"]["id"] == Verb.SATISFIED]) == 2


def test_completed_and_passed_over_two_sessions() -> None:
    env = one_au_course("CompletedAndPassed")
    play(env, 0, ["completed"])
    assert "satisfied" not in env.verbs()
    second = play(env, 0, ["passed"])
    satisfied = [s for s in env.statements.statements if s["verb"]["id"] == Verb.SATISFIED]
    assert len(satisfied) == 2
    assert satisfied[0]["context"]["extensions"][EXT_SESSION_ID] == second.session_id


def test_not_applicable_is_satisfied_at_registration() -> None:
    env = one_au_course("NotApplicable")
    made = env.registration.evaluate()
    assert [s["verb"]["id"] for s in made] == [Verb.SATISFIED, Verb.SATISFIED]
    # 9.6.1: outside a launch, a session id of its own, shared by those statements
    assert len({s["context"]["extensions"][EXT_SESSION_ID] for s in made}) == 1
    assert env.registration.evaluate() == []
    play(env, 0, [])
    assert env.verbs() == ["satisfied", "satisfied", "launched", "initialized", "terminated"]


def nested_course() -> Env:
    """course > [block A > [block A1 > [au1 Completed], au2 Passed], au3 NotApplicable,
    block B > [au4 CompletedOrPassed]]"""
    return make_env(
        course_xml(
            block_xml(
                "https://example.com/A",
                block_xml("https://example.com/A1", au_xml("https://example.com/au1", "Completed")),
                au_xml("https://example.com/au2", "Passed", mastery=0.8),
            ),
            au_xml("https://example.com/au3", "NotApplicable"),
            block_xml(
                "https://example.com/B", au_xml("https://example.com/au4", "CompletedOrPassed")
            ),
        )
    )


def satisfied_objects(env: Env) -> list[str]:
    found = [s for s in env.statements.statements if s["verb"]["id"] == Verb.SATISFIED]
    return [s["context"]["contextActivities"]["grouping"][0]["id"] for s in found]


def test_blocks_and_course_in_a_multi_au_course() -> None:
    env = nested_course()
    env.registration.evaluate()
    assert satisfied_objects(env) == []  # au3 alone satisfies no block
    assert env.state.satisfied() == {"https://example.com/au3"}
    play(env, 0, ["completed"])
    assert satisfied_objects(env) == ["https://example.com/A1"]
    play(env, 3, ["completed"])
    assert satisfied_objects(env) == ["https://example.com/A1", "https://example.com/B"]
    play(env, 1, ["passed"])
    assert satisfied_objects(env) == [
        "https://example.com/A1",
        "https://example.com/B",
        "https://example.com/A",
        "https://example.com/course",
    ]
    course_satisfied = env.statements.statements[-2]
    assert course_satisfied["verb"]["id"] == Verb.SATISFIED
    assert course_satisfied["object"]["id"] == lms_id(
        "course", "https://example.com/course", "https://example.com/course"
    )
    assert course_satisfied["object"]["id"] != "https://example.com/course"  # 9.3.9.0-8
    assert course_satisfied["object"]["definition"] == {
        "type": TYPE_COURSE,
        "name": {"en-US": "Course"},
    }


def test_waiver_completes_blocks() -> None:
    env = nested_course()
    env.registration.evaluate()
    play(env, 0, ["completed"])
    env.registration.waive(env.course.aus[1], "Equivalent AU")
    assert satisfied_objects(env) == ["https://example.com/A1", "https://example.com/A"]
    assert env.verbs()[-3:] == ["terminated", "waived", "satisfied"]


def test_newly_satisfied_is_inner_first() -> None:
    env = nested_course()
    course = env.course
    done = {"https://example.com/au1", "https://example.com/au2", "https://example.com/au3"}
    assert [getattr(n, "id", None) for n in newly_satisfied(course, done)] == [
        "https://example.com/A1",
        "https://example.com/A",
    ]
    done |= {"https://example.com/au4", "https://example.com/A1", "https://example.com/A"}
    nodes = newly_satisfied(course, done)
    assert [getattr(n, "id", getattr(n, "course_id", None)) for n in nodes] == [
        "https://example.com/B",
        "https://example.com/course",
    ]


def test_move_on_met_table() -> None:
    assert move_on_met("Passed", completed=True, passed=False) is False
    assert move_on_met("CompletedOrPassed", completed=False, passed=True) is True
    assert move_on_met("Unknown", completed=True, passed=True) is False


def test_sample_course_satisfies_its_course_only(env: Env) -> None:
    play(env, 0, ["completed"])
    assert satisfied_objects(env) == [env.course.course_id]  # no block in this cmi5.xml
