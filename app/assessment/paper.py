"""The assessment paper (`kyo-assessment/1`): the questions a learner sees, without answers.

    {"format": "kyo-assessment/1", "id": "final", "title": {"en": …},
     "time_limit_s": 600 | null, "attempts": 3 | null (unlimited), "pass_mark": 0.6,
     "shuffle": true, "questions": [QUESTION, …]}

A question: {"id", "type", "prompt": {lang: text}, "points": 1 (default), …}, and by type:
  single, multiple, ordering  "options": [{"id", "text": {lang: text}}, …] (at least two)
  true_false                  "options" with exactly the ids "true" and "false"
  matching                    "items": [{"id", "text"}, …] (the left column, each to be matched)
                              "targets": [{"id", "text"}, …] (the right column; may hold
                              distractors, and one target may suit several items)
  numeric, short_text         no options
`"partial_credit": true` is allowed on multiple and matching questions (off by default).

The answers live in the key (`key.py`), never here: a question carrying an answer is refused,
so a paper that leaks its key cannot be installed by mistake.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from app.errors import PackageError
from app.i18n import _

FORMAT = "kyo-assessment/1"
TYPES = ("single", "multiple", "true_false", "numeric", "short_text", "ordering", "matching")
OPTION_TYPES = frozenset({"single", "multiple", "true_false", "ordering"})
PARTIAL_TYPES = frozenset({"multiple", "matching"})
ANSWER_FIELDS = frozenset({"answer", "correct", "pairs", "accept", "value", "tolerance"})
TRUE_FALSE_IDS = ("true", "false")
MAX_PAPER = 4 * 1024 * 1024
MAX_QUESTIONS = 1000
MAX_CHOICES = 100
MAX_TIME_LIMIT_S = 7 * 24 * 3600


@dataclass(frozen=True)
class Choice:
    """An option, a matching item or a matching target."""

    id: str
    text: dict[str, str]


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    prompt: dict[str, str]
    points: float = 1.0
    options: tuple[Choice, ...] = ()  # single, multiple, true_false, ordering
    items: tuple[Choice, ...] = ()  # matching: the left column
    targets: tuple[Choice, ...] = ()  # matching: the right column
    partial_credit: bool = False

    def option_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options)

    def item_ids(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.items)

    def target_ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.targets)


@dataclass(frozen=True)
class Paper:
    id: str
    title: dict[str, str]
    time_limit_s: int | None
    attempts: int | None  # None: unlimited
    pass_mark: float  # 0..1, on the scaled score
    shuffle: bool
    questions: tuple[Question, ...]

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    @property
    def max_points(self) -> float:
        return sum(q.points for q in self.questions)


def bad_paper(reason: str) -> PackageError:
    return PackageError(
        _("The assessment in this course is not valid: {reason}").format(reason=reason),
        rule="assessment.paper",
    )


def parse_paper_bytes(data: bytes) -> Paper:
    if len(data) > MAX_PAPER:
        raise bad_paper(_("the file is too large"))
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise bad_paper(_("it is not valid JSON")) from exc
    return parse_paper(document)


def parse_paper(document: Any) -> Paper:
    """The paper from its decoded JSON; PackageError(rule="assessment.paper") if malformed."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise bad_paper(_("it is not a {format} document").format(format=FORMAT))
    questions = document.get("questions")
    if not isinstance(questions, list) or not 0 < len(questions) <= MAX_QUESTIONS:
        raise bad_paper(_("it has no questions"))
    parsed = tuple(_question(raw) for raw in questions)
    _unique([q.id for q in parsed], _("question"))
    return Paper(
        id=_identifier(document.get("id"), _("the paper")),
        title=_text(document.get("title"), _("the title")),
        time_limit_s=_optional_count(document.get("time_limit_s"), "time_limit_s"),
        attempts=_optional_count(document.get("attempts"), "attempts"),
        pass_mark=_pass_mark(document.get("pass_mark")),
        shuffle=_flag(document.get("shuffle", False), "shuffle"),
        questions=parsed,
    )


