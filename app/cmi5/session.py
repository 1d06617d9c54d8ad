"""One AU launch session (cmi5 3.0 "Session"): launch data, the AU's statements, the end.

    reg = Cmi5Registration(course, registration=..., actor=..., factory=..., stores=...)
    session = Cmi5Session(reg, au, launch_mode="Normal", return_url=None)
    session.prepare_launch(launch_url=player_url)   # LMS.LaunchData, preferences, "launched"
    session.accept([...])                            # what the AU posts, checked, then stored
    session.end()                                    # window closed: "abandoned" if no terminated

Pure: no HTTP, no Qt; the local endpoint (`endpoint.LocalLrs`) calls it one request at a time
through `lock`.
"""

from __future__ import annotations

import copy
import json
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app import i18n
from app.cmi5 import rules
from app.cmi5.errors import Cmi5Violation
from app.cmi5.registration import Cmi5Registration, move_on_met
from app.cmi5.rules import LaunchFacts, deny
from app.cmi5.stores import make_document, profile_key, state_key
from app.cmi5.vocab import (
    EXT_LAUNCH_MODE,
    EXT_LAUNCH_PARAMETERS,
    EXT_LAUNCH_URL,
    EXT_MASTERY_SCORE,
    EXT_MOVE_ON,
    EXT_SESSION_ID,
    LAUNCH_DATA,
    LAUNCH_MODES,
    LEARNER_PREFERENCES,
    agent_key,
)
from app.xapi import Verb
from content_cache.cmi5 import AU

_TAGS = {"en": "en-US", "hi": "hi-IN"}


@dataclass
class _Progress:
    """What the AU did so far: in this session, and (completed/passed) in the registration."""

    initialized: bool = False
    terminated: bool = False
    verbs: set[str] = field(default_factory=set)  # cmi5 defined verbs in this session
    completed: bool = False
    passed: bool = False
    last_statement: float | None = None  # clock() when the AU's last statement came


def default_preferences() -> dict[str, str]:
    """11.0: the learner's language first (the app's), then English; audio on."""
    tag = _TAGS.get(i18n.current_language(), i18n.current_language())
    languages = tag if tag == "en-US" else f"{tag},en-US"
    return {"languagePreference": languages, "audioPreference": "on"}


