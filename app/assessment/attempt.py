"""One attempt at a paper, as a state machine with no storage: every step returns a new state.

    start ──answer/tick…──> in_progress ──submit──> submitted
                                        └─time up (expire_if_due, or submit late)──> expired

The caller saves the state after every step (`state_to_dict`), and calls `tick` every few
seconds while the attempt is open so the timer's checkpoint stays fresh (see `timer`). An
expired attempt is graded on what was answered before the time ran out. Every response stays
in the state, with when it was given, whatever the status: the platform re-grades attempts
from them, so a grade made here is provisional.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, NamedTuple

from app.assessment import shuffle, timer
from app.assessment.grading import Grade, QuestionResult, grade, normalize
from app.assessment.key import Key
from app.assessment.paper import Paper, Question
from app.assessment.timer import Checkpoint, Clocks
from app.errors import InvalidInput, KyoError
from app.i18n import _, ngettext

IN_PROGRESS, SUBMITTED, EXPIRED = "in_progress", "submitted", "expired"
STATUSES = (IN_PROGRESS, SUBMITTED, EXPIRED)


class AttemptsExhausted(KyoError):
    """Every attempt the paper allows has been used."""


class AttemptClosed(KyoError):
    """The attempt was submitted, or its time ran out: it takes no more answers."""


@dataclass(frozen=True)
class AttemptState:
    attempt_id: str
    number: int  # 1 for the learner's first attempt at this paper
    paper_id: str
    order: tuple[str, ...]  # question ids, as presented
    option_orders: dict[str, tuple[str, ...]]  # question id -> option (matching: target) ids
    responses: dict[str, Any]  # question id -> normalised response (see grading)
    answered_at: dict[str, float]  # question id -> wall clock of the last answer (untrusted)
    timer: Checkpoint
    status: str = IN_PROGRESS
    result: Grade | None = None


class ReviewRow(NamedTuple):
    question: Question
    answered: bool
    response: Any


def start(paper: Paper, previous_attempts: int, attempt_id: str, clocks: Clocks) -> AttemptState:
    """A new attempt; AttemptsExhausted when the paper's limit of attempts is used up."""
    if paper.attempts is not None and previous_attempts >= paper.attempts:
        raise AttemptsExhausted(
            ngettext(
                "You have used the {n} attempt this assessment allows.",
                "You have used all {n} attempts this assessment allows.",
                paper.attempts,
            ).format(n=paper.attempts),
            detail=f"paper {paper.id}: {previous_attempts} attempts, limit {paper.attempts}",
        )
    return AttemptState(
        attempt_id=attempt_id,
        number=previous_attempts + 1,
        paper_id=paper.id,
        order=tuple(shuffle.question_order(paper, attempt_id)),
        option_orders={
            qid: tuple(ids) for qid, ids in shuffle.option_orders(paper, attempt_id).items()
        },
        responses={},
        answered_at={},
        timer=timer.begin(clocks),
    )


def _check_open(state: AttemptState, paper: Paper, clocks: Clocks) -> None:
    if state.status != IN_PROGRESS:
        raise AttemptClosed(_("This attempt has ended; it takes no more answers."))
    if timer.expired(state.timer, paper.time_limit_s, clocks):
        raise AttemptClosed(_("The time for this attempt is up; it takes no more answers."))


def answer(
    state: AttemptState, paper: Paper, question_id: str, raw: Any, clocks: Clocks
) -> AttemptState:
    """Record the response `raw` (None takes the answer back). Refused once the attempt has
    ended or its time is up (the caller then calls `expire_if_due`), and for a malformed
    response (InvalidInput, with a message for the learner)."""
    _check_open(state, paper, clocks)
    if question_id not in state.order:
        raise InvalidInput(_("This assessment has no such question."), detail=question_id)
    responses, answered_at = dict(state.responses), dict(state.answered_at)
    if raw is None:
        responses.pop(question_id, None)
        answered_at.pop(question_id, None)
    else:
        responses[question_id] = normalize(paper.question(question_id), raw)
        answered_at[question_id] = clocks.wall
    return dataclasses.replace(
        state,
        responses=responses,
        answered_at=answered_at,
        timer=timer.checkpoint(state.timer, clocks),
    )