def _question(raw: Any) -> Question:
    if not isinstance(raw, dict):
        raise bad_paper(_("a question is not an object"))
    qid = _identifier(raw.get("id"), _("a question"))
    qtype = raw.get("type")
    if qtype not in TYPES:
        raise bad_paper(_("question {id} has an unknown type").format(id=qid))
    if ANSWER_FIELDS & set(raw):
        raise bad_paper(_("question {id} carries its answer").format(id=qid))
    partial = _flag(raw.get("partial_credit", False), "partial_credit")
    if partial and qtype not in PARTIAL_TYPES:
        raise bad_paper(_("question {id} cannot give partial credit").format(id=qid))
    return Question(
        id=qid,
        type=qtype,
        prompt=_text(raw.get("prompt"), qid),
        points=_points(raw.get("points", 1), qid),
        options=_choices(raw, "options", qid),
        items=_choices(raw, "items", qid),
        targets=_choices(raw, "targets", qid),
        partial_credit=partial,
    )


def _choices(raw: dict[str, Any], column: str, qid: str) -> tuple[Choice, ...]:
    """The options (or matching columns) the question's type needs, and only those."""
    qtype = raw["type"]
    wanted = (column == "options" and qtype in OPTION_TYPES) or (
        column in ("items", "targets") and qtype == "matching"
    )
    if not wanted:
        if column in raw:
            raise bad_paper(
                _("question {id} has {field}, which its type does not use").format(
                    id=qid, field=column
                )
            )
        return ()
    values = raw.get(column)
    least = 1 if column == "items" else 2
    if not isinstance(values, list) or not least <= len(values) <= MAX_CHOICES:
        raise bad_paper(_("question {id} needs {field}").format(id=qid, field=column))
    choices = tuple(_choice(c, qid) for c in values)
    _unique([c.id for c in choices], qid)
    if qtype == "true_false" and {c.id for c in choices} != set(TRUE_FALSE_IDS):
        raise bad_paper(
            _("true/false question {id} needs the options true and false").format(id=qid)
        )
    return choices


def _choice(raw: Any, qid: str) -> Choice:
    if not isinstance(raw, dict):
        raise bad_paper(_("question {id} has an option that is not an object").format(id=qid))
    return Choice(_identifier(raw.get("id"), qid), _text(raw.get("text"), qid))


def _identifier(value: Any, where: str) -> str:
    if not isinstance(value, str) or not 0 < len(value) <= 200 or value != value.strip():
        raise bad_paper(_("{where} has no valid id").format(where=where))
    return value


def _text(value: Any, where: str) -> dict[str, str]:
    ok = (
        isinstance(value, dict)
        and value
        and all(isinstance(k, str) and isinstance(v, str) and v for k, v in value.items())
    )
    if not ok:
        raise bad_paper(_("{where} has no text").format(where=where))
    return dict(value)


def _unique(ids: list[str], where: str) -> None:
    if len(ids) != len(set(ids)):
        raise bad_paper(_("{where}: an id is used twice").format(where=where))


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _points(value: Any, qid: str) -> float:
    if not _number(value) or not 0 < value <= 1000:
        raise bad_paper(_("question {id} has invalid points").format(id=qid))
    return float(value)


def _optional_count(value: Any, name: str) -> int | None:
    if value is None:
        return None
    limit = MAX_TIME_LIMIT_S if name == "time_limit_s" else 1000
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= limit:
        raise bad_paper(_("{field} must be a positive whole number or null").format(field=name))
    return value


def _pass_mark(value: Any) -> float:
    if not _number(value) or not 0 <= value <= 1:
        raise bad_paper(_("pass_mark must be a number from 0 to 1"))
    return float(value)


def _flag(value: Any, name: str) -> bool:
    if not isinstance(value, bool):
        raise bad_paper(_("{field} must be true or false").format(field=name))
    return value
