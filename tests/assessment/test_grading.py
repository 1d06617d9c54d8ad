"""Responses are checked and normalised; every question type is graded right and wrong."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.assessment.grading import grade, normalize, parse_number
from app.assessment.key import Key, parse_key
from app.assessment.paper import Paper, parse_paper
from app.errors import InvalidInput
from tests.assessment.conftest import RIGHT, key_doc, paper_doc


def responses(paper: Paper, raw: dict[str, Any]) -> dict[str, Any]:
    return {qid: normalize(paper.question(qid), value) for qid, value in raw.items()}


def result(paper: Paper, key: Key, qid: str, raw: Any) -> tuple[bool, float]:
    graded = grade(paper, key, responses(paper, {qid: raw}))
    (found,) = [r for r in graded.results if r.question_id == qid]
    return found.correct, found.points


def test_all_right_is_full_marks(paper: Paper, key: Key) -> None:
    graded = grade(paper, key, responses(paper, RIGHT))
    assert graded.score_raw == graded.score_max == 7
    assert graded.scaled == 1.0 and graded.passed
    assert all(r.correct and r.answered and r.points == 1 for r in graded.results)


def test_nothing_answered_is_zero_and_every_answer_is_shown(paper: Paper, key: Key) -> None:
    graded = grade(paper, key, {})
    assert graded.score_raw == 0 and not graded.passed
    shown = {r.question_id: r.correct_answer for r in graded.results}
    assert shown == {
        "single": "b",
        "multiple": ["a", "b", "d"],
        "tf": False,
        "numeric": {"value": 6.0, "tolerance": 0.5},
        "text": ["Citizen's Charter", "नागरिक चार्टर"],
        "order": ["y", "w", "z", "x"],
        "match": {"i1": "t3", "i2": "t1", "i3": "t3"},
    }
    assert all(not r.answered and r.response is None for r in graded.results)


RIGHT_AND_WRONG: list[tuple[str, Any, bool]] = [
    ("single", "b", True),
    ("single", "a", False),
    ("multiple", ["a", "b", "d"], True),
    ("multiple", ["d", "b", "a", "a"], True),
    ("multiple", ["a", "b"], False),  # a right answer missing: nothing (all or nothing)
    ("multiple", ["a", "b", "c", "d"], False),  # everything ticked: nothing
    ("tf", False, True),
    ("tf", "false", True),
    ("tf", True, False),
    ("numeric", 6, True),
    ("numeric", "5.5", True),  # at the tolerance
    ("numeric", "6.5", True),
    ("numeric", "6.51", False),
    ("numeric", "५.९", True),  # Devanagari digits
    ("numeric", -6, False),
    ("text", "citizen's charter", True),
    ("text", "CITIZEN'S\tCHARTER", True),
    ("text", "नागरिक  चार्टर", True),
    ("text", "citizens charter", False),
    ("order", ["y", "w", "z", "x"], True),
    ("order", ["w", "y", "z", "x"], False),
    ("order", ["w", "x", "y", "z"], False),
    ("match", {"i1": "t3", "i2": "t1", "i3": "t3"}, True),
    ("match", {"i1": "t3", "i2": "t1", "i3": "t4"}, False),
    ("match", {"i1": "t1", "i2": "t3", "i3": "t3"}, False),
]


@pytest.mark.parametrize(("qid", "raw", "right"), RIGHT_AND_WRONG)
def test_each_type_graded(paper: Paper, key: Key, qid: str, raw: Any, right: bool) -> None:
    assert result(paper, key, qid, raw) == (right, 1.0 if right else 0.0)


def test_short_text_can_be_case_sensitive_and_nfc(paper: Paper) -> None:
    doc = key_doc()
    doc["answers"]["text"] = {"accept": ["pH", "Café"], "case_sensitive": True}
    key = parse_key(paper, doc)
    assert result(paper, key, "text", "pH") == (True, 1.0)
    assert result(paper, key, "text", "PH") == (False, 0.0)
    assert result(paper, key, "text", "Cafe\u0301") == (True, 1.0)  # decomposed é


def test_partial_credit_when_the_question_asks_for_it() -> None:
    doc = paper_doc()
    for question in doc["questions"]:
        if question["id"] in ("multiple", "match"):
            question["partial_credit"] = True
            question["points"] = 3
    paper = parse_paper(doc)
    key = parse_key(paper, key_doc())
    assert result(paper, key, "multiple", ["a", "b"]) == (False, 2.0)  # 2 of 3 right
    assert result(paper, key, "multiple", ["a", "b", "c"]) == (False, 1.0)  # a wrong tick costs
    assert result(paper, key, "multiple", ["c"]) == (False, 0.0)  # never below zero
    assert result(paper, key, "multiple", ["a", "b", "d"]) == (True, 3.0)
    assert result(paper, key, "match", {"i1": "t3", "i2": "t1", "i3": "t4"}) == (False, 2.0)


def test_the_pass_mark_is_inclusive() -> None:
    paper = parse_paper(paper_doc(pass_mark=4 / 7))
    key = parse_key(paper, key_doc())
    four = {qid: RIGHT[qid] for qid in ("single", "multiple", "tf", "numeric")}
    three = {qid: RIGHT[qid] for qid in ("single", "multiple", "tf")}
    passing = grade(paper, key, responses(paper, four))
    assert passing.score_raw == 4 and passing.passed
    failing = grade(paper, key, responses(paper, three))
    assert failing.score_raw == 3 and not failing.passed
    # 0.6 of 5 points: 3/5 passes exactly.
    five = paper_doc(pass_mark=0.6)
    five["questions"] = five["questions"][:5]
    paper5 = parse_paper(five)
    key5_doc = key_doc()
    key5_doc["answers"] = {q["id"]: key5_doc["answers"][q["id"]] for q in five["questions"]}
    key5 = parse_key(paper5, key5_doc)
    assert grade(paper5, key5, responses(paper5, three)).passed
    assert not grade(paper5, key5, responses(paper5, {"single": "b", "tf": False})).passed


MALFORMED: list[tuple[str, Any]] = [
    ("single", "z"),
    ("single", ["b"]),
    ("single", None),
    ("multiple", []),
    ("multiple", "a"),
    ("multiple", ["a", "z"]),
    ("multiple", [["a"]]),
    ("tf", "yes"),
    ("tf", 1),
    ("numeric", "six"),
    ("numeric", "3,5"),
    ("numeric", ""),
    ("numeric", True),
    ("numeric", float("nan")),
    ("numeric", "inf"),
    ("numeric", "1e3"),
    ("text", "   "),
    ("text", 42),
    ("text", "x" * 1001),
    ("order", ["w", "x", "y"]),
    ("order", ["w", "x", "y", "y"]),
    ("order", ["w", "x", "y", "q"]),
    ("order", ["w", "x", "y", 1]),
    ("order", {"w", "x", "y", "z"}),
    ("match", {"i1": "t1", "i2": "t2"}),
    ("match", {"i1": "t1", "i2": "t2", "i3": "t9"}),
    ("match", {"i1": "t1", "i2": "t2", "i3": "t3", "i4": "t4"}),
    ("match", [["i1", "t1"]]),
]


@pytest.mark.parametrize(("qid", "raw"), MALFORMED)
def test_malformed_responses_are_refused(paper: Paper, qid: str, raw: Any) -> None:
    with pytest.raises(InvalidInput) as refused:
        normalize(paper.question(qid), raw)
    assert refused.value.message  # a message for the learner


def test_numbers_as_learners_type_them() -> None:
    assert parse_number("3.5") == 3.5
    assert parse_number(" -2 ") == -2.0
    assert parse_number("+.5") == 0.5
    assert parse_number("1,00,000") == 100_000  # Indian grouping
    assert parse_number("100,000") == 100_000
    assert parse_number("12,34,567.25") == 1_234_567.25
    assert parse_number("३.५") == 3.5
    assert parse_number("−4") == -4.0  # Unicode minus
    assert parse_number(7) == 7.0
    for bad in ("3,5", "1,0000", "1 000", "3.5.1", "-", "."):
        with pytest.raises(InvalidInput):
            parse_number(bad)


def test_normalised_responses_are_canonical(paper: Paper) -> None:
    assert normalize(paper.question("multiple"), ("d", "a", "d")) == ["a", "d"]
    assert normalize(paper.question("text"), " a \n\u00a0 b ") == "a b"
    assert normalize(paper.question("match"), {"i3": "t1", "i1": "t2", "i2": "t2"}) == {
        "i1": "t2",
        "i2": "t2",
        "i3": "t1",
    }


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(raw=JSON)
def test_any_json_is_normalised_or_refused_cleanly(raw: Any) -> None:
    """Whatever a screen sends, the answer is a normalised response or InvalidInput."""
    paper = parse_paper(paper_doc())
    for question in paper.questions:
        with contextlib.suppress(InvalidInput):
            normalize(question, raw)
