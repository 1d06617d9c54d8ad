"""SCORM 2004 array items: objectives, interactions, their dependencies and formats (RTE 4.2.9).

Written from the specification, not read from the implementation's tables.
"""

from __future__ import annotations

import pytest

from tests.scorm.helpers import running

# Item fields, in an order that satisfies their dependencies.
ITEMS = {
    "cmi.comments_from_learner.0.comment": "{lang=en}Nice",
    "cmi.comments_from_learner.0.location": "p4",
    "cmi.comments_from_learner.0.timestamp": "2026-03-01T10:20:30Z",
    "cmi.objectives.0.id": "urn:kyo:obj:1",
    "cmi.objectives.0.score.scaled": "1",
    "cmi.objectives.0.score.raw": "10",
    "cmi.objectives.0.score.min": "0",
    "cmi.objectives.0.score.max": "10",
    "cmi.objectives.0.success_status": "passed",
    "cmi.objectives.0.completion_status": "completed",
    "cmi.objectives.0.progress_measure": "1",
    "cmi.objectives.0.description": "Knows the rules",
    "cmi.interactions.0.id": "q1",
    "cmi.interactions.0.type": "choice",
    "cmi.interactions.0.objectives.0.id": "urn:kyo:obj:1",
    "cmi.interactions.0.timestamp": "2026-03-01T10:21:00.5+05:30",
    "cmi.interactions.0.correct_responses.0.pattern": "b[,]c",
    "cmi.interactions.0.weighting": "2",
    "cmi.interactions.0.learner_response": "c[,]b",
    "cmi.interactions.0.result": "correct",
    "cmi.interactions.0.latency": "PT4.5S",
    "cmi.interactions.0.description": "{lang=hi}प्रश्न",
}


def test_item_fields_read_write() -> None:
    sco = running("2004")
    for element, value in ITEMS.items():
        sco.set_ok(element, value)
        assert sco.get(element) == value, element
    counts = ["cmi.comments_from_learner", "cmi.objectives", "cmi.interactions"]
    assert [sco.get(f"{array}._count") for array in counts] == ["1", "1", "1"]
    assert sco.get("cmi.interactions.0.objectives._count") == "1"
    assert sco.get("cmi.interactions.0.correct_responses._count") == "1"


def test_item_fields_without_a_value_are_not_initialized() -> None:
    sco = running("2004")
    sco.set_ok("cmi.interactions.0.id", "q1")
    sco.set_ok("cmi.objectives.0.id", "o1")
    for element in [
        "cmi.interactions.0.type",
        "cmi.interactions.0.result",
        "cmi.interactions.0.learner_response",
        "cmi.objectives.0.score.raw",
        "cmi.objectives.0.description",
    ]:
        assert sco.get(element) == ""
        assert sco.error() == 403, element


def test_new_objectives_start_unknown() -> None:
    sco = running("2004")
    sco.set_ok("cmi.objectives.0.id", "o1")
    assert sco.get("cmi.objectives.0.success_status") == "unknown"
    assert sco.get("cmi.objectives.0.completion_status") == "unknown"


@pytest.mark.parametrize(
    ("prior", "element", "value"),
    [
        ({}, "cmi.interactions.0.type", "choice"),
        ({}, "cmi.interactions.0.result", "correct"),
        ({}, "cmi.interactions.0.objectives.0.id", "o1"),
        ({}, "cmi.interactions.0.latency", "PT1S"),
        ({"cmi.interactions.0.id": "q"}, "cmi.interactions.0.learner_response", "a"),
        ({"cmi.interactions.0.id": "q"}, "cmi.interactions.0.correct_responses.0.pattern", "a"),
        ({}, "cmi.objectives.0.score.raw", "1"),
        ({}, "cmi.objectives.0.success_status", "passed"),
        ({}, "cmi.objectives.0.description", "d"),
    ],
)
def test_dependencies(prior: dict[str, str], element: str, value: str) -> None:
    sco = running("2004")
    for key, prior_value in prior.items():
        sco.set_ok(key, prior_value)
    assert sco.set(element, value) == "false"
    assert sco.error() == 408


def test_dependency_is_checked_per_item() -> None:
    sco = running("2004")
    sco.set_ok("cmi.interactions.0.id", "q1")
    sco.set_ok("cmi.interactions.0.type", "numeric")
    sco.set_ok("cmi.interactions.1.id", "q2")
    assert sco.set("cmi.interactions.1.learner_response", "4") == "false"
    assert sco.error() == 408
    sco.set_ok("cmi.interactions.0.learner_response", "4")


