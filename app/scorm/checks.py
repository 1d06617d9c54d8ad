"""Value checks for the data model types of SCORM 1.2 and SCORM 2004.

A check returns None when the value is acceptable, `Fault.TYPE` when it is not of the element's
type, `Fault.RANGE` when it is but lies outside the element's range. Each edition maps the fault
to its own error code (1.2 has only 405 for both).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import Enum

from app.scorm import timing


class Fault(Enum):
    TYPE = "type"
    RANGE = "range"


Check = Callable[[str], Fault | None]

_DECIMAL = re.compile(r"^-?(?:\d+(?:\.\d*)?|\.\d+)$")
_SINTEGER = re.compile(r"^[+-]?\d{1,5}$")
_IDENTIFIER_12 = re.compile(r"^[\x21-\x7e]{1,255}$")
_LANGUAGE = re.compile(r"^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$")
_LANG_PREFIX = re.compile(r"^\{lang=([^}]*)\}")
_FLAGS = re.compile(r"^(?:\{(?:case_matters|order_matters)=(?:true|false)\})+")
_TARGET = re.compile(r"^\{target=[^\s{}]+\}(?:choice|jump)$")
NAV_REQUESTS = frozenset(
    {"continue", "previous", "exit", "exitAll", "abandon", "abandonAll", "suspendAll", "_none_"}
)


def _fault(ok: bool, fault: Fault = Fault.TYPE) -> Fault | None:
    return None if ok else fault


def text(limit: int) -> Check:
    """characterstring / CMIString: any characters, at most `limit` of them."""
    return lambda value: _fault(len(value) <= limit)


def vocab(*words: str) -> Check:
    allowed = frozenset(words)
    return lambda value: _fault(value in allowed)


def decimal(low: float | None = None, high: float | None = None, *, blank: bool = False) -> Check:
    """CMIDecimal / real(10,7), optionally blank (1.2's CMIBlank) and within [low, high]."""

    def check(value: str) -> Fault | None:
        if blank and value == "":
            return None
        if not _DECIMAL.match(value):
            return Fault.TYPE
        number = float(value)
        in_range = (low is None or number >= low) and (high is None or number <= high)
        return _fault(in_range, Fault.RANGE)

    return check


def integer(low: int, high: int) -> Check:
    """CMISInteger within [low, high]."""

    def check(value: str) -> Fault | None:
        if not _SINTEGER.match(value):
            return Fault.TYPE
        return _fault(low <= int(value) <= high, Fault.RANGE)

    return check


def identifier_12(value: str) -> Fault | None:
    """CMIIdentifier: printable, no white space, 1-255 characters."""
    return _fault(bool(_IDENTIFIER_12.match(value)))


def identifier(limit: int) -> Check:
    """short_identifier_type (250) / long_identifier_type (4000): a URI, so no white space."""
    return lambda value: _fault(is_identifier(value, limit))


def is_identifier(value: str, limit: int = 250) -> bool:
    return 0 < len(value) <= limit and not any(char.isspace() for char in value)


def timespan_12(value: str) -> Fault | None:
    return _fault(timing.parse_timespan_12(value) is not None)


def time_12(value: str) -> Fault | None:
    return _fault(bool(timing.TIME_12.match(value)))


def interval(value: str) -> Fault | None:
    return _fault(timing.parse_interval(value) is not None)


def timestamp(value: str) -> Fault | None:
    return _fault(timing.is_timestamp(value))


def language(value: str) -> Fault | None:
    """language_type: empty, or a BCP 47-like tag (checked for shape only)."""
    return _fault(value == "" or bool(_LANGUAGE.match(value)))


def is_localized(value: str, limit: int) -> bool:
    """localized_string_type: an optional {lang=xx} delimiter, then at most `limit` characters."""
    match = _LANG_PREFIX.match(value)
    if match is not None:
        if not _LANGUAGE.match(match.group(1)):
            return False
        value = value[match.end() :]
    return len(value) <= limit


def localized(limit: int) -> Check:
    return lambda value: _fault(is_localized(value, limit))


def result(*words: str) -> Check:
    """An interaction result: one of `words` or a decimal."""
    number = decimal()
    return lambda value: None if value in words else number(value)


def nav_request(value: str) -> Fault | None:
    """adl.nav.request: the request vocabulary, or {target=ID}choice / {target=ID}jump."""
    return _fault(value in NAV_REQUESTS or bool(_TARGET.match(value)))


# ---- interaction responses (SCORM 2004 RTE 4.2.9): checked loosely, per type ----------------


def _items(value: str) -> list[str]:
    return value.split("[,]")


def _id_list(value: str, *, unique: bool) -> bool:
    items = _items(value)
    if unique and len(set(items)) != len(items):
        return False
    return all(is_identifier(item) for item in items)


def _pairs(value: str, *, either: bool) -> bool:
    """`a[.]b` items: both identifiers, or (performance) either side, not both, may be empty."""
    for item in _items(value):
        parts = item.split("[.]")
        if len(parts) != 2:
            return False
        present = [part for part in parts if part != ""]
        if not present or (not either and len(present) != 2):
            return False
        if parts[0] and not is_identifier(parts[0]):
            return False
    return True


def _numeric_range(value: str) -> bool:
    parts = value.split("[:]")
    if len(parts) > 2:
        return False
    return all(part == "" or _DECIMAL.match(part) for part in parts)


def _strip_flags(value: str) -> str:
    return _FLAGS.sub("", value, count=1)


_Shape = Callable[[str], bool]

_RESPONSE: dict[str, _Shape] = {
    "true-false": lambda v: v in ("true", "false"),
    "choice": lambda v: v == "" or _id_list(v, unique=True),
    "fill-in": lambda v: len(_items(v)) <= 10 and all(is_localized(i, 250) for i in _items(v)),
    "long-fill-in": lambda v: is_localized(v, 4000),
    "likert": lambda v: is_identifier(v),
    "matching": lambda v: _pairs(v, either=False),
    "performance": lambda v: _pairs(v, either=True),
    "sequencing": lambda v: _id_list(v, unique=False),
    "numeric": lambda v: bool(_DECIMAL.match(v)),
    "other": lambda v: len(v) <= 4000,
}
# Correct-response patterns: like responses, plus {case_matters=}/{order_matters=} flags and
# numeric ranges.
_PATTERN: dict[str, _Shape] = {
    **_RESPONSE,
    "fill-in": lambda v: _RESPONSE["fill-in"](_strip_flags(v)),
    "long-fill-in": lambda v: _RESPONSE["long-fill-in"](_strip_flags(v)),
    "performance": lambda v: _RESPONSE["performance"](_strip_flags(v)),
    "numeric": _numeric_range,
}


def response(kind: str, interaction_type: str) -> Check:
    """The check for a learner_response (`kind` "response") or a correct-response pattern."""
    table = _PATTERN if kind == "pattern" else _RESPONSE
    shape = table.get(interaction_type, _RESPONSE["other"])
    return lambda value: _fault(shape(value))
