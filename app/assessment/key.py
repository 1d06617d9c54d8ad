"""The answer key (`kyo-assessment-key/1`), shipped sealed next to its paper.

    {"format": "kyo-assessment-key/1", "answers": {QUESTION_ID: ANSWER, …}}

ANSWER by question type:
  single, true_false   {"correct": [option id]}          (exactly one)
  multiple             {"correct": [option id, …]}       (at least one)
  ordering             {"correct": [every option id, in the right order]}
  matching             {"pairs": {item id: target id, …}} (every item)
  numeric              {"value": 6, "tolerance": 0}      (tolerance optional, default 0)
  short_text           {"accept": ["…", …], "case_sensitive": false} (flag optional)

The key must answer every question of its paper and nothing else. In a package it is
`<paper>.key.sealed` (see `content_cache.sealing`); `open_key` unseals and parses it.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from app.assessment.paper import Paper, Question
from app.errors import PackageError
from app.i18n import _
from content_cache import sealing

FORMAT = "kyo-assessment-key/1"
FIELDS = {
    "single": ({"correct"}, set()),
    "true_false": ({"correct"}, set()),
    "multiple": ({"correct"}, set()),
    "ordering": ({"correct"}, set()),
    "matching": ({"pairs"}, set()),
    "numeric": ({"value"}, {"tolerance"}),
    "short_text": ({"accept"}, {"case_sensitive"}),
}
MAX_ACCEPT = 200


@dataclass(frozen=True)
class Answer:
    """The right answer to one question; the question's type says which fields apply."""

    correct: tuple[str, ...] = ()  # single, multiple, true_false, ordering
    pairs: dict[str, str] = field(default_factory=dict)  # matching
    value: float = 0.0  # numeric
    tolerance: float = 0.0
    accept: tuple[str, ...] = ()  # short_text, as written in the key
    case_sensitive: bool = False


@dataclass(frozen=True)
class Key:
    answers: dict[str, Answer]


def bad_key(reason: str) -> PackageError:
    return PackageError(
        _("The answer key of this assessment is not valid: {reason}").format(reason=reason),
        rule="assessment.key",
    )


def open_key(paper: Paper, sealed: bytes, private: X25519PrivateKey, aad: bytes) -> Key:
    """Unseal `<paper>.key.sealed` and parse it against its paper."""
    plaintext = sealing.open_sealed(sealed, private, aad)
    try:
        document = json.loads(plaintext.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise bad_key(_("it is not valid JSON")) from exc
    return parse_key(paper, document)


def parse_key(paper: Paper, document: Any) -> Key:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise bad_key(_("it is not a {format} document").format(format=FORMAT))
    answers = document.get("answers")
    if not isinstance(answers, dict) or set(answers) != {q.id for q in paper.questions}:
        raise bad_key(_("it must answer every question of its paper, and only those"))
    return Key({q.id: _answer(q, answers[q.id]) for q in paper.questions})


def _answer(question: Question, raw: Any) -> Answer:
    required, optional = FIELDS[question.type]
    if not isinstance(raw, dict) or not required <= set(raw) <= required | optional:
        raise bad_key(_("the answer to {id} does not fit its type").format(id=question.id))
    if question.type == "matching":
        return Answer(pairs=_pairs(question, raw["pairs"]))
    if question.type == "numeric":
        return _numeric(question, raw)
    if question.type == "short_text":
        return _short_text(question, raw)
    return Answer(correct=_correct(question, raw["correct"]))


def _correct(question: Question, raw: Any) -> tuple[str, ...]:
    options = question.option_ids()
    if not isinstance(raw, list) or not raw or not all(isinstance(i, str) for i in raw):
        raise bad_key(_("the answer to {id} names no options").format(id=question.id))
    correct = tuple(raw)
    wrong_count = {
        "single": len(correct) != 1,
        "true_false": len(correct) != 1,
        "multiple": len(set(correct)) != len(correct),
        "ordering": sorted(correct) != sorted(options),
    }[question.type]
    if wrong_count or not set(correct) <= set(options):
        raise bad_key(_("the answer to {id} names the wrong options").format(id=question.id))
    return correct


def _pairs(question: Question, raw: Any) -> dict[str, str]:
    targets = set(question.target_ids())
    ok = (
        isinstance(raw, dict)
        and set(raw) == set(question.item_ids())
        and all(isinstance(t, str) and t in targets for t in raw.values())
    )
    if not ok:
        raise bad_key(
            _("the answer to {id} must match every item to a target").format(id=question.id)
        )
    return dict(raw)


def _finite(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _numeric(question: Question, raw: dict[str, Any]) -> Answer:
    value, tolerance = raw["value"], raw.get("tolerance", 0)
    if not _finite(value) or not _finite(tolerance) or tolerance < 0:
        raise bad_key(_("the answer to {id} needs a number and a tolerance").format(id=question.id))
    return Answer(value=float(value), tolerance=float(tolerance))


def _short_text(question: Question, raw: dict[str, Any]) -> Answer:
    accept, case_sensitive = raw["accept"], raw.get("case_sensitive", False)
    ok = (
        isinstance(accept, list)
        and 0 < len(accept) <= MAX_ACCEPT
        and all(isinstance(a, str) and a.strip() for a in accept)
        and isinstance(case_sensitive, bool)
    )
    if not ok:
        raise bad_key(_("the answer to {id} needs the texts to accept").format(id=question.id))
    return Answer(accept=tuple(accept), case_sensitive=case_sensitive)
