"""What the library shows, gathered from the core off the GUI thread (no Qt here).

`LibrarySource.load()` merges the installed courses (with the learner's progress) and what the
added repositories offer; `search(text)` asks the catalog's FTS index (Hindi too) and matches
installed courses that no repository lists. Both run through `Ops`, never on the GUI thread.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from app.i18n import text_in
from content_cache.manifest import version_key

if TYPE_CHECKING:
    from app.content import ContentService
    from app.learning import Learner
    from content_cache.catalog import CatalogRow
    from content_cache.store import InstalledCourse

NOT_STARTED, IN_PROGRESS, COMPLETED = "not_started", "in_progress", "completed"


@dataclass(frozen=True)
class LibraryEntry:
    """One course in the library: installed, offered by a repository, or both."""

    id: str
    title: dict[str, str]
    description: dict[str, str] = field(default_factory=dict)
    languages: tuple[str, ...] = ()
    competency_types: frozenset[str] = frozenset()
    size: int = 0  # the installed package, else the download
    items: int = 0
    installed_version: str | None = None
    available_version: str | None = None
    download_size: int | None = None
    online_only: bool = False
    status: str = NOT_STARTED  # the learner's progress (installed courses)
    fraction: float = 0.0

    @property
    def installed(self) -> bool:
        return self.installed_version is not None

    @property
    def update_available(self) -> bool:
        if self.installed_version is None or self.available_version is None:
            return False
        return version_key(self.available_version) > version_key(self.installed_version)


@dataclass(frozen=True)
class CourseCard:
    """What the library shows of one installed course (made by the window from the core's data)."""

    id: str
    title: dict[str, str]
    version: str
    items: int
    size: int
    online_only: bool

    def title_in(self, language: str) -> str:
        return text_in(self.title, language)

    def entry(self) -> LibraryEntry:
        return LibraryEntry(
            id=self.id,
            title=dict(self.title),
            size=self.size,
            items=self.items,
            installed_version=self.version,
            online_only=self.online_only,
        )


def installed_entry(
    course: InstalledCourse, status: str = NOT_STARTED, fraction: float = 0.0
) -> LibraryEntry:
    manifest = course.manifest
    return LibraryEntry(
        id=course.id,
        title=dict(manifest.title),
        description=dict(manifest.description),
        languages=tuple(manifest.languages),
        competency_types=frozenset(c.type for c in manifest.competencies),
        size=course.size,
        items=len(manifest.items),
        installed_version=course.version,
        online_only=manifest.online_only,
        status=status,
        fraction=fraction,
    )


def catalog_entry(row: CatalogRow, installed: LibraryEntry | None) -> LibraryEntry:
    """The catalog's offer, merged into the installed course when there is one."""
    entry = row.entry
    if installed is not None:
        return replace(installed, available_version=entry.version, download_size=entry.size)
    return LibraryEntry(
        id=entry.id,
        title=dict(entry.title),
        description=dict(entry.description),
        languages=tuple(entry.languages),
        competency_types=frozenset(str(c.get("type", "")) for c in entry.competencies),
        size=entry.size,
        available_version=entry.version,
        download_size=entry.size,
        online_only=entry.container == "xml",
    )


def merge(installed: Iterable[LibraryEntry], catalog: Iterable[CatalogRow]) -> list[LibraryEntry]:
    """One entry per course: the installed one, with the highest version a repository offers."""
    by_id = {e.id: e for e in installed}
    best: dict[str, CatalogRow] = {}
    for row in catalog:
        seen = best.get(row.entry.id)
        if seen is None or version_key(row.entry.version) > version_key(seen.entry.version):
            best[row.entry.id] = row
    for course_id, row in best.items():
        by_id[course_id] = catalog_entry(row, by_id.get(course_id))
    return list(by_id.values())


def matches_words(text: str, fields: Iterable[Mapping[str, str]]) -> bool:
    """Every word of `text` starts a word of the fields, in any language (as the FTS search)."""
    words = [w.casefold() for w in re.findall(r"\w+", text)]
    haystack = {w.casefold() for f in fields for v in f.values() for w in re.findall(r"\w+", v)}
    return all(any(h.startswith(w) for h in haystack) for w in words)


class LibrarySource:
    """Reads the library for the window's open profile. Call only from a worker (through
    `Ops`): it reads the content store and the learner's encrypted database."""

    def __init__(
        self, content: ContentService, learner: Callable[[], Learner] | None = None
    ) -> None:
        self.content = content
        self.learner = learner

    def installed(self) -> list[LibraryEntry]:
        if self.learner is None:
            return [installed_entry(c) for c in self.content.store.courses()]
        return [
            installed_entry(view.course, view.status.status, view.status.fraction)
            for view in self.learner().courses()
        ]

    def load(self) -> list[LibraryEntry]:
        return merge(self.installed(), self.content.repos.catalog())

    def search(self, text: str) -> set[str]:
        """Ids of the courses matching `text`: the catalog's FTS hits, and installed courses
        whose title or description has words starting with every word searched."""
        hits = {row.entry.id for row in self.content.repos.catalog(text)}
        for course in self.content.store.courses():
            manifest = course.manifest
            if matches_words(text, (manifest.title, manifest.description)):
                hits.add(course.id)
        return hits

    def refresh(self) -> list[tuple[str, str]]:
        """Fetch every repository's index again: (location, error message) for failures."""
        failures = []
        for location, outcome in self.content.repos.refresh():
            if isinstance(outcome, Exception):
                failures.append((location, str(outcome)))
        return failures
