"""SCORM through the learning facade: a runtime per SCO session, its data kept per attempt in
the profile, and the statements of ADL's SCORM profile for xAPI.

The player bridges the SCO's `API` / `API_1484_11` to `ScormLaunch.runtime.call`. Every
Commit and the Finish/Terminate land in `_committed`: the attempt's data, the item's progress
and the statements are written in one transaction. A SCORM item is completed when every SCO in
it is completed (or passed); its success is passed when every SCO that reports one passed.
"""

from __future__ import annotations

import json
import posixpath
from typing import TYPE_CHECKING, Any

from app import progress
from app.scorm import CommitSummary, LaunchInfo, Runtime, new_runtime
from app.xapi import ActivityType, Verb, activity, duration
from app.xapi import item_activity_id as item_iri
from content_cache import scorm
from content_cache.zipsafe import SafeZip

if TYPE_CHECKING:
    from app.db import Database
    from app.learning import Event, Learner
    from app.progress import ItemProgress
    from content_cache.manifest import CourseManifest, Item

SCORM_CATEGORY = {"id": "https://w3id.org/xapi/scorm", "definition": {"type":
                  "http://adlnet.gov/expapi/activities/profile"}}  # fmt: skip
_DONE = ("completed", "passed")


class ScormLaunch:
    def __init__(
        self, learner: Learner, manifest: CourseManifest, item: Item, sco_id: str | None
    ) -> None:
        self.learner, self.manifest, self.item = learner, manifest, item
        folder = posixpath.dirname(item.src)
        with SafeZip(learner.content.store.course_file(manifest.id)) as package:
            exists = _within(folder, package)
            self.package = scorm.parse_scorm(package.read(item.src), exists)
        self.scos = {s.identifier: s for s in self.package.scos}
        self.sco = self.scos[sco_id] if sco_id else self._next_sco()
        self.launch_path = posixpath.normpath(posixpath.join(folder, self.sco.href))
        self.activity = learner.open_item(manifest.id, item.id)  # "launched", time counting
        previous, self._number = learner.session.store.call(self._latest)
        name = learner.session.info.name
        launch = LaunchInfo(learner.session.info.id, name, mastery_score=self.sco.mastery_score)
        version = "1.2" if self.package.version == "1.2" else "2004"
        self.runtime: Runtime = new_runtime(version, launch, previous, self._committed)
        if self.runtime.new_attempt and previous is not None:
            self._number += 1

    def _next_sco(self) -> scorm.Sco:
        p = self.learner.session.store.call(
            lambda db: progress.load_item(db, self.manifest.id, self.item.id, "scorm")
        )
        states = p.detail.get("scos", {})
        for sco in self.package.scos:
            if states.get(sco.identifier, {}).get("completion") not in _DONE:
                return sco
        return self.package.scos[0]

    def _latest(self, db: Database) -> tuple[dict[str, Any] | None, int]:
        row = db.execute(
            "SELECT snapshot, number FROM scorm_attempts WHERE course_id = ? AND item_id = ? "
            "AND sco_id = ? ORDER BY number DESC LIMIT 1",
            [self.manifest.id, self.item.id, self.sco.identifier],
        ).fetchone()
        return (json.loads(row[0]), row[1]) if row else (None, 1)

    def _save_attempt(self, db: Database, summary: CommitSummary) -> None:
        now = progress.now_iso()
        db.execute(
            "INSERT INTO scorm_attempts (course_id, item_id, sco_id, number, snapshot, summary, "
            "started_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (course_id, item_id, sco_id, number) DO UPDATE SET "
            "snapshot = excluded.snapshot, summary = excluded.summary, "
            "updated_at = excluded.updated_at",
            [self.manifest.id, self.item.id, self.sco.identifier, self._number,
             json.dumps(summary.data), json.dumps(_summary_json(summary)), now, now],
        )  # fmt: skip

    def _committed(self, summary: CommitSummary) -> None:
        """The SCO committed (or finished): data, progress and statements, one transaction."""
        active = min(summary.session_time_s, 8 * 3600.0) if summary.terminated else 0.0

        def change(p: ItemProgress) -> list[Event]:
            return self._apply(p, summary)

        self.learner.record(
            self.manifest,
            self.item,
            change,
            active,
            before=lambda db, _registration: self._save_attempt(db, summary),
        )

    def _apply(self, p: ItemProgress, summary: CommitSummary) -> list[Event]:
        scos = p.detail.setdefault("scos", {})
        old = scos.get(self.sco.identifier, {})
        new = {
            "completion": _completion(summary),
            "success": summary.success,
            "score": summary.score_scaled,
        }
        scos[self.sco.identifier] = new
        p.start()
        p.resume["location"] = summary.location
        p.resume["sco"] = self.sco.identifier
        events = self._events(old, new, summary)
        p.detail["fraction"] = sum(s["completion"] == "completed" for s in scos.values()) / len(
            self.scos
        )
        scaled = scaled_score(summary)
        if scaled is not None:
            p.score = scaled
        reported = [s["success"] for s in scos.values() if s["success"] in ("passed", "failed")]
        if reported:
            p.success = "passed" if all(r == "passed" for r in reported) else "failed"
        all_done = len(scos) == len(self.scos) and all(
            s["completion"] == "completed" for s in scos.values()
        )
        if all_done:
            p.complete()
        return events

    def _events(
        self, old: dict[str, Any], new: dict[str, Any], summary: CommitSummary
    ) -> list[Event]:
        sco = self._sco_activity()
        events: list[Event] = []
        score = _score(summary)
        if new["completion"] == "completed" and old.get("completion") != "completed":
            events.append((Verb.COMPLETED, {"completion": True}, sco))
        if new["success"] in ("passed", "failed") and old.get("success") != new["success"]:
            verb_id = Verb.PASSED if new["success"] == "passed" else Verb.FAILED
            result = {"success": new["success"] == "passed", **({"score": score} if score else {})}
            events.append((verb_id, result, sco))
        if summary.terminated:
            verb_id = Verb.SUSPENDED if summary.exit == "suspend" else Verb.TERMINATED
            result = {"duration": duration(summary.session_time_s)}
            if summary.location:
                result["extensions"] = {"https://w3id.org/xapi/scorm/result/extensions/location":
                                        summary.location}  # fmt: skip
            events.append((verb_id, result, sco))
        return events

    def _sco_activity(self) -> dict[str, Any]:
        base = item_iri(self.manifest.id, self.item.id)
        iri = base if len(self.scos) == 1 else f"{base}/{self.sco.identifier}"
        return activity(iri, ActivityType.SCO, {"en": self.sco.title})

    def close(self) -> None:
        """The player closed the SCO's window: if it never finished, the runtime keeps the
        session to resume; our item activity counts the time."""
        self.activity.close()


