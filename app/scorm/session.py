"""Starting a session: the launch data, and whether it resumes the last attempt or starts one.

An attempt resumes when the last session ended with exit "suspend" (cmi.core.exit in 1.2,
cmi.exit in 2004): its data is kept, cmi.entry is "resume" and total time carries on. Any other
exit ("", "normal", "logout", "time-out") ends the attempt: the next session starts afresh with
entry "ab-initio", keeping only the learner's preferences. A session that never finished (the
player closed, the app crashed) counts as suspended, so the learner loses nothing; its
session_time, if the SCO set one, is added to the total then.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple, TypeGuard

from app.scorm import model12, model2004, timing
from app.scorm.datamodel import DataModel
from app.scorm.profile import Profile
from app.scorm.runtime import NOT_INITIALIZED, RUNNING, TERMINATED, Runtime
from app.scorm.summary import SNAPSHOT_FORMAT, CommitSummary

PROFILES = {"1.2": model12.PROFILE, "2004": model2004.PROFILE}


@dataclass(frozen=True)
class LaunchInfo:
    """What the LMS tells the SCO at launch (from the learner's profile and the manifest)."""

    learner_id: str
    learner_name: str  # SCORM 1.2 wants "Last, First"; passed through as given
    launch_data: str = ""  # adlcp:dataFromLMS
    # 1.2: 0-100 (cmi.student_data.mastery_score); 2004: scaled_passing_score, -1..1
    mastery_score: float | None = None
    max_time_allowed_s: float | None = None
    time_limit_action: str | None = None
    completion_threshold: float | None = None  # 2004
    mode: str = "normal"  # normal | browse | review
    credit: str = "credit"


class _Start(NamedTuple):
    values: dict[str, str]
    counts: dict[str, int]
    resumed: bool
    attempt: int


class _Prior(NamedTuple):
    state: str
    attempt: int
    values: dict[str, str]
    counts: dict[str, int]


def _number(value: float | None) -> str | None:
    return None if value is None else f"{value:.7f}".rstrip("0").rstrip(".")


def _span(seconds: float | None, form: Callable[[float], str]) -> str | None:
    return None if seconds is None else form(seconds)


# Values the launch decides, every session; None leaves the element without a value.
_LAUNCH: dict[str, dict[str, Callable[[LaunchInfo], str | None]]] = {
    "1.2": {
        "cmi._version": lambda _: model12.VERSION,
        "cmi.core.student_id": lambda info: info.learner_id,
        "cmi.core.student_name": lambda info: info.learner_name,
        "cmi.core.credit": lambda info: info.credit,
        "cmi.core.lesson_mode": lambda info: info.mode,
        "cmi.launch_data": lambda info: info.launch_data,
        "cmi.student_data.mastery_score": lambda info: _number(info.mastery_score),
        "cmi.student_data.max_time_allowed": lambda info: _span(
            info.max_time_allowed_s, timing.format_timespan_12
        ),
        "cmi.student_data.time_limit_action": lambda info: info.time_limit_action,
    },
    "2004": {
        "cmi._version": lambda _: "1.0",
        "cmi.learner_id": lambda info: info.learner_id,
        "cmi.learner_name": lambda info: info.learner_name,
        "cmi.credit": lambda info: info.credit,
        "cmi.mode": lambda info: info.mode,
        "cmi.launch_data": lambda info: info.launch_data or None,
        "cmi.scaled_passing_score": lambda info: _number(info.mastery_score),
        "cmi.completion_threshold": lambda info: _number(info.completion_threshold),
        "cmi.max_time_allowed": lambda info: _span(info.max_time_allowed_s, timing.format_interval),
        "cmi.time_limit_action": lambda info: info.time_limit_action or "continue,no message",
    },
}

# A new attempt's values, before the launch's.
_FRESH: dict[str, dict[str, str]] = {
    "1.2": {
        "cmi.core.lesson_status": "not attempted",
        "cmi.core.entry": "ab-initio",
        "cmi.core.total_time": timing.format_timespan_12(0),
    },
    "2004": {
        "cmi.completion_status": "unknown",
        "cmi.success_status": "unknown",
        "cmi.entry": "ab-initio",
        "cmi.total_time": timing.format_interval(0),
        "adl.nav.request": "_none_",
        **model2004.PREFERENCE_DEFAULTS,
    },
}


def new_runtime(
    version: str,
    launch: LaunchInfo,
    previous: Mapping[str, Any] | None,
    on_commit: Callable[[CommitSummary], None],
) -> Runtime:
    """A runtime for one session of one SCO.

    `previous` is the last session's `Runtime.snapshot()` (or a CommitSummary's `data`), or
    None. One that cannot be read, or that belongs to the other SCORM version, is ignored: a
    new attempt starts. `on_commit` is called after every successful Commit and at
    Finish/Terminate; if it raises, the SCO's call fails with 391 (2004) / 101 (1.2).
    """
    profile = PROFILES.get(version)
    if profile is None:
        raise ValueError(f"SCORM version must be '1.2' or '2004', not {version!r}")
    start = _start(profile, _read(previous, version))
    for key, value_of in _LAUNCH[version].items():
        value = value_of(launch)
        if value is None:
            start.values.pop(key, None)
        else:
            start.values[key] = value
    model = DataModel(profile, start.values, start.counts)
    return Runtime(profile, model, on_commit, new_attempt=not start.resumed, attempt=start.attempt)


def _start(profile: Profile, prior: _Prior | None) -> _Start:
    if prior is None:
        return _fresh(profile, 1, {})
    keys = profile.keys
    if prior.state == NOT_INITIALIZED:  # that session never began: start it over as it was
        resumed = prior.values.get(keys.entry) == "resume"
        return _Start(prior.values, prior.counts, resumed, prior.attempt)
    if prior.state == RUNNING or prior.values.get(keys.exit) == "suspend":
        return _resume(profile, prior)
    kept = {k: v for k, v in prior.values.items() if k.startswith(keys.preferences)}
    return _fresh(profile, prior.attempt + 1, kept)


def _fresh(profile: Profile, attempt: int, kept: dict[str, str]) -> _Start:
    values = {**_FRESH[profile.version], **kept}
    return _Start(values, {}, False, attempt)


def _resume(profile: Profile, prior: _Prior) -> _Start:
    keys, values = profile.keys, dict(prior.values)
    session = values.pop(keys.session_time, "")
    if prior.state == RUNNING:  # Finish never came: add the time it would have added
        spent = (profile.parse_time(session) or 0.0) + (
            profile.parse_time(values.get(keys.total_time, "")) or 0.0
        )
        values[keys.total_time] = profile.format_time(spent)
    values.pop(keys.exit, None)
    values[keys.entry] = "resume"
    if profile.version == "2004":
        values["adl.nav.request"] = "_none_"
    return _Start(values, dict(prior.counts), True, prior.attempt)


def _read(previous: Mapping[str, Any] | None, version: str) -> _Prior | None:
    """The previous snapshot if it is one of ours, for this version, and well formed."""
    if not isinstance(previous, Mapping):
        return None
    if previous.get("format") != SNAPSHOT_FORMAT or previous.get("version") != version:
        return None
    state, attempt = previous.get("state"), previous.get("attempt")
    values, counts = previous.get("values"), previous.get("counts")
    if state not in (NOT_INITIALIZED, RUNNING, TERMINATED) or not isinstance(attempt, int):
        return None
    if not _typed_dict(values, str) or not _typed_dict(counts, int):
        return None
    return _Prior(str(state), attempt, dict(values), dict(counts))


def _typed_dict(candidate: object, kind: type) -> TypeGuard[dict[str, Any]]:
    return isinstance(candidate, dict) and all(
        isinstance(key, str) and isinstance(value, kind) and not isinstance(value, bool)
        for key, value in candidate.items()
    )
