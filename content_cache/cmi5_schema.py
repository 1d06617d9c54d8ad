"""Requirement 13.2.0.0-1: a cmi5.xml conforms to the course structure XSD.

https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd, checked by hand rather than with an
XSD engine (none ships with the app): element order and counts, required and allowed attributes,
and the attribute value types (moveOn, launchMethod, masteryScore, lang). Elements and
attributes in other namespaces are extensions the XSD lets through (`##other`, lax) and are
ignored; unqualified ones it does not declare are errors, as with a validating parser.
"""

from __future__ import annotations

import re
from decimal import Decimal
from xml.etree.ElementTree import Element

from app.errors import PackageError
from app.i18n import _
from content_cache.cmi5_rules import SCHEMA_RULE, violation
from content_cache.manifest_xml import local_name, namespace

NS = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
MOVE_ON = ("NotApplicable", "Passed", "Completed", "CompletedAndPassed", "CompletedOrPassed")
LAUNCH_METHODS = ("AnyWindow", "OwnWindow")

# A content model is a sequence of particles: (element names, min occurs, max occurs or None).
Particle = tuple[frozenset[str], int, int | None]
_TITLE: Particle = (frozenset({"title"}), 1, 1)
_DESCRIPTION: Particle = (frozenset({"description"}), 1, 1)
_OBJECTIVES: Particle = (frozenset({"objectives"}), 0, 1)
_CHILDREN: Particle = (frozenset({"au", "block"}), 1, None)

# kind -> (content model, {child name: child kind}, attributes allowed, attributes required)
_KINDS: dict[str, tuple[tuple[Particle, ...], dict[str, str], frozenset[str], frozenset[str]]] = {
    "courseStructure": (
        ((frozenset({"course"}), 1, 1), _OBJECTIVES, _CHILDREN),
        {"course": "course", "objectives": "objectives", "au": "au", "block": "block"},
        frozenset(),
        frozenset(),
    ),
    "course": (
        (_TITLE, _DESCRIPTION),
        {"title": "text", "description": "text"},
        frozenset({"id"}),
        frozenset({"id"}),
    ),
    "block": (
        (_TITLE, _DESCRIPTION, _OBJECTIVES, _CHILDREN),
        {
            "title": "text",
            "description": "text",
            "objectives": "references",
            "au": "au",
            "block": "block",
        },
        frozenset({"id"}),
        frozenset({"id"}),
    ),
    "au": (
        (
            _TITLE,
            _DESCRIPTION,
            _OBJECTIVES,
            (frozenset({"url"}), 1, 1),
            (frozenset({"launchParameters"}), 0, 1),
            (frozenset({"entitlementKey"}), 0, 1),
        ),
        {"title": "text", "description": "text", "objectives": "references", "url": "url"},
        frozenset({"id", "moveOn", "masteryScore", "launchMethod", "activityType"}),
        frozenset({"id"}),
    ),
    "objectives": (
        ((frozenset({"objective"}), 1, None),),
        {"objective": "objective"},
        frozenset(),
        frozenset(),
    ),
    "references": (
        ((frozenset({"objective"}), 1, None),),
        {"objective": "reference"},
        frozenset(),
        frozenset(),
    ),
    "text": (
        ((frozenset({"langstring"}), 1, None),),
        {"langstring": "langstring"},
        frozenset(),
        frozenset(),
    ),
}
# Kinds whose children are not checked here: text content, or anything (xs:anyType).
_LEAVES = {
    "langstring": frozenset({"lang"}),
    "url": frozenset(),
    "reference": frozenset({"idref"}),
    "any": frozenset(),
}