def _completion(summary: CommitSummary) -> str:
    # SCORM 1.2 folds success into lesson_status: "passed" and "failed" also mean completed.
    if summary.completion in _DONE or summary.success in ("passed", "failed"):
        return "completed"
    return summary.completion


def scaled_score(summary: CommitSummary) -> float | None:
    """score.scaled, or (SCORM 1.2, which has none) raw within min..max (default 0..100)."""
    if summary.score_scaled is not None:
        return summary.score_scaled
    if summary.score_raw is None:
        return None
    low = summary.score_min if summary.score_min is not None else 0.0
    high = summary.score_max if summary.score_max is not None else 100.0
    if high <= low:
        return None
    return round(max(-1.0, min(1.0, (summary.score_raw - low) / (high - low))), 4)


def _score(summary: CommitSummary) -> dict[str, float] | None:
    score = {k: v for k, v in (("scaled", scaled_score(summary)), ("raw", summary.score_raw),
             ("min", summary.score_min), ("max", summary.score_max)) if v is not None}  # fmt: skip
    return score or None


def _summary_json(summary: CommitSummary) -> dict[str, Any]:
    return {k: getattr(summary, k) for k in ("completion", "success", "score_scaled", "location",
            "session_time_s", "total_time_s", "exit", "terminated")}  # fmt: skip


def _within(folder: str, package: SafeZip) -> Any:
    def exists(relative: str) -> bool:
        return package.has(posixpath.normpath(posixpath.join(folder, relative)))

    return exists
