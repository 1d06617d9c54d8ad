"""Attempts across sessions: suspend and resume, new attempts, time, snapshots."""

from __future__ import annotations

import json
from typing import Any

import pytest

from app.scorm import LaunchInfo, new_runtime
from tests.scorm.helpers import KEY, SPAN, Sco, running, session

VERSIONS = ["1.2", "2004"]
PROGRESS = {
    "1.2": {
        "cmi.core.lesson_location": "7",
        "cmi.core.lesson_status": "incomplete",
        "cmi.core.score.raw": "40",
        "cmi.suspend_data": "visited=1,2,3",
        "cmi.objectives.0.id": "obj_playing",
        "cmi.objectives.0.status": "incomplete",
        "cmi.interactions.0.id": "q1",
        "cmi.student_preference.language": "hi",
    },
    "2004": {
        "cmi.location": "7",
        "cmi.completion_status": "incomplete",
        "cmi.score.raw": "40",
        "cmi.suspend_data": "visited=1,2,3",
        "cmi.objectives.0.id": "obj_playing",
        "cmi.objectives.0.completion_status": "incomplete",
        "cmi.interactions.0.id": "q1",
        "cmi.learner_preference.language": "hi",
    },
}
READABLE = {  # what a resumed session reads back (1.2 interactions are write-only)
    "1.2": [k for k in PROGRESS["1.2"] if not k.startswith("cmi.interactions")],
    "2004": list(PROGRESS["2004"]),
}


@pytest.mark.parametrize("version", VERSIONS)
def test_suspend_then_resume_keeps_the_data(version: str) -> None:
    first = session(version, None, PROGRESS[version], "suspend", seconds=65)
    second = running(version, previous=first.rt.snapshot())
    assert (second.rt.new_attempt, second.rt.attempt) == (False, 1)
    assert second.get(KEY[version]["entry"]) == "resume"
    for element in READABLE[version]:
        assert second.get(element) == PROGRESS[version][element], element
    assert second.get("cmi.interactions._count") == "1"
    assert (
        second.get(KEY[version]["total"]) == {"1.2": "0000:01:05.00", "2004": "PT0H1M5S"}[version]
    )


@pytest.mark.parametrize("version", VERSIONS)
def test_resumed_sessions_add_up_time(version: str) -> None:
    first = session(version, None, {}, "suspend", seconds=65)
    second = session(version, first.rt.snapshot(), {}, "suspend", seconds=90.5)
    assert second.commits[-1].session_time_s == 90.5
    assert second.commits[-1].total_time_s == 155.5
    third = session(version, second.rt.snapshot(), {}, "suspend", seconds=3600)
    summary = third.commits[-1]
    assert (summary.session_time_s, summary.total_time_s) == (3600, 3755.5)
    fourth = running(version, previous=third.rt.snapshot())
    expected = {"1.2": "0001:02:35.50", "2004": "PT1H2M35.5S"}[version]
    assert fourth.get(KEY[version]["total"]) == expected


@pytest.mark.parametrize(
    ("version", "exit_value"),
    [
        ("1.2", ""),
        ("1.2", "logout"),
        ("1.2", "time-out"),
        ("2004", ""),
        ("2004", "normal"),
        ("2004", "logout"),
        ("2004", "time-out"),
    ],
)
def test_any_other_exit_starts_a_new_attempt(version: str, exit_value: str) -> None:
    first = session(version, None, PROGRESS[version], "suspend")
    second = session(version, first.rt.snapshot(), {}, exit_value)
    third = running(version, previous=second.rt.snapshot())
    assert (third.rt.new_attempt, third.rt.attempt) == (True, 2)
    assert third.get(KEY[version]["entry"]) == "ab-initio"
    assert third.get(KEY[version]["location"]) == ""
    assert third.get("cmi.suspend_data") == ""
    assert third.get("cmi.objectives._count") == "0"
    assert third.get("cmi.interactions._count") == "0"
    zero = {"1.2": "0000:00:00.00", "2004": "PT0H0M0S"}[version]
    assert third.get(KEY[version]["total"]) == zero
    fresh_status = {"1.2": "not attempted", "2004": "unknown"}[version]
    status = {"1.2": "cmi.core.lesson_status", "2004": "cmi.completion_status"}[version]
    assert third.get(status) == fresh_status


@pytest.mark.parametrize("version", VERSIONS)
def test_preferences_outlive_the_attempt(version: str) -> None:
    first = session(version, None, PROGRESS[version], "")
    second = running(version, previous=first.rt.snapshot())
    assert second.rt.new_attempt
    language = {"1.2": "cmi.student_preference.language", "2004": "cmi.learner_preference.language"}
    assert second.get(language[version]) == "hi"


@pytest.mark.parametrize("version", VERSIONS)
def test_first_launch(version: str) -> None:
    sco = running(version)
    assert (sco.rt.new_attempt, sco.rt.attempt) == (True, 1)
    assert sco.get(KEY[version]["entry"]) == "ab-initio"


