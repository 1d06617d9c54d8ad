"""Signed repositories: `index.json` + `index.json.sig` + `packages/<sha256>.<zip|xml>`.

index.json (format kyo-repo/1):
  {"format": "kyo-repo/1", "repository": {"id": "urn:…", "name": {"en": …}},
   "serial": 1700000000, "generated": "2026-11-23T16:40:00Z",
   "courses": [{"id", "version", "title", "description", "languages", "competencies",
                "format", "container", "size", "sha256", "url"}],
   "keys": ["kyo-ed25519 … label"]}
The serial only grows (rollback protection, per signing key and repository id). An index signed
by a platform key may also list "endorsed_devices" (device keys whose certificates are valid)
and "revoked_certificates" (certificate ids). Package URLs
are relative to the index, so a repository can be copied anywhere: a web server, a LAN PC, a
USB stick. Keys listed by an index that a platform key signed are trusted as delegated keys
(an institute's), never transitively.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from dataclasses import dataclass, field
from typing import Any

from app.errors import PackageError
from app.i18n import _
from content_cache.signing import PublicKey, parse_public

INDEX_FORMAT = "kyo-repo/1"
MAX_INDEX = 64 * 1024 * 1024
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class CatalogEntry:
    id: str
    version: str
    title: dict[str, str]
    size: int
    sha256: str
    url: str
    container: str
    format: str
    languages: tuple[str, ...] = ()
    description: dict[str, str] = field(default_factory=dict)
    competencies: tuple[dict[str, Any], ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "version": self.version,
            "title": self.title,
            "description": self.description,
            "languages": list(self.languages),
            "competencies": list(self.competencies),
            "format": self.format,
            "container": self.container,
            "size": self.size,
            "sha256": self.sha256,
            "url": self.url,
        }


@dataclass(frozen=True)
class Index:
    repo_id: str
    name: dict[str, str]
    serial: int
    generated: str
    courses: tuple[CatalogEntry, ...]
    keys: tuple[PublicKey, ...] = ()
    endorsed_devices: tuple[PublicKey, ...] = ()  # device keys whose certificates are valid
    revoked_certificates: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "format": INDEX_FORMAT,
            "repository": {"id": self.repo_id, "name": self.name},
            "serial": self.serial,
            "generated": self.generated,
            "courses": [c.as_json() for c in self.courses],
            "keys": [k.line() for k in self.keys],
        }
        if self.endorsed_devices:
            doc["endorsed_devices"] = [k.line() for k in self.endorsed_devices]
        if self.revoked_certificates:
            doc["revoked_certificates"] = list(self.revoked_certificates)
        return doc

    def to_bytes(self) -> bytes:
        return (json.dumps(self.as_json(), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _bad(detail: str, message: str | None = None) -> PackageError:
    return PackageError(
        message or _("The repository index is not valid (it is damaged or not made for this app)."),
        detail=detail,
        rule="repo.index",
    )


def safe_relative_url(url: str) -> bool:
    """Package URLs stay inside the repository: relative, no '..', no scheme, no backslash."""
    if not url or url.startswith("/") or "\\" in url or ":" in url.split("/")[0]:
        return False
    return ".." not in posixpath.normpath(url).split("/") and not url.startswith("./..")


def parse_index(data: bytes) -> Index:
    """Parse a signature-checked index; PackageError (rule repo.index) if malformed."""
    if len(data) > MAX_INDEX:
        raise _bad("too large")
    try:
        doc = json.loads(data.decode("utf-8"))
        if doc.get("format") != INDEX_FORMAT:
            raise _bad(f"format {doc.get('format')!r}")
        repo = doc["repository"]
        index = Index(
            repo_id=_text(repo["id"]),
            name={str(k): str(v) for k, v in dict(repo.get("name", {})).items()},
            serial=_int(doc["serial"]),
            generated=_text(doc.get("generated", "")),
            courses=tuple(entry_from_json(c) for c in doc["courses"]),
            keys=tuple(parse_public(line) for line in doc.get("keys", [])),
            endorsed_devices=tuple(parse_public(x) for x in doc.get("endorsed_devices", [])),
            revoked_certificates=tuple(_text(x) for x in doc.get("revoked_certificates", [])),
        )
    except PackageError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise _bad(f"{type(exc).__name__}: {exc}") from exc
    ids = [c.id for c in index.courses]
    if len(ids) != len(set(ids)):
        raise _bad("duplicate course id", _("The repository index lists a course twice."))
    return index


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("expected text")
    return value


def _int(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise TypeError("expected a non-negative integer")
    return value


def entry_from_json(raw: dict[str, Any]) -> CatalogEntry:
    entry = CatalogEntry(
        id=_text(raw["id"]),
        version=_text(raw["version"]),
        title={str(k): str(v) for k, v in dict(raw["title"]).items()},
        size=_int(raw["size"]),
        sha256=_text(raw["sha256"]),
        url=_text(raw["url"]),
        container=_text(raw.get("container", "zip")),
        format=_text(raw.get("format", "kyo-course/1")),
        languages=tuple(str(x) for x in raw.get("languages", [])),
        description={str(k): str(v) for k, v in dict(raw.get("description", {})).items()},
        competencies=tuple(dict(c) for c in raw.get("competencies", [])),
    )
    if not SHA256_RE.match(entry.sha256):
        raise _bad(
            f"bad sha256 for {entry.id}",
            _("The repository index gives no valid SHA-256 for the course {id}.").format(
                id=entry.id
            ),
        )
    if not safe_relative_url(entry.url):
        raise _bad(
            f"package URL leaves the repository: {entry.url}",
            _("The repository index points outside the repository for a package: {url}").format(
                url=entry.url
            ),
        )
    if entry.container not in ("zip", "xml"):
        raise _bad(f"unknown container {entry.container}")
    return entry
