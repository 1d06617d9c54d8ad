"""Catalog search: FTS5, Hindi and English, prefixes, no query injection."""

from __future__ import annotations

from pathlib import Path

import pytest

from content_cache import signing
from content_cache.catalog import fts_query
from content_cache.download import Downloader
from content_cache.publish import publish
from content_cache.repos import Repositories
from content_cache.store import ContentStore
from content_cache.trust import TrustStore
from tests.content.conftest import course_doc, make_package

COURSES = [
    ("urn:t:ethics", {"en": "Ethics in Governance", "hi": "शासन में नैतिकता"}),
    ("urn:t:rti", {"en": "Right to Information", "hi": "सूचना का अधिकार"}),
    ("urn:t:grievance", {"en": "Grievance Redressal", "hi": "शिकायत निवारण"}),
]


@pytest.fixture
def repos(store: ContentStore, key: signing.SigningKey, tmp_path: Path) -> Repositories:
    src = tmp_path / "src"
    src.mkdir()
    for course_id, title in COURSES:
        make_package(src / f"{course_id.split(':')[-1]}.zip", course_doc(course_id, title=title))
    publish(src, tmp_path / "repo", key)
    repos = Repositories(store, TrustStore(store, [key.public]), Downloader())
    repos.add(str(tmp_path / "repo"))
    return repos


def ids(rows: list) -> list[str]:
    return sorted(r.entry.id for r in rows)


def test_search_english_hindi_and_prefixes(repos: Repositories) -> None:
    assert ids(repos.catalog("ethics")) == ["urn:t:ethics"]
    assert ids(repos.catalog("informat")) == ["urn:t:rti"]
    assert ids(repos.catalog("नैतिकता")) == ["urn:t:ethics"]
    assert ids(repos.catalog("शिकायत")) == ["urn:t:grievance"]
    assert ids(repos.catalog("सूच")) == ["urn:t:rti"]  # a prefix of सूचना
    assert ids(repos.catalog("सत्यनिष्ठा")) == sorted(c for c, _ in COURSES)  # competency name
    assert ids(repos.catalog("right information")) == ["urn:t:rti"]  # all words
    assert repos.catalog("nothing-like-this") == []
    assert len(repos.catalog()) == 3


@pytest.mark.parametrize(
    "text", ['"', "OR", "NEAR(a b)", "*", "a AND", "col:title", "^x", "()", ""]
)
def test_search_text_cannot_break_the_query(repos: Repositories, text: str) -> None:
    repos.catalog(text)  # no exception: operators are quoted as words


def test_fts_query_quotes_every_word() -> None:
    assert fts_query('say "hi" OR x*') == '"say"* "hi"* "OR"* "x"*'
    assert fts_query("  ") is None
