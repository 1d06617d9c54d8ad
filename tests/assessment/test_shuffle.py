"""Presented order: fixed per attempt id, different across attempts; true/false never moves."""

from __future__ import annotations

from app.assessment import shuffle
from app.assessment.paper import Paper, parse_paper
from tests.assessment.conftest import paper_doc

ATTEMPTS = [f"attempt-{n}" for n in range(20)]


def test_the_same_attempt_id_gives_the_same_order(paper: Paper) -> None:
    first = (shuffle.question_order(paper, "a1"), shuffle.option_orders(paper, "a1"))
    again = parse_paper(paper_doc())  # another parse, as after a restart
    assert (shuffle.question_order(again, "a1"), shuffle.option_orders(again, "a1")) == first
    # Stable across machines and Python versions: it depends on SHA-256 only.
    assert shuffle.shuffled(["a", "b", "c", "d"], "a1", "x") == ["d", "a", "b", "c"]


def test_attempts_differ(paper: Paper) -> None:
    orders = {tuple(shuffle.question_order(paper, a)) for a in ATTEMPTS}
    assert len(orders) > 10
    options = {tuple(shuffle.option_orders(paper, a)["single"]) for a in ATTEMPTS}
    assert len(options) > 5
    for attempt in ATTEMPTS:
        assert sorted(shuffle.question_order(paper, attempt)) == sorted(
            q.id for q in paper.questions
        )


def test_true_false_is_never_shuffled(paper: Paper) -> None:
    for attempt in ATTEMPTS:
        assert shuffle.option_orders(paper, attempt)["tf"] == ["true", "false"]


def test_ordering_is_always_shuffled_never_as_authored(paper: Paper) -> None:
    fixed = parse_paper(paper_doc(shuffle=False))
    for source in (paper, fixed):
        seen = set()
        for attempt in ATTEMPTS:
            order = shuffle.option_orders(source, attempt)["order"]
            assert sorted(order) == ["w", "x", "y", "z"] and order != ["w", "x", "y", "z"]
            seen.add(tuple(order))
        assert len(seen) > 5


def test_without_shuffle_the_authored_order_is_kept(paper: Paper) -> None:
    fixed = parse_paper(paper_doc(shuffle=False))
    orders = shuffle.option_orders(fixed, "a1")
    assert shuffle.question_order(fixed, "a1") == [q.id for q in fixed.questions]
    assert orders["single"] == ["a", "b", "c", "d"]
    assert orders["match"] == ["t1", "t2", "t3", "t4"]
    assert "numeric" not in orders and "text" not in orders


def test_matching_shuffles_the_targets(paper: Paper) -> None:
    seen = {tuple(shuffle.option_orders(paper, a)["match"]) for a in ATTEMPTS}
    assert len(seen) > 5 and all(sorted(s) == ["t1", "t2", "t3", "t4"] for s in seen)
