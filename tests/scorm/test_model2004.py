"""The SCORM 2004 data model: permissions, types, keywords, arrays, dependencies (RTE 4th ed.).

The element lists here are written from the specification, not read from the implementation's
tables, so a wrong table fails them.
"""

from __future__ import annotations

import pytest

from app.scorm import LaunchInfo
from tests.scorm.helpers import running

FULL_LAUNCH = LaunchInfo(
    learner_id="u-42",
    learner_name="Ravi Verma",
    launch_data="level=2",
    mastery_score=0.8,
    max_time_allowed_s=5400,
    time_limit_action="exit,message",
    completion_threshold=0.75,
    mode="review",
    credit="no-credit",
)
READ_ONLY = {
    "cmi._version": "1.0",
    "cmi.completion_threshold": "0.75",
    "cmi.credit": "no-credit",
    "cmi.entry": "ab-initio",
    "cmi.launch_data": "level=2",
    "cmi.learner_id": "u-42",
    "cmi.learner_name": "Ravi Verma",
    "cmi.max_time_allowed": "PT1H30M0S",
    "cmi.mode": "review",
    "cmi.scaled_passing_score": "0.8",
    "cmi.time_limit_action": "exit,message",
    "cmi.total_time": "PT0H0M0S",
    "adl.nav.request_valid.continue": "unknown",
    "adl.nav.request_valid.previous": "unknown",
    "adl.nav.request_valid.choice.{target=sco-2}": "unknown",
    "adl.nav.request_valid.jump.{target=urn:x.y.z}": "unknown",
}
WRITE_ONLY = {"cmi.exit": "suspend", "cmi.session_time": "PT2M"}
READ_WRITE = {
    "cmi.completion_status": "incomplete",
    "cmi.learner_preference.audio_level": "0.5",
    "cmi.learner_preference.language": "hi-IN",
    "cmi.learner_preference.delivery_speed": "1.25",
    "cmi.learner_preference.audio_captioning": "-1",
    "cmi.location": "chapter-2/page-4",
    "cmi.progress_measure": "0.4",
    "cmi.score.scaled": "-0.25",
    "cmi.score.raw": "-12.5",
    "cmi.score.min": "-50",
    "cmi.score.max": "50",
    "cmi.success_status": "failed",
    "cmi.suspend_data": '{"p":[1,2,3]}',
    "adl.nav.request": "continue",
}


@pytest.mark.parametrize(("element", "value"), READ_ONLY.items())
def test_read_only_elements(element: str, value: str) -> None:
    sco = running("2004", launch=FULL_LAUNCH)
    assert sco.get(element) == value
    assert sco.error() == 0
    assert sco.set(element, value) == "false"
    assert sco.error() == 404


@pytest.mark.parametrize(
    "element",
    [
        "cmi.comments_from_lms.0.comment",
        "cmi.comments_from_lms.0.location",
        "cmi.comments_from_lms.0.timestamp",
    ],
)
def test_comments_from_lms_are_read_only(element: str) -> None:
    sco = running("2004")
    assert sco.set(element, "x") == "false"
    assert sco.error() == 404
    assert sco.get("cmi.comments_from_lms._count") == "0"


@pytest.mark.parametrize(("element", "value"), WRITE_ONLY.items())
def test_write_only_elements(element: str, value: str) -> None:
    sco = running("2004")
    sco.set_ok(element, value)
    assert sco.get(element) == ""
    assert sco.error() == 405


@pytest.mark.parametrize(("element", "value"), READ_WRITE.items())
def test_read_write_elements(element: str, value: str) -> None:
    sco = running("2004")
    sco.set_ok(element, value)
    assert sco.get(element) == value
    assert sco.error() == 0


@pytest.mark.parametrize(
    "element",
    [
        "cmi.location",
        "cmi.suspend_data",
        "cmi.score.scaled",
        "cmi.score.raw",
        "cmi.progress_measure",
        "cmi.launch_data",
        "cmi.completion_threshold",
        "cmi.scaled_passing_score",
        "cmi.max_time_allowed",
    ],
)
def test_elements_without_a_value_are_not_initialized(element: str) -> None:
    sco = running("2004")
    assert sco.get(element) == ""
    assert sco.error() == 403


