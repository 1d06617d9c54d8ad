"""Taking an assessment through the learning facade: attempts stored in the profile,
answers recorded as given, the answer key opened only in memory to grade.

Grades made here are provisional: every response is kept in the attempt and sent as an
`answered` statement, so the platform can grade again with its own copy of the key.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app import outbox, progress
from app.assessment import attempt as attempts
from app.assessment.grading import Grade, QuestionResult
from app.assessment.key import open_key
from app.assessment.paper import Paper, Question, parse_paper_bytes
from app.assessment.timer import Clocks
from app.platform import assessment_key
from app.xapi import ActivityType, Verb, activity
from app.xapi import item_activity_id as item_iri
from content_cache.sealing import assessment_aad
from content_cache.zipsafe import SafeZip

if TYPE_CHECKING:
    from app.db import Database
    from app.learning import Event, Learner
    from app.progress import ItemProgress
    from content_cache.manifest import CourseManifest, Item

INTERACTION_TYPES = {
    "single": "choice", "multiple": "choice", "true_false": "true-false", "numeric": "numeric",
    "short_text": "fill-in", "ordering": "sequencing", "matching": "matching",
}  # fmt: skip


def key_path(paper_src: str) -> str:
    return paper_src.removesuffix(".json") + ".key.sealed"


@dataclass(frozen=True)
class AssessmentOverview:
    """An assessment item before an attempt is started or resumed: what an intro screen shows
    without `start_assessment`, which starts a new attempt's clock."""

    paper: Paper
    closed_attempts: int  # submitted or expired
    open_attempt: bool  # one in progress: `start_assessment` resumes it
    last_grade: Grade | None  # the latest closed attempt's
    best_scaled: float | None  # the best closed attempt's score, 0..1

    @property
    def attempts_left(self) -> int | None:
        """New attempts that may still be started, the open one not counted; None: no limit."""
        if self.paper.attempts is None:
            return None
        return max(0, self.paper.attempts - self.closed_attempts - int(self.open_attempt))

    @property
    def can_start(self) -> bool:
        """An attempt can be resumed or started."""
        return self.open_attempt or self.attempts_left != 0


def overview(learner: Learner, manifest: CourseManifest, item: Item) -> AssessmentOverview:
    with SafeZip(learner.content.store.course_file(manifest.id)) as package:
        paper = parse_paper_bytes(package.read(item.src))

    def read(db: Database) -> list[tuple[str, str]]:
        return db.execute(
            "SELECT state, status FROM assessment_attempts WHERE course_id = ? AND item_id = ? "
            "ORDER BY number",
            [manifest.id, item.id],
        ).fetchall()

    rows = learner.session.store.call(read)
    grades = [
        attempts.state_from_dict(json.loads(state)).result
        for state, status in rows
        if status != attempts.IN_PROGRESS
    ]
    closed = [g for g in grades if g is not None]
    return AssessmentOverview(
        paper=paper,
        closed_attempts=len(grades),
        open_attempt=bool(rows) and rows[-1][1] == attempts.IN_PROGRESS,
        last_grade=closed[-1] if closed else None,
        best_scaled=max((g.scaled for g in closed), default=None),
    )


