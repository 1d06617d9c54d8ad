"""One learner's registration in a cmi5 course: the LMS's statements, moveOn, waivers.

The LMS's statements (9.3) carry what 9.6 asks of every "cmi5 defined" statement: the
registration, the cmi5 category, the session id, and the publisher's id of the AU, block or
course in the "grouping" context activities (9.6.2.3). Satisfied statements go to blocks and
the course (9.3.9), never to AUs: an AU's satisfaction is kept in RegistrationState only, as
the ADL test suite's reference LMS does (it checks that the statement after "completed" is
the block's satisfied).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from typing import Any

from app.cmi5.errors import Cmi5Violation
from app.cmi5.rules import category_ids
from app.cmi5.stores import Stores
from app.cmi5.vocab import (
    CATEGORY_CMI5,
    CATEGORY_MOVEON,
    EXT_SESSION_ID,
    LMS_VERBS,
    RESULT_REASON,
    TYPE_BLOCK,
    TYPE_COURSE,
    WAIVE_REASONS,
    language_map,
    lms_id,
)
from app.xapi import StatementFactory, Verb, duration
from content_cache.cmi5 import AU, Block, CourseStructure


def move_on_met(move_on: str, *, completed: bool, passed: bool) -> bool:
    """Whether an AU's moveOn criterion is met (13.1.4 moveOn, 10.0)."""
    return {
        "Completed": completed,
        "Passed": passed,
        "CompletedAndPassed": completed and passed,
        "CompletedOrPassed": completed or passed,
        "NotApplicable": True,
    }.get(move_on, False)


def newly_satisfied(course: CourseStructure, satisfied: set[str]) -> list[Block | CourseStructure]:
    """Blocks (inner first, in document order) and the course whose AUs are now all
    satisfied but which are not yet marked satisfied themselves (9.3.9)."""
    found: list[Block | CourseStructure] = [
        block
        for block in _blocks(course.children)
        if block.id not in satisfied and all(au.id in satisfied for au in _aus(block))
    ]
    if course.course_id not in satisfied and all(au.id in satisfied for au in course.aus):
        found.append(course)
    return found


def _blocks(nodes: tuple[AU | Block, ...]) -> Iterator[Block]:
    for node in nodes:
        if isinstance(node, Block):
            yield from _blocks(node.children)
            yield node


def _aus(block: Block) -> Iterator[AU]:
    for node in block.children:
        if isinstance(node, AU):
            yield node
        else:
            yield from _aus(node)


_ALL = 1_000_000  # every statement of one registration


def _session_seconds(launched: dict[str, Any], group: list[dict[str, Any]]) -> float:
    """9.5.4.2: from the launched statement to the AU's last statement, by their timestamps."""
    start = dt.datetime.fromisoformat(launched["timestamp"])
    moments = [
        dt.datetime.fromisoformat(s["timestamp"]) for s in group if s["verb"]["id"] not in LMS_VERBS
    ]
    return (max(moments) - start).total_seconds() if moments else 0.0


