"""Papers and keys: well-formed ones parse, malformed ones are refused with their rule."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from app.assessment.key import parse_key
from app.assessment.paper import parse_paper, parse_paper_bytes
from app.errors import PackageError
from tests.assessment.conftest import key_doc, paper_doc


def test_a_paper_with_every_question_type_parses() -> None:
    paper = parse_paper(paper_doc())
    assert paper.id == "final" and paper.time_limit_s == 600 and paper.attempts == 3
    assert paper.pass_mark == 0.6 and paper.shuffle
    assert [q.type for q in paper.questions] == [
        "single", "multiple", "true_false", "numeric", "short_text", "ordering", "matching"
    ]  # fmt: skip
    match = paper.question("match")
    assert match.item_ids() == ("i1", "i2", "i3") and match.target_ids()[-1] == "t4"
    assert not match.options and paper.question("numeric").points == 1.0
    assert paper.max_points == 7


def test_unlimited_attempts_and_no_time_limit() -> None:
    paper = parse_paper(paper_doc(attempts=None, time_limit_s=None))
    assert paper.attempts is None and paper.time_limit_s is None


def _question(
    qid: str, change: Callable[[dict[str, Any]], object]
) -> Callable[[dict[str, Any]], None]:
    def edit(doc: dict[str, Any]) -> None:
        (question,) = [q for q in doc["questions"] if q["id"] == qid]
        change(question)

    return edit


BAD_PAPERS: dict[str, Callable[[dict[str, Any]], object]] = {
    "format": lambda d: d.update(format="kyo-assessment/2"),
    "no questions": lambda d: d.update(questions=[]),
    "pass mark above 1": lambda d: d.update(pass_mark=1.5),
    "pass mark a string": lambda d: d.update(pass_mark="0.6"),
    "attempts 0": lambda d: d.update(attempts=0),
    "time limit a bool": lambda d: d.update(time_limit_s=True),
    "no title": lambda d: d.pop("title"),
    "duplicate question id": lambda d: d["questions"].append(copy.deepcopy(d["questions"][0])),
    "unknown type": _question("single", lambda q: q.update(type="essay")),
    "carries its answer": _question("single", lambda q: q.update(answer={"correct": ["b"]})),
    "one option": _question("single", lambda q: q.update(options=q["options"][:1])),
    "duplicate option": _question("multiple", lambda q: q["options"].append(q["options"][0])),
    "true/false ids": _question("tf", lambda q: q["options"][0].update(id="yes")),
    "options on numeric": _question("numeric", lambda q: q.update(options=[])),
    "matching without targets": _question("match", lambda q: q.pop("targets")),
    "negative points": _question("single", lambda q: q.update(points=-1)),
    "partial credit on single": _question("single", lambda q: q.update(partial_credit=True)),
    "option without text": _question("single", lambda q: q["options"][0].pop("text")),
    "prompt not a text": _question("single", lambda q: q.update(prompt="Pick")),
}


@pytest.mark.parametrize("name", sorted(BAD_PAPERS))
def test_malformed_papers_are_refused(name: str) -> None:
    doc = paper_doc()
    BAD_PAPERS[name](doc)
    with pytest.raises(PackageError) as refused:
        parse_paper(doc)
    assert refused.value.rule == "assessment.paper"


def test_paper_bytes_that_are_not_json_are_refused() -> None:
    assert parse_paper_bytes(json.dumps(paper_doc()).encode()).id == "final"
    for data in (b"\xff", b"{", b"[]"):
        with pytest.raises(PackageError) as refused:
            parse_paper_bytes(data)
        assert refused.value.rule == "assessment.paper"


BAD_KEYS: dict[str, Callable[[dict[str, Any]], object]] = {
    "format": lambda k: k.update(format="kyo-assessment-key/2"),
    "missing question": lambda k: k["answers"].pop("numeric"),
    "extra question": lambda k: k["answers"].update(q99={"correct": ["a"]}),
    "unknown option": lambda k: k["answers"]["single"].update(correct=["z"]),
    "two answers to single": lambda k: k["answers"]["single"].update(correct=["a", "b"]),
    "ordering not a permutation": lambda k: k["answers"]["order"].update(correct=["w", "x"]),
    "matching misses an item": lambda k: k["answers"]["match"]["pairs"].pop("i2"),
    "matching unknown target": lambda k: k["answers"]["match"]["pairs"].update(i1="t9"),
    "negative tolerance": lambda k: k["answers"]["numeric"].update(tolerance=-1),
    "value a string": lambda k: k["answers"]["numeric"].update(value="6"),
    "nothing to accept": lambda k: k["answers"]["text"].update(accept=[]),
    "wrong field": lambda k: k["answers"]["tf"].update(value=1),
}


@pytest.mark.parametrize("name", sorted(BAD_KEYS))
def test_malformed_keys_are_refused(name: str) -> None:
    paper = parse_paper(paper_doc())
    assert parse_key(paper, key_doc()).answers["numeric"].tolerance == 0.5
    doc = key_doc()
    BAD_KEYS[name](doc)
    with pytest.raises(PackageError) as refused:
        parse_key(paper, doc)
    assert refused.value.rule == "assessment.key"