INTERACTION_TYPES = [
    # (type, learner_response, accepted)
    ("true-false", "true", True),
    ("true-false", "false", True),
    ("true-false", "t", False),
    ("true-false", "1", False),
    ("choice", "a", True),
    ("choice", "a[,]b[,]c", True),
    ("choice", "", True),
    ("choice", "a[,]a", False),
    ("choice", "a b", False),
    ("fill-in", "{lang=en}bogey[,]par", True),
    ("fill-in", "[,]".join(["w"] * 11), False),
    ("fill-in", "x" * 251, False),
    ("long-fill-in", "x" * 4000, True),
    ("long-fill-in", "x" * 4001, False),
    ("likert", "agree", True),
    ("likert", "strongly agree", False),
    ("matching", "tee[.]1[,]green[.]2", True),
    ("matching", "tee-1", False),
    ("matching", "tee[.]", False),
    ("performance", "step1[.]swing[,][.]putt", True),
    ("performance", "[.]", False),
    ("sequencing", "a[,]b[,]c", True),
    ("sequencing", "a[,][,]c", False),
    ("numeric", "18", True),
    ("numeric", "-2.5", True),
    ("numeric", "eighteen", False),
    ("other", "anything at all", True),
]


@pytest.mark.parametrize(("kind", "response", "accepted"), INTERACTION_TYPES)
def test_learner_response_format_follows_the_type(kind: str, response: str, accepted: bool) -> None:
    sco = running("2004")
    sco.set_ok("cmi.interactions.0.id", "q")
    sco.set_ok("cmi.interactions.0.type", kind)
    assert sco.set("cmi.interactions.0.learner_response", response) == (
        "true" if accepted else "false"
    )
    assert sco.error() == (0 if accepted else 406)


PATTERNS = [
    ("numeric", "10[:]20", True),
    ("numeric", "[:]20", True),
    ("numeric", "10[:]", True),
    ("numeric", "a[:]b", False),
    ("fill-in", "{case_matters=true}{order_matters=false}Par[,]Birdie", True),
    ("long-fill-in", "{case_matters=false}{lang=en}text", True),
    ("performance", "{order_matters=false}s1[.]a[,]s2[.]b", True),
    ("choice", "a[,]a", False),
    ("true-false", "true", True),
]


@pytest.mark.parametrize(("kind", "pattern", "accepted"), PATTERNS)
def test_correct_response_patterns(kind: str, pattern: str, accepted: bool) -> None:
    sco = running("2004")
    sco.set_ok("cmi.interactions.0.id", "q")
    sco.set_ok("cmi.interactions.0.type", kind)
    element = "cmi.interactions.0.correct_responses.0.pattern"
    assert sco.set(element, pattern) == ("true" if accepted else "false")
    assert sco.error() == (0 if accepted else 406)


@pytest.mark.parametrize(
    ("kind", "first", "second"),
    [("true-false", "true", "false"), ("numeric", "1", "2"), ("likert", "a", "b")],
)
def test_single_pattern_types_take_one_correct_response(kind: str, first: str, second: str) -> None:
    sco = running("2004")
    sco.set_ok("cmi.interactions.0.id", "q")
    sco.set_ok("cmi.interactions.0.type", kind)
    sco.set_ok("cmi.interactions.0.correct_responses.0.pattern", first)
    assert sco.set("cmi.interactions.0.correct_responses.1.pattern", second) == "false"
    assert sco.error() == 351
    sco.set_ok("cmi.interactions.0.correct_responses.0.pattern", second)


def test_choice_takes_many_correct_responses() -> None:
    sco = running("2004")
    sco.set_ok("cmi.interactions.0.id", "q")
    sco.set_ok("cmi.interactions.0.type", "choice")
    sco.set_ok("cmi.interactions.0.correct_responses.0.pattern", "a")
    sco.set_ok("cmi.interactions.0.correct_responses.1.pattern", "b[,]c")
    assert sco.get("cmi.interactions.0.correct_responses._count") == "2"


def test_objective_ids_are_unique_and_fixed() -> None:
    sco = running("2004")
    sco.set_ok("cmi.objectives.0.id", "o1")
    sco.set_ok("cmi.objectives.1.id", "o2")
    assert sco.set("cmi.objectives.2.id", "o1") == "false"
    assert sco.error() == 351
    assert sco.set("cmi.objectives.1.id", "o1") == "false"
    assert sco.error() == 351
    assert sco.set("cmi.objectives.0.id", "renamed") == "false"
    assert sco.error() == 351
    sco.set_ok("cmi.objectives.0.id", "o1")  # the same value again is fine
    assert sco.get("cmi.objectives._count") == "2"


def test_interaction_objective_ids_are_unique_within_the_interaction() -> None:
    sco = running("2004")
    sco.set_ok("cmi.interactions.0.id", "q1")
    sco.set_ok("cmi.interactions.0.objectives.0.id", "o1")
    assert sco.set("cmi.interactions.0.objectives.1.id", "o1") == "false"
    assert sco.error() == 351
    sco.set_ok("cmi.interactions.1.id", "q2")
    sco.set_ok("cmi.interactions.1.objectives.0.id", "o1")
