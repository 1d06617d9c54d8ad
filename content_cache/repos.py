"""Repositories this machine knows (web servers, LAN PCs, USB folders) and their catalog.

Adding or refreshing a repository fetches `index.json` and its signature, checks the
signature against trusted keys, refuses an index older than one already accepted from the
same key and repository (rollback), then replaces that repository's catalog in one
transaction. Installing from the catalog downloads (resumable) or copies the package, and
the store verifies its size and SHA-256 against the signed index before anything else.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from threading import Event
from urllib.parse import quote

from app.errors import DiskFull, NotFound, SignatureError
from app.i18n import _
from content_cache import db, signing
from content_cache.catalog import CatalogRow, query_catalog
from content_cache.download import Downloader, Progress
from content_cache.manifest import version_key
from content_cache.repository import MAX_INDEX, CatalogEntry, Index, parse_index
from content_cache.signing import PublicKey, parse_public
from content_cache.store import ContentStore, InstallResult
from content_cache.trust import TrustStore

MAX_SIG = 4096


def is_url(location: str) -> bool:
    return bool(re.match(r"^https?://", location, re.IGNORECASE))


def normalize_location(location: str) -> str:
    if is_url(location):
        return location.rstrip("/")
    return str(Path(location).expanduser().resolve())


@dataclass(frozen=True)
class RepoInfo:
    location: str
    repo_id: str
    name: dict[str, str]
    key_id: str
    serial: int
    courses: int
    fetched_at: str


class Repositories:
    def __init__(self, store: ContentStore, trust: TrustStore, downloader: Downloader) -> None:
        self.store = store
        self.trust = trust
        self.downloader = downloader

    # fetching indexes

    def _read(self, location: str, name: str, limit: int) -> bytes:
        if is_url(location):
            return self.downloader.fetch_bytes(f"{location}/{name}", limit)
        path = Path(location) / name
        if not path.is_file():
            raise NotFound(
                _("There is no repository at {location} (no {name}).").format(
                    location=location, name=name
                )
            )
        if path.stat().st_size > limit:
            raise SignatureError(_("The repository's {name} is too large.").format(name=name))
        return path.read_bytes()

    def add(self, location: str) -> RepoInfo:
        """Add (or refresh) the repository at a URL or folder."""
        location = normalize_location(location)
        index_bytes = self._read(location, "index.json", MAX_INDEX)
        sig_bytes = self._read(location, "index.json.sig", MAX_SIG)
        signer = signing.verify(index_bytes, sig_bytes, self.trust.keys())
        index = parse_index(index_bytes)
        with self.store.connect() as conn, db.transaction(conn):
            self._check_rollback(conn, signer.key_id, index)
            repo = self._save(conn, location, signer.key_id, index, index_bytes, sig_bytes)
            if signer.key_id in self.trust.platform_ids:
                self.trust.delegate(conn, index.keys, index.repo_id)
                _save_certificate_trust(conn, repo.location, index)
        return repo

    def endorsed_devices(self) -> dict[str, PublicKey]:
        """Device keys the platform endorsed (certificates they sign are valid)."""
        with self.store.connect() as conn:
            rows = conn.execute("SELECT DISTINCT line FROM endorsed_devices").fetchall()
        keys = [parse_public(r[0]) for r in rows]
        return {k.key_id: k for k in keys}

    def revoked_certificates(self) -> set[str]:
        with self.store.connect() as conn:
            rows = conn.execute("SELECT certificate_id FROM revoked_certificates").fetchall()
        return {r[0] for r in rows}

    def refresh(self) -> list[tuple[str, RepoInfo | Exception]]:
        """Re-fetch every repository; one failing does not stop the others."""
        results: list[tuple[str, RepoInfo | Exception]] = []
        for repo in self.all():
            try:
                results.append((repo.location, self.add(repo.location)))
            except Exception as exc:  # reported per repository, never dropped
                results.append((repo.location, exc))
        return results

    @staticmethod
    def _check_rollback(conn: sqlite3.Connection, key_id: str, index: Index) -> None:
        row = conn.execute(
            "SELECT serial FROM seen_serials WHERE key_id = ? AND repo_id = ?",
            (key_id, index.repo_id),
        ).fetchone()
        if row is not None and index.serial < row[0]:
            raise SignatureError(
                _(
                    "This repository index is older than one this computer already has (serial "
                    "{old} < {new}); it was refused, in case it is an attempt to bring back "
                    "withdrawn courses or keys."
                ).format(old=index.serial, new=row[0])
            )
        conn.execute(
            "INSERT INTO seen_serials VALUES (?, ?, ?) ON CONFLICT (key_id, repo_id) "
            "DO UPDATE SET serial = max(serial, excluded.serial)",
            (key_id, index.repo_id, index.serial),
        )

    @staticmethod
    def _save(
        conn: sqlite3.Connection,
        location: str,
        key_id: str,
        index: Index,
        index_bytes: bytes,
        sig_bytes: bytes,
    ) -> RepoInfo:
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        conn.execute(
            "INSERT INTO repositories (location, repo_id, key_id, serial, index_bytes, sig_bytes, "
            "fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (location) DO UPDATE SET "
            "repo_id = excluded.repo_id, key_id = excluded.key_id, serial = excluded.serial, "
            "index_bytes = excluded.index_bytes, sig_bytes = excluded.sig_bytes, "
            "fetched_at = excluded.fetched_at",
            (location, index.repo_id, key_id, index.serial, index_bytes, sig_bytes, now),
        )
        repo = conn.execute(
            "SELECT id FROM repositories WHERE location = ?", (location,)
        ).fetchone()
        conn.execute("DELETE FROM catalog WHERE repo = ?", (repo[0],))
        conn.executemany(
            "INSERT INTO catalog (repo, course_id, version, entry, size, sha256, title, "
            "description, competencies) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [_catalog_row(repo[0], entry) for entry in index.courses],
        )
        conn.execute("INSERT INTO catalog_fts(catalog_fts) VALUES ('rebuild')")
        return RepoInfo(
            location, index.repo_id, index.name, key_id, index.serial, len(index.courses), now
        )

    def remove(self, location: str) -> None:
        location = normalize_location(location)
        with self.store.connect() as conn, db.transaction(conn):
            cur = conn.execute("DELETE FROM repositories WHERE location = ?", (location,))
            if cur.rowcount == 0:
                raise NotFound(_("No repository is added at {location}.").format(location=location))
            conn.execute("INSERT INTO catalog_fts(catalog_fts) VALUES ('rebuild')")

    def all(self) -> list[RepoInfo]:
        with self.store.connect() as conn:
            rows = conn.execute(
                "SELECT r.*, (SELECT count(*) FROM catalog c WHERE c.repo = r.id) AS n "
                "FROM repositories r ORDER BY r.id"
            ).fetchall()
        return [
            RepoInfo(
                r["location"],
                r["repo_id"],
                parse_index(r["index_bytes"]).name,
                r["key_id"],
                r["serial"],
                r["n"],
                r["fetched_at"],
            )
            for r in rows
        ]

    def signed_index(self, location: str) -> tuple[bytes, bytes]:
        """The index and signature bytes exactly as accepted (for USB export)."""
        with self.store.connect() as conn:
            row = conn.execute(
                "SELECT index_bytes, sig_bytes FROM repositories WHERE location = ?",
                (normalize_location(location),),
            ).fetchone()
        if row is None:
            raise NotFound(_("No repository is added at {location}.").format(location=location))
        return bytes(row[0]), bytes(row[1])

    # the catalog

    def catalog(self, search: str | None = None, limit: int | None = None) -> list[CatalogRow]:
        return query_catalog(self.store, search, limit)

    def best(self, course_id: str) -> CatalogRow:
        rows = [r for r in self.catalog() if r.entry.id == course_id]
        if not rows:
            raise NotFound(_("No added repository offers the course {id}.").format(id=course_id))
        return max(rows, key=lambda r: version_key(r.entry.version))

    @staticmethod
    def _disk_full(dest: Path, exc: DiskFull) -> DiskFull:
        # Keeping the partial file would keep the disk full, and learners' progress needs room
        # to be written: free it, and say so.
        for suffix in (".part", ".part.json"):
            dest.with_name(dest.name + suffix).unlink(missing_ok=True)
        return DiskFull(
            _(
                "The disk is full, so the download stopped; its partial file was deleted to keep "
                "room for learners' progress. Free some space, then try again."
            ),
            exc.detail,
        )

    def download_path(self, course_id: str) -> Path | None:
        """Where the course's package downloads to (its `.part` beside it while unfinished), or
        None when it is copied from a folder (a copy keeps no part between tries)."""
        row = self.best(course_id)
        if not is_url(row.location):
            return None
        return self.store.downloads / f"{row.entry.sha256}.{row.entry.container}"

    def install(
        self,
        course_id: str,
        *,
        progress: Callable[[Progress], None] | None = None,
        cancel: Event | None = None,
    ) -> InstallResult:
        row = self.best(course_id)
        entry = row.entry
        dest = self.download_path(course_id)
        if dest is not None:
            url = f"{row.location}/{quote(entry.url)}"
            try:
                sha256 = self.downloader.fetch(
                    url,
                    dest,
                    expected_size=entry.size,
                    expected_sha256=entry.sha256,
                    progress=progress,
                    cancel=cancel,
                )
            except DiskFull as exc:
                raise self._disk_full(dest, exc) from exc
            try:
                return self.store.install_staged(dest, sha256, source=row.location)
            finally:
                dest.unlink(missing_ok=True)
        return self.store.install_file(
            Path(row.location) / entry.url,
            source=row.location,
            expected_size=entry.size,
            expected_sha256=entry.sha256,
            progress=progress,
            cancel=cancel,
        )


def _save_certificate_trust(conn: sqlite3.Connection, location: str, index: Index) -> None:
    repo = conn.execute("SELECT id FROM repositories WHERE location = ?", (location,)).fetchone()[0]
    conn.execute("DELETE FROM endorsed_devices WHERE repo = ?", (repo,))
    conn.execute("DELETE FROM revoked_certificates WHERE repo = ?", (repo,))
    conn.executemany(
        "INSERT OR IGNORE INTO endorsed_devices VALUES (?, ?, ?)",
        [(repo, key.key_id, key.line()) for key in index.endorsed_devices],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO revoked_certificates VALUES (?, ?)",
        [(repo, cert) for cert in index.revoked_certificates],
    )


def _catalog_row(repo: int, entry: CatalogEntry) -> tuple[object, ...]:
    names = " ".join(text for c in entry.competencies for text in dict(c.get("name", {})).values())
    return (
        repo,
        entry.id,
        entry.version,
        json.dumps(entry.as_json(), ensure_ascii=False),
        entry.size,
        entry.sha256,
        " ".join(entry.title.values()),
        " ".join(entry.description.values()),
        names,
    )