@pytest.mark.parametrize("version", VERSIONS)
def test_an_unfinished_session_is_resumed_and_its_time_counted(version: str) -> None:
    crashed = running(version)
    crashed.set_ok(KEY[version]["location"], "4")
    crashed.set_ok(KEY[version]["session"], SPAN[version][65])
    assert crashed.commit() == "true"
    snapshot = crashed.commits[-1].data  # what the app stored; Finish never came
    assert snapshot["state"] == "running"
    after = running(version, previous=snapshot)
    assert not after.rt.new_attempt
    assert after.get(KEY[version]["entry"]) == "resume"
    assert after.get(KEY[version]["location"]) == "4"
    assert (
        after.rt.snapshot()["values"][KEY[version]["total"]]
        == {
            "1.2": "0000:01:05.00",
            "2004": "PT0H1M5S",
        }[version]
    )


@pytest.mark.parametrize("version", VERSIONS)
def test_a_session_that_never_started_is_started_again_as_it_was(version: str) -> None:
    first = session(version, None, PROGRESS[version], "suspend")
    unused = Sco(version, previous=first.rt.snapshot())  # launched, closed before Initialize
    again = running(version, previous=unused.rt.snapshot())
    assert (again.rt.new_attempt, again.get(KEY[version]["entry"])) == (False, "resume")
    assert again.get(KEY[version]["location"]) == "7"
    fresh = Sco(version)
    again_fresh = Sco(version, previous=fresh.rt.snapshot())
    assert (again_fresh.rt.new_attempt, again_fresh.rt.attempt) == (True, 1)


@pytest.mark.parametrize("version", VERSIONS)
def test_resume_forgets_the_session_only_values(version: str) -> None:
    first = session(version, None, {}, "suspend")
    values = running(version, previous=first.rt.snapshot()).rt.snapshot()["values"]
    assert KEY[version]["exit"] not in values
    assert KEY[version]["session"] not in values
    if version == "2004":
        assert values["adl.nav.request"] == "_none_"


@pytest.mark.parametrize("version", VERSIONS)
def test_launch_values_are_refreshed_on_resume(version: str) -> None:
    first = session(version, None, {}, "suspend")
    launch = LaunchInfo("learner-7", "Renamed, Learner", mode="review")
    second = running(version, previous=first.rt.snapshot(), launch=launch)
    name = {"1.2": "cmi.core.student_name", "2004": "cmi.learner_name"}[version]
    mode = {"1.2": "cmi.core.lesson_mode", "2004": "cmi.mode"}[version]
    assert (second.get(name), second.get(mode)) == ("Renamed, Learner", "review")


BROKEN: list[Any] = [
    {},
    {"format": "something-else", "version": "1.2"},
    {"format": "kyo-scorm-runtime/1", "version": "1.2", "state": "running"},
    {
        "format": "kyo-scorm-runtime/1",
        "version": "1.2",
        "state": "odd",
        "attempt": 1,
        "values": {},
        "counts": {},
    },
    {
        "format": "kyo-scorm-runtime/1",
        "version": "1.2",
        "state": "running",
        "attempt": "1",
        "values": {},
        "counts": {},
    },
    {
        "format": "kyo-scorm-runtime/1",
        "version": "1.2",
        "state": "running",
        "attempt": 1,
        "values": {"cmi.core.lesson_location": 3},
        "counts": {},
    },
    {
        "format": "kyo-scorm-runtime/1",
        "version": "1.2",
        "state": "running",
        "attempt": 1,
        "values": {},
        "counts": {"cmi.objectives": True},
    },
    {
        "format": "kyo-scorm-runtime/1",
        "version": "1.2",
        "state": "running",
        "attempt": 1,
        "values": [],
        "counts": {},
    },
]


@pytest.mark.parametrize("previous", BROKEN)
def test_an_unreadable_previous_starts_afresh(previous: Any) -> None:
    sco = running("1.2", previous=previous)
    assert (sco.rt.new_attempt, sco.rt.attempt) == (True, 1)
    assert sco.get("cmi.core.entry") == "ab-initio"


def test_the_other_versions_snapshot_is_ignored() -> None:
    first = session("1.2", None, PROGRESS["1.2"], "suspend")
    sco = running("2004", previous=first.rt.snapshot())
    assert sco.rt.new_attempt
    assert sco.get("cmi.location") == ""


@pytest.mark.parametrize("version", VERSIONS)
def test_snapshots_survive_json(version: str) -> None:
    first = session(version, None, PROGRESS[version], "suspend")
    stored = json.loads(json.dumps(first.rt.snapshot()))
    second = running(version, previous=stored)
    assert second.get(KEY[version]["location"]) == "7"


@pytest.mark.parametrize("version", VERSIONS)
def test_the_last_summary_data_is_the_snapshot(version: str) -> None:
    sco = session(version, None, PROGRESS[version], "suspend")
    assert sco.commits[-1].data == sco.rt.snapshot()
    assert sco.rt.snapshot()["state"] == "terminated"


def test_unknown_version() -> None:
    with pytest.raises(ValueError, match="SCORM version"):
        new_runtime("1.3", LaunchInfo("u", "n"), None, lambda summary: None)


@pytest.mark.parametrize("version", VERSIONS)
def test_snapshot_is_a_copy(version: str) -> None:
    sco = running(version)
    snapshot = sco.rt.snapshot()
    snapshot["values"][KEY[version]["location"]] = "tampered"
    assert sco.get(KEY[version]["location"]) == ""
