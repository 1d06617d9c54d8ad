"""What a package file is, and its course manifest: checked before anything is installed.

Accepted: a `kyo-course/1` zip (course.json at the root), a bare SCORM 1.2 / 2004 zip
(imsmanifest.xml at the root), a bare cmi5 zip (cmi5.xml at the root), and a bare cmi5.xml
whose AUs are all at absolute URLs (an online-only course). Bare packages become one-item
courses. Every file a manifest names must be in the package.

An assessment item's paper (`x.json`) must come with its sealed answer key (`x.key.sealed`,
see sealing.py), and no plain answer key (`*.key.json`) may sit next to it: answers are never
readable in a package.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.errors import PackageError
from app.i18n import _
from content_cache import cmi5, scorm, sealing
from content_cache.manifest import (
    FORMAT,
    CourseManifest,
    Item,
    Module,
    parse_course_json,
)
from content_cache.zipsafe import SafeZip, is_zip

MAX_MANIFEST = 16 * 1024 * 1024
XML_SNIFF = 512


@dataclass(frozen=True)
class Inspected:
    manifest: CourseManifest
    container: str  # "zip" or "xml"


def inspect_package(path: Path, name: str | None = None) -> Inspected:
    """Check the package at `path` completely; PackageError says what is wrong. `name` is the
    file's original name when `path` is a staging copy."""
    if is_zip(path):
        with SafeZip(path) as package:
            return Inspected(_inspect_zip(package), "zip")
    if Path(name or path.name).suffix.lower() == ".zip":
        raise PackageError(
            _(
                "This file is named .zip but is not a zip archive (cmi5 rule 14.1.0.0-1: a "
                "package is a zip file)."
            ),
            detail=str(path),
            rule="cmi5 14.1.0.0-1",
        )
    if _looks_like_xml(path):
        data = path.read_bytes()
        if len(data) > MAX_MANIFEST:
            raise PackageError(_("The course structure file is too large."), rule="package.size")
        structure = cmi5.parse_cmi5(data, None)
        return Inspected(_from_cmi5(structure, "cmi5.xml"), "xml")
    raise PackageError(
        _(
            "This file is not a course package (cmi5 rule 14.0.0.0-1): expected a zip with "
            "course.json, imsmanifest.xml or cmi5.xml at its root, or a cmi5.xml."
        ),
        detail=str(path),
        rule="cmi5 14.0.0.0-1",
    )


def _looks_like_xml(path: Path) -> bool:
    with path.open("rb") as f:
        head = f.read(XML_SNIFF).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<")


def _inspect_zip(package: SafeZip) -> CourseManifest:
    if package.has("course.json"):
        manifest = parse_course_json(package.read("course.json", MAX_MANIFEST))
        for item in manifest.items:
            _check_item(package, item)
        return manifest
    if package.has("imsmanifest.xml"):
        parsed = scorm.parse_scorm(package.read("imsmanifest.xml", MAX_MANIFEST), package.has)
        return _from_scorm(parsed)
    if package.has("cmi5.xml"):
        structure = cmi5.parse_cmi5(package.read("cmi5.xml", MAX_MANIFEST), package.has)
        return _from_cmi5(structure, "cmi5.xml")
    raise PackageError(
        _(
            "The package has no course.json, imsmanifest.xml or cmi5.xml at its root (cmi5 "
            "rule 14.1.0.0-2: a cmi5 package has cmi5.xml at its root)."
        ),
        rule="cmi5 14.1.0.0-2",
    )


def _within(folder: str, package: SafeZip) -> Callable[[str], bool]:
    """`exists` for a manifest inside a sub-folder: its paths are relative to that folder."""

    def exists(relative: str) -> bool:
        joined = posixpath.normpath(posixpath.join(folder, relative))
        return not joined.startswith("../") and package.has(joined)

    return exists


def _check_item(package: SafeZip, item: Item) -> None:
    if not package.has(item.src):
        raise PackageError(
            _("The course lists a file the package does not contain: {path} (item {item}).").format(
                path=item.src, item=item.id
            ),
            rule="course.missing_file",
        )
    folder = posixpath.dirname(item.src)
    if item.kind == "scorm":
        scorm.parse_scorm(package.read(item.src, MAX_MANIFEST), _within(folder, package))
    elif item.kind == "cmi5":
        cmi5.parse_cmi5(package.read(item.src, MAX_MANIFEST), _within(folder, package))
    elif item.kind == "assessment":
        _check_assessment(package, item)


def _check_assessment(package: SafeZip, item: Item) -> None:
    """The sealed key is there and well-formed (it is opened only to grade); no plain key."""
    folder = posixpath.dirname(item.src)
    plain = [
        name
        for name in package.names()
        if posixpath.dirname(name) == folder and name.endswith(".key.json")
    ]
    if plain:
        raise PackageError(
            _(
                "The assessment {item} comes with its answers in a readable file ({path}); "
                "answer keys must be sealed."
            ).format(item=item.id, path=plain[0]),
            rule="assessment.plain_key",
        )
    sealed = item.src.removesuffix(".json") + ".key.sealed"
    if not package.has(sealed):
        raise PackageError(
            _("The assessment {item} has no answer key: {path} is missing.").format(
                item=item.id, path=sealed
            ),
            rule="assessment.no_key",
        )
    sealing.parse_sealed(package.read(sealed, sealing.MAX_SEALED))


def _slug(text: str, fallback: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-._")[:100]
    return slug or fallback


def _langs(*texts: dict[str, str]) -> tuple[str, ...]:
    seen: list[str] = []
    for text in texts:
        for lang in text:
            base = lang.split("-")[0].lower()
            if base not in seen:
                seen.append(base)
    return tuple(seen) or ("en",)


def _by_base_language(text: dict[str, str]) -> dict[str, str]:
    """cmi5 langstrings use tags like en-US; the course model keys texts by base language."""
    out: dict[str, str] = {}
    for lang, value in text.items():
        out.setdefault(lang.split("-")[0].lower(), value)
    return out or {"en": ""}


def _one_item_course(
    course_id: str, title: dict[str, str], item: Item, fmt: str, **kw: object
) -> CourseManifest:
    document = {
        "format": FORMAT,
        "id": course_id,
        "version": "0",
        "title": title,
        "languages": list(_langs(title)),
        "modules": [
            {
                "id": "main",
                "title": title,
                "items": [{"id": item.id, "kind": item.kind, "title": item.title, "src": item.src}],
            }
        ],
    }
    return CourseManifest(
        id=course_id,
        version="0",
        title=title,
        languages=_langs(title),
        modules=(Module("main", title, (item,)),),
        source_format=fmt,
        document=document,
        **kw,  # type: ignore[arg-type]
    )


def _from_scorm(parsed: scorm.ScormPackage) -> CourseManifest:
    title = {"en": parsed.title or parsed.identifier}
    fmt = "scorm12" if parsed.version == "1.2" else "scorm2004"
    course_id = "urn:scorm:" + _slug(parsed.identifier, "course")
    item = Item(id="scorm", kind="scorm", title=title, src="imsmanifest.xml")
    return _one_item_course(course_id, title, item, fmt)


def _from_cmi5(structure: cmi5.CourseStructure, src: str) -> CourseManifest:
    title = _by_base_language(structure.title)
    item = Item(id="cmi5", kind="cmi5", title=title, src=src)
    manifest = _one_item_course(
        structure.course_id, title, item, "cmi5", online_only=structure.online_only
    )
    if structure.description:
        manifest.document["description"] = _by_base_language(structure.description)
    return manifest
