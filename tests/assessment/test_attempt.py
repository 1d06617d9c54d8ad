"""The attempt state machine: limits, answers, review, submit and expiry."""

from __future__ import annotations

import json

import pytest

from app.assessment import attempt
from app.assessment.attempt import AttemptClosed, AttemptsExhausted, AttemptState
from app.assessment.key import Key
from app.assessment.paper import Paper, parse_paper
from app.errors import InvalidInput
from tests.assessment.conftest import RIGHT, Machine, paper_doc


def begin(paper: Paper, machine: Machine, previous: int = 0) -> AttemptState:
    return attempt.start(paper, previous, f"attempt-{previous}", machine.now())


def answer_all(state: AttemptState, paper: Paper, machine: Machine) -> AttemptState:
    for qid, raw in RIGHT.items():
        state = attempt.answer(state, paper, qid, raw, machine.now())
        machine.wait(10)
    return state


def test_a_full_attempt(paper: Paper, key: Key, machine: Machine) -> None:
    state = begin(paper, machine)
    assert state.number == 1 and state.status == attempt.IN_PROGRESS
    assert sorted(state.order) == sorted(q.id for q in paper.questions)
    state = answer_all(state, paper, machine)
    assert state.responses["multiple"] == ["a", "b", "d"]
    assert state.timer.elapsed_s == 60  # checkpointed at the last answer
    done, grade = attempt.submit(state, paper, key, machine.now())
    assert done.status == attempt.SUBMITTED and done.result == grade
    assert grade.passed and grade.score_raw == 7
    assert done.responses == state.responses  # kept for the platform to re-grade


def test_the_attempts_limit_holds(paper: Paper, machine: Machine) -> None:
    assert begin(paper, machine, previous=2).number == 3
    with pytest.raises(AttemptsExhausted) as refused:
        begin(paper, machine, previous=3)
    assert "3" in refused.value.message
    one = parse_paper(paper_doc(attempts=1))
    with pytest.raises(AttemptsExhausted):
        begin(one, machine, previous=1)
    unlimited = parse_paper(paper_doc(attempts=None))
    assert begin(unlimited, machine, previous=500).number == 501


def test_answers_change_and_can_be_taken_back(paper: Paper, machine: Machine) -> None:
    state = begin(paper, machine)
    state = attempt.answer(state, paper, "single", "a", machine.now())
    machine.wait(5)
    state = attempt.answer(state, paper, "single", "b", machine.now())
    assert state.responses == {"single": "b"} and state.answered_at["single"] == machine.wall
    state = attempt.answer(state, paper, "single", None, machine.now())
    assert state.responses == {} and state.answered_at == {}


def test_malformed_answers_and_unknown_questions_are_refused(
    paper: Paper, machine: Machine
) -> None:
    state = begin(paper, machine)
    with pytest.raises(InvalidInput):
        attempt.answer(state, paper, "single", "z", machine.now())
    with pytest.raises(InvalidInput):
        attempt.answer(state, paper, "q99", "a", machine.now())
    assert state.responses == {}


def test_review_lists_every_question_in_presented_order(paper: Paper, machine: Machine) -> None:
    state = begin(paper, machine)
    state = attempt.answer(state, paper, "tf", "true", machine.now())
    rows = attempt.review(state, paper)
    assert [row.question.id for row in rows] == list(state.order)
    assert [(r.question.id, r.response) for r in rows if r.answered] == [("tf", True)]
    assert sum(not r.answered for r in rows) == 6


def test_answering_after_submit_is_refused(paper: Paper, key: Key, machine: Machine) -> None:
    state = begin(paper, machine)
    done, _grade = attempt.submit(state, paper, key, machine.now())
    with pytest.raises(AttemptClosed):
        attempt.answer(done, paper, "single", "b", machine.now())
    with pytest.raises(AttemptClosed):
        attempt.submit(done, paper, key, machine.now())
    assert attempt.tick(done, machine.now()) is done


def test_expiry_submits_what_was_answered(paper: Paper, key: Key, machine: Machine) -> None:
    state = begin(paper, machine)
    state = attempt.answer(state, paper, "single", "b", machine.now())
    state = attempt.answer(state, paper, "tf", True, machine.now())  # wrong
    machine.wait(599)
    same, none = attempt.expire_if_due(state, paper, key, machine.now())
    assert same is state and none is None
    assert attempt.remaining_s(state, paper, machine.now()) == 1
    machine.wait(1)
    with pytest.raises(AttemptClosed):
        attempt.answer(state, paper, "numeric", 6, machine.now())
    expired, grade = attempt.expire_if_due(state, paper, key, machine.now())
    assert grade is not None and expired.status == attempt.EXPIRED
    assert grade.score_raw == 1 and not grade.passed
    assert expired.responses == {"single": "b", "tf": True}
    with pytest.raises(AttemptClosed):
        attempt.answer(expired, paper, "numeric", 6, machine.now())
    assert attempt.expire_if_due(expired, paper, key, machine.now()) == (expired, None)


def test_expiry_survives_a_restart_while_closed(paper: Paper, key: Key, machine: Machine) -> None:
    state = attempt.answer(begin(paper, machine), paper, "single", "b", machine.now())
    saved = json.dumps(attempt.state_to_dict(state))
    machine.wait(700)  # the app was closed for longer than the limit
    restored = attempt.state_from_dict(json.loads(saved))
    assert restored == state
    expired, grade = attempt.expire_if_due(restored, paper, key, machine.now())
    assert expired.status == attempt.EXPIRED and grade is not None and grade.score_raw == 1


def test_submitting_late_is_marked_expired(paper: Paper, key: Key, machine: Machine) -> None:
    state = answer_all(begin(paper, machine), paper, machine)
    machine.wait(600)
    done, grade = attempt.submit(state, paper, key, machine.now())
    assert done.status == attempt.EXPIRED and grade.score_raw == 7


def test_a_clock_set_back_does_not_stop_expiry(paper: Paper, key: Key, machine: Machine) -> None:
    state = begin(paper, machine)
    machine.wait(400)
    machine.set_wall(-3600)
    state = attempt.tick(state, machine.now())
    machine.reboot(off_s=0)
    machine.set_wall(-3600)
    state = attempt.tick(state, machine.now())  # the app started again after the reboot
    assert attempt.remaining_s(state, paper, machine.now()) == 200
    machine.wait(199)
    assert attempt.expire_if_due(state, paper, key, machine.now())[1] is None
    machine.wait(1)
    assert attempt.expire_if_due(state, paper, key, machine.now())[0].status == "expired"


def test_the_state_round_trips_through_json(paper: Paper, key: Key, machine: Machine) -> None:
    state = answer_all(begin(paper, machine), paper, machine)
    done, _grade = attempt.submit(state, paper, key, machine.now())
    text = json.dumps(attempt.state_to_dict(done), ensure_ascii=False)
    assert attempt.state_from_dict(json.loads(text)) == done
    with pytest.raises(ValueError):
        attempt.state_from_dict({**json.loads(text), "status": "paused"})


def test_a_state_is_graded_only_against_its_own_paper(
    paper: Paper, key: Key, machine: Machine
) -> None:
    other = parse_paper(paper_doc(id="other"))
    with pytest.raises(InvalidInput):
        attempt.submit(begin(paper, machine), other, key, machine.now())
