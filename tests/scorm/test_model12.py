"""The SCORM 1.2 data model: permissions, types, keywords and arrays (RTE 1.2, 3.4).

The element lists here are written from the specification, not read from the implementation's
tables, so a wrong table fails them.
"""

from __future__ import annotations

import pytest

from app.scorm import LaunchInfo
from tests.scorm.helpers import Sco, running

READ_ONLY = [
    "cmi._version",
    "cmi.core.student_id",
    "cmi.core.student_name",
    "cmi.core.credit",
    "cmi.core.entry",
    "cmi.core.total_time",
    "cmi.core.lesson_mode",
    "cmi.launch_data",
    "cmi.comments_from_lms",
    "cmi.student_data.mastery_score",
    "cmi.student_data.max_time_allowed",
    "cmi.student_data.time_limit_action",
]
WRITE_ONLY = {
    "cmi.core.exit": "suspend",
    "cmi.core.session_time": "0000:01:00.00",
}
READ_WRITE = {
    "cmi.core.lesson_location": "page-3",
    "cmi.core.lesson_status": "incomplete",
    "cmi.core.score.raw": "72.5",
    "cmi.core.score.min": "0",
    "cmi.core.score.max": "100",
    "cmi.suspend_data": "A1B2;x=[1,2]",
    "cmi.comments": "Good module",
    "cmi.student_preference.audio": "-1",
    "cmi.student_preference.language": "hi",
    "cmi.student_preference.speed": "-100",
    "cmi.student_preference.text": "1",
}
# Interactions are write-only, each field after the one before (index 0 exists once id is set).
INTERACTION = {
    "cmi.interactions.0.id": "q1",
    "cmi.interactions.0.objectives.0.id": "obj-1",
    "cmi.interactions.0.time": "13:45:01",
    "cmi.interactions.0.type": "choice",
    "cmi.interactions.0.correct_responses.0.pattern": "a",
    "cmi.interactions.0.weighting": "1.5",
    "cmi.interactions.0.student_response": "b",
    "cmi.interactions.0.result": "wrong",
    "cmi.interactions.0.latency": "0000:00:12.30",
}
OBJECTIVE = {
    "cmi.objectives.0.id": "obj-1",
    "cmi.objectives.0.score.raw": "40",
    "cmi.objectives.0.score.min": "",
    "cmi.objectives.0.score.max": "100",
    "cmi.objectives.0.status": "not attempted",
}

FULL_LAUNCH = LaunchInfo(
    learner_id="u-42",
    learner_name="Verma, Ravi",
    launch_data="level=2",
    mastery_score=80,
    max_time_allowed_s=1800,
    time_limit_action="exit,message",
    mode="normal",
    credit="credit",
)


@pytest.mark.parametrize("element", READ_ONLY)
def test_read_only_elements(element: str) -> None:
    sco = running("1.2", launch=FULL_LAUNCH)
    before = sco.get(element)
    assert sco.error() == 0
    assert sco.set(element, "x") == "false"
    assert sco.error() == (402 if element == "cmi._version" else 403)  # _version is a keyword
    assert sco.get(element) == before


@pytest.mark.parametrize(("element", "value"), WRITE_ONLY.items())
def test_write_only_elements(element: str, value: str) -> None:
    sco = running("1.2")
    sco.set_ok(element, value)
    assert sco.get(element) == ""
    assert sco.error() == 404


@pytest.mark.parametrize(("element", "value"), READ_WRITE.items())
def test_read_write_elements(element: str, value: str) -> None:
    sco = running("1.2")
    sco.set_ok(element, value)
    assert sco.get(element) == value
    assert sco.error() == 0


def test_interactions_are_write_only() -> None:
    sco = running("1.2")
    for element, value in INTERACTION.items():
        sco.set_ok(element, value)
        assert sco.get(element) == ""
        assert sco.error() == 404
    assert sco.get("cmi.interactions._count") == "1"
    assert sco.get("cmi.interactions.0.objectives._count") == "1"
    assert sco.get("cmi.interactions.0.correct_responses._count") == "1"


