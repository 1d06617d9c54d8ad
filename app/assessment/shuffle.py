"""The order an attempt presents questions and options in: deterministic per attempt id.

Each element is ranked by SHA-256(attempt id, what is shuffled, element id) rather than by
`random`, so the order depends on nothing but those ids: the same on every machine and Python
version (the platform can re-create what the learner saw), and different for each attempt.

* Questions are shuffled when the paper says "shuffle".
* single and multiple options, and matching targets (the right column), are shuffled when the
  paper says "shuffle". Matching items keep the author's order: they read like a list of
  prompts, and shuffling one column is enough to keep positions from pairing them.
* true/false options never are: "True" always comes first.
* ordering options always are, whatever the paper says (presenting them in the author's order
  could give the answer away), and never in the paper's own order when avoidable. They are
  graded against the key's order, never against what was shown.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from app.assessment.paper import Paper, Question


def _rank(attempt_id: str, scope: str, element: str) -> bytes:
    # NUL separators: ids cannot run into each other ("a"+"bc" vs "ab"+"c").
    return hashlib.sha256(f"{attempt_id}\0{scope}\0{element}".encode()).digest()


def shuffled(ids: Sequence[str], attempt_id: str, scope: str) -> list[str]:
    """`ids` in an order fixed by (attempt id, scope)."""
    return sorted(ids, key=lambda element: _rank(attempt_id, scope, element))


def question_order(paper: Paper, attempt_id: str) -> list[str]:
    ids = [q.id for q in paper.questions]
    return shuffled(ids, attempt_id, "questions") if paper.shuffle else ids


def option_order(question: Question, attempt_id: str, shuffle: bool) -> list[str]:
    """The presented order of the question's options (matching: of its targets)."""
    scope = f"options\0{question.id}"
    if question.type == "true_false":
        return list(question.option_ids())
    if question.type == "ordering":
        authored = list(question.option_ids())
        order = shuffled(authored, attempt_id, scope)
        # Two or more options can always be shown out of the authored order: rotate by one.
        return order[1:] + order[:1] if order == authored else order
    ids = list(question.target_ids() if question.type == "matching" else question.option_ids())
    return shuffled(ids, attempt_id, scope) if shuffle else ids


def option_orders(paper: Paper, attempt_id: str) -> dict[str, list[str]]:
    """For every question with options or targets, the order to present them in."""
    return {
        q.id: option_order(q, attempt_id, paper.shuffle)
        for q in paper.questions
        if q.options or q.targets
    }
