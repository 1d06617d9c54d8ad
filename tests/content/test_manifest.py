"""course.json: the schema and the rules a schema cannot say; fuzzed with hypothesis."""

from __future__ import annotations

import contextlib
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import PackageError
from content_cache.manifest import parse_course_json, version_key
from tests.content.conftest import course_doc


def parse(doc: Any) -> Any:
    return parse_course_json(json.dumps(doc, ensure_ascii=False).encode())


def test_a_good_course_json_parses() -> None:
    manifest = parse(course_doc())
    assert manifest.competencies[0].type == "behavioural"
    assert manifest.items[0].extra["competencies"] == ["integrity"]


@pytest.mark.parametrize(
    ("edit", "rule"),
    [
        (lambda d: d.pop("id"), "course.schema"),
        (lambda d: d.update(format="kyo-course/2"), "course.schema"),
        (lambda d: d.update(version="one"), "course.schema"),
        (lambda d: d["competencies"][0].update(type="spiritual"), "course.schema"),
        (lambda d: d["competencies"][0].update(hours=-1), "course.schema"),
        (lambda d: d["modules"][0]["items"][0].update(kind="game"), "course.schema"),
        (lambda d: d["modules"][0]["items"][0].update(src="../../etc/passwd"), "course.schema"),
        (lambda d: d["modules"][0]["items"][0].update(src="/abs/path.pdf"), "course.schema"),
        (lambda d: d["modules"][0]["items"][1].update(id="intro"), "course.duplicate_id"),
        (
            lambda d: d["modules"][0]["items"][0].update(competencies=["nope"]),
            "course.unknown_reference",
        ),
        (
            lambda d: d.update(completion={"requires_passing": ["ghost"]}),
            "course.unknown_reference",
        ),
        (lambda d: d.update(title={}), "course.schema"),
    ],
)
def test_bad_course_json_names_the_problem(edit: Any, rule: str) -> None:
    doc = course_doc()
    edit(doc)
    with pytest.raises(PackageError) as info:
        parse(doc)
    assert info.value.rule == rule
    assert "course.json" in info.value.message


def test_not_json_and_too_big() -> None:
    for data in (b"{", b"\xff\xfe", b"[]", b"null"):
        with pytest.raises(PackageError):
            parse_course_json(data)
    with pytest.raises(PackageError) as info:
        parse_course_json(b" " * (3 * 1024 * 1024))
    assert info.value.rule == "course.size"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_values)
def test_fuzz_any_json_is_parsed_or_refused_cleanly(value: Any) -> None:
    with contextlib.suppress(PackageError):
        parse(value)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_fuzz_mutated_course_json(data: st.DataObject) -> None:
    doc = course_doc()
    path: list[Any] = []
    node: Any = doc
    while isinstance(node, (dict, list)) and node and data.draw(st.booleans()):
        key = data.draw(
            st.sampled_from(sorted(node) if isinstance(node, dict) else range(len(node)))
        )
        path.append(key)
        node = node[key]
    target: Any = doc
    for key in path[:-1]:
        target = target[key]
    if path:
        target[path[-1]] = data.draw(json_values)
    with contextlib.suppress(PackageError):
        parse(doc)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_fuzz_bytes(data: bytes) -> None:
    with contextlib.suppress(PackageError):
        parse_course_json(data)


def test_version_order() -> None:
    assert version_key("1.10") > version_key("1.9") > version_key("1") == version_key("1.0.0")
