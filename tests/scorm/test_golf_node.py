"""The golf samples' own JavaScript, run in Node, driving the real runtime.

golf_harness.js loads the sample's launch-page scripts into a stub window whose parent holds
`API` / `API_1484_11`; every API call blocks on a JSON line to this process, which answers it
with `Runtime.call`. A fake clock makes session times exact, `confirm()` answers are scripted,
and any `alert()` (the sample's way of reporting a SCORM error) fails the test.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import pytest

from app.scorm import Runtime
from tests.scorm import golf
from tests.scorm.helpers import NAMES, Sco

NODE = shutil.which("node")
HARNESS = Path(__file__).with_name("golf_harness.js")
TIMEOUT_S = 20

pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")


class Page:
    """One load of a sample's launch page, its API calls answered by `runtime`."""

    def __init__(self, runtime: Runtime, package: str) -> None:
        assert NODE is not None
        self.runtime = runtime
        self.calls: list[tuple[str, ...]] = []
        self.alerts: list[str] = []
        self.process = subprocess.Popen(
            [NODE, str(HARNESS)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        self.watchdog = threading.Timer(TIMEOUT_S, self.process.kill)
        self.watchdog.start()
        api = "API" if runtime.version == "1.2" else "API_1484_11"
        methods = list(NAMES[runtime.version].values())
        self._send({"scripts": golf.launch_scripts(package), "api": api, "methods": methods})

    def run(self, code: str, advance_ms: int = 0, confirm: tuple[bool, ...] = ()) -> Any:
        """Evaluate `code` in the page, answering its API calls; its value, as JSON."""
        self._send({"eval": code, "advance": advance_ms, "confirm": list(confirm)})
        while True:
            message = json.loads(self._line())
            if "call" in message:
                call = (message["call"], *message["args"])
                self.calls.append(call)
                self._send({"result": self.runtime.call(*call)})
                continue
            self.alerts.extend(message["alerts"])
            assert "error" not in message, message["error"]
            return message["value"]

    def _line(self) -> str:
        line = self._pipe(self.process.stdout).readline()
        if not line:
            self.process.wait(TIMEOUT_S)
            errors = self._pipe(self.process.stderr).read()
            raise AssertionError(f"node stopped ({self.process.returncode}): {errors}")
        return line

    def _send(self, message: dict[str, Any]) -> None:
        stdin = self._pipe(self.process.stdin)
        stdin.write(json.dumps(message) + "\n")
        stdin.flush()

    @staticmethod
    def _pipe(stream: IO[str] | None) -> IO[str]:
        assert stream is not None
        return stream

    def __enter__(self) -> Page:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._pipe(self.process.stdin).close()
        try:
            self.process.wait(TIMEOUT_S)
        finally:
            self.watchdog.cancel()
            self.process.kill()
            for stream in (self.process.stdout, self.process.stderr):
                self._pipe(stream).close()


def without_results(calls: list[golf.Call]) -> list[tuple[str, ...]]:
    return [call[:-1] for call in calls]


def browser_closes(page: Page) -> None:
    """What the browser does when the window goes: onbeforeunload, then onunload."""
    page.run("doUnload(false); doUnload();")


def test_12_sample_suspends_resumes_and_completes() -> None:
    first = Sco("1.2")
    with Page(first.rt, golf.SCORM_12) as page:
        page.run("doStart()")
        assert page.run("currentPage") == 0
        for _ in range(3):
            page.run("doNext()")
        page.run("doUnload(false)", advance_ms=65_000)  # the learner closes the window
        browser_closes(page)
    assert page.calls == without_results(golf.FIRST_12)
    assert page.alerts == []
    assert (first.commits[-1].location, first.commits[-1].total_time_s) == ("3", 65)

    second = Sco("1.2", previous=first.rt.snapshot())
    with Page(second.rt, golf.SCORM_12) as page:
        page.run("doStart()", confirm=(True,))  # "resume from where you left off?" yes
        assert page.run("currentPage") == 3
        while page.run("currentPage") < golf.LAST_12:
            page.run("doNext()")
        page.run("RecordTest(80)")  # what the assessment frame calls on its parent
        page.run("doExit()", advance_ms=300_000)
        browser_closes(page)
    assert page.calls == without_results(golf.SECOND_12)
    assert page.alerts == []
    final = second.commits[-1]
    assert (final.completion, final.success, final.score_raw) == ("completed", "passed", 80)
    assert (final.total_time_s, final.terminated) == (365, True)

    third = Sco("1.2", previous=second.rt.snapshot())
    with Page(third.rt, golf.SCORM_12) as page:
        page.run("doStart()")
        assert page.run("currentPage") == 0
    assert page.calls == without_results(golf.THIRD_12)
    assert third.rt.new_attempt


def test_2004_sample_suspends_resumes_and_completes() -> None:
    first = Sco("2004")
    with Page(first.rt, golf.SCORM_2004) as page:
        page.run("doStart()")
        for _ in range(3):
            page.run("doNext()")
        page.run("doExit()", advance_ms=65_000, confirm=(True,))  # "save your progress?" yes
        browser_closes(page)
    assert page.calls == without_results(golf.FIRST_2004)
    assert page.alerts == []
    assert first.rt.nav_request == "suspendAll"

    second = Sco("2004", previous=first.rt.snapshot())
    with Page(second.rt, golf.SCORM_2004) as page:
        page.run("doStart()", confirm=(True,))
        assert page.run("currentPage") == 3
        while page.run("currentPage") < golf.LAST_2004:
            page.run("doNext()")
        page.run("RecordTest(85)")
        page.run("doExit()", advance_ms=300_000)
        browser_closes(page)
    assert page.calls == without_results(golf.SECOND_2004)
    assert page.alerts == []
    final = second.commits[-1]
    assert (final.completion, final.success, final.score_scaled) == ("completed", "passed", 0.85)
    assert final.total_time_s == 365
    assert second.rt.nav_request == "exitAll"

    third = Sco("2004", previous=second.rt.snapshot())
    with Page(third.rt, golf.SCORM_2004) as page:
        page.run("doStart()")
    assert page.calls == without_results(golf.THIRD_2004)


@pytest.mark.parametrize(
    ("version", "package", "zero"),
    [("1.2", golf.SCORM_12, "0000:00:00"), ("2004", golf.SCORM_2004, "P0S")],
)
def test_closing_the_window_at_once_suspends(version: str, package: str, zero: str) -> None:
    first = Sco(version)
    with Page(first.rt, package) as page:
        page.run("doStart()")
        page.run("doNext(); doNext()")
        browser_closes(page)  # no time passed: the 2004 sample writes "P0S" (no "T")
    assert page.alerts == []
    session_time = "cmi.core.session_time" if version == "1.2" else "cmi.session_time"
    assert (NAMES[version]["set"], session_time, zero) in page.calls
    summary = first.commits[-1]
    assert (summary.exit, summary.location, summary.session_time_s) == ("suspend", "2", 0)
    second = Sco(version, previous=first.rt.snapshot())
    with Page(second.rt, package) as page:
        page.run("doStart()", confirm=(True,))
        assert page.run("currentPage") == 2
    assert page.alerts == []


def test_2004_sample_failing_the_test() -> None:
    sco = Sco("2004")
    with Page(sco.rt, golf.SCORM_2004) as page:
        page.run("doStart()")
        page.run("RecordTest(33)")
        page.run("doExit()", confirm=(False,))  # do not save: exit normally
    assert page.alerts == []
    summary = sco.commits[-1]
    assert (summary.success, summary.score_scaled, summary.exit) == ("failed", 0.33, "")
    assert sco.rt.nav_request == "exitAll"
    again = Sco("2004", previous=sco.rt.snapshot())
    assert again.rt.new_attempt


def test_an_on_commit_failure_reaches_the_sample_as_an_alert() -> None:
    def refuse(summary: object) -> None:
        raise OSError("disk full")

    sco = Sco("1.2", on_commit=refuse)
    with Page(sco.rt, golf.SCORM_12) as page:
        page.run("doStart()")
        browser_closes(page)
    (alert,) = page.alerts
    assert "Could not terminate" in alert
    assert "Number: 101" in alert
    assert "General exception" in alert
    assert "disk full" in alert
