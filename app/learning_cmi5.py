"""cmi5 through the learning facade: the LMS side of `app.cmi5` on the learner's encrypted
database, and the course item's progress from what the AUs report.

The AU's statements go to the learner's outbox as they are (in one transaction each batch,
with the item's progress); the registration is the course's. The item is completed when the
cmi5 course is satisfied (moveOn, spec 9.6), passed or failed as its AUs report.
"""

from __future__ import annotations

import json
import posixpath
from typing import TYPE_CHECKING, Any

from app import outbox, progress
from app.cmi5 import Cmi5Registration, Cmi5Session, Document, LocalLrs, Stores
from app.xapi import Verb
from content_cache import cmi5
from content_cache.zipsafe import SafeZip

if TYPE_CHECKING:
    from app.db import Database
    from app.learning import Learner
    from content_cache.manifest import CourseManifest, Item

MAX_STRUCTURE = 16 * 1024 * 1024


class ProfileStores:
    """The cmi5 stores of one learner and one course item, on the profile's database."""

    def __init__(self, learner: Learner, manifest: CourseManifest, item: Item, course_iri: str):
        self.learner, self.manifest, self.item, self.course_iri = (
            learner,
            manifest,
            item,
            course_iri,
        )

    def _call(self, fn: Any) -> Any:
        return self.learner.session.store.call(fn)

    # StatementStore

    def append(self, statements: list[dict[str, Any]]) -> None:
        def txn(db: Database) -> None:
            with db.atomic():
                for statement in statements:
                    outbox.add(db, statement, self.manifest.id)
                self._progress(db, statements)

        self._call(txn)

    def get(self, statement_id: str) -> dict[str, Any] | None:
        return self._call(lambda db: outbox.get(db, statement_id))  # type: ignore[no-any-return]

    def find(self, **query: Any) -> list[dict[str, Any]]:
        return self._call(lambda db: outbox.find(db, **query))  # type: ignore[no-any-return]

    # DocumentStore

    def _key(self, key: tuple[str, ...]) -> str:
        return json.dumps(list(key))

    def get_document(self, key: tuple[str, ...]) -> Document | None:
        row = self._call(
            lambda db: db.execute(
                "SELECT content, content_type, etag, updated FROM xapi_documents WHERE key = ?",
                [self._key(key)],
            ).fetchone()
        )
        return None if row is None else Document(bytes(row[0]), row[1], row[2], row[3])

    def put(self, key: tuple[str, ...], doc: Document) -> None:
        def txn(db: Database) -> None:
            with db.atomic():
                db.execute(
                    "INSERT OR REPLACE INTO xapi_documents VALUES (?, ?, ?, ?, ?)",
                    [self._key(key), doc.content, doc.content_type, doc.etag, doc.updated],
                )

        self._call(txn)

    def delete(self, key: tuple[str, ...]) -> None:
        def txn(db: Database) -> None:
            with db.atomic():
                db.execute("DELETE FROM xapi_documents WHERE key = ?", [self._key(key)])

        self._call(txn)

    def keys(self, prefix: tuple[str, ...]) -> list[tuple[str, ...]]:
        rows = self._call(lambda db: db.execute("SELECT key FROM xapi_documents").fetchall())
        found = [tuple(json.loads(r[0])) for r in rows]
        return [k for k in found if k[: len(prefix)] == prefix]

    # RegistrationState

    def satisfied(self) -> set[str]:
        rows = self._call(
            lambda db: db.execute(
                "SELECT activity_id FROM cmi5_satisfied WHERE registration = ?",
                [self.registration(db)],
            ).fetchall()
        )
        return {r[0] for r in rows}

    def mark_satisfied(self, activity_id: str) -> None:
        def txn(db: Database) -> None:
            with db.atomic():
                db.execute(
                    "INSERT OR IGNORE INTO cmi5_satisfied VALUES (?, ?)",
                    [self.registration(db), activity_id],
                )

        self._call(txn)

    def registration(self, db: Database) -> str:
        return self.learner.registration(db, self.manifest.id)

    # the item's progress, in the statements' transaction

    def _progress(self, db: Database, statements: list[dict[str, Any]]) -> None:
        p = progress.load_item(db, self.manifest.id, self.item.id, "cmi5")
        p.start()
        for statement in statements:
            _apply(p, statement, self.course_iri)
        progress.save_item(db, p)
        progress.update_course(db, self.manifest, last_item=self.item.id)


