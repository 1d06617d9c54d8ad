"""What an edition is made of: its elements, keywords, error codes and API method names.

`model12` and `model2004` fill a `Profile` each; `datamodel` and `runtime` are written once
against it. Errors are named here by what went wrong (`Err`) and each edition maps them to its
own numbers, because the same mistake has different codes in 1.2 and 2004.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum, auto

from app.scorm.checks import Check, Fault

Values = Mapping[str, str]


class Access(Enum):
    RO = "read-only"
    WO = "write-only"
    RW = "read-write"


class Err(Enum):
    """What went wrong, independent of the edition's numbering."""

    GENERAL = auto()
    INIT_TWICE = auto()
    INIT_AFTER_TERM = auto()
    TERM_BEFORE_INIT = auto()
    TERM_AFTER_TERM = auto()
    GET_BEFORE_INIT = auto()
    GET_AFTER_TERM = auto()
    SET_BEFORE_INIT = auto()
    SET_AFTER_TERM = auto()
    COMMIT_BEFORE_INIT = auto()
    COMMIT_AFTER_TERM = auto()
    ARGUMENT = auto()
    GET_FAILURE = auto()
    SET_FAILURE = auto()
    SET_ARGUMENT = auto()  # empty element name, or an index past the end of its array
    COMMIT_FAILURE = auto()
    UNDEFINED = auto()
    UNIMPLEMENTED = auto()
    NOT_SET = auto()
    READ_ONLY = auto()
    WRITE_ONLY = auto()
    KEYWORD_SET = auto()
    NO_CHILDREN = auto()
    NO_COUNT = auto()
    TYPE = auto()
    RANGE = auto()
    DEPENDENCY = auto()


FAULT_ERR = {Fault.TYPE: Err.TYPE, Fault.RANGE: Err.RANGE}


@dataclass(frozen=True)
class Element:
    """One data model element (its name pattern is the key: "cmi.objectives.n.id")."""

    access: Access
    check: Check | None = None
    # Elements (patterns, same indices) that must hold a value before this one may be set.
    needs: tuple[str, ...] = ()
    # "response" / "pattern": the check depends on the interaction's type.
    typed: str = ""


# A rule run after a value passed its check, before it is stored: uniqueness and the like.
# Arguments: the values so far, the counts, the element (with indices), the new value.
SetRule = Callable[[Values, Mapping[str, int], str, str], str | None]


@dataclass(frozen=True)
class Keys:
    """Where each edition keeps what the runtime itself reads or writes."""

    status: tuple[str, ...]  # 1.2: lesson_status; 2004: completion_status, success_status
    score: str  # prefix: "cmi.core.score" / "cmi.score"
    location: str
    suspend_data: str
    session_time: str
    total_time: str
    exit: str
    entry: str
    progress: str  # "" in 1.2
    interactions: str = "cmi.interactions"
    objectives: str = "cmi.objectives"
    preferences: str = ""


@dataclass(frozen=True)
class Profile:
    version: str
    elements: Mapping[str, Element]
    children: Mapping[str, str]  # pattern of the parent -> value of its _children
    arrays: frozenset[str]  # patterns of arrays (they have _count)
    codes: Mapping[Err, int]
    messages: Mapping[int, str]
    methods: Mapping[str, str]  # API method -> operation name
    keys: Keys
    parse_time: Callable[[str], float | None]
    format_time: Callable[[float], str]
    # (completion, success) as the app records them, from the values.
    statuses: Callable[[Values], tuple[str, str]]
    # What the LMS changes itself at Finish/Terminate (1.2: lesson_status rules).
    on_finish: Callable[[Values], dict[str, str]]
    unimplemented: tuple[str, ...] = ()  # prefixes of defined elements not implemented
    computed: Mapping[str, Callable[[Values], str]] = field(default_factory=dict)
    rules: Mapping[str, SetRule] = field(default_factory=dict)
    item_defaults: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    groups: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        # Every proper prefix of an element is a group ("cmi.core.score"): asking it for
        # _children/_count is a "cannot have" error rather than an unknown element.
        groups = {
            ".".join(name.split(".")[:end])
            for name in self.elements
            for end in range(1, name.count(".") + 1)
        }
        object.__setattr__(self, "groups", frozenset(groups))

    def known(self, pattern: str) -> bool:
        return pattern in self.elements or pattern in self.groups or pattern in self.arrays