def test_defaults() -> None:
    sco = running("2004")
    assert {
        element: sco.get(element)
        for element in [
            "cmi.completion_status",
            "cmi.success_status",
            "cmi.credit",
            "cmi.mode",
            "cmi.time_limit_action",
            "cmi.learner_preference.audio_level",
            "cmi.learner_preference.language",
            "cmi.learner_preference.delivery_speed",
            "cmi.learner_preference.audio_captioning",
            "adl.nav.request",
        ]
    } == {
        "cmi.completion_status": "unknown",
        "cmi.success_status": "unknown",
        "cmi.credit": "credit",
        "cmi.mode": "normal",
        "cmi.time_limit_action": "continue,no message",
        "cmi.learner_preference.audio_level": "1",
        "cmi.learner_preference.language": "",
        "cmi.learner_preference.delivery_speed": "1",
        "cmi.learner_preference.audio_captioning": "0",
        "adl.nav.request": "_none_",
    }


CHILDREN = {
    "cmi.comments_from_learner": "comment,location,timestamp",
    "cmi.comments_from_lms": "comment,location,timestamp",
    "cmi.interactions": "id,type,objectives,timestamp,correct_responses,weighting,"
    "learner_response,result,latency,description",
    "cmi.learner_preference": "audio_level,language,delivery_speed,audio_captioning",
    "cmi.objectives": "id,score,success_status,completion_status,progress_measure,description",
    "cmi.score": "scaled,raw,min,max",
    "cmi.objectives.0.score": "scaled,raw,min,max",
}


@pytest.mark.parametrize(("parent", "children"), CHILDREN.items())
def test_children(parent: str, children: str) -> None:
    sco = running("2004")
    assert sco.get(parent + "._children") == children
    assert sco.error() == 0


@pytest.mark.parametrize(
    ("element", "code"),
    [
        ("cmi.location._children", 301),
        ("cmi._children", 301),
        ("cmi.interactions.0.objectives._children", 301),
        ("cmi.score._count", 301),
        ("cmi.learner_preference._count", 301),
        ("cmi.location._count", 301),
        ("cmi.nothing._children", 401),
        ("cmi.nothing._count", 401),
        ("cmi.interactions.0.objectives._count", 301),  # no interaction 0 yet
    ],
)
def test_keywords_where_they_do_not_apply(element: str, code: int) -> None:
    sco = running("2004")
    assert sco.get(element) == ""
    assert sco.error() == code


@pytest.mark.parametrize(
    "element",
    ["cmi._version", "cmi.score._children", "cmi.objectives._count", "cmi.interactions._children"],
)
def test_keywords_cannot_be_set(element: str) -> None:
    sco = running("2004")
    assert sco.set(element, "1") == "false"
    assert sco.error() == 404


@pytest.mark.parametrize(
    "element",
    [
        "cmi.core.lesson_status",
        "cmi.core.student_id",
        "cmi.student_preference.audio",
        "cmi.suspend",
        "cmi.objectives.0",
        "cmi.objectives.n.id",
        "adl.nav.choice",
        "cmi.interactions.0.student_response",
    ],
)
def test_undefined_elements(element: str) -> None:
    sco = running("2004")
    assert sco.get(element) == ""
    assert sco.error() == 401
    assert sco.set(element, "x") == "false"
    assert sco.error() == 401


@pytest.mark.parametrize("element", ["adl.data._children", "adl.data.0.id", "adl.data.0.store"])
def test_adl_data_is_not_implemented(element: str) -> None:
    sco = running("2004")
    assert sco.get(element) == ""
    assert sco.error() == 402
    assert sco.set(element, "x") == "false"
    assert sco.error() == 402


def test_empty_element_name() -> None:
    sco = running("2004")
    assert sco.get("") == ""
    assert sco.error() == 301
    assert sco.set("", "x") == "false"
    assert sco.error() == 351


def test_index_gaps() -> None:
    sco = running("2004")
    for element in [
        "cmi.objectives.1.id",
        "cmi.interactions.5.id",
        "cmi.comments_from_learner.1.comment",
    ]:
        assert sco.set(element, "x") == "false"
        assert sco.error() == 351, element
    sco.set_ok("cmi.interactions.0.id", "q1")
    assert sco.set("cmi.interactions.0.objectives.1.id", "o") == "false"
    assert sco.error() == 351
    assert sco.get("cmi.objectives._count") == "0"


def test_reading_past_the_end() -> None:
    sco = running("2004")
    assert sco.get("cmi.objectives.0.id") == ""
    assert sco.error() == 301
    sco.set_ok("cmi.objectives.0.id", "o")
    assert sco.get("cmi.objectives.1.id") == ""
    assert sco.error() == 301


