"""GetValue and SetValue against an edition's tables: names, keywords, arrays, checks.

Values live in one flat dict keyed by the element's full name ("cmi.objectives.0.id") and array
lengths in another ("cmi.objectives" -> 1): both are JSON as they are, and a snapshot is just
the two dicts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from app.scorm import checks
from app.scorm.profile import FAULT_ERR, Access, Element, Err, Profile

_TARGET = re.compile(r"^(adl\.nav\.request_valid\.(?:choice|jump))\.\{target=[^}]+\}$")
_KEYWORDS = ("_children", "_count")


@dataclass(frozen=True)
class Path:
    name: str  # as the SCO wrote it: "cmi.interactions.2.objectives.0.id"
    pattern: str  # as the tables key it: "cmi.interactions.n.objectives.n.id"
    arrays: tuple[tuple[str, int], ...]  # (("cmi.interactions", 2), ("cmi....2.objectives", 0))

    def fill(self, pattern: str) -> str:
        """`pattern` with this path's indices in place of its "n"s (for dependencies)."""
        indices = iter(index for _array, index in self.arrays)
        return ".".join(str(next(indices)) if part == "n" else part for part in pattern.split("."))


def parse(name: str) -> Path:
    target = _TARGET.match(name)
    if target is not None:  # the target identifier may itself contain dots
        return Path(name, target.group(1) + ".{target}", ())
    parts = name.split(".")
    arrays: list[tuple[str, int]] = []
    pattern: list[str] = []
    for at, part in enumerate(parts):
        if part.isascii() and part.isdigit():
            arrays.append((".".join(parts[:at]), int(part)))
            pattern.append("n")
        else:  # a literal "n" in a name is not an index: keep it from matching one
            pattern.append("?" if part == "n" else part)
    return Path(name, ".".join(pattern), tuple(arrays))


class Outcome(NamedTuple):
    value: str = ""
    err: Err | None = None
    diagnostic: str = ""


def _fail(err: Err, diagnostic: str) -> Outcome:
    return Outcome("", err, diagnostic)


class DataModel:
    """One learner's data for one SCO, read and written as the edition's rules allow."""

    def __init__(self, profile: Profile, values: dict[str, str], counts: dict[str, int]) -> None:
        self.profile = profile
        self.values = values
        self.counts = counts

    # ---- GetValue ---------------------------------------------------------------------------

    def get(self, name: str) -> Outcome:
        found = self._resolve(name, writing=False)
        if isinstance(found, Outcome):
            return found
        path, _element = found
        if not self._within(path):
            return _fail(Err.GET_FAILURE, f"{name}: no such index (see _count)")
        compute = self.profile.computed.get(path.pattern)
        if compute is not None:
            return Outcome(compute(self.values))
        value = self.values.get(name)
        if value is None:
            return _fail(Err.NOT_SET, f"{name} has no value yet")
        return Outcome(value)

    def _keyword(self, base: str, keyword: str) -> Outcome:
        path = parse(base)
        known = self.profile.known(path.pattern)
        if keyword == "_children":
            text = self.profile.children.get(path.pattern)
            if text is not None:
                return Outcome(text)
            err = Err.NO_CHILDREN if known else Err.UNDEFINED
            return _fail(err, f"{base} has no _children")
        if path.pattern not in self.profile.arrays:
            err = Err.NO_COUNT if known else Err.UNDEFINED
            return _fail(err, f"{base} is not an array: it has no _count")
        if not self._within(path):
            return _fail(Err.GET_FAILURE, f"{base}: no such index (see _count)")
        return Outcome(str(self.counts.get(base, 0)))

    # ---- SetValue ---------------------------------------------------------------------------

    def set(self, name: str, value: str) -> Outcome:
        found = self._resolve(name, writing=True)
        if isinstance(found, Outcome):
            return found
        path, element = found
        refused = self._placement(path, element) or self._acceptable(path, element, value)
        if refused is not None:
            return refused
        self._store(path, value)
        return Outcome("true")

    def _placement(self, path: Path, element: Element) -> Outcome | None:
        """Arrays grow one at a time, and some elements wait for their item's id (and type)."""
        for array, index in path.arrays:
            count = self.counts.get(array, 0)
            if index > count:
                return _fail(Err.SET_ARGUMENT, f"{path.name}: {array} has {count} items")
        for need in element.needs:
            if path.fill(need) not in self.values:
                return _fail(Err.DEPENDENCY, f"{path.fill(need)} must be set before {path.name}")
        return None

    def _acceptable(self, path: Path, element: Element, value: str) -> Outcome | None:
        kind = self.values.get(path.fill("cmi.interactions.n.type"), "") if element.typed else ""
        for check in (element.check, checks.response(element.typed, kind) if kind else None):
            fault = check(value) if check is not None else None
            if fault is not None:
                what = f"a {kind} " if kind else ""
                return _fail(
                    FAULT_ERR[fault], f"{value!r} is not {what}{path.name} ({fault.value})"
                )
        rule = self.profile.rules.get(path.pattern)
        problem = rule(self.values, self.counts, path.name, value) if rule else None
        return None if problem is None else _fail(Err.SET_FAILURE, problem)

    def _store(self, path: Path, value: str) -> None:
        for array, index in path.arrays:
            if index == self.counts.get(array, 0):
                self.counts[array] = index + 1
                defaults = self.profile.item_defaults.get(parse(array).pattern, {})
                for leaf, default in defaults.items():
                    self.values.setdefault(f"{array}.{index}.{leaf}", default)
        self.values[path.name] = value

    # ---- helpers ----------------------------------------------------------------------------

    def _resolve(self, name: str, *, writing: bool) -> Outcome | tuple[Path, Element]:
        """The element `name` stands for, or the outcome that ends the call here."""
        early = self._keyword_or_unusable(name, writing=writing)
        if early is not None:
            return early
        path = parse(name)
        element = self.profile.elements.get(path.pattern)
        if element is None:
            return _fail(Err.UNDEFINED, f"{name} is not a SCORM {self.profile.version} element")
        if writing and element.access is Access.RO:
            return _fail(Err.READ_ONLY, f"{name} is read-only")
        if not writing and element.access is Access.WO:
            return _fail(Err.WRITE_ONLY, f"{name} is write-only")
        return path, element

    def _keyword_or_unusable(self, name: str, *, writing: bool) -> Outcome | None:
        verb = "SetValue" if writing else "GetValue"
        if name == "":
            return _fail(Err.SET_ARGUMENT if writing else Err.GET_FAILURE, f"{verb}: no element")
        if any(name == p or name.startswith(p + ".") for p in self.profile.unimplemented):
            return _fail(Err.UNIMPLEMENTED, f"{name} is not implemented by this LMS")
        base, _dot, last = name.rpartition(".")
        if writing and last in (*_KEYWORDS, "_version"):
            err = Err.KEYWORD_SET if self.profile.known(parse(base).pattern) else Err.UNDEFINED
            return _fail(err, f"{name} is a keyword: it cannot be set")
        if not writing and last in _KEYWORDS:
            return self._keyword(base, last)
        return None

    # ---- arrays ----------------------------------------------------------------------------

    def _within(self, path: Path) -> bool:
        return all(index < self.counts.get(array, 0) for array, index in path.arrays)
