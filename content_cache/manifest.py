"""The course manifest every installed course has, whatever package it came in.

A `kyo-course/1` package carries it as `course.json` (checked against
`schemas/kyo-course-1.schema.json` on every import); bare SCORM and cmi5 packages get one made
for them (see `package.py`). Progress is keyed by (course id, item id), so both must stay
stable across versions of a course.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from app.errors import PackageError
from app.i18n import _, text_in

SCHEMA_PATH = Path(__file__).parent / "schemas" / "kyo-course-1.schema.json"
FORMAT = "kyo-course/1"
ITEM_KINDS = ("video", "pdf", "html", "scorm", "cmi5", "assessment")
MAX_COURSE_JSON = 2 * 1024 * 1024


@dataclass(frozen=True)
class Competency:
    id: str
    name: dict[str, str]
    type: str
    hours: float


@dataclass(frozen=True)
class Item:
    id: str
    kind: str
    title: dict[str, str]
    src: str
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Module:
    id: str
    title: dict[str, str]
    items: tuple[Item, ...]


@dataclass(frozen=True)
class CourseManifest:
    id: str
    version: str
    title: dict[str, str]
    languages: tuple[str, ...]
    modules: tuple[Module, ...]
    competencies: tuple[Competency, ...] = ()
    description: dict[str, str] = field(default_factory=dict)
    source_format: str = FORMAT  # kyo-course/1, scorm12, scorm2004, cmi5
    online_only: bool = False  # every item needs the network (cmi5 AUs at absolute URLs)
    document: dict[str, Any] = field(default_factory=dict)  # the course.json, as stored

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for module in self.modules for item in module.items)

    def title_in(self, language: str) -> str:
        return text_in(self.title, language)


def version_key(version: str) -> tuple[int, ...]:
    """'1.10.2' -> (1, 10, 2): versions compare as numbers, missing parts as 0."""
    parts = [int(p) for p in version.split(".")]
    while len(parts) < 4:
        parts.append(0)
    return tuple(parts)


@cache
def _validator() -> Any:
    import jsonschema  # deferred: ~40 ms, needed only when a package is imported

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def parse_course_json(data: bytes) -> CourseManifest:
    """Parse and check a course.json; PackageError (rule "course.*") names what is wrong."""
    if len(data) > MAX_COURSE_JSON:
        raise PackageError(
            _("The course description (course.json) is too large."), rule="course.size"
        )
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise PackageError(
            _("The course description (course.json) is not valid JSON: {error}").format(error=exc),
            rule="course.json",
        ) from exc
    errors = sorted(_validator().iter_errors(document), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.absolute_path) or "(top level)"
        raise PackageError(
            _("The course description (course.json) breaks its schema at {where}: {error}").format(
                where=where, error=first.message[:300]
            ),
            detail="; ".join(e.message[:200] for e in errors[:10]),
            rule="course.schema",
        )
    return manifest_from_document(document)


def manifest_from_document(document: dict[str, Any], **overrides: Any) -> CourseManifest:
    """Build the manifest from a course.json document already checked against the schema."""
    modules = tuple(
        Module(
            id=m["id"],
            title=dict(m["title"]),
            items=tuple(_item(i) for i in m["items"]),
        )
        for m in document["modules"]
    )
    manifest = CourseManifest(
        id=document["id"],
        version=document["version"],
        title=dict(document["title"]),
        description=dict(document.get("description", {})),
        languages=tuple(document["languages"]),
        modules=modules,
        competencies=tuple(
            Competency(c["id"], dict(c["name"]), c["type"], float(c["hours"]))
            for c in document.get("competencies", [])
        ),
        document=document,
        **overrides,
    )
    _check_references(manifest)
    return manifest


def _item(raw: dict[str, Any]) -> Item:
    extra = {k: v for k, v in raw.items() if k not in ("id", "kind", "title", "src")}
    return Item(
        id=raw["id"], kind=raw["kind"], title=dict(raw["title"]), src=raw["src"], extra=extra
    )


def _check_references(manifest: CourseManifest) -> None:
    """Rules a JSON Schema cannot say: unique ids, references to ids that exist."""
    item_ids = [item.id for item in manifest.items]
    module_ids = [m.id for m in manifest.modules]
    messages = (
        (item_ids, _("The course description (course.json) uses the item id {id} twice.")),
        (module_ids, _("The course description (course.json) uses the module id {id} twice.")),
    )
    for ids, message in messages:
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise PackageError(message.format(id=duplicates[0]), rule="course.duplicate_id")
    competency_ids = {c.id for c in manifest.competencies}
    completion = manifest.document.get("completion", {})
    for item in manifest.items:
        for cid in item.extra.get("competencies", []):
            if cid not in competency_ids:
                raise _unknown(
                    _(
                        "The course description (course.json) refers to a competency that does "
                        "not exist: {id}"
                    ).format(id=cid)
                )
    for key in ("items", "requires_passing"):
        for ref in completion.get(key, []):
            if ref not in item_ids:
                raise _unknown(
                    _(
                        "The course description (course.json) refers to an item that does not "
                        "exist: {id}"
                    ).format(id=ref)
                )


def _unknown(message: str) -> PackageError:
    return PackageError(message, rule="course.unknown_reference")