def test_objectives_read_back() -> None:
    sco = running("1.2")
    for element, value in OBJECTIVE.items():
        sco.set_ok(element, value)
        assert sco.get(element) == value
    assert sco.get("cmi.objectives._count") == "1"


def test_launch_values() -> None:
    sco = running("1.2", launch=FULL_LAUNCH)
    assert {element: sco.get(element) for element in READ_ONLY} == {
        "cmi._version": "3.4",
        "cmi.core.student_id": "u-42",
        "cmi.core.student_name": "Verma, Ravi",
        "cmi.core.credit": "credit",
        "cmi.core.entry": "ab-initio",
        "cmi.core.total_time": "0000:00:00.00",
        "cmi.core.lesson_mode": "normal",
        "cmi.launch_data": "level=2",
        "cmi.comments_from_lms": "",
        "cmi.student_data.mastery_score": "80",
        "cmi.student_data.max_time_allowed": "0000:30:00.00",
        "cmi.student_data.time_limit_action": "exit,message",
    }
    assert sco.get("cmi.core.lesson_status") == "not attempted"


@pytest.mark.parametrize(
    "element",
    ["cmi.core.lesson_location", "cmi.suspend_data", "cmi.core.score.raw", "cmi.comments"],
)
def test_unset_elements_read_as_empty_without_error(element: str) -> None:
    sco = running("1.2")
    assert sco.get(element) == ""
    assert sco.error() == 0


CHILDREN = {
    "cmi": "core,suspend_data,launch_data,comments,objectives,student_data,"
    "student_preference,interactions",
    "cmi.core": "student_id,student_name,lesson_location,credit,lesson_status,entry,score,"
    "total_time,lesson_mode,exit,session_time",
    "cmi.core.score": "raw,min,max",
    "cmi.objectives": "id,score,status",
    "cmi.student_data": "mastery_score,max_time_allowed,time_limit_action",
    "cmi.student_preference": "audio,language,speed,text",
    "cmi.interactions": "id,objectives,time,type,correct_responses,weighting,"
    "student_response,result,latency",
}


@pytest.mark.parametrize(("parent", "children"), CHILDREN.items())
def test_children(parent: str, children: str) -> None:
    sco = running("1.2")
    assert sco.get(parent + "._children") == children
    assert sco.error() == 0


def test_objective_score_children() -> None:
    sco = running("1.2")
    sco.set_ok("cmi.objectives.0.id", "o")
    assert sco.get("cmi.objectives.0.score._children") == "raw,min,max"


@pytest.mark.parametrize(
    ("element", "code"),
    [
        ("cmi.core.student_id._children", 202),
        ("cmi.suspend_data._children", 202),
        ("cmi.core._count", 203),
        ("cmi.core.score._count", 203),
        ("cmi.suspend_data._count", 203),
        ("cmi.nothing._children", 401),
        ("cmi.nothing._count", 401),
        ("cmi.core.lesson_status._version", 401),
    ],
)
def test_keywords_where_they_do_not_apply(element: str, code: int) -> None:
    sco = running("1.2")
    assert sco.get(element) == ""
    assert sco.error() == code


@pytest.mark.parametrize(
    "element",
    ["cmi._version", "cmi.core._children", "cmi.objectives._count", "cmi.interactions._children"],
)
def test_keywords_cannot_be_set(element: str) -> None:
    sco = running("1.2")
    assert sco.set(element, "1") == "false"
    assert sco.error() == 402


@pytest.mark.parametrize(
    "element",
    [
        "cmi.core.foo",
        "cmi.learner_id",
        "cmi.location",
        "cmi.completion_status",
        "cmi.student_data.tries",
        "adl.nav.request",
        "cmi.core",
        "cmi.objectives.0",
        "cmi.core.0.score",
        "cmi.objectives.-1.id",
        "cmi.objectives.n.id",
    ],
)
def test_undefined_elements(element: str) -> None:
    sco = running("1.2")
    assert sco.get(element) == ""
    assert sco.error() == 401
    assert sco.set(element, "x") == "false"
    assert sco.error() == 401


