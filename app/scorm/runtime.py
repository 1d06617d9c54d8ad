"""The API object a SCO talks to: the state machine, error reporting, Commit and Finish.

The player bridges window.API (1.2) or window.API_1484_11 (2004) to `Runtime.call`
synchronously. Every call returns a string, as SCORM content expects, and never raises: a
fault inside (ours or the app's `on_commit`) becomes "false" (or "") with an error code the SCO
can read, and its text is kept for GetDiagnostic.

The JavaScript side should pass each argument as `x == null ? "" : String(x)`, as a browser
LMS's JavaScript API would see it; `call` also turns stray non-strings into their JavaScript
string form, and treats missing arguments as "".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.scorm.datamodel import DataModel, Outcome
from app.scorm.profile import Err, Profile
from app.scorm.summary import CommitSummary, snapshot, summarize

NOT_INITIALIZED = "not_initialized"
RUNNING = "running"
TERMINATED = "terminated"
DIAGNOSTIC_LIMIT = 255  # GetDiagnostic's SPM in 2004

# Which error each operation reports before Initialize and after Finish/Terminate.
_STATE_ERRORS = {
    "terminate": (Err.TERM_BEFORE_INIT, Err.TERM_AFTER_TERM),
    "get": (Err.GET_BEFORE_INIT, Err.GET_AFTER_TERM),
    "set": (Err.SET_BEFORE_INIT, Err.SET_AFTER_TERM),
    "commit": (Err.COMMIT_BEFORE_INIT, Err.COMMIT_AFTER_TERM),
}


def js_string(value: object) -> str:
    """The string JavaScript's String() would give for a value that is not one already."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class Runtime:
    """One SCO session. Build it with `app.scorm.new_runtime`."""

    def __init__(
        self,
        profile: Profile,
        model: DataModel,
        on_commit: Callable[[CommitSummary], None],
        *,
        new_attempt: bool,
        attempt: int,
    ) -> None:
        self.version = profile.version
        self.state = NOT_INITIALIZED
        self.new_attempt = new_attempt
        self.attempt = attempt
        self._profile = profile
        self._model = model
        self._on_commit = on_commit
        self._code = 0
        self._diagnostic = ""
        self._operations: dict[str, Callable[[str, str], str]] = {
            "initialize": self._initialize,
            "terminate": self._terminate,
            "get": self._get,
            "set": self._set,
            "commit": self._commit,
            "last_error": self._last_error,
            "error_string": self._error_string,
            "diagnostic": self._diagnostic_for,
        }

    @property
    def nav_request(self) -> str:
        """2004: the adl.nav.request the SCO left ("_none_" if none); 1.2: ""."""
        return self._model.values.get("adl.nav.request", "")

    def call(self, method: str, *args: str) -> str:
        """Run one API method; the result is always a string, and nothing is raised."""
        operation = self._profile.methods.get(method)
        if operation is None:
            self._error(Err.GENERAL, f"{method} is not a SCORM {self.version} API method")
            return "false"
        first, second = [js_string(arg) for arg in args[:2]] + [""] * (2 - len(args[:2]))
        try:
            return self._operations[operation](first, second)
        except Exception as exc:  # a bug must not reach the content as an exception
            self._error(Err.GENERAL, f"{type(exc).__name__}: {exc}")
            return "" if operation == "get" else "false"

    def snapshot(self) -> dict[str, Any]:
        """The whole state, JSON-able: give it back to `new_runtime` as `previous`."""
        values, counts = self._model.values, self._model.counts
        return snapshot(self._profile, self.state, self.attempt, values, counts)

    # ---- the eight methods --------------------------------------------------------------------

    def _initialize(self, argument: str, _unused: str) -> str:
        if self.state != NOT_INITIALIZED:
            twice = self.state == RUNNING
            return self._fail(Err.INIT_TWICE if twice else Err.INIT_AFTER_TERM, "already called")
        if argument != "":
            return self._fail(Err.ARGUMENT, 'the argument must be ""')
        self.state = RUNNING
        return self._ok("true")

    def _terminate(self, argument: str, _unused: str) -> str:
        refused = self._refused("terminate", argument)
        if refused is not None:
            return refused
        updates = self._profile.on_finish(self._model.values)
        _session, total = self._times()
        updates[self._profile.keys.total_time] = self._profile.format_time(total)
        if not self._deliver(updates, TERMINATED):
            return "false"
        self._model.values.update(updates)
        self.state = TERMINATED
        return self._ok("true")

    def _commit(self, argument: str, _unused: str) -> str:
        refused = self._refused("commit", argument)
        if refused is not None:
            return refused
        return self._ok("true") if self._deliver({}, RUNNING) else "false"

    def _get(self, name: str, _unused: str) -> str:
        refused = self._refused("get")
        if refused is not None:
            return ""
        return self._outcome(self._model.get(name), "")

    def _set(self, name: str, value: str) -> str:
        refused = self._refused("set")
        if refused is not None:
            return refused
        return self._outcome(self._model.set(name, value), "false")

    def _last_error(self, _unused: str, _unused2: str) -> str:
        return str(self._code)

    def _error_string(self, code: str, _unused: str) -> str:
        number = _code_of(code)
        return "" if number is None else self._profile.messages.get(number, "")

    def _diagnostic_for(self, code: str, _unused: str) -> str:
        if code in ("", str(self._code)):
            text = self._diagnostic or self._profile.messages.get(self._code, "")
        else:
            text = self._error_string(code, "")
        return text[:DIAGNOSTIC_LIMIT]

    # ---- helpers ------------------------------------------------------------------------------

    def _refused(self, operation: str, argument: str = "") -> str | None:
        """Return "false", with the error set, if the state or the argument forbids `operation`."""
        if self.state != RUNNING:
            before, after = _STATE_ERRORS[operation]
            err = before if self.state == NOT_INITIALIZED else after
            return self._fail(err, f"the session is {self.state.replace('_', ' ')}")
        if argument != "":
            return self._fail(Err.ARGUMENT, 'the argument must be ""')
        return None

    def _times(self) -> tuple[float, float]:
        """(this session, the attempt including it) in seconds, from the SCO's session_time."""
        keys, parse = self._profile.keys, self._profile.parse_time
        session = parse(self._model.values.get(keys.session_time, "")) or 0.0
        before = parse(self._model.values.get(keys.total_time, "")) or 0.0
        return session, round(before + session, 2)

    def _deliver(self, updates: dict[str, str], state: str) -> bool:
        """Hand the app its summary; a failure there is the SCO's commit failure (391/101)."""
        values = {**self._model.values, **updates}
        data = snapshot(self._profile, state, self.attempt, values, self._model.counts)
        summary = summarize(self._profile, values, self._model.counts, self._times(), data)
        try:
            self._on_commit(summary)
        except Exception as exc:  # the app's failure is reported to the SCO, not raised
            self._error(Err.COMMIT_FAILURE, f"the LMS could not save: {exc}")
            return False
        return True

    def _outcome(self, outcome: Outcome, failed: str) -> str:
        if outcome.err is None:
            return self._ok(outcome.value)
        self._error(outcome.err, outcome.diagnostic)
        return failed

    def _ok(self, result: str) -> str:
        self._code, self._diagnostic = 0, ""
        return result

    def _fail(self, err: Err, diagnostic: str) -> str:
        self._error(err, diagnostic)
        return "false"

    def _error(self, err: Err, diagnostic: str) -> None:
        self._code, self._diagnostic = self._profile.codes[err], diagnostic


def _code_of(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() else None
