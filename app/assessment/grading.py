"""Learners' responses, checked and normalised, and their grading against the key.

Normalised responses are plain JSON values, so an attempt is stored and sent as is:
  single      "b"                    an option id
  multiple    ["a", "b", "d"]        a set of option ids: duplicates dropped, sorted
  true_false  true | false           (raw: a bool, or the option id "true"/"false")
  numeric     6.0                    a finite number (see `parse_number` for what text is read)
  short_text  "citizen's charter"    NFC, trimmed, runs of white space made one space
  ordering    ["c", "a", "b"]        every option id, once each
  matching    {"i1": "t2", …}        every item mapped to one target (a target may serve
                                     several items)

Grading rules, and why:
* multiple: all or nothing by default. Marking each option separately rewards ticking
  everything (or guessing), and the answer the question asks for is the whole set. A question
  may set "partial_credit": points × max(0, right ticks − wrong ticks) / number right.
* numeric: right when |response − value| ≤ tolerance (plus a rounding allowance of 1e-9 of
  the value, so 0.1 + 0.2 still equals 0.3).
* short_text: either side normalised as above and NFC; case-insensitive (casefold) unless
  the key says case_sensitive; right when it equals any accepted text.
* ordering: exact order only (a near miss is still the wrong procedure).
* matching: all pairs right for the points, by default (like multiple); with
  "partial_credit", points × pairs right / items.
* passed: scaled ≥ pass_mark, with a 1e-9 allowance so 3/5 passes a 0.6 mark whatever the
  floating-point rounding.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from app.assessment.key import Answer, Key
from app.assessment.paper import Paper, Question
from app.errors import InvalidInput
from app.i18n import _

MAX_TEXT = 1000
EPSILON = 1e-9
# Digit grouping with commas, as written in India (1,00,000) or internationally (100,000).
# A comma anywhere else ("3,5") is refused rather than guessed: in India it is not a decimal sign.
_NUMBER = re.compile(
    r"[+-]?(?:\d+|\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})*,\d{3})?(?:\.\d+)?", re.ASCII
)
_DIGITS = str.maketrans("०१२३४५६७८९−", "0123456789-")  # Devanagari digits, Unicode minus


@dataclass(frozen=True)
class QuestionResult:
    question_id: str
    answered: bool
    correct: bool
    points: float  # awarded
    max_points: float
    response: Any  # the normalised response, None when unanswered
    correct_answer: Any  # for the review after submitting (see `correct_answer`)


@dataclass(frozen=True)
class Grade:
    score_raw: float
    score_max: float
    scaled: float  # 0..1
    passed: bool
    results: tuple[QuestionResult, ...]


def refused(message: str) -> InvalidInput:
    return InvalidInput(message)


# --- responses --------------------------------------------------------------------------------


def normalize(question: Question, raw: Any) -> Any:
    """The response `raw` to `question`, checked and normalised; InvalidInput if it is not one."""
    return _NORMALIZERS[question.type](question, raw)


def _one_option(question: Question, raw: Any) -> str:
    if not isinstance(raw, str) or raw not in question.option_ids():
        raise refused(_("Choose one of the options."))
    return raw


def _ids(raw: Any) -> bool:
    """A list (or set) of ids, as opposed to one id, or anything else."""
    collection = not isinstance(raw, str) and isinstance(raw, list | tuple | set | frozenset)
    return collection and all(isinstance(i, str) for i in raw)


def _options(question: Question, raw: Any) -> list[str]:
    if not _ids(raw):
        raise refused(_("Choose one or more of the options."))
    chosen = set(raw)
    if not chosen or not chosen <= set(question.option_ids()):
        raise refused(_("Choose one or more of the options."))
    return sorted(chosen)


def _true_false(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    if raw in ("true", "false"):
        return bool(raw == "true")
    raise refused(_("Choose true or false."))


def parse_number(raw: Any) -> float:
    """A number typed or picked by the learner.

    Accepted: ints and floats (not bools, not NaN or infinity); text with a point for decimals,
    an optional sign, Devanagari digits, and commas only as digit grouping ("1,00,000" or
    "100,000"). "3,5" is refused with a message asking for a point, never read as 35 or 3.5.
    """
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        value = float(raw)
    elif isinstance(raw, str) and len(raw) <= 100:
        text = unicodedata.normalize("NFKC", raw).translate(_DIGITS).strip()
        if not text or not any(c.isdigit() for c in text) or not _NUMBER.fullmatch(text):
            raise refused(_("Type a number, with a point for decimals (for example 3.5)."))
        value = float(text.replace(",", ""))
    else:
        raise refused(_("Type a number, with a point for decimals (for example 3.5)."))
    if not math.isfinite(value):
        raise refused(_("Type a number, with a point for decimals (for example 3.5)."))
    return value


def clean_text(text: str) -> str:
    """NFC, trimmed, every run of white space one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def _short_text(raw: Any) -> str:
    if not isinstance(raw, str) or not clean_text(raw):
        raise refused(_("Type an answer."))
    text = clean_text(raw)
    if len(text) > MAX_TEXT:
        raise refused(_("The answer is too long."))
    return text


