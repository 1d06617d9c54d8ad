"""Competency hours and targets (the iGOT model: behavioural, functional, domain).

Hours come from completed items: each course competency's hours are shared among the items
tagged with it (by their `minutes`, else equally); an item's share counts when the item is
completed. A competency no item is tagged with counts when the whole course is completed.
Targets: the annual capacity-building plan (hours per competency type, over India's
financial year, April to March) and the National Learning Week's 4 hours (in the week the
learner sets, else any 7 days up to today).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app import progress

if TYPE_CHECKING:
    from app.db import Database
    from content_cache.manifest import Competency, CourseManifest

TYPES = ("behavioural", "functional", "domain")
NLW_ID, NLW_HOURS = "national-learning-week", 4.0


@dataclass(frozen=True)
class Credit:
    competency: Competency
    course_id: str
    hours: float
    earned_on: dt.date


@dataclass(frozen=True)
class Target:
    id: str
    label: str
    hours: float
    competency_type: str | None  # None: all competencies together
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class TargetStatus:
    target: Target
    earned: float

    @property
    def met(self) -> bool:
        return self.earned >= self.target.hours


@dataclass
class Report:
    by_competency: dict[str, float] = field(default_factory=dict)  # competency id -> hours
    names: dict[str, dict[str, str]] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)
    by_type: dict[str, float] = field(default_factory=dict)
    targets: list[TargetStatus] = field(default_factory=list)
    learning_hours: float = 0.0  # active time, all items


def _date(iso: str | None) -> dt.date:
    return dt.datetime.fromisoformat(iso).date() if iso else dt.datetime.now(dt.UTC).date()


def _shares(manifest: CourseManifest, competency_id: str) -> dict[str, float]:
    tagged = [i for i in manifest.items if competency_id in i.extra.get("competencies", [])]
    weights = {i.id: float(i.extra.get("minutes") or 1.0) for i in tagged}
    total = sum(weights.values())
    return {item_id: w / total for item_id, w in weights.items()} if total else {}


def credits(db: Database, manifest: CourseManifest) -> list[Credit]:
    items = progress.items_of(db, manifest.id)
    status, completed_at = progress.load_course(db, manifest.id)
    out = []
    for competency in manifest.competencies:
        shares = _shares(manifest, competency.id)
        if not shares:
            if status == progress.COMPLETED:
                out.append(Credit(competency, manifest.id, competency.hours, _date(completed_at)))
            continue
        for item_id, share in shares.items():
            p = items.get(item_id)
            if p is not None and p.completed:
                out.append(
                    Credit(competency, manifest.id, competency.hours * share, _date(p.completed_at))
                )
    return out


def financial_year(today: dt.date) -> tuple[dt.date, dt.date]:
    start_year = today.year if today.month >= 4 else today.year - 1
    return dt.date(start_year, 4, 1), dt.date(start_year + 1, 3, 31)


def targets(db: Database, today: dt.date) -> list[Target]:
    """The learner's targets; the National Learning Week's 4 hours is always there."""
    rows = db.execute(
        "SELECT id, label, competency_type, hours, period_start, period_end, rolling_days "
        "FROM competency_targets ORDER BY id"
    ).fetchall()
    out: list[Target] = []
    fy_start, fy_end = financial_year(today)
    for row in rows:
        if row[6]:
            start, end = today - dt.timedelta(days=row[6] - 1), today
        else:
            start = dt.date.fromisoformat(row[4]) if row[4] else fy_start
            end = dt.date.fromisoformat(row[5]) if row[5] else fy_end
        out.append(Target(row[0], row[1], row[3], row[2], start, end))
    if not any(t.id == NLW_ID for t in out):
        out.append(
            Target(
                NLW_ID,
                "National Learning Week",
                NLW_HOURS,
                None,
                today - dt.timedelta(days=6),
                today,
            )
        )
    return out


def set_target(
    db: Database,
    target_id: str,
    label: str,
    hours: float,
    competency_type: str | None = None,
    period: tuple[dt.date, dt.date] | None = None,
) -> None:
    """Set (or replace) a target; without a period it covers the current financial year."""
    start, end = (p.isoformat() for p in period) if period else (None, None)
    with db.atomic():
        db.execute(
            "INSERT OR REPLACE INTO competency_targets VALUES (?, ?, ?, ?, ?, ?, ?)",
            [target_id, label, competency_type, hours, start, end, None],
        )


def report(db: Database, manifests: list[CourseManifest], today: dt.date | None = None) -> Report:
    today = today or dt.datetime.now(dt.UTC).date()
    out = Report()
    all_credits = [c for m in manifests for c in credits(db, m)]
    by_type: dict[str, float] = defaultdict(float)
    for credit in all_credits:
        cid = credit.competency.id
        out.by_competency[cid] = out.by_competency.get(cid, 0.0) + credit.hours
        out.names[cid] = credit.competency.name
        out.types[cid] = credit.competency.type
        by_type[credit.competency.type] += credit.hours
    out.by_type = {t: round(by_type.get(t, 0.0), 3) for t in TYPES}
    for target in targets(db, today):
        earned = sum(
            c.hours for c in all_credits
            if target.start <= c.earned_on <= target.end
            and target.competency_type in (None, c.competency.type)
        )  # fmt: skip
        out.targets.append(TargetStatus(target, round(earned, 3)))
    seconds = db.execute("SELECT coalesce(sum(active_seconds), 0) FROM item_progress").fetchone()[0]
    out.learning_hours = round(seconds / 3600, 3)
    return out
