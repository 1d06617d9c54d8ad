"""Merging the learner's history from the platform into this device's records.

A second device (or a reinstalled one) pulls the statements the learner's other devices sent
and applies them: completion never goes back; progress takes the maximum; resume data takes
the latest (by the statement's own timestamp); certificates earned elsewhere appear here,
confirmed (the platform has them). Pulled statements are kept as already sent, so they are
never sent back, and a statement seen twice is applied once.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from app import learning_certificates, outbox, progress
from app.certificates import credential
from app.xapi import ActivityType, Verb, canonical_bytes

if TYPE_CHECKING:
    from app.db import Database
    from content_cache.manifest import CourseManifest

EXT = "https://karmayogi-offline.invalid/xapi/extensions/"
PROGRESS_EXT = "https://w3id.org/xapi/cmi5/result/extensions/progress"
SEGMENTS_EXT = "https://w3id.org/xapi/video/extensions/played-segments"
RESUME_KEYS = ("position", "page", "location")
log = logging.getLogger(__name__)


@dataclass
class MergeReport:
    new: int = 0
    malformed: int = 0  # statements without the shape merging needs: skipped, and logged
    courses_completed: list[str] = field(default_factory=list)
    certificates: list[str] = field(default_factory=list)


def merge(
    db: Database, statements: list[dict[str, Any]], manifests: dict[str, CourseManifest]
) -> MergeReport:
    """Apply pulled statements (oldest first) in one transaction."""
    report = MergeReport()
    with db.atomic():
        touched: set[str] = set()
        for statement in statements:
            if not _well_formed(statement):
                report.malformed += 1
                log.warning("pulled statement skipped, malformed: %.200r", statement)
                continue
            if db.execute("SELECT 1 FROM statements WHERE id = ?", [statement["id"]]).fetchone():
                continue
            _keep(db, statement)
            report.new += 1
            course_id = _apply(db, statement, manifests, report)
            if course_id:
                touched.add(course_id)
        for course_id in touched & set(manifests):
            progress.update_course(db, manifests[course_id])
    return report


def _well_formed(statement: dict[str, Any]) -> bool:
    """What merging reads must be there with the right types: a server that lies cannot
    crash the pull or plant garbage in the profile."""
    verb, obj = statement.get("verb"), statement.get("object")
    return (
        isinstance(statement.get("id"), str)
        and isinstance(statement.get("timestamp"), str)
        and isinstance(verb, dict)
        and isinstance(verb.get("id"), str)
        and isinstance(obj, dict)
        and isinstance(obj.get("id"), str)
        and all(isinstance(statement.get(k, {}), dict) for k in ("result", "context"))
    )


def _keep(db: Database, statement: dict[str, Any]) -> None:
    course_id = _course_of(statement)
    outbox.add(db, statement, course_id)
    db.execute(
        "UPDATE statements SET status = ?, origin = 'pulled', sent_at = ?, body = ? WHERE id = ?",
        [outbox.SENT, progress.now_iso(), canonical_bytes(statement), statement["id"]],
    )


def _course_of(statement: dict[str, Any]) -> str | None:
    obj = statement.get("object", {})
    if obj.get("definition", {}).get("type") == ActivityType.COURSE:
        return str(obj["id"])
    for parent in statement.get("context", {}).get("contextActivities", {}).get("parent", []):
        if parent.get("definition", {}).get("type") == ActivityType.COURSE:
            return str(parent["id"])
    return None


def _apply(
    db: Database,
    statement: dict[str, Any],
    manifests: dict[str, CourseManifest],
    report: MergeReport,
) -> str | None:
    course_id = _course_of(statement)
    if course_id is None:
        return None
    verb_id = statement["verb"]["id"]
    object_id = statement["object"].get("id", "")
    if verb_id == Verb.EARNED:
        if _certificate(db, statement, course_id):
            report.certificates.append(course_id)
    elif object_id == course_id and verb_id == Verb.COMPLETED:
        _course_completed(db, course_id, statement["timestamp"])
        report.courses_completed.append(course_id)
    elif object_id.startswith(course_id.rstrip("/") + "/"):
        item_id = unquote(object_id[len(course_id.rstrip("/")) + 1 :].split("/")[0])
        manifest = manifests.get(course_id)
        known = next((i for i in manifest.items if i.id == item_id), None) if manifest else None
        p = progress.load_item(db, course_id, item_id, known.kind if known else "html")
        if known is not None:  # what the course says, where this device has not looked yet
            p.detail.setdefault("duration", float(known.extra.get("duration_s", 0)) or None)
            p.detail.setdefault("pages", int(known.extra.get("pages", 0)) or None)
        _item(p, verb_id, statement, _local_resume_time(db, p))
        progress.save_item(db, p)
    return course_id


def _local_resume_time(db: Database, p: progress.ItemProgress) -> dt.datetime | None:
    """When this item's resume data was last set: by a pulled statement (its timestamp) or,
    failing that, by learning here (the row's last update)."""
    if "resume_at" in p.detail:
        return moment(p.detail["resume_at"])
    row = db.execute(
        "SELECT updated_at FROM item_progress WHERE course_id = ? AND item_id = ?",
        [p.course_id, p.item_id],
    ).fetchone()
    return moment(row[0]) if row and p.resume else None


def moment(value: Any) -> dt.datetime | None:
    """An xAPI timestamp as an aware datetime; None for a server's garbage."""
    try:
        moment = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _item(
    p: progress.ItemProgress,
    verb_id: str,
    statement: dict[str, Any],
    resume_time: dt.datetime | None,
) -> None:
    result = statement.get("result", {})
    p.start()
    if verb_id == Verb.COMPLETED or result.get("completion") is True:
        p.complete()
    if verb_id in (Verb.PASSED, Verb.FAILED) and p.success != "passed":
        p.success = "passed" if verb_id == Verb.PASSED else "failed"
    scaled = result.get("score", {}).get("scaled")
    if isinstance(scaled, (int, float)):
        p.score = max(p.score if p.score is not None else -1.0, float(scaled))
    extensions = result.get("extensions", {})
    _segments(p, extensions.get(SEGMENTS_EXT))
    _page(p, extensions.get(EXT + "page"))
    share = extensions.get(PROGRESS_EXT)
    if isinstance(share, (int, float)):
        p.detail["fraction"] = max(float(p.detail.get("fraction", 0.0)), share / 100)
    resume = {k: extensions[EXT + k] for k in RESUME_KEYS if EXT + k in extensions}
    when = moment(statement["timestamp"])
    if resume and when is not None and (resume_time is None or when >= resume_time):
        p.resume.update(resume)
        p.detail["resume_at"] = statement["timestamp"]


def _segments(p: progress.ItemProgress, played: Any) -> None:
    """A video's played segments ("0.0[.]12.5[,]30.0[.]41.0") joined to those watched here."""
    if not isinstance(played, str) or not played:
        return
    ranges = p.detail.get("ranges", [])
    try:
        for part in played.split("[,]"):
            start, end = (float(x) for x in part.split("[.]"))
            ranges = progress.merge_ranges(ranges, start, end)
    except ValueError:
        return  # not segments: the progress share below still counts
    p.detail["ranges"] = ranges
    duration = p.detail.get("duration")
    if isinstance(duration, (int, float)) and duration > 0:
        share = min(1.0, progress.covered(ranges) / duration)
        p.detail["fraction"] = round(max(share, float(p.detail.get("fraction", 0.0))), 4)


def _page(p: progress.ItemProgress, page: Any) -> None:
    """A PDF page on screen on the other device was seen: it counts here too."""
    pages = p.detail.get("pages")
    if p.kind != "pdf" or not isinstance(page, int) or not isinstance(pages, int) or pages < 1:
        return
    seen = sorted(set(p.detail.get("pages_seen", [])) | {page} & set(range(1, pages + 1)))
    p.detail["pages_seen"] = seen
    share = max(len(seen) / pages, float(p.detail.get("fraction", 0.0)))
    p.detail["fraction"] = round(share, 4)


def _course_completed(db: Database, course_id: str, timestamp: str) -> None:
    db.execute(
        "INSERT INTO course_progress (course_id, status, completed_at, updated_at) "
        "VALUES (?, ?, ?, ?) ON CONFLICT (course_id) DO UPDATE SET status = excluded.status, "
        "completed_at = coalesce(course_progress.completed_at, excluded.completed_at), "
        "updated_at = excluded.updated_at",
        [course_id, progress.COMPLETED, timestamp, progress.now_iso()],
    )


def _certificate(db: Database, statement: dict[str, Any], course_id: str) -> bool:
    """A certificate earned on another device. Its claims are read from the signed payload
    itself (what its QR says), never from the statement's loose copy of them."""
    extensions = statement.get("result", {}).get("extensions", {})
    payload = extensions.get(learning_certificates.EXT_PAYLOAD)
    if not isinstance(payload, str):
        return False
    try:
        claims = credential.decode(payload).claims
    except credential.Tampered:
        log.warning("pulled certificate skipped: its payload is not a certificate")
        return False
    if claims.course_id != course_id:
        return False
    if db.execute("SELECT 1 FROM certificates WHERE course_id = ?", [course_id]).fetchone():
        return False
    db.execute(
        "INSERT INTO certificates VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [claims.certificate_id, course_id, "", payload,
         json.dumps(learning_certificates.claims_json(claims)), learning_certificates.CONFIRMED,
         claims.device_id, claims.issuer, statement["timestamp"], progress.now_iso()],
    )  # fmt: skip
    return True