class Cmi5Session:
    def __init__(
        self,
        registration: Cmi5Registration,
        au: AU,
        *,
        launch_mode: str = "Normal",
        return_url: str | None = None,
        clock: Callable[[], float] = time.monotonic,
        require_preferences: bool = True,
    ) -> None:
        if launch_mode not in LAUNCH_MODES:
            raise ValueError(f"launchMode must be one of {', '.join(LAUNCH_MODES)}")
        self.registration = registration
        self.au = au
        self.launch_mode = launch_mode
        self.return_url = return_url
        self.clock = clock
        self.lock = threading.RLock()  # the rules see one request at a time
        self.session_id = str(uuid.uuid4())  # 9.6.3.1
        self.activity_id = registration.activity_id(au)  # 8.1 activityId
        self.facts = LaunchFacts(
            actor=registration.actor,
            registration=registration.registration,
            session_id=self.session_id,
            activity_id=self.activity_id,
            template=self.context_template(),
            mastery_score=au.mastery_score,
            launch_mode=launch_mode,
        )
        self._progress = _Progress()
        self._launched_at: float | None = None
        self._closed = False  # terminated, abandoned or ended: the token is void (8.2)
        self._ended = False
        # 11.0: "On startup, the AU MUST retrieve the Learner Preferences document"; the test
        # suite's reference LMS refuses statements until it has (11.0.0.0-3).
        self._preferences_read = not require_preferences

    @property
    def actor(self) -> dict[str, Any]:
        return self.registration.actor

    @property
    def active(self) -> bool:
        """Launched and not over: the AU's token is valid (8.2: "limited to the session")."""
        return self._launched_at is not None and not self._closed

    def context_template(self) -> dict[str, Any]:
        """10.0 contextTemplate: the session id and the publisher's AU id in "grouping"
        (9.6.2.3). No cmi5 category: a statement with it is "cmi5 defined", without it
        "cmi5 allowed" (7.1.3), and the AU builds both from this template."""
        return {
            "contextActivities": {"grouping": [{"objectType": "Activity", "id": self.au.id}]},
            "extensions": {EXT_SESSION_ID: self.session_id},
        }

    def launch_data(self) -> dict[str, Any]:
        """The LMS.LaunchData State document (10.0)."""
        au = self.au
        data: dict[str, Any] = {
            "contextTemplate": self.context_template(),
            "launchMode": self.launch_mode,
            "moveOn": au.move_on,
        }
        if au.launch_parameters is not None:
            data["launchParameters"] = au.launch_parameters
        if au.mastery_score is not None:
            data["masteryScore"] = au.mastery_score
        if self.return_url is not None:
            data["returnURL"] = self.return_url
        if au.entitlement_key is not None:
            data["entitlementKey"] = {"courseStructure": au.entitlement_key}
        return data

    def prepare_launch(self, launch_url: str | None = None) -> None:
        """Everything the LMS does before the AU starts (9.6.1, 10.0, 11.0, 9.3.1).

        `launch_url` is the AU's URL as the player opens it, without the cmi5 parameters
        (9.6.3.4); by default the url of cmi5.xml.
        """
        with self.lock:
            if self._launched_at is not None:
                raise RuntimeError("9.3.1: one launched statement per session")
            reg = self.registration
            reg.abandon_stale()  # 9.3.6: a session the app never saw end
            reg.evaluate()  # 9.6.1, in case the registration was made without it
            self._progress.completed = reg.history(self.au, Verb.COMPLETED)
            self._progress.passed = reg.history(self.au, Verb.PASSED)
            self._write_documents()
            reg.commit([self._launched(launch_url or self.au.url)], [])
            self._launched_at = self.clock()

    def _write_documents(self) -> None:
        documents = self.registration.stores.documents
        agent = agent_key(self.actor)
        content = json.dumps(self.launch_data()).encode()
        key = state_key(self.activity_id, agent, self.registration.registration, LAUNCH_DATA)
        documents.put(key, make_document(content, "application/json"))
        prefs = profile_key(agent, LEARNER_PREFERENCES)
        if documents.get(prefs) is None:
            wanted = self.registration.preferences or default_preferences()
            documents.put(prefs, make_document(json.dumps(wanted).encode(), "application/json"))

    def _launched(self, launch_url: str) -> dict[str, Any]:
        """9.3.1 launched, with the extensions 9.6.3.2-9.6.3.7 ask of it."""
        au = self.au
        extensions: dict[str, Any] = {
            EXT_LAUNCH_MODE: self.launch_mode,
            EXT_LAUNCH_URL: launch_url,
            EXT_MOVE_ON: au.move_on,
        }
        if au.launch_parameters is not None:
            extensions[EXT_LAUNCH_PARAMETERS] = au.launch_parameters
        if au.mastery_score is not None:
            extensions[EXT_MASTERY_SCORE] = au.mastery_score
        return self.registration.statement(
            Verb.LAUNCHED,
            self.registration.au_object(au),
            session_id=self.session_id,
            publisher_id=au.id,
            extensions=extensions,
        )

    def preferences_read(self) -> None:
        """The AU read cmi5LearnerPreferences (found or not): it may now send statements."""
        with self.lock:
            self._preferences_read = True

    def accept(self, statements: list[Any]) -> list[str]:
        """Check the AU's statements (all or none), store them with the satisfied statements
        they lead to, and return their ids. Raises Cmi5Violation; nothing is stored then."""
        with self.lock:
            self._check_open()
            if not self._preferences_read:
                raise deny("read cmi5LearnerPreferences before sending statements", "11.0.0.0-3")
            progress = copy.deepcopy(self._progress)
            fresh, ids = self._validate(statements, progress)
            satisfied, marks = self._move_on(progress) if fresh else ([], [])
            if fresh:
                progress.last_statement = self.clock()
                self.registration.commit([*fresh, *satisfied], marks)
            self._progress = progress
            self._closed = progress.terminated
            return ids

    def _check_open(self) -> None:
        if self._launched_at is None:
            raise deny("the session has not been launched", "9.3.1")
        if self._closed:
            # 9.3.8: after terminated, 9.3.6: after abandoned, nothing more for the session.
            raise deny("the session is over", "9.3.0.0-5")

    def _validate(
        self, statements: list[Any], progress: _Progress
    ) -> tuple[list[dict[str, Any]], list[str]]:
        fresh: list[dict[str, Any]] = []
        ids: list[str] = []
        for statement in statements:
            rules.check_shape(statement)
            if self._known(statement, ids):
                ids.append(statement["id"])
                continue
            defined = rules.check_statement(statement, self.facts)
            self._check_order(statement["verb"]["id"], defined, progress)
            fresh.append(statement)
            ids.append(statement["id"])
        return fresh, ids

    def _known(self, statement: dict[str, Any], ids: list[str]) -> bool:
        """True for a statement stored before, sent again unchanged (xAPI: no conflict)."""
        statement_id = statement.get("id")
        if not isinstance(statement_id, str):
            return False
        if statement_id in ids:
            raise Cmi5Violation(400, "two statements with one id in a request", "xAPI")
        stored = self.registration.stores.statements.get(statement_id)
        if stored is None:
            return False
        if stored != statement:
            raise Cmi5Violation(409, "another statement has this id", "xAPI")
        return True

    def _check_order(self, verb_id: str, defined: bool, progress: _Progress) -> None:
        """9.3 verb ordering within the session (7.1.1, 7.1.2); then within the registration."""
        if progress.terminated:
            raise deny("terminated must be the last statement", "9.3.0.0-5")
        if not progress.initialized and not (defined and verb_id == Verb.INITIALIZED):
            raise deny("initialized must be the first statement", "9.3.0.0-4")
        if not defined:
            return
        if verb_id in progress.verbs:
            raise deny("cmi5 defined verbs must not repeat in a session", "9.3.0.0-2")
        if verb_id in (Verb.PASSED, Verb.FAILED) and progress.verbs & {Verb.PASSED, Verb.FAILED}:
            raise deny("only one of passed and failed in a session", "9.3.0.0-3")
        self._check_registration_order(verb_id, progress)
        progress.verbs.add(verb_id)
        progress.initialized = True
        progress.terminated = verb_id == Verb.TERMINATED
        progress.completed |= verb_id == Verb.COMPLETED
        progress.passed |= verb_id == Verb.PASSED

    @staticmethod
    def _check_registration_order(verb_id: str, progress: _Progress) -> None:
        if verb_id == Verb.COMPLETED and progress.completed:
            raise deny("completed only once per registration", "9.3.0.0-6")
        if verb_id == Verb.PASSED and progress.passed:
            raise deny("passed only once per registration", "9.3.0.0-7")
        if verb_id == Verb.FAILED and progress.passed:
            raise deny("failed must not follow passed in a registration", "9.3.0.0-8")

    def _move_on(self, progress: _Progress) -> tuple[list[dict[str, Any]], list[str]]:
        """The AU's moveOn (10.0) met now: satisfied for the blocks and course it completes,
        with this session's id (9.3.9), each once per registration."""
        met = move_on_met(self.au.move_on, completed=progress.completed, passed=progress.passed)
        done = self.registration.stores.state.satisfied()
        if not met or self.au.id in done:
            return [], []
        statements, marks = self.registration.satisfaction(done | {self.au.id}, self.session_id)
        return statements, [self.au.id, *marks]

    def end(self, *, abandoned: bool | None = None) -> None:
        """The AU's window is gone. Without a terminated statement the session was abandoned
        (9.3.6): the LMS records it, with the session's duration (9.5.4.2). `abandoned=False`
        closes the session without writing it now (the app is quitting): the next launch in
        the registration records it (`Cmi5Registration.abandon_stale`). Safe to call again."""
        with self.lock:
            if self._ended:
                return
            self._ended = True
            self._closed = True
            if self._launched_at is None or self._progress.terminated or abandoned is False:
                return
            # 9.5.4.2: "the time between the Launched statement and the last statement (of
            # any kind) issued by the AU".
            last = self._progress.last_statement or self._launched_at
            seconds = last - self._launched_at
            statement = self.registration.abandoned(self.au, self.session_id, seconds)
            self.registration.commit([statement], [])

    def waive(self, au: AU, reason: str) -> None:
        """9.3.7: the LMS waives `au` (any AU of the course) for `reason` (WAIVE_REASONS)."""
        with self.lock:
            self.registration.waive(au, reason)