TYPES = [
    # (element, value, error: 0, 406 or 407)
    ("cmi.completion_status", "done", 406),
    ("cmi.completion_status", "not attempted", 0),
    ("cmi.success_status", "incomplete", 406),
    ("cmi.exit", "normal", 0),
    ("cmi.exit", "time-out", 0),
    ("cmi.exit", "logout", 0),
    ("cmi.exit", "", 0),
    ("cmi.exit", "quit", 406),
    ("cmi.location", "x" * 1000, 0),
    ("cmi.location", "x" * 1001, 406),
    ("cmi.suspend_data", "x" * 64000, 0),
    ("cmi.suspend_data", "x" * 64001, 406),
    ("cmi.score.scaled", "1", 0),
    ("cmi.score.scaled", "-1", 0),
    ("cmi.score.scaled", "1.0000001", 407),
    ("cmi.score.scaled", "-1.5", 407),
    ("cmi.score.scaled", "high", 406),
    ("cmi.score.raw", "1000000.5", 0),
    ("cmi.score.raw", "", 406),
    ("cmi.score.raw", "1,5", 406),
    ("cmi.progress_measure", "0", 0),
    ("cmi.progress_measure", "1.01", 407),
    ("cmi.progress_measure", "-0.1", 407),
    ("cmi.session_time", "PT1H2M3.45S", 0),
    ("cmi.session_time", "P1DT2H", 0),
    ("cmi.session_time", "P0S", 0),
    ("cmi.session_time", "PT0S", 0),
    ("cmi.session_time", "P", 406),
    ("cmi.session_time", "PT", 406),
    ("cmi.session_time", "0000:01:00", 406),
    ("cmi.session_time", "PT-5S", 406),
    ("cmi.learner_preference.audio_level", "-0.1", 407),
    ("cmi.learner_preference.audio_level", "100", 0),
    ("cmi.learner_preference.delivery_speed", "-1", 407),
    ("cmi.learner_preference.audio_captioning", "2", 406),
    ("cmi.learner_preference.language", "en-US", 0),
    ("cmi.learner_preference.language", "", 0),
    ("cmi.learner_preference.language", "english language", 406),
    ("cmi.learner_preference.language", "toolongtag-x", 406),
    ("adl.nav.request", "exitAll", 0),
    ("adl.nav.request", "suspendAll", 0),
    ("adl.nav.request", "abandonAll", 0),
    ("adl.nav.request", "previous", 0),
    ("adl.nav.request", "_none_", 0),
    ("adl.nav.request", "{target=sco_2}choice", 0),
    ("adl.nav.request", "{target=sco_2}jump", 0),
    ("adl.nav.request", "choice", 406),
    ("adl.nav.request", "retry", 406),
    ("adl.nav.request", "{target=}choice", 406),
    ("cmi.comments_from_learner.0.comment", "{lang=en}" + "x" * 4000, 0),
    ("cmi.comments_from_learner.0.comment", "x" * 4001, 406),
    ("cmi.comments_from_learner.0.comment", "{lang=not a tag}hello", 406),
    ("cmi.comments_from_learner.0.location", "x" * 251, 406),
    ("cmi.comments_from_learner.0.timestamp", "2026", 0),
    ("cmi.comments_from_learner.0.timestamp", "2026-02-28T23:59", 0),
    ("cmi.comments_from_learner.0.timestamp", "2026-02-30", 406),
    ("cmi.comments_from_learner.0.timestamp", "2026-13-01", 406),
    ("cmi.comments_from_learner.0.timestamp", "1969-12-31", 406),
    ("cmi.comments_from_learner.0.timestamp", "2026-01-01T25:00", 406),
    ("cmi.comments_from_learner.0.timestamp", "2026-01-01Z", 406),
    ("cmi.comments_from_learner.0.timestamp", "01/02/2026", 406),
    ("cmi.objectives.0.id", "", 406),
    ("cmi.objectives.0.id", "has space", 406),
    ("cmi.objectives.0.id", "x" * 4000, 0),
    ("cmi.objectives.0.id", "x" * 4001, 406),
    ("cmi.interactions.0.id", "urn:example:q1", 0),
    ("cmi.interactions.0.id", "q 1", 406),
]


@pytest.mark.parametrize(("element", "value", "code"), TYPES)
def test_types_and_ranges(element: str, value: str, code: int) -> None:
    sco = running("2004")
    assert sco.set(element, value) == ("false" if code else "true")
    assert sco.error() == code


def test_nav_request_is_stored_for_the_player() -> None:
    sco = running("2004")
    assert sco.rt.nav_request == "_none_"
    sco.set_ok("adl.nav.request", "{target=intro}choice")
    assert sco.rt.nav_request == "{target=intro}choice"
    assert sco.finish() == "true"
    assert sco.rt.nav_request == "{target=intro}choice"


def test_launch_data_present_when_given() -> None:
    sco = running("2004", launch=LaunchInfo("u", "n", launch_data="x=1"))
    assert sco.get("cmi.launch_data") == "x=1"
