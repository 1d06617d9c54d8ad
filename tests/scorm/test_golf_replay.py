"""The golf samples' call sequences, replayed against the runtime call by call."""

from __future__ import annotations

from typing import Any

import pytest

from app.scorm import CommitSummary
from tests.scorm import golf
from tests.scorm.helpers import Sco


def replay(sco: Sco, calls: list[golf.Call]) -> None:
    for method, *args, expected in calls:
        assert sco.rt.call(method, *args) == expected, (method, args, sco.error(), sco.diag())


def launch(version: str, calls: list[golf.Call], previous: Any = None) -> Sco:
    sco = Sco(version, previous=previous)
    replay(sco, calls)
    return sco


@pytest.mark.parametrize(
    ("package", "needles"),
    [
        (
            golf.SCORM_12,
            [
                'API.LMSInitialize("")',
                'API.LMSFinish("")',
                'ScormProcessGetValue("cmi.core.lesson_status")',
                'ScormProcessSetValue("cmi.core.lesson_status", "incomplete")',
                'ScormProcessGetValue("cmi.core.lesson_location")',
                'ScormProcessSetValue("cmi.core.lesson_location", currentPage)',
                'ScormProcessSetValue("cmi.core.session_time", scormTime)',
                'ScormProcessSetValue("cmi.core.exit", "suspend")',
                'ScormProcessSetValue("cmi.core.score.raw", score)',
                'ScormProcessSetValue("cmi.core.lesson_status", "passed")',
            ],
        ),
        (
            golf.SCORM_2004,
            [
                'API.Initialize("")',
                'API.Terminate("")',
                'ScormProcessGetValue("cmi.completion_status", true)',
                'ScormProcessGetValue("cmi.location", false)',
                'ScormProcessSetValue("cmi.location", currentPage)',
                'ScormProcessSetValue("cmi.session_time", scormTime)',
                'ScormProcessSetValue("adl.nav.request", "suspendAll")',
                'ScormProcessSetValue("cmi.score.scaled", scaledScore)',
                'ScormProcessSetValue("cmi.success_status", "passed")',
            ],
        ),
    ],
)
def test_the_transcripts_follow_the_samples_code(package: str, needles: list[str]) -> None:
    source = "\n".join(text for _name, text in golf.launch_scripts(package))
    for needle in needles:
        assert needle in source


def test_12_suspend_resume_complete_and_start_again() -> None:
    first = launch("1.2", golf.FIRST_12)
    summary = first.commits[-1]
    assert (summary.terminated, summary.completion, summary.success) == (
        True,
        "incomplete",
        "unknown",
    )
    assert (summary.location, summary.exit, summary.total_time_s) == ("3", "suspend", 65)

    second = launch("1.2", golf.SECOND_12, first.rt.snapshot())
    assert not second.rt.new_attempt
    final: CommitSummary = second.commits[-1]
    assert (final.completion, final.success, final.score_raw) == ("completed", "passed", 80)
    assert (final.location, final.exit) == ("15", "")
    assert (final.session_time_s, final.total_time_s) == (300, 365)
    assert final.data["values"]["cmi.core.total_time"] == "0000:06:05.00"

    third = launch("1.2", golf.THIRD_12, second.rt.snapshot())
    assert (third.rt.new_attempt, third.rt.attempt) == (True, 2)
    assert third.get("cmi.core.entry") == "ab-initio"


def test_2004_suspend_resume_complete_and_start_again() -> None:
    first = launch("2004", golf.FIRST_2004)
    assert first.rt.nav_request == "suspendAll"
    summary = first.commits[-1]
    assert (summary.completion, summary.success, summary.location) == ("incomplete", "unknown", "3")
    assert (summary.exit, summary.total_time_s) == ("suspend", 65)

    second = launch("2004", golf.SECOND_2004, first.rt.snapshot())
    assert not second.rt.new_attempt
    final = second.commits[-1]
    assert (final.completion, final.success) == ("completed", "passed")
    assert (final.score_scaled, final.score_raw, final.score_min, final.score_max) == (
        0.85,
        85,
        0,
        100,
    )
    assert (final.session_time_s, final.total_time_s) == (300, 365)
    assert final.data["values"]["cmi.total_time"] == "PT0H6M5S"
    assert second.rt.nav_request == "exitAll"

    third = launch("2004", golf.THIRD_2004, second.rt.snapshot())
    assert (third.rt.new_attempt, third.rt.attempt) == (True, 2)


def test_2004_first_location_read_is_not_initialized() -> None:
    """The sample reads cmi.location without checking errors: on a first launch it is 403."""
    sco = launch("2004", golf.FIRST_2004[:4])
    assert sco.error() == 403


def test_the_resumed_session_reads_entry_resume() -> None:
    for version, first in (("1.2", golf.FIRST_12), ("2004", golf.FIRST_2004)):
        previous = launch(version, first).rt.snapshot()
        sco = Sco(version, previous=previous)
        assert sco.init() == "true"
        entry = "cmi.core.entry" if version == "1.2" else "cmi.entry"
        assert sco.get(entry) == "resume"


def test_commits_track_the_pages() -> None:
    sco = launch("1.2", golf.FIRST_12)
    assert len(sco.commits) == 1  # the sample never calls LMSCommit: only LMSFinish