def tick(state: AttemptState, clocks: Clocks) -> AttemptState:
    """The same attempt with a fresh timer checkpoint (an ended attempt is left as it is)."""
    if state.status != IN_PROGRESS:
        return state
    return dataclasses.replace(state, timer=timer.checkpoint(state.timer, clocks))


def remaining_s(state: AttemptState, paper: Paper, clocks: Clocks) -> float | None:
    """Seconds left; None without a time limit."""
    return timer.remaining_s(state.timer, paper.time_limit_s, clocks)


def review(state: AttemptState, paper: Paper) -> list[ReviewRow]:
    """Every question in the order presented, whether it was answered, and the response."""
    return [
        ReviewRow(paper.question(qid), qid in state.responses, state.responses.get(qid))
        for qid in state.order
    ]


def submit(
    state: AttemptState, paper: Paper, key: Key, clocks: Clocks
) -> tuple[AttemptState, Grade]:
    """Grade and close the attempt. Submitted after the time ran out, it is marked expired
    (answers were refused from then on, so the grade is the same)."""
    if state.status != IN_PROGRESS:
        raise AttemptClosed(_("This attempt has already ended."))
    expired = timer.expired(state.timer, paper.time_limit_s, clocks)
    return _close(state, paper, key, clocks, EXPIRED if expired else SUBMITTED)


def expire_if_due(
    state: AttemptState, paper: Paper, key: Key, clocks: Clocks
) -> tuple[AttemptState, Grade | None]:
    """When the time is up on an open attempt: grade what was answered and mark it expired.
    Otherwise the state unchanged, and None."""
    if state.status != IN_PROGRESS or not timer.expired(state.timer, paper.time_limit_s, clocks):
        return state, None
    return _close(state, paper, key, clocks, EXPIRED)


def _close(
    state: AttemptState, paper: Paper, key: Key, clocks: Clocks, status: str
) -> tuple[AttemptState, Grade]:
    if state.paper_id != paper.id:
        raise InvalidInput(_("This attempt belongs to another assessment."), detail=paper.id)
    result = grade(paper, key, state.responses)
    closed = dataclasses.replace(
        state, timer=timer.checkpoint(state.timer, clocks), status=status, result=result
    )
    return closed, result


# --- storage form -----------------------------------------------------------------------------


def grade_to_dict(result: Grade) -> dict[str, Any]:
    return dataclasses.asdict(result)


def grade_from_dict(raw: dict[str, Any]) -> Grade:
    results = tuple(QuestionResult(**r) for r in raw["results"])
    fields = {k: raw[k] for k in ("score_raw", "score_max", "scaled", "passed")}
    return Grade(**fields, results=results)


def state_to_dict(state: AttemptState) -> dict[str, Any]:
    """A JSON-ready form of the state, read back by `state_from_dict`."""
    return {
        "attempt_id": state.attempt_id,
        "number": state.number,
        "paper_id": state.paper_id,
        "order": list(state.order),
        "option_orders": {qid: list(ids) for qid, ids in state.option_orders.items()},
        "responses": dict(state.responses),
        "answered_at": dict(state.answered_at),
        "timer": state.timer.to_dict(),
        "status": state.status,
        "result": grade_to_dict(state.result) if state.result else None,
    }


def state_from_dict(raw: dict[str, Any]) -> AttemptState:
    """KeyError/TypeError/ValueError if `raw` is not what `state_to_dict` wrote."""
    if raw["status"] not in STATUSES:
        raise ValueError(f"unknown status {raw['status']!r}")
    return AttemptState(
        attempt_id=str(raw["attempt_id"]),
        number=int(raw["number"]),
        paper_id=str(raw["paper_id"]),
        order=tuple(raw["order"]),
        option_orders={qid: tuple(ids) for qid, ids in raw["option_orders"].items()},
        responses=dict(raw["responses"]),
        answered_at={qid: float(t) for qid, t in raw["answered_at"].items()},
        timer=Checkpoint.from_dict(raw["timer"]),
        status=raw["status"],
        result=grade_from_dict(raw["result"]) if raw["result"] else None,
    )
