"""Progress per item and per course, as stored in the profile database.

Per item: a status (not_started, in_progress, completed), success and score where the item
grades, a resume point (video position, page, SCORM location…), details (video ranges watched,
PDF pages seen…) and active learning time. Per course: completed when its completion rule is
met (course.json `completion`; default every item; `requires_passing` items must be passed).
Completion never goes back: a course or item once completed stays completed, also when a newer
version of the course adds items.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.db import Database
    from content_cache.manifest import CourseManifest

NOT_STARTED, IN_PROGRESS, COMPLETED = "not_started", "in_progress", "completed"
IDLE_GAP_S = 300.0  # a longer gap between two events is time away, not learning
VIDEO_DONE = 0.9  # share of a video watched that completes it
PAGES_DONE = 1.0  # share of a PDF's pages seen that completes it


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


@dataclass
class ItemProgress:
    course_id: str
    item_id: str
    kind: str
    status: str = NOT_STARTED
    success: str | None = None
    score: float | None = None
    completed_at: str | None = None
    resume: dict[str, Any] = field(default_factory=dict)
    detail: dict[str, Any] = field(default_factory=dict)
    active_seconds: float = 0.0

    @property
    def completed(self) -> bool:
        return self.status == COMPLETED

    @property
    def fraction(self) -> float:
        """How far through the item, 0..1, for progress bars."""
        if self.completed:
            return 1.0
        share = self.detail.get("fraction")
        return float(share) if isinstance(share, (int, float)) else 0.0

    def start(self) -> None:
        if self.status == NOT_STARTED:
            self.status = IN_PROGRESS

    def complete(self) -> bool:
        """Mark completed; False if it already was (completion is recorded once)."""
        if self.completed:
            return False
        self.status = COMPLETED
        self.completed_at = now_iso()
        return True


def load_item(db: Database, course_id: str, item_id: str, kind: str) -> ItemProgress:
    row = db.execute(
        "SELECT status, success, score, completed_at, resume, detail, active_seconds "
        "FROM item_progress WHERE course_id = ? AND item_id = ?",
        [course_id, item_id],
    ).fetchone()
    if row is None:
        return ItemProgress(course_id, item_id, kind)
    return ItemProgress(
        course_id, item_id, kind, row[0], row[1], row[2], row[3],
        json.loads(row[4]), json.loads(row[5]), row[6],
    )  # fmt: skip


def save_item(db: Database, p: ItemProgress) -> None:
    db.execute(
        "INSERT OR REPLACE INTO item_progress (course_id, item_id, kind, status, success, score, "
        "completed_at, resume, detail, active_seconds, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            p.course_id, p.item_id, p.kind, p.status, p.success, p.score, p.completed_at,
            json.dumps(p.resume), json.dumps(p.detail), p.active_seconds, now_iso(),
        ],
    )  # fmt: skip


def items_of(db: Database, course_id: str) -> dict[str, ItemProgress]:
    rows = db.execute(
        "SELECT item_id, kind FROM item_progress WHERE course_id = ?", [course_id]
    ).fetchall()
    return {r[0]: load_item(db, course_id, r[0], r[1]) for r in rows}


# kinds


def merge_ranges(ranges: list[list[float]], start: float, end: float) -> list[list[float]]:
    """Add [start, end] to sorted, non-overlapping ranges (seconds of a video watched)."""
    if end <= start:
        return ranges
    merged: list[list[float]] = []
    for a, b in sorted([*ranges, [start, end]]):
        if merged and a <= merged[-1][1] + 0.5:  # half a second of slack joins neighbours
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return merged


def covered(ranges: list[list[float]]) -> float:
    return sum(b - a for a, b in ranges)


def watched(p: ItemProgress, start: float, end: float, position: float, duration: float) -> None:
    """A stretch of video played: ranges, resume position, fraction; completes at 90%."""
    ranges = merge_ranges(p.detail.get("ranges", []), max(0.0, start), min(end, duration))
    fraction = min(1.0, covered(ranges) / duration) if duration > 0 else 0.0
    fraction = max(fraction, _fraction(p))  # never back: another device's share counts
    p.detail.update(ranges=ranges, duration=duration, fraction=round(fraction, 4))
    p.resume["position"] = position
    p.start()
    if fraction >= VIDEO_DONE:
        p.complete()


def _fraction(p: ItemProgress) -> float:
    share = p.detail.get("fraction", 0.0)
    return float(share) if isinstance(share, (int, float)) else 0.0


def page_seen(p: ItemProgress, page: int, pages: int) -> None:
    seen = sorted(set(p.detail.get("pages_seen", [])) | {page})
    fraction = max(len(seen) / pages if pages else 0.0, _fraction(p))  # never back
    p.detail.update(pages_seen=seen, pages=pages, fraction=round(fraction, 4))
    p.resume["page"] = page
    p.start()
    if fraction >= PAGES_DONE:
        p.complete()


# courses


@dataclass
class CourseStatus:
    status: str
    completed_at: str | None
    done: int
    total: int

    @property
    def fraction(self) -> float:
        return 1.0 if self.status == COMPLETED else (self.done / self.total if self.total else 0.0)


def required_items(manifest: CourseManifest) -> list[str]:
    completion = manifest.document.get("completion", {})
    if completion.get("rule") == "listed-items":
        return list(completion.get("items", []))
    return [item.id for item in manifest.items]


def rule_met(manifest: CourseManifest, items: dict[str, ItemProgress]) -> bool:
    completion = manifest.document.get("completion", {})
    required = required_items(manifest)
    all_done = all(i in items and items[i].completed for i in required)
    passed = all(
        i in items and items[i].success == "passed" for i in completion.get("requires_passing", [])
    )
    return all_done and passed


def load_course(db: Database, course_id: str) -> tuple[str, str | None]:
    row = db.execute(
        "SELECT status, completed_at FROM course_progress WHERE course_id = ?", [course_id]
    ).fetchone()
    return (NOT_STARTED, None) if row is None else (row[0], row[1])


def update_course(
    db: Database, manifest: CourseManifest, last_item: str | None = None
) -> tuple[CourseStatus, bool]:
    """Re-evaluate the course after an item changed; returns (status, just completed)."""
    items = items_of(db, manifest.id)
    stored, completed_at = load_course(db, manifest.id)
    required = required_items(manifest)
    done = sum(1 for i in required if i in items and items[i].completed)
    just_completed = stored != COMPLETED and rule_met(manifest, items)
    if stored == COMPLETED or just_completed:
        status = COMPLETED
        completed_at = completed_at or now_iso()
    else:
        status = IN_PROGRESS if items else NOT_STARTED
    db.execute(
        "INSERT INTO course_progress (course_id, status, completed_at, completed_version, "
        "last_item_id, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (course_id) DO UPDATE "
        "SET status = excluded.status, completed_at = excluded.completed_at, "
        "completed_version = coalesce(course_progress.completed_version, "
        "excluded.completed_version), last_item_id = coalesce(excluded.last_item_id, "
        "course_progress.last_item_id), updated_at = excluded.updated_at",
        [manifest.id, status, completed_at, manifest.version if status == COMPLETED else None,
         last_item, now_iso()],
    )  # fmt: skip
    return CourseStatus(status, completed_at, done, len(required)), just_completed


def course_status(db: Database, manifest: CourseManifest) -> CourseStatus:
    items = items_of(db, manifest.id)
    stored, completed_at = load_course(db, manifest.id)
    required = required_items(manifest)
    done = sum(1 for i in required if i in items and items[i].completed)
    return CourseStatus(stored, completed_at, done, len(required))


def resume_item(db: Database, manifest: CourseManifest) -> str | None:
    """Where to continue: the last item opened if not completed, else the first not completed."""
    row = db.execute(
        "SELECT last_item_id FROM course_progress WHERE course_id = ?", [manifest.id]
    ).fetchone()
    items = items_of(db, manifest.id)
    last = row[0] if row else None
    if last and not (last in items and items[last].completed):
        return str(last)
    for item in manifest.items:
        if not (item.id in items and items[item.id].completed):
            return item.id
    return None
