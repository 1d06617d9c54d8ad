"""The learning facade: what a learner does, for scripts and for the window alike.

    learner = core.learner(session)           # an unlocked ProfileSession
    course = learner.course(course_id)        # modules, items, progress, where to resume
    with learner.open_item(course_id, "intro-video") as video:
        video.watched(0, 30, position=30)     # progress + an xAPI statement, in one transaction
    learner.progress()                        # courses, competency hours, targets

Every event is one transaction on the profile's store thread: the progress change and the
statement describing it are written together, or not at all.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app import competencies, outbox, progress
from app.assessment.timer import Clocks, system_clocks
from app.errors import KyoError, NotFound
from app.i18n import _
from app.progress import ItemProgress
from app.xapi import KIND_TYPES, ActivityType, StatementFactory, Verb, activity, duration
from app.xapi import item_activity_id as item_iri

if TYPE_CHECKING:
    from app.content import ContentService
    from app.db import Database
    from app.device import DeviceIdentity
    from app.learning_assessment import AssessmentOverview, AssessmentRun
    from app.learning_certificates import Certificate
    from app.learning_cmi5 import Cmi5Launch
    from app.learning_scorm import ScormLaunch
    from app.profiles import ProfileSession
    from content_cache.manifest import CourseManifest, Item
    from content_cache.store import InstalledCourse


log = logging.getLogger(__name__)

# (verb, result) or (verb, result, object): the statements one event makes; the object is the
# item's activity unless given.
Event = tuple[Any, ...]


@dataclass(frozen=True)
class ItemView:
    item: Item
    progress: ItemProgress


@dataclass(frozen=True)
class CourseView:
    course: InstalledCourse
    status: progress.CourseStatus
    items: tuple[ItemView, ...]
    resume_item: str | None

    @property
    def manifest(self) -> CourseManifest:
        return self.course.manifest

    def modules(self) -> list[ModuleView]:
        """Progress per module: items completed of its items."""
        by_id = {v.item.id: v.progress for v in self.items}
        views = []
        for module in self.manifest.modules:
            done = sum(1 for i in module.items if by_id[i.id].completed)
            started = any(by_id[i.id].status != progress.NOT_STARTED for i in module.items)
            status = (progress.COMPLETED if done == len(module.items)
                      else progress.IN_PROGRESS if started else progress.NOT_STARTED)  # fmt: skip
            views.append(ModuleView(module.id, module.title, status, done, len(module.items)))
        return views


@dataclass(frozen=True)
class ModuleView:
    id: str
    title: dict[str, str]
    status: str
    done: int
    total: int


def _view(db: Database, course: InstalledCourse) -> CourseView:
    manifest = course.manifest
    items = tuple(
        ItemView(i, progress.load_item(db, manifest.id, i.id, i.kind)) for i in manifest.items
    )
    return CourseView(
        course, progress.course_status(db, manifest), items, progress.resume_item(db, manifest)
    )


class Learner:
    def __init__(
        self,
        session: ProfileSession,
        content: ContentService,
        factory: StatementFactory,
        clock: Callable[[], float] = time.monotonic,
        assessment_clocks: Callable[[], Clocks] = system_clocks,
        device: DeviceIdentity | None = None,
    ) -> None:
        self.session = session
        self.content = content
        self.factory = factory
        self.clock = clock
        self.assessment_clocks = assessment_clocks
        self.device = device  # signs certificates; None: courses complete without one
        self.on_completed: list[Callable[[str], None]] = []  # course ids (sync starts)

    # reading

    def installed(self, course_id: str) -> InstalledCourse:
        course = self.content.store.course(course_id)
        if course is None:
            raise NotFound(_("The course {id} is not installed.").format(id=course_id))
        return course

    def course(self, course_id: str) -> CourseView:
        course = self.installed(course_id)
        return self.session.store.call(lambda db: _view(db, course))

    def courses(self) -> list[CourseView]:
        """Every installed course with its progress (one read of the store, one transaction)."""
        installed = self.content.store.courses()
        return self.session.store.call(lambda db: [_view(db, c) for c in installed])

    def competencies(self, today: dt.date | None = None) -> competencies.Report:
        """Hours per competency and type from completed items, and where the targets stand."""
        manifests = [c.manifest for c in self.content.store.courses()]
        return self.session.store.call(lambda db: competencies.report(db, manifests, today))

    def set_target(
        self,
        target_id: str,
        label: str,
        hours: float,
        competency_type: str | None = None,
        period: tuple[dt.date, dt.date] | None = None,
    ) -> None:
        """An annual-plan target (hours, for one competency type or all) or a dated week."""
        self.session.store.call(
            lambda db: competencies.set_target(db, target_id, label, hours, competency_type, period)
        )

    def start_assessment(self, course_id: str, item_id: str) -> AssessmentRun:
        """The learner's open attempt at an assessment item, or a new one (attempts limit,
        time limit and shuffle as the paper says)."""
        from app.learning_assessment import AssessmentRun

        course = self.installed(course_id)
        item = next((i for i in course.manifest.items if i.id == item_id), None)
        if item is None or item.kind != "assessment":
            raise NotFound(_("The course has no assessment {item}.").format(item=item_id))
        return AssessmentRun(self, course.manifest, item, self.assessment_clocks)

    def assessment_overview(self, course_id: str, item_id: str) -> AssessmentOverview:
        """The paper and the learner's attempts at it, without starting one (an intro screen)."""
        from app.learning_assessment import overview

        course = self.installed(course_id)
        item = next((i for i in course.manifest.items if i.id == item_id), None)
        if item is None or item.kind != "assessment":
            raise NotFound(_("The course has no assessment {item}.").format(item=item_id))
        return overview(self, course.manifest, item)

    def scorm(self, course_id: str, item_id: str, sco_id: str | None = None) -> ScormLaunch:
        """Launch a SCO of a SCORM item (the first not completed, unless named): a runtime
        for the player's API bridge, resuming the learner's attempt where SCORM says so."""
        from app.learning_scorm import ScormLaunch

        course = self.installed(course_id)
        item = next((i for i in course.manifest.items if i.id == item_id), None)
        if item is None or item.kind != "scorm":
            raise NotFound(_("The course has no SCORM item {item}.").format(item=item_id))
        return ScormLaunch(self, course.manifest, item, sco_id)

    def cmi5(
        self,
        course_id: str,
        item_id: str,
        au_id: str | None = None,
        *,
        launch_mode: str = "Normal",
        return_url: str | None = None,
    ) -> Cmi5Launch:
        """Launch an AU of a cmi5 item (the first not satisfied, unless named): its local
        xAPI endpoint on 127.0.0.1 runs while the AU does (see app/cmi5). `return_url` is
        where the AU goes when it exits (LMS.LaunchData returnURL)."""
        from app.learning_cmi5 import Cmi5Launch

        course = self.installed(course_id)
        item = next((i for i in course.manifest.items if i.id == item_id), None)
        if item is None or item.kind != "cmi5":
            raise NotFound(_("The course has no cmi5 item {item}.").format(item=item_id))
        return Cmi5Launch(self, course.manifest, item, au_id, launch_mode, return_url)

    def _try_certificate(self, db: Database, manifest: CourseManifest, registration: str) -> None:
        """Issue the course's certificate; a failure must not undo the completion (it is
        issued again by `certificates()`), so it is logged, not raised."""
        if self.device is None:
            return
        from app import learning_certificates

        try:
            with db.atomic():  # a savepoint: a failure leaves the completion intact
                learning_certificates.issue(
                    db, manifest, self.session.info.name, self.device, self.factory, registration
                )
        except (KyoError, ValueError) as exc:
            log.warning("certificate for %s not issued now: %s", manifest.id, exc)

    def certificates(self) -> list[Certificate]:
        """The learner's certificates, oldest first (issuing any a completed course lacks)."""
        from app import learning_certificates

        def read(db: Database) -> list[Certificate]:
            for course_id in learning_certificates.missing(db):
                course = self.content.store.course(course_id)
                if course is not None:
                    with db.atomic():
                        self._try_certificate(db, course.manifest, self.registration(db, course_id))
            return learning_certificates.load_all(db)

        return self.session.store.call(read)

    def certificate_pdf(self, certificate_id: str) -> bytes:
        """The certificate as an A4 PDF (English and Hindi, the QR to verify it offline)."""
        from app import learning_certificates
        from app.certificates.pdf import render_certificate

        cert = next((c for c in self.certificates() if c.id == certificate_id), None)
        if cert is None:
            raise NotFound(_("There is no certificate {id}.").format(id=certificate_id))
        course = self.content.store.course(cert.course_id)
        platform = self.content.platform.name
        view = learning_certificates.view_of(cert, course.manifest if course else None, platform)
        return render_certificate(view, cert.payload)

    def link_account(self, endpoint: str, username: str, password: str) -> int:
        """Link this profile to its platform account: statements made from now on, and those
        not yet sent, carry that account. Returns how many unsent statements changed."""
        from app import sync_account

        moved = sync_account.link(self.session, endpoint, username, password)
        account = sync_account.load(self.session)
        assert account is not None
        self.factory.actor = account.actor(self.session.info.name)
        return moved

    def unlink_account(self) -> None:
        """Unlink the platform account: statements made from now on carry the local learner
        again (those already made keep the account they were made with)."""
        from app import sync_account
        from app.xapi import local_actor

        sync_account.unlink(self.session)
        self.factory.actor = local_actor(self.session.info.id, self.session.info.name)

    def pending_statements(self, limit: int = 1000) -> list[dict[str, Any]]:
        rows = self.session.store.call(lambda db: outbox.pending(db, limit))
        return [json.loads(body) for _id, body in rows]

    def statement_counts(self) -> dict[str, int]:
        return self.session.store.call(outbox.counts)

    # learning

    def registration(self, db: Database, course_id: str) -> str:
        """The course's registration (one per learner and course), made on first use."""
        row = db.execute(
            "SELECT registration FROM enrollments WHERE course_id = ?", [course_id]
        ).fetchone()
        if row:
            return str(row[0])
        registration = str(uuid.uuid4())
        db.execute(
            "INSERT INTO enrollments VALUES (?, ?, ?)",
            [course_id, registration, progress.now_iso()],
        )
        return registration

    def open_item(self, course_id: str, item_id: str) -> ItemActivity:
        course = self.installed(course_id)
        item = next((i for i in course.manifest.items if i.id == item_id), None)
        if item is None:
            raise NotFound(_("The course has no item {item}.").format(item=item_id))
        activity_ = ItemActivity(self, course.manifest, item)
        activity_.launch()
        return activity_

    def record(
        self,
        manifest: CourseManifest,
        item: Item,
        change: Callable[[ItemProgress], list[Event]],
        active_seconds: float = 0.0,
        before: Callable[[Database, str], None] | None = None,
    ) -> ItemProgress:
        """One learning event: apply `change` to the item's progress, write it with the
        statements it names ((verb, result) pairs), re-evaluate the course; one transaction.
        `before(db, registration)` writes more in the same transaction, first."""

        def txn(db: Database) -> ItemProgress:
            with db.atomic():
                registration = self.registration(db, manifest.id)
                if before is not None:
                    before(db, registration)
                p = progress.load_item(db, manifest.id, item.id, item.kind)
                p.active_seconds += active_seconds
                was_completed = p.completed
                events = change(p)
                if p.completed and not was_completed:
                    done = {"completion": True, "duration": duration(p.active_seconds)}
                    events.append((Verb.COMPLETED, done))
                progress.save_item(db, p)
                for verb_id, result, *target in events:
                    obj = target[0] if target else None
                    self._statement(db, manifest, item, verb_id, result, registration, obj)
                self._course_after(db, manifest, item, registration)
                return p

        return self.session.store.call(txn)

    def _statement(
        self,
        db: Database,
        manifest: CourseManifest,
        item: Item,
        verb_id: str,
        result: dict[str, Any] | None,
        registration: str,
        obj: dict[str, Any] | None = None,
    ) -> None:
        obj = obj or activity(item_iri(manifest.id, item.id), KIND_TYPES[item.kind], item.title)
        parent = activity(manifest.id, ActivityType.COURSE, manifest.title)
        statement = self.factory.make(
            verb_id, obj, result=result, registration=registration, parents=[parent]
        )
        outbox.add(db, statement, manifest.id)

    def _course_after(
        self, db: Database, manifest: CourseManifest, item: Item, registration: str
    ) -> None:
        _status, just_completed = progress.update_course(db, manifest, last_item=item.id)
        if just_completed:
            self._try_certificate(db, manifest, registration)
            for listener in self.on_completed:
                listener(manifest.id)
            total = db.execute(
                "SELECT coalesce(sum(active_seconds), 0) FROM item_progress WHERE course_id = ?",
                [manifest.id],
            ).fetchone()[0]
            obj = activity(manifest.id, ActivityType.COURSE, manifest.title)
            result = {"completion": True, "duration": duration(total)}
            statement = self.factory.make(
                Verb.COMPLETED, obj, result=result, registration=registration
            )
            outbox.add(db, statement, manifest.id)