def test_empty_element_name() -> None:
    sco = running("1.2")
    assert sco.get("") == ""
    assert sco.error() == 201
    assert sco.set("", "x") == "false"
    assert sco.error() == 201


def test_arrays_grow_one_item_at_a_time() -> None:
    sco = running("1.2")
    assert sco.get("cmi.objectives._count") == "0"
    assert sco.set("cmi.objectives.1.id", "b") == "false"
    assert sco.error() == 201
    sco.set_ok("cmi.objectives.0.id", "a")
    sco.set_ok("cmi.objectives.1.id", "b")
    assert sco.set("cmi.objectives.3.id", "d") == "false"
    assert sco.error() == 201
    assert sco.get("cmi.objectives._count") == "2"
    sco.set_ok("cmi.objectives.0.id", "a2")  # existing items can be rewritten
    assert sco.get("cmi.objectives.0.id") == "a2"
    assert sco.get("cmi.objectives._count") == "2"


def test_reading_past_the_end_of_an_array() -> None:
    sco = running("1.2")
    assert sco.get("cmi.objectives.0.id") == ""
    assert sco.error() == 201
    assert sco.get("cmi.interactions.0.objectives._count") == ""
    assert sco.error() == 201


def test_nested_arrays() -> None:
    sco = running("1.2")
    sco.set_ok("cmi.interactions.0.id", "q1")
    sco.set_ok("cmi.interactions.0.objectives.0.id", "o1")
    assert sco.set("cmi.interactions.0.objectives.2.id", "o3") == "false"
    assert sco.error() == 201
    sco.set_ok("cmi.interactions.0.objectives.1.id", "o2")
    sco.set_ok("cmi.interactions.1.correct_responses.0.pattern", "t")
    assert sco.get("cmi.interactions._count") == "2"
    assert sco.get("cmi.interactions.0.objectives._count") == "2"
    assert sco.get("cmi.interactions.1.objectives._count") == "0"
    assert sco.get("cmi.interactions.1.correct_responses._count") == "1"


