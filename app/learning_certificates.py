"""Certificates through the learning facade: issued in the transaction that completes a
course, kept in the profile, provisional until the platform has the completion.

The credential (claims, COSE_Sign1, the QR payload) is `app.certificates.credential`; the PDF is
`app.certificates.pdf`. A certificate travels up as an `earned` statement that carries its
payload and claims, so the platform can check and record it.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from app import outbox, progress
from app.xapi import ActivityType, Verb, activity

if TYPE_CHECKING:
    from app.certificates.credential import CertificateClaims
    from app.certificates.pdf import CertificateView
    from app.db import Database
    from app.device import DeviceIdentity
    from app.xapi import StatementFactory
    from content_cache.manifest import CourseManifest

PROVISIONAL, CONFIRMED = "provisional", "confirmed"
EXT_PAYLOAD = "https://karmayogi-offline.invalid/xapi/extensions/certificate-payload"
EXT_CLAIMS = "https://karmayogi-offline.invalid/xapi/extensions/certificate-claims"


@dataclass(frozen=True)
class Certificate:
    id: str
    course_id: str
    course_version: str
    payload: str
    claims: dict[str, Any]
    state: str
    device_id: str
    key_id: str
    issued_at: str
    confirmed_at: str | None = None


def certificate_iri(certificate_id: str) -> str:
    return f"urn:karmayogi-offline:certificate:{certificate_id}"


def _score(db: Database, manifest: CourseManifest) -> float | None:
    """The passed assessments' best scores (those the course requires, else all graded)."""
    items = progress.items_of(db, manifest.id)
    required = manifest.document.get("completion", {}).get("requires_passing", [])
    chosen = [items[i] for i in required if i in items] or list(items.values())
    graded = [p.score for p in chosen if p.score is not None]
    return round(sum(graded) / len(graded), 4) if graded else None


def claims_for(
    db: Database, manifest: CourseManifest, learner_name: str, device: DeviceIdentity
) -> CertificateClaims:
    from app.certificates.credential import CertificateClaims

    competencies = tuple(
        (c.type, c.name.get("en") or next(iter(c.name.values()), c.id), c.hours)
        for c in manifest.competencies
    )
    now = dt.datetime.now(dt.UTC)
    return CertificateClaims(
        certificate_id=str(uuid.uuid4()),
        learner_name=learner_name,
        course_id=manifest.id,
        course_title={k: v for k, v in manifest.title.items() if k in ("en", "hi")}
        or {"en": manifest.title_in("en")},
        completed_on=now.date().isoformat(),
        score=_score(db, manifest),
        hours=round(sum(c.hours for c in manifest.competencies), 2),
        competencies=competencies,
        device_id=device.device_id,
        issuer=device.key_id,
        issued_at=int(now.timestamp()),
    )


def issue(
    db: Database,
    manifest: CourseManifest,
    learner_name: str,
    device: DeviceIdentity,
    factory: StatementFactory,
    registration: str,
) -> Certificate | None:
    """Within the completing transaction: the course's certificate, once; and its statement."""
    from app.certificates.credential import decode, encode

    if db.execute("SELECT 1 FROM certificates WHERE course_id = ?", [manifest.id]).fetchone():
        return None
    payload = encode(claims_for(db, manifest, learner_name, device), device.key)
    claims = decode(payload).claims  # what the QR carries (long texts may be shortened)
    as_json = claims_json(claims)
    cert = Certificate(
        claims.certificate_id, manifest.id, manifest.version, payload, as_json,
        PROVISIONAL, device.device_id, device.key_id, progress.now_iso(),
    )  # fmt: skip
    db.execute(
        "INSERT INTO certificates VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [cert.id, cert.course_id, cert.course_version, cert.payload, json.dumps(as_json),
         cert.state, cert.device_id, cert.key_id, cert.issued_at, None],
    )  # fmt: skip
    obj = activity(certificate_iri(cert.id), ActivityType.CERTIFICATE, manifest.title)
    result = {"extensions": {EXT_PAYLOAD: payload, EXT_CLAIMS: as_json}}
    parent = activity(manifest.id, ActivityType.COURSE, manifest.title)
    statement = factory.make(
        Verb.EARNED, obj, result=result, registration=registration, parents=[parent]
    )
    outbox.add(db, statement, manifest.id)
    return cert


def claims_json(claims: CertificateClaims) -> dict[str, Any]:
    data = asdict(claims)
    data["competencies"] = [list(c) for c in claims.competencies]
    return data


def missing(db: Database) -> list[str]:
    """Completed courses that have no certificate (issuing once failed: made again later)."""
    rows = db.execute(
        "SELECT course_id FROM course_progress WHERE status = 'completed' AND course_id NOT IN "
        "(SELECT course_id FROM certificates)"
    ).fetchall()
    return [r[0] for r in rows]


def load_all(db: Database) -> list[Certificate]:
    rows = db.execute(
        "SELECT id, course_id, course_version, payload, claims, state, device_id, key_id, "
        "issued_at, confirmed_at FROM certificates ORDER BY issued_at"
    ).fetchall()
    return [
        Certificate(r[0], r[1], r[2], r[3], json.loads(r[4]), r[5], r[6], r[7], r[8], r[9])
        for r in rows
    ]


def confirm(db: Database, course_id: str) -> bool:
    """The platform has this course's completion: the certificate is confirmed."""
    with db.atomic():
        cur = db.execute(
            "UPDATE certificates SET state = ?, confirmed_at = ? WHERE course_id = ? AND state = ?",
            [CONFIRMED, progress.now_iso(), course_id, PROVISIONAL],
        )
    return bool(cur.rowcount)


def view_of(cert: Certificate, manifest: CourseManifest | None, platform: str) -> CertificateView:
    """What the PDF shows: names in both languages from the course when it is installed."""
    from app.certificates.pdf import CertificateView

    claims = cert.claims
    if manifest is not None:
        competencies = tuple((c.type, dict(c.name), c.hours) for c in manifest.competencies)
    else:
        competencies = tuple((t, {"en": n}, h) for t, n, h in claims["competencies"])
    return CertificateView(
        certificate_id=cert.id,
        learner_name=claims["learner_name"],
        course_title=claims["course_title"],
        competencies=competencies,
        hours=claims["hours"],
        score=claims["score"],
        completed_on=dt.date.fromisoformat(claims["completed_on"]),
        device_label=f"{cert.device_id[:8]} ({cert.key_id})",
        state=cert.state,
        platform=platform,
    )