class AssessmentRun:
    """One attempt at an assessment item: questions in the attempt's order, answers, time."""

    def __init__(
        self,
        learner: Learner,
        manifest: CourseManifest,
        item: Item,
        clocks: Callable[[], Clocks],
    ) -> None:
        self.learner, self.manifest, self.item, self._clocks = learner, manifest, item, clocks
        with SafeZip(learner.content.store.course_file(manifest.id)) as package:
            self._paper_bytes = package.read(item.src)
            self._sealed = package.read(key_path(item.src))
        self.paper: Paper = parse_paper_bytes(self._paper_bytes)
        self.state = learner.session.store.call(self._load_or_start)
        self._expire_if_due()

    # storage

    def _load_or_start(self, db: Database) -> attempts.AttemptState:
        rows = db.execute(
            "SELECT state, status FROM assessment_attempts WHERE course_id = ? AND item_id = ? "
            "ORDER BY number",
            [self.manifest.id, self.item.id],
        ).fetchall()
        if rows and rows[-1][1] == attempts.IN_PROGRESS:
            return attempts.state_from_dict(json.loads(rows[-1][0]))
        state = attempts.start(self.paper, len(rows), str(uuid.uuid4()), self._clocks())
        with db.atomic():
            db.execute(
                "INSERT INTO assessment_attempts VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [state.attempt_id, self.manifest.id, self.item.id, state.number, state.status,
                 json.dumps(attempts.state_to_dict(state)), progress.now_iso(),
                 progress.now_iso()],
            )  # fmt: skip
        return state

    def _save(self, db: Database, state: attempts.AttemptState) -> None:
        db.execute(
            "UPDATE assessment_attempts SET state = ?, status = ?, updated_at = ? WHERE id = ?",
            [json.dumps(attempts.state_to_dict(state)), state.status, progress.now_iso(),
             state.attempt_id],
        )  # fmt: skip

    def _persist(self, state: attempts.AttemptState) -> None:
        def txn(db: Database) -> None:
            with db.atomic():
                self._save(db, state)

        self.learner.session.store.call(txn)
        self.state = state

    # the learner's side

    def questions(self) -> list[Question]:
        """The questions in this attempt's order (options: see `options`)."""
        return [self.paper.question(qid) for qid in self.state.order]

    def options(self, question_id: str) -> tuple[str, ...]:
        """Option ids (matching: target ids) in this attempt's shuffled order."""
        return self.state.option_orders.get(question_id, ())

    def remaining_s(self) -> float | None:
        return attempts.remaining_s(self.state, self.paper, self._clocks())

    def tick(self) -> float | None:
        """Save a fresh timer checkpoint and return the seconds left. A player calls it every
        half minute or so while the attempt is open: across a reboot, time since the last
        checkpoint counts only by the wall clock (see `app.assessment.timer`)."""
        if self.state.status == attempts.IN_PROGRESS:
            self._persist(attempts.tick(self.state, self._clocks()))
        return self.remaining_s()

    def answer(self, question_id: str, response: Any) -> None:
        """Record a response now (None takes it back); refused once the time is up."""
        self._expire_if_due()  # time up: the attempt closes, and answer() below refuses
        self._persist(
            attempts.answer(self.state, self.paper, question_id, response, self._clocks())
        )

    def review(self) -> list[attempts.ReviewRow]:
        return attempts.review(self.state, self.paper)

    def submit(self) -> Grade:
        key = self._key()
        state, grade = attempts.submit(self.state, self.paper, key, self._clocks())
        self._finish(state, grade)
        return grade

    def _expire_if_due(self) -> bool:
        """Time up: grade what was answered and close the attempt. True if it closed now."""
        remaining = self.remaining_s()
        if self.state.status != attempts.IN_PROGRESS or remaining is None or remaining > 0:
            return False
        state, grade = attempts.expire_if_due(self.state, self.paper, self._key(), self._clocks())
        if grade is not None:
            self._finish(state, grade)
        return grade is not None

    def _key(self) -> Any:
        private = assessment_key(self.learner.content.paths)
        aad = assessment_aad(self.manifest.id, self.item.id, self._paper_bytes)
        return open_key(self.paper, self._sealed, private, aad)  # in memory only

    # results: progress and statements in one transaction

    def _finish(self, state: attempts.AttemptState, grade: Grade) -> None:
        self.state = state

        def change(p: ItemProgress) -> list[Event]:
            best = max(p.score or 0.0, grade.scaled)
            p.score = round(best, 4)
            if p.success != "passed":
                p.success = "passed" if grade.passed else "failed"
            p.detail["attempts"] = state.number
            p.complete()
            score = {
                "scaled": round(grade.scaled, 4),
                "raw": grade.score_raw,
                "min": 0,
                "max": grade.score_max,
            }
            verb_id = Verb.PASSED if grade.passed else Verb.FAILED
            return [(verb_id, {"score": score, "success": grade.passed, "completion": True})]

        self.learner.record(
            self.manifest,
            self.item,
            change,
            0.0,
            before=lambda db, registration: self._answered(db, state, grade, registration),
        )

    def _answered(
        self, db: Database, state: attempts.AttemptState, grade: Grade, registration: str
    ) -> None:
        self._save(db, state)
        parent = activity(
            item_iri(self.manifest.id, self.item.id), ActivityType.ASSESSMENT, self.item.title
        )
        for result in grade.results:
            question = self.paper.question(result.question_id)
            statement = self.learner.factory.make(
                Verb.ANSWERED,
                self._question_activity(question),
                result=_answer_result(result, state),
                registration=registration,
                parents=[parent],
            )
            outbox.add(db, statement, self.manifest.id)

    def _question_activity(self, question: Question) -> dict[str, Any]:
        iri = f"{item_iri(self.manifest.id, self.item.id)}/{question.id}"
        obj = activity(iri, ActivityType.QUESTION, question.prompt)
        obj["definition"]["interactionType"] = INTERACTION_TYPES[question.type]
        return obj


def _answer_result(result: QuestionResult, state: attempts.AttemptState) -> dict[str, Any]:
    out: dict[str, Any] = {
        "success": result.correct,
        "score": {"raw": result.points, "min": 0, "max": result.max_points},
        "response": response_string(result.response),
    }
    answered_at = state.answered_at.get(result.question_id)
    if answered_at is not None:
        out["extensions"] = {
            "https://karmayogi-offline.invalid/xapi/extensions/answered-at": answered_at
        }
    return out


def response_string(response: Any) -> str:
    """The xAPI interaction response format: choices and sequences joined by [,], matching
    pairs as source[.]target."""
    if response is None:
        return ""
    if isinstance(response, bool):
        return "true" if response else "false"
    if isinstance(response, dict):
        return "[,]".join(f"{k}[.]{v}" for k, v in sorted(response.items()))
    if isinstance(response, (list, tuple)):
        return "[,]".join(str(r) for r in response)
    return str(response)