def _ordering(question: Question, raw: Any) -> list[str]:
    if (
        not isinstance(raw, list | tuple)
        or not _ids(raw)
        or sorted(raw) != sorted(question.option_ids())
    ):
        raise refused(_("Put every option in order, each once."))
    return list(raw)


def _matching(question: Question, raw: Any) -> dict[str, str]:
    targets = set(question.target_ids())
    ok = (
        isinstance(raw, Mapping)
        and set(raw) == set(question.item_ids())
        and all(isinstance(t, str) and t in targets for t in raw.values())
    )
    if not ok:
        raise refused(_("Match every item to one of the choices."))
    return {item: raw[item] for item in sorted(raw)}


_NORMALIZERS: dict[str, Callable[[Question, Any], Any]] = {
    "single": _one_option,
    "multiple": _options,
    "true_false": lambda _question, raw: _true_false(raw),
    "numeric": lambda _question, raw: parse_number(raw),
    "short_text": lambda _question, raw: _short_text(raw),
    "ordering": _ordering,
    "matching": _matching,
}


# --- grading ----------------------------------------------------------------------------------


def grade(paper: Paper, key: Key, responses: Mapping[str, Any]) -> Grade:
    """Grade normalised `responses` ({question id: response}; unanswered ones left out)."""
    results = tuple(_result(q, key.answers[q.id], responses.get(q.id)) for q in paper.questions)
    score_raw = sum(r.points for r in results)
    score_max = paper.max_points
    scaled = score_raw / score_max if score_max > 0 else 0.0
    return Grade(
        score_raw=score_raw,
        score_max=score_max,
        scaled=scaled,
        passed=scaled >= paper.pass_mark - EPSILON,
        results=results,
    )


def _result(question: Question, answer: Answer, response: Any) -> QuestionResult:
    fraction = 0.0 if response is None else _fraction(question, answer, response)
    return QuestionResult(
        question_id=question.id,
        answered=response is not None,
        correct=fraction >= 1.0,
        points=question.points * fraction,
        max_points=question.points,
        response=response,
        correct_answer=correct_answer(question, answer),
    )


def _fraction(question: Question, answer: Answer, response: Any) -> float:
    """The share of the points `response` earns: 0..1."""
    qtype = question.type
    if qtype == "multiple":
        return _multiple(question, answer, response)
    if qtype == "matching":
        right = sum(response.get(item) == target for item, target in answer.pairs.items())
        if right == len(answer.pairs):
            return 1.0
        return right / len(answer.pairs) if question.partial_credit else 0.0
    return 1.0 if _exact(question, answer, response) else 0.0


def _multiple(question: Question, answer: Answer, response: list[str]) -> float:
    chosen, correct = set(response), set(answer.correct)
    if chosen == correct:
        return 1.0
    if not question.partial_credit:
        return 0.0
    return max(0, len(chosen & correct) - len(chosen - correct)) / len(correct)


def _exact(question: Question, answer: Answer, response: Any) -> bool:
    qtype = question.type
    if qtype == "single":
        return bool(response == answer.correct[0])
    if qtype == "true_false":
        return bool(response == (answer.correct[0] == "true"))
    if qtype == "ordering":
        return list(response) == list(answer.correct)
    if qtype == "numeric":
        allowance = answer.tolerance + EPSILON * max(1.0, abs(answer.value))
        return abs(float(response) - answer.value) <= allowance
    return _text_matches(str(response), answer)


def _text_matches(response: str, answer: Answer) -> bool:
    def fold(text: str) -> str:
        text = clean_text(text)
        return text if answer.case_sensitive else unicodedata.normalize("NFC", text.casefold())

    return fold(response) in {fold(a) for a in answer.accept}


def correct_answer(question: Question, answer: Answer) -> Any:
    """The right answer in the shape of a normalised response (numeric: value and tolerance;
    short_text: every accepted text), for showing after the attempt is submitted."""
    return _CORRECT[question.type](answer)


_CORRECT: dict[str, Callable[[Answer], Any]] = {
    "single": lambda a: a.correct[0],
    "multiple": lambda a: sorted(a.correct),
    "true_false": lambda a: a.correct[0] == "true",
    "ordering": lambda a: list(a.correct),
    "matching": lambda a: dict(sorted(a.pairs.items())),
    "numeric": lambda a: {"value": a.value, "tolerance": a.tolerance},
    "short_text": lambda a: list(a.accept),
}
