"""cmi5 course structures (cmi5.xml): parse, check against the cmi5 rules, describe.

The checks run in the order of the ADL test suite's reference LMS, so a structure that breaks
several rules is rejected for the same one: the XSD first (`cmi5_schema`), then ids in document
order (IRIs, uniqueness), then each AU's url (`cmi5_rules`). Every rejection is a PackageError
whose `rule` is "cmi5 <requirement number>".

The parser does not care how the package is stored: it gets the XML and `exists`, which tells
whether a path exists in the package (None for a bare cmi5.xml, which has no files).
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.etree.ElementTree import Element

from content_cache.cmi5_rules import IdRegistry, check_au_url, is_absolute
from content_cache.cmi5_schema import NS, check_schema, mastery_score
from content_cache.manifest_xml import Exists, local_name, namespace, parse_xml

__all__ = ["AU", "Block", "CourseStructure", "parse_cmi5"]


@dataclass(frozen=True)
class AU:
    id: str
    title: dict[str, str]  # language tag -> text ('' when a langstring has no lang)
    description: dict[str, str]
    url: str  # as written (relative path, optionally with query, or absolute URL)
    absolute: bool  # url is absolute (http/https)
    launch_method: str  # "AnyWindow" | "OwnWindow"
    move_on: str  # "Passed" | "Completed" | "CompletedAndPassed" | "CompletedOrPassed" | ...
    mastery_score: float | None
    launch_parameters: str | None
    entitlement_key: str | None
    activity_type: str | None
    block_path: tuple[str, ...]  # ids of enclosing blocks, outermost first


@dataclass(frozen=True)
class Block:
    id: str
    title: dict[str, str]
    description: dict[str, str]
    children: tuple[AU | Block, ...]  # in document order


@dataclass(frozen=True)
class CourseStructure:
    course_id: str
    title: dict[str, str]
    description: dict[str, str]
    children: tuple[AU | Block, ...]  # top level, in document order
    aus: tuple[AU, ...]  # all AUs flattened in document order
    online_only: bool  # every AU url is absolute (no package content needed)


def parse_cmi5(xml: bytes, exists: Exists | None) -> CourseStructure:
    """Parse a cmi5.xml; PackageError names the first rule it breaks.

    `exists(path)` says whether `path` (relative to the package root, no query, no leading
    './') is a file in the package; pass None for a cmi5.xml that came without a zip.
    """
    root = parse_xml(xml, "cmi5.xml")
    check_schema(root)
    ids = IdRegistry()
    course = _child(root, "course")
    ids.add("course", _id(course))
    objectives = root.find(f"{{{NS}}}objectives")
    if objectives is not None:
        for objective in objectives.findall(f"{{{NS}}}objective"):
            ids.add("objective", _id(objective))
    children = _children(root, (), ids)
    aus = tuple(_flatten(children))
    for au in aus:
        check_au_url(au.url, exists)
    return CourseStructure(
        course_id=_id(course),
        title=_text(course, "title"),
        description=_text(course, "description"),
        children=children,
        aus=aus,
        online_only=all(au.absolute for au in aus),
    )


def _children(parent: Element, path: tuple[str, ...], ids: IdRegistry) -> tuple[AU | Block, ...]:
    """The AUs and blocks directly in `parent`, ids checked as they come."""
    found: list[AU | Block] = []
    for element in parent:
        if namespace(element.tag) != NS:
            continue
        name = local_name(element.tag)
        if name == "au":
            ids.add("au", _id(element))
            found.append(_au(element, path))
        elif name == "block":
            block_id = _id(element)
            ids.add("block", block_id)
            found.append(
                Block(
                    id=block_id,
                    title=_text(element, "title"),
                    description=_text(element, "description"),
                    children=_children(element, (*path, block_id), ids),
                )
            )
    return tuple(found)


def _au(element: Element, path: tuple[str, ...]) -> AU:
    url = (_child(element, "url").text or "").strip()
    score = element.get("masteryScore")
    return AU(
        id=_id(element),
        title=_text(element, "title"),
        description=_text(element, "description"),
        url=url,
        absolute=is_absolute(url),
        launch_method=(element.get("launchMethod") or "AnyWindow").strip(),
        move_on=(element.get("moveOn") or "NotApplicable").strip(),
        mastery_score=None if score is None else mastery_score(score),
        launch_parameters=_optional_text(element, "launchParameters"),
        entitlement_key=_optional_text(element, "entitlementKey"),
        activity_type=element.get("activityType"),
        block_path=path,
    )


def _flatten(nodes: tuple[AU | Block, ...]) -> list[AU]:
    aus: list[AU] = []
    for node in nodes:
        if isinstance(node, AU):
            aus.append(node)
        else:
            aus.extend(_flatten(node.children))
    return aus


def _child(element: Element, name: str) -> Element:
    """A child the schema check has already made sure is there."""
    child = element.find(f"{{{NS}}}{name}")
    assert child is not None, name
    return child


def _id(element: Element) -> str:
    # xs:anyURI collapses white space, so surrounding spaces are not part of the id.
    return (element.get("id") or "").strip()


def _text(element: Element, name: str) -> dict[str, str]:
    """A title or description: {language: text}, the first langstring of a language wins."""
    texts: dict[str, str] = {}
    for langstring in _child(element, name).findall(f"{{{NS}}}langstring"):
        texts.setdefault((langstring.get("lang") or "").strip(), (langstring.text or "").strip())
    return texts


def _optional_text(element: Element, name: str) -> str | None:
    child = element.find(f"{{{NS}}}{name}")
    return None if child is None else "".join(child.itertext()).strip()
