"""A SCO's side of the API, for tests: the same calls under either version's method names."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from app.scorm import CommitSummary, LaunchInfo, Runtime, new_runtime

LEARNER = LaunchInfo(learner_id="learner-7", learner_name="Sharma, Asha")

NAMES = {
    "1.2": {
        "init": "LMSInitialize",
        "finish": "LMSFinish",
        "get": "LMSGetValue",
        "set": "LMSSetValue",
        "commit": "LMSCommit",
        "error": "LMSGetLastError",
        "string": "LMSGetErrorString",
        "diagnostic": "LMSGetDiagnostic",
    },
    "2004": {
        "init": "Initialize",
        "finish": "Terminate",
        "get": "GetValue",
        "set": "SetValue",
        "commit": "Commit",
        "error": "GetLastError",
        "string": "GetErrorString",
        "diagnostic": "GetDiagnostic",
    },
}
# Where each version keeps the same things.
KEY = {
    "1.2": {
        "location": "cmi.core.lesson_location",
        "session": "cmi.core.session_time",
        "total": "cmi.core.total_time",
        "exit": "cmi.core.exit",
        "entry": "cmi.core.entry",
        "raw": "cmi.core.score.raw",
    },
    "2004": {
        "location": "cmi.location",
        "session": "cmi.session_time",
        "total": "cmi.total_time",
        "exit": "cmi.exit",
        "entry": "cmi.entry",
        "raw": "cmi.score.raw",
    },
}
# The same durations in each version's format.
SPAN = {
    "1.2": {65: "0000:01:05", 90.5: "0000:01:30.50", 3600: "0001:00:00.00"},
    "2004": {65: "PT1M5S", 90.5: "PT1M30.5S", 3600: "PT1H"},
}


class Sco:
    """One session, driven as a SCO drives it; commits are collected in `commits`."""

    def __init__(
        self,
        version: str,
        previous: Mapping[str, Any] | None = None,
        launch: LaunchInfo = LEARNER,
        on_commit: Callable[[CommitSummary], None] | None = None,
    ) -> None:
        self.version = version
        self.commits: list[CommitSummary] = []
        self.names = NAMES[version]
        self.key = KEY[version]
        self.rt: Runtime = new_runtime(version, launch, previous, on_commit or self.commits.append)

    def api(self, op: str, *args: str) -> str:
        return self.rt.call(self.names[op], *args)

    def init(self) -> str:
        return self.api("init", "")

    def finish(self) -> str:
        return self.api("finish", "")

    def commit(self) -> str:
        return self.api("commit", "")

    def get(self, element: str) -> str:
        return self.api("get", element)

    def set(self, element: str, value: str) -> str:
        return self.api("set", element, value)

    def error(self) -> int:
        return int(self.api("error"))

    def set_ok(self, element: str, value: str) -> None:
        assert self.set(element, value) == "true", (element, value, self.error(), self.diag())
        assert self.error() == 0

    def diag(self) -> str:
        return self.api("diagnostic", "")


def running(version: str, launch: LaunchInfo = LEARNER, **kw: Any) -> Sco:
    sco = Sco(version, launch=launch, **kw)
    assert sco.init() == "true"
    return sco


def session(
    version: str,
    previous: Mapping[str, Any] | None,
    values: Mapping[str, str],
    exit_value: str,
    seconds: float = 65,
) -> Sco:
    """A whole session: set `values`, the session time and exit, then finish."""
    sco = running(version, previous=previous)
    for element, value in values.items():
        sco.set_ok(element, value)
    sco.set_ok(sco.key["session"], SPAN[version][seconds])
    sco.set_ok(sco.key["exit"], exit_value)
    assert sco.finish() == "true"
    return sco
