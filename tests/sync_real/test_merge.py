"""Merging another device's history (app.sync_merge) on real encrypted profiles: the rules
(completion never goes back, progress takes the maximum, resume data the latest), a statement
seen twice applied once, and what a lying server sends skipped without harm. The statements
are the ones the other device's learning really made; no server is needed to move them."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

from app.content import DEMO_COURSE_ID
from app.learning import Learner
from app.sync_merge import MergeReport, merge
from tests.conftest import PASS
from tests.sync_real.conftest import NAME, complete_demo, device


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Learner, Learner]]:
    """The same learner on two machines: a laptop and a lab PC."""
    with ExitStack() as stack:
        learners = []
        for home in ("laptop", "lab-pc"):
            core = device(tmp_path / home)
            core.profiles.create(NAME, PASS)
            session = stack.enter_context(core.profiles.unlock(NAME, PASS))
            learners.append(core.learner(session))
        yield learners[0], learners[1]


def history(learner: Learner) -> list[dict[str, Any]]:
    rows = learner.session.store.call(
        lambda db: db.execute("SELECT body FROM statements ORDER BY seq").fetchall()
    )
    return [json.loads(r[0]) for r in rows]


def pull_into(learner: Learner, statements: list[dict[str, Any]]) -> MergeReport:
    manifests = {c.id: c.manifest for c in learner.content.store.courses()}
    return learner.session.store.call(lambda db: merge(db, statements, manifests))


def item(learner: Learner, item_id: str):
    return next(v.progress for v in learner.course(DEMO_COURSE_ID).items if v.item.id == item_id)


def shifted(statement: dict[str, Any], hours: float) -> dict[str, Any]:
    moment = dt.datetime.now(dt.UTC) + dt.timedelta(hours=hours)
    return {**statement, "timestamp": moment.isoformat(timespec="milliseconds")}


def test_progress_takes_the_maximum_and_completion_never_goes_back(
    pair: tuple[Learner, Learner],
) -> None:
    laptop, lab = pair
    with laptop.open_item(DEMO_COURSE_ID, "intro-video") as video:
        video.watched(0, 24, position=24, duration_s=32)
    with laptop.open_item(DEMO_COURSE_ID, "lesson") as lesson:
        lesson.lesson(0.3)
    with lab.open_item(DEMO_COURSE_ID, "intro-video") as video:
        video.watched(0, 8, position=8, duration_s=32)
    with lab.open_item(DEMO_COURSE_ID, "lesson") as lesson:
        lesson.lesson(1.0)

    report = pull_into(lab, history(laptop))
    assert report.new == len(history(laptop)) and report.malformed == 0
    assert item(lab, "intro-video").fraction == pytest.approx(0.75)  # the laptop's, larger
    assert item(lab, "lesson").completed  # the laptop's 30 % does not undo it

    with lab.open_item(DEMO_COURSE_ID, "intro-video") as video:
        video.watched(24, 26, position=26, duration_s=32)  # segments from both devices count
    assert item(lab, "intro-video").fraction == pytest.approx(26 / 32)

    pull_into(laptop, history(lab))
    assert item(laptop, "lesson").completed
    assert item(laptop, "intro-video").fraction == pytest.approx(26 / 32)


def test_resume_data_takes_the_latest(pair: tuple[Learner, Learner]) -> None:
    laptop, lab = pair
    with lab.open_item(DEMO_COURSE_ID, "handout") as pdf:
        pdf.page(2)
    with laptop.open_item(DEMO_COURSE_ID, "handout") as pdf:
        pdf.page(3)
    page_three = history(laptop)[-1]

    pull_into(lab, [shifted(page_three, hours=-1)])  # read on the laptop before, here since
    assert item(lab, "handout").resume["page"] == 2
    assert item(lab, "handout").fraction == pytest.approx(2 / 3, abs=1e-4)  # both pages count

    with laptop.open_item(DEMO_COURSE_ID, "handout") as pdf:
        pdf.page(1)
    page_one = history(laptop)[-1]
    pull_into(lab, [shifted(page_one, hours=1)])  # the laptop was used after this PC
    assert item(lab, "handout").resume["page"] == 1


def test_a_statement_pulled_twice_is_applied_once(pair: tuple[Learner, Learner]) -> None:
    laptop, lab = pair
    complete_demo(laptop)
    first = pull_into(lab, history(laptop))
    assert first.courses_completed == [DEMO_COURSE_ID] and len(first.certificates) == 1
    again = pull_into(lab, history(laptop))
    assert again.new == 0 and again.courses_completed == [] and again.certificates == []
    assert len(lab.certificates()) == 1
    assert lab.statement_counts() == {"pending": 0, "sent": len(history(laptop)),
                                      "quarantined": 0}  # fmt: skip


def test_what_a_lying_server_sends_is_skipped_without_harm(pair: tuple[Learner, Learner]) -> None:
    laptop, lab = pair
    complete_demo(laptop)
    statements = history(laptop)
    earned = next(s for s in statements if s["verb"]["id"].endswith("/earned"))
    good = next(s for s in statements if s["verb"]["id"].endswith("/progressed"))
    ext = "https://karmayogi-offline.invalid/xapi/extensions/certificate-payload"
    forged = json.loads(json.dumps(earned))
    forged["id"] = "6f1c1f8e-0000-4000-8000-000000000001"
    forged["result"]["extensions"][ext] = "KYO1:NOT-A-CERTIFICATE"  # claims left as they were
    malformed = [
        {**good, "id": "6f1c1f8e-0000-4000-8000-000000000002", "verb": "completed"},
        {k: v for k, v in good.items() if k != "object"} | {"id": "6f1c1f8e-0000-4000-8000-03"},
        {**good, "id": "6f1c1f8e-0000-4000-8000-000000000004", "timestamp": 1700000000},
        {**good, "id": "6f1c1f8e-0000-4000-8000-000000000005", "result": ["not", "an", "object"]},
        {**good, "id": None},
    ]

    report = pull_into(lab, [*malformed, forged])
    assert report.malformed == len(malformed)
    assert report.new == 1 and report.certificates == []  # kept as history, not as a certificate
    assert lab.certificates() == []
    assert item(lab, "handout").fraction == 0  # nothing applied from the malformed ones

    report = pull_into(lab, statements)  # the real history still merges after all that
    assert len(report.certificates) == 1
    (cert,) = lab.certificates()
    assert cert.id == laptop.certificates()[0].id and cert.state == "confirmed"