_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_LANGUAGE = re.compile(r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*")


def check_schema(root: Element) -> None:
    """Raise PackageError (rule "cmi5 13.2.0.0-1") where `root` breaks the XSD."""
    if root.tag != f"{{{NS}}}courseStructure":
        raise _error(
            _(
                "cmi5 rule {rule}: this is not a cmi5 course structure: the root element must "
                "be courseStructure in the namespace {ns}."
            ).format(rule=SCHEMA_RULE, ns=NS),
            detail=f"root element {root.tag}",
        )
    _check(root, "courseStructure", "courseStructure")


def _error(message: str, detail: str = "") -> PackageError:
    return violation(SCHEMA_RULE, message, detail)


def _check(element: Element, kind: str, where: str) -> None:
    if kind == "objective":
        _check_objective(element, where)
        return
    if kind in _LEAVES:
        _check_leaf(element, kind, where)
        return
    model, child_kinds, allowed, required = _KINDS[kind]
    _check_attributes(element, allowed, required, where)
    _check_no_text(element, where)
    _check_order(element, model, where)
    for child in element:
        name = local_name(child.tag)
        if namespace(child.tag) == NS:
            _check(child, child_kinds.get(name, "any"), _where(where, child))
    if kind == "au":
        _check_au_values(element, where)


def _where(parent: str, child: Element) -> str:
    """A readable path for the log: courseStructure/block[@id='…']/au[@id='…']."""
    name = local_name(child.tag)
    ident = child.get("id")
    return f"{parent}/{name}[@id={ident!r}]" if ident else f"{parent}/{name}"


def _check_order(element: Element, model: tuple[Particle, ...], where: str) -> None:
    """Children of the cmi5 namespace in the model's order and counts, then extensions only."""
    children = list(element)
    i = 0
    for names, low, high in model:
        count = 0
        while (
            i < len(children)
            and namespace(children[i].tag) == NS
            and local_name(children[i].tag) in names
            and (high is None or count < high)
        ):
            count += 1
            i += 1
        if count < low:
            raise _missing(element, names, where)
    for child in children[i:]:
        if namespace(child.tag) in (NS, ""):
            raise _unexpected(element, child, where)


def _check_objective(element: Element, where: str) -> None:
    """An objective holds one title and one description, in either order (xs:all)."""
    _check_attributes(element, frozenset({"id"}), frozenset({"id"}), where)
    _check_no_text(element, where)
    names = [local_name(child.tag) for child in element]
    for child in element:
        if namespace(child.tag) != NS or local_name(child.tag) not in ("title", "description"):
            raise _unexpected(element, child, where)
        if names.count(local_name(child.tag)) > 1:
            raise _unexpected(element, child, where)
        _check(child, "text", _where(where, child))
    for needed in ("title", "description"):
        if needed not in names:
            raise _missing(element, frozenset({needed}), where)


def _check_leaf(element: Element, kind: str, where: str) -> None:
    if kind == "any":  # launchParameters, entitlementKey: xs:anyType, anything goes
        return
    _check_attributes(element, _LEAVES[kind], frozenset(), where)
    if len(element):
        raise _unexpected(element, element[0], where)
    if kind == "url" and not (element.text or "").strip():
        raise _error(_("cmi5 rule {rule}: an AU has an empty url.").format(rule=SCHEMA_RULE), where)
    lang = element.get("lang")
    if kind == "langstring" and lang is not None and not _LANGUAGE.fullmatch(lang.strip()):
        raise _error(
            _("cmi5 rule {rule}: “{value}” is not a valid language tag.").format(
                rule=SCHEMA_RULE, value=lang
            ),
            where,
        )


def _check_attributes(
    element: Element, allowed: frozenset[str], required: frozenset[str], where: str
) -> None:
    name = local_name(element.tag)
    for attribute in element.attrib:
        # Attributes of other namespaces (xsi:schemaLocation, vendor extensions) are allowed.
        if attribute not in allowed and namespace(attribute) in (NS, ""):
            raise _error(
                _(
                    "cmi5 rule {rule}: the element <{element}> has an attribute the schema "
                    "does not allow: {attribute}."
                ).format(rule=SCHEMA_RULE, element=name, attribute=local_name(attribute)),
                where,
            )
    for attribute in sorted(required - set(element.attrib)):
        raise _error(
            _("cmi5 rule {rule}: the element <{element}> needs the attribute {attribute}.").format(
                rule=SCHEMA_RULE, element=name, attribute=attribute
            ),
            where,
        )


def _check_no_text(element: Element, where: str) -> None:
    """Element-only content: nothing but white space between the child elements."""
    texts = [element.text, *(child.tail for child in element)]
    if any(text and text.strip() for text in texts):
        raise _error(
            _(
                "cmi5 rule {rule}: the element <{element}> contains text where only elements "
                "are allowed."
            ).format(rule=SCHEMA_RULE, element=local_name(element.tag)),
            where,
        )


def _check_au_values(au: Element, where: str) -> None:
    for attribute, choices in (("moveOn", MOVE_ON), ("launchMethod", LAUNCH_METHODS)):
        value = au.get(attribute)
        if value is not None and value.strip() not in choices:
            raise _error(
                _("cmi5 rule {rule}: {attribute} must be one of {choices}, not “{value}”.").format(
                    rule=SCHEMA_RULE, attribute=attribute, choices=", ".join(choices), value=value
                ),
                where,
            )
    score = au.get("masteryScore")
    if score is not None and mastery_score(score) is None:
        raise _error(
            _(
                "cmi5 rule {rule}: masteryScore must be a decimal number from 0 to 1, "
                "not “{value}”."
            ).format(rule=SCHEMA_RULE, value=score),
            where,
        )


def mastery_score(value: str) -> float | None:
    """An xs:decimal in [0, 1] as a float, or None when `value` is not one."""
    text = value.strip()
    if not _DECIMAL.fullmatch(text):
        return None
    number = Decimal(text)
    return float(number) if 0 <= number <= 1 else None


def _missing(element: Element, names: frozenset[str], where: str) -> PackageError:
    return _error(
        _("cmi5 rule {rule}: the element <{element}> must contain <{child}>.").format(
            rule=SCHEMA_RULE, element=local_name(element.tag), child="/".join(sorted(names))
        ),
        where,
    )


def _unexpected(element: Element, child: Element, where: str) -> PackageError:
    return _error(
        _(
            "cmi5 rule {rule}: the element <{child}> is not allowed at this place in <{element}>."
        ).format(rule=SCHEMA_RULE, child=local_name(child.tag), element=local_name(element.tag)),
        where,
    )