TYPES = [
    # (element, value, accepted)
    ("cmi.core.lesson_location", "x" * 255, True),
    ("cmi.core.lesson_location", "x" * 256, False),
    ("cmi.core.lesson_status", "passed", True),
    ("cmi.core.lesson_status", "completed", True),
    ("cmi.core.lesson_status", "failed", True),
    ("cmi.core.lesson_status", "browsed", True),
    ("cmi.core.lesson_status", "not attempted", False),
    ("cmi.core.lesson_status", "Passed", False),
    ("cmi.core.lesson_status", "", False),
    ("cmi.core.score.raw", "", True),
    ("cmi.core.score.raw", "0", True),
    ("cmi.core.score.raw", "100", True),
    ("cmi.core.score.raw", "99.99", True),
    ("cmi.core.score.raw", "100.01", False),
    ("cmi.core.score.raw", "-1", False),
    ("cmi.core.score.raw", "eighty", False),
    ("cmi.core.score.raw", "1e2", False),
    ("cmi.core.score.max", "101", False),
    ("cmi.core.exit", "", True),
    ("cmi.core.exit", "logout", True),
    ("cmi.core.exit", "time-out", True),
    ("cmi.core.exit", "normal", False),
    ("cmi.core.session_time", "00:00:01", True),
    ("cmi.core.session_time", "9999:99:99.99", True),
    ("cmi.core.session_time", "0000:00:01.5", True),
    ("cmi.core.session_time", "1:00:00", False),
    ("cmi.core.session_time", "00:00:01.123", False),
    ("cmi.core.session_time", "PT1S", False),
    ("cmi.suspend_data", "x" * 64000, True),
    ("cmi.suspend_data", "x" * 64001, False),
    ("cmi.comments", "x" * 4096, True),
    ("cmi.comments", "x" * 4097, False),
    ("cmi.student_preference.audio", "100", True),
    ("cmi.student_preference.audio", "101", False),
    ("cmi.student_preference.audio", "-2", False),
    ("cmi.student_preference.audio", "loud", False),
    ("cmi.student_preference.speed", "100", True),
    ("cmi.student_preference.speed", "-101", False),
    ("cmi.student_preference.text", "0", True),
    ("cmi.student_preference.text", "2", False),
    ("cmi.student_preference.language", "x" * 256, False),
    ("cmi.objectives.0.id", "obj 1", False),
    ("cmi.objectives.0.id", "", False),
    ("cmi.objectives.0.id", "x" * 256, False),
    ("cmi.objectives.0.status", "not attempted", True),
    ("cmi.objectives.0.status", "done", False),
    ("cmi.interactions.0.id", "q 1", False),
    ("cmi.interactions.0.time", "23:59:59", True),
    ("cmi.interactions.0.time", "24:00:00", False),
    ("cmi.interactions.0.time", "12:60:00", False),
    ("cmi.interactions.0.type", "true-false", True),
    ("cmi.interactions.0.type", "long-fill-in", False),
    ("cmi.interactions.0.type", "other", False),
    ("cmi.interactions.0.result", "correct", True),
    ("cmi.interactions.0.result", "unanticipated", True),
    ("cmi.interactions.0.result", "0.75", True),
    ("cmi.interactions.0.result", "incorrect", False),
    ("cmi.interactions.0.weighting", "-2.5", True),
    ("cmi.interactions.0.weighting", "heavy", False),
    ("cmi.interactions.0.latency", "0000:00:05.00", True),
    ("cmi.interactions.0.latency", "5s", False),
    ("cmi.interactions.0.student_response", "x" * 255, True),
    ("cmi.interactions.0.student_response", "x" * 256, False),
]


@pytest.mark.parametrize(("element", "value", "accepted"), TYPES)
def test_types_and_ranges(element: str, value: str, accepted: bool) -> None:
    sco = running("1.2")
    if element.startswith("cmi.objectives.0.") and not element.endswith(".id"):
        sco.set_ok("cmi.objectives.0.id", "o")
    assert sco.set(element, value) == ("true" if accepted else "false")
    assert sco.error() == (0 if accepted else 405)


def test_a_refused_value_leaves_the_old_one() -> None:
    sco = running("1.2")
    sco.set_ok("cmi.core.score.raw", "50")
    assert sco.set("cmi.core.score.raw", "500") == "false"
    assert sco.get("cmi.core.score.raw") == "50"


def test_a_refused_value_does_not_create_an_item() -> None:
    sco = running("1.2")
    assert sco.set("cmi.objectives.0.id", "has space") == "false"
    assert sco.get("cmi.objectives._count") == "0"


def test_browse_mode_and_no_credit_are_passed_through() -> None:
    launch = LaunchInfo("u", "L, F", mode="browse", credit="no-credit")
    sco = running("1.2", launch=launch)
    assert (sco.get("cmi.core.lesson_mode"), sco.get("cmi.core.credit")) == (
        "browse",
        "no-credit",
    )


def test_absent_launch_values_read_as_empty() -> None:
    sco = running("1.2")
    for element in ("cmi.student_data.mastery_score", "cmi.student_data.max_time_allowed"):
        assert sco.get(element) == ""
        assert sco.error() == 0


def test_mastery_score_keeps_its_fraction() -> None:
    sco = running("1.2", launch=LaunchInfo("u", "n", mastery_score=72.5))
    assert sco.get("cmi.student_data.mastery_score") == "72.5"


def test_not_initialized_runtime_rejects_before_checking_the_element() -> None:
    sco = Sco("1.2")
    assert sco.set("cmi.core.student_id", "x") == "false"
    assert sco.error() == 301