class ItemActivity:
    """An item the learner has open. Report what happens; each report is one event."""

    def __init__(self, learner: Learner, manifest: CourseManifest, item: Item) -> None:
        self.learner = learner
        self.manifest = manifest
        self.item = item
        self._last = learner.clock()
        self.progress: ItemProgress | None = None

    def _active(self) -> float:
        """Time since the last event, if the learner was not away (idle gaps excluded)."""
        now = self.learner.clock()
        gap, self._last = now - self._last, now
        return gap if 0 <= gap <= progress.IDLE_GAP_S else 0.0

    def _record(self, change: Callable[[ItemProgress], list[Event]]) -> ItemProgress:
        self.progress = self.learner.record(self.manifest, self.item, change, self._active())
        return self.progress

    def launch(self) -> ItemProgress:
        def change(p: ItemProgress) -> list[Event]:
            p.start()
            return [(Verb.LAUNCHED, None)]

        return self._record(change)

    def heartbeat(self) -> ItemProgress:
        """The learner is active here (input, playback) but nothing else changed."""
        return self._record(lambda p: [])

    def watched(
        self, start: float, end: float, *, position: float, duration_s: float | None = None
    ) -> ItemProgress:
        """Video: the stretch [start, end] seconds was played; now at `position`."""
        length = duration_s or float(self.item.extra.get("duration_s", 0)) or end

        def change(p: ItemProgress) -> list[Event]:
            progress.watched(p, start, end, position, length)
            return [(Verb.PROGRESSED, _progressed(p, position=position))]

        return self._record(change)

    def page(self, page: int, pages: int | None = None) -> ItemProgress:
        """PDF: page `page` (1-based) of `pages` is on screen."""
        total = pages or int(self.item.extra.get("pages", 0)) or page

        def change(p: ItemProgress) -> list[Event]:
            progress.page_seen(p, page, total)
            return [(Verb.PROGRESSED, _progressed(p, page=page))]

        return self._record(change)

    def lesson(self, fraction: float, location: str | None = None) -> ItemProgress:
        """HTML lesson: how far the learner got (0..1); 1 completes it."""

        def change(p: ItemProgress) -> list[Event]:
            p.start()
            p.detail["fraction"] = max(float(p.detail.get("fraction", 0.0)), min(1.0, fraction))
            if location is not None:
                p.resume["location"] = location
            if fraction >= 1.0:
                p.complete()
            return [(Verb.PROGRESSED, _progressed(p))]

        return self._record(change)

    def close(self) -> None:
        """The learner left the item: counts the time since the last event."""
        self.heartbeat()

    def __enter__(self) -> ItemActivity:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _progressed(p: ItemProgress, **where: Any) -> dict[str, Any]:
    ext: dict[str, Any] = {
        "https://w3id.org/xapi/cmi5/result/extensions/progress": round(p.fraction * 100)
    }
    for key, value in where.items():
        ext[f"https://karmayogi-offline.invalid/xapi/extensions/{key}"] = value
    if "ranges" in p.detail:
        ext["https://w3id.org/xapi/video/extensions/played-segments"] = "[,]".join(
            f"{a:.1f}[.]{b:.1f}" for a, b in p.detail["ranges"]
        )
    return {"extensions": ext}
