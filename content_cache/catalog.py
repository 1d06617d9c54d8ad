"""Searching the catalog: SQLite FTS5 (unicode61 tokenizer, which splits Devanagari words
correctly), every term a prefix match, all terms required."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from content_cache.manifest import version_key
from content_cache.repository import CatalogEntry, entry_from_json
from content_cache.store import ContentStore

MAX_TERMS = 8


@dataclass(frozen=True)
class CatalogRow:
    entry: CatalogEntry
    location: str
    installed_version: str | None

    @property
    def update_available(self) -> bool:
        if self.installed_version is None:
            return False
        return version_key(self.entry.version) > version_key(self.installed_version)


def fts_query(text: str) -> str | None:
    """User text -> an FTS5 query: each word quoted (no operator injection) and a prefix."""
    words = re.findall(r"\w+", text)[:MAX_TERMS]
    if not words:
        return None
    return " ".join('"' + w.replace('"', '""') + '"*' for w in words)


def query_catalog(store: ContentStore, search: str | None, limit: int | None) -> list[CatalogRow]:
    sql = (
        "SELECT c.entry, r.location, i.version AS installed FROM catalog c "
        "JOIN repositories r ON r.id = c.repo LEFT JOIN courses i ON i.id = c.course_id"
    )
    params: list[object] = []
    query = fts_query(search) if search else None
    if search and query is None:
        return []
    if query:
        sql += " WHERE c.rowid IN (SELECT rowid FROM catalog_fts WHERE catalog_fts MATCH ?)"
        params.append(query)
    sql += " ORDER BY c.title COLLATE NOCASE"
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    with store.connect() as conn:
        rows = conn.execute(sql, params).fetchall()
    return [CatalogRow(_load(r["entry"]), r["location"], r["installed"]) for r in rows]


def _load(text: str) -> CatalogEntry:
    return entry_from_json(json.loads(text))