class Cmi5Registration:
    """The registration's side of cmi5: shared by its sessions, and usable without one."""

    def __init__(
        self,
        course: CourseStructure,
        *,
        registration: str,
        actor: dict[str, Any],
        factory: StatementFactory,
        stores: Stores,
        preferences: dict[str, str] | None = None,
    ) -> None:
        self.course = course
        self.registration = registration
        self.actor = actor
        self.factory = factory
        self.stores = stores
        self.preferences = preferences  # cmi5LearnerPreferences to write when missing (11.0)

    def activity_id(self, au: AU) -> str:
        """The AU's id for this LMS (8.1 activityId): never the publisher's, always the same."""
        return lms_id("au", self.course.course_id, au.id)

    def au_object(self, au: AU) -> dict[str, Any]:
        definition: dict[str, Any] = {}
        if name := language_map(au.title):
            definition["name"] = name
        if au.activity_type:
            definition["type"] = au.activity_type
        obj: dict[str, Any] = {"objectType": "Activity", "id": self.activity_id(au)}
        return obj | ({"definition": definition} if definition else {})

    def statement(
        self,
        verb_id: str,
        obj: dict[str, Any],
        *,
        session_id: str,
        publisher_id: str,
        result: dict[str, Any] | None = None,
        extensions: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A cmi5 defined statement made by the LMS (9.6); the moveOn category when the
        result has success or completion (9.6.2.2)."""
        statement = self.factory.make(
            verb_id,
            obj,
            result=result,
            registration=self.registration,
            extensions={EXT_SESSION_ID: session_id, **(extensions or {})},
        )
        statement["actor"] = self.actor  # 8.1: the launch's actor, exactly
        category = [{"objectType": "Activity", "id": CATEGORY_CMI5}]
        if result and ("success" in result or "completion" in result):
            category.append({"objectType": "Activity", "id": CATEGORY_MOVEON})
        statement["context"]["contextActivities"] = {
            "category": category,
            "grouping": [{"objectType": "Activity", "id": publisher_id}],
        }
        return statement

    def satisfaction(
        self, done: set[str], session_id: str
    ) -> tuple[list[dict[str, Any]], list[str]]:
        """Satisfied statements for blocks and the course that `done` (publisher ids already
        satisfied, with the AUs just satisfied) completes; and the ids to mark satisfied."""
        statements: list[dict[str, Any]] = []
        marks: list[str] = []
        for node in newly_satisfied(self.course, done):
            if isinstance(node, Block):
                kind, node_id, title, type_iri = "block", node.id, node.title, TYPE_BLOCK
            else:
                kind, node_id, title, type_iri = "course", node.course_id, node.title, TYPE_COURSE
            definition: dict[str, Any] = {"type": type_iri}
            if name := language_map(title):
                definition["name"] = name
            obj = {
                "objectType": "Activity",
                "id": lms_id(kind, self.course.course_id, node_id),
                "definition": definition,
            }
            statements.append(
                self.statement(Verb.SATISFIED, obj, session_id=session_id, publisher_id=node_id)
            )
            marks.append(node_id)
        return statements, marks

    def commit(self, statements: list[dict[str, Any]], marks: list[str]) -> None:
        """Store the statements (all or nothing), then mark what they satisfied."""
        if statements:
            self.stores.statements.append(statements)
        for activity_id in marks:
            self.stores.state.mark_satisfied(activity_id)

    def evaluate(self) -> list[dict[str, Any]]:
        """9.6.1: at registration, moveOn is evaluated: NotApplicable AUs are satisfied, and so
        is every block and the course left with nothing else to do. Safe to call again."""
        done = self.stores.state.satisfied()
        marks = [au.id for au in self.course.aus if au.move_on == "NotApplicable"]
        marks = [m for m in marks if m not in done]
        # "For all Satisfied statements triggered outside of an AU launch session, the LMS
        # MUST generate a unique session id" (9.6.1).
        statements, more = self.satisfaction(done | set(marks), str(uuid.uuid4()))
        self.commit(statements, marks + more)
        return statements

    def history(self, au: AU, verb_id: str) -> bool:
        """Whether a cmi5 defined statement with this verb exists for the AU (9.3 rules per
        registration)."""
        found = self.stores.statements.find(
            registration=self.registration, activity_id=self.activity_id(au), verb_id=verb_id
        )
        return any(CATEGORY_CMI5 in category_ids(s) for s in found)

    def abandoned(self, au: AU, session_id: str, seconds: float) -> dict[str, Any]:
        """9.3.6 abandoned, with the session's duration (9.5.4.2)."""
        result = {"duration": duration(max(0.0, seconds))}
        return self.statement(
            Verb.ABANDONED,
            self.au_object(au),
            session_id=session_id,
            publisher_id=au.id,
            result=result,
        )

    def abandon_stale(self) -> list[dict[str, Any]]:
        """9.3.6: sessions of this registration that were launched but neither terminated nor
        abandoned (the app stopped under them) are abandoned, before another launch."""
        sessions: dict[str, list[dict[str, Any]]] = {}
        for statement in self.stores.statements.find(registration=self.registration, limit=_ALL):
            extensions = statement.get("context", {}).get("extensions")
            session_id = extensions.get(EXT_SESSION_ID) if isinstance(extensions, dict) else None
            if isinstance(session_id, str):
                sessions.setdefault(session_id, []).append(statement)
        by_activity = {self.activity_id(au): au for au in self.course.aus}
        made: list[dict[str, Any]] = []
        for session_id, group in sessions.items():
            verbs = {s["verb"]["id"] for s in group}
            if Verb.LAUNCHED not in verbs or verbs & {Verb.TERMINATED, Verb.ABANDONED}:
                continue
            launched = next(s for s in group if s["verb"]["id"] == Verb.LAUNCHED)
            au = by_activity.get(launched["object"]["id"])
            if au is not None:
                made.append(self.abandoned(au, session_id, _session_seconds(launched, group)))
        self.commit(made, [])
        return made

    def waive(self, au: AU, reason: str) -> list[dict[str, Any]]:
        """9.3.7: the LMS waives the AU: a waived statement with a session id of its own, and
        the satisfied statements it leads to under the same session id."""
        if reason not in WAIVE_REASONS:
            raise ValueError(f"waiver reason must be one of {', '.join(WAIVE_REASONS)}")
        if self.history(au, Verb.WAIVED):
            raise Cmi5Violation(409, "this AU was already waived in this registration", "9.3.7")
        session_id = str(uuid.uuid4())
        result = {"success": True, "completion": True, "extensions": {RESULT_REASON: reason}}
        waived = self.statement(
            Verb.WAIVED,
            self.au_object(au),
            session_id=session_id,
            publisher_id=au.id,
            result=result,
        )
        done = self.stores.state.satisfied() | {au.id}
        statements, marks = self.satisfaction(done, session_id)
        self.commit([waived, *statements], [au.id, *marks])
        return [waived, *statements]