def _apply(p: progress.ItemProgress, statement: dict[str, Any], course_iri: str) -> None:
    verb_id = statement["verb"]["id"]
    result = statement.get("result", {})
    if verb_id in (Verb.PASSED, Verb.FAILED) and p.success != "passed":
        p.success = "passed" if verb_id == Verb.PASSED else "failed"
    if "scaled" in result.get("score", {}):
        p.score = max(p.score or -1.0, float(result["score"]["scaled"]))
    grouping = statement.get("context", {}).get("contextActivities", {}).get("grouping", [])
    if verb_id == Verb.SATISFIED and any(g.get("id") == course_iri for g in grouping):
        p.detail["fraction"] = 1.0
        p.complete()


class _Documents:
    """DocumentStore's method names over ProfileStores (whose `get` is the statements')."""

    def __init__(self, stores: ProfileStores) -> None:
        self._stores = stores

    def get(self, key: tuple[str, ...]) -> Document | None:
        return self._stores.get_document(key)

    def put(self, key: tuple[str, ...], doc: Document) -> None:
        self._stores.put(key, doc)

    def delete(self, key: tuple[str, ...]) -> None:
        self._stores.delete(key)

    def keys(self, prefix: tuple[str, ...]) -> list[tuple[str, ...]]:
        return self._stores.keys(prefix)


class Cmi5Launch:
    """One launch of one AU: start it with the address the player serves the package at."""

    def __init__(
        self,
        learner: Learner,
        manifest: CourseManifest,
        item: Item,
        au_id: str | None = None,
        launch_mode: str = "Normal",
        return_url: str | None = None,
    ) -> None:
        self.learner, self.manifest, self.item = learner, manifest, item
        path = learner.content.store.course_file(manifest.id)
        self.folder = posixpath.dirname(item.src)
        if path.suffix == ".xml":
            self.structure = cmi5.parse_cmi5(path.read_bytes()[:MAX_STRUCTURE], None)
        else:
            with SafeZip(path) as package:
                exists = _within(self.folder, package)
                self.structure = cmi5.parse_cmi5(package.read(item.src), exists)
        stores = ProfileStores(learner, manifest, item, self.structure.course_id)
        self.stores = stores
        registration = learner.session.store.call(stores.registration)
        self.registration = Cmi5Registration(
            self.structure, registration=registration, actor=learner.factory.actor,
            factory=learner.factory, stores=Stores(stores, _Documents(stores), stores),
        )  # fmt: skip
        self.au = self._pick(au_id)
        self.session = Cmi5Session(
            self.registration, self.au, launch_mode=launch_mode, return_url=return_url
        )
        self.lrs = LocalLrs(self.session)

    def _pick(self, au_id: str | None) -> cmi5.AU:
        if au_id is not None:
            return next(a for a in self.structure.aus if a.id == au_id)
        done = self.stores.satisfied()
        return next((a for a in self.structure.aus if a.id not in done), self.structure.aus[0])

    def start(self, content_base: str) -> str:
        """Serve the endpoint; the URL to open the AU at. `content_base` is where the player
        serves this package's files (relative AU urls are resolved against it)."""
        au_url = (
            self.au.url
            if self.au.absolute
            else content_base.rstrip("/")
            + "/"
            + (posixpath.join(self.folder, self.au.url) if self.folder else self.au.url)
        )
        self.session.prepare_launch(launch_url=au_url)
        self.lrs.start()
        return self.lrs.launch_url(au_url)

    def stop(self) -> None:
        """The AU's window closed: stop the endpoint (abandoned if it never terminated)."""
        self.lrs.stop()


def _within(folder: str, package: SafeZip) -> Any:
    def exists(relative: str) -> bool:
        return package.has(posixpath.normpath(posixpath.join(folder, relative)))

    return exists
