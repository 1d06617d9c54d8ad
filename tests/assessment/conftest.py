"""A paper with every question type, its key, and a machine whose clocks the tests move."""

from __future__ import annotations

import copy
import itertools
from dataclasses import dataclass
from typing import Any

import pytest

from app.assessment.key import Key, parse_key
from app.assessment.paper import Paper, parse_paper
from app.assessment.timer import Clocks


def choices(*ids: str) -> list[dict[str, Any]]:
    return [{"id": i, "text": {"en": f"Option {i}", "hi": f"विकल्प {i}"}} for i in ids]


def paper_doc(**overrides: Any) -> dict[str, Any]:
    questions: list[dict[str, Any]] = [
        {"id": "single", "type": "single", "options": choices("a", "b", "c", "d")},
        {"id": "multiple", "type": "multiple", "options": choices("a", "b", "c", "d")},
        {"id": "tf", "type": "true_false", "options": choices("true", "false")},
        {"id": "numeric", "type": "numeric"},
        {"id": "text", "type": "short_text"},
        {"id": "order", "type": "ordering", "options": choices("w", "x", "y", "z")},
        {
            "id": "match",
            "type": "matching",
            "items": choices("i1", "i2", "i3"),
            "targets": choices("t1", "t2", "t3", "t4"),
        },
    ]
    for question in questions:
        question["prompt"] = {"en": f"Question {question['id']}", "hi": "प्रश्न"}
    doc = {
        "format": "kyo-assessment/1",
        "id": "final",
        "title": {"en": "Final quiz", "hi": "अंतिम प्रश्नोत्तरी"},
        "time_limit_s": 600,
        "attempts": 3,
        "pass_mark": 0.6,
        "shuffle": True,
        "questions": questions,
    }
    doc.update(overrides)
    return doc


KEY_DOC: dict[str, Any] = {
    "format": "kyo-assessment-key/1",
    "answers": {
        "single": {"correct": ["b"]},
        "multiple": {"correct": ["a", "b", "d"]},
        "tf": {"correct": ["false"]},
        "numeric": {"value": 6, "tolerance": 0.5},
        "text": {"accept": ["Citizen's Charter", "नागरिक चार्टर"], "case_sensitive": False},
        "order": {"correct": ["y", "w", "z", "x"]},
        "match": {"pairs": {"i1": "t3", "i2": "t1", "i3": "t3"}},
    },
}

# A right response to every question, as a learner's screen would send it.
RIGHT: dict[str, Any] = {
    "single": "b",
    "multiple": ["d", "a", "b"],
    "tf": False,
    "numeric": "6.4",
    "text": "  citizen's   CHARTER ",
    "order": ["y", "w", "z", "x"],
    "match": {"i1": "t3", "i2": "t1", "i3": "t3"},
}


def key_doc() -> dict[str, Any]:
    return copy.deepcopy(KEY_DOC)


@pytest.fixture
def paper() -> Paper:
    return parse_paper(paper_doc())


@pytest.fixture
def key(paper: Paper) -> Key:
    return parse_key(paper, key_doc())


_boots = itertools.count(2)


@dataclass
class Machine:
    """The computer's clocks: the wall clock the learner can set, boot time they cannot."""

    wall: float = 1_800_000_000.0
    boottime: float = 3_600.0
    boot_id: str = "boot-1"

    def now(self) -> Clocks:
        return Clocks(self.wall, self.boottime, self.boot_id)

    def wait(self, seconds: float) -> None:
        """Time passes (the app open or closed, the machine on or suspended)."""
        self.wall += seconds
        self.boottime += seconds

    def set_wall(self, delta: float) -> None:
        """The learner changes the wall clock; boot time is not affected."""
        self.wall += delta

    def reboot(self, off_s: float = 0.0) -> None:
        """Switched off for `off_s` seconds, then on: boot time restarts, a new boot id."""
        self.wall += off_s + 30
        self.boottime = 30.0
        self.boot_id = f"boot-{next(_boots)}"


@pytest.fixture
def machine() -> Machine:
    return Machine()
