"""Competency hours from completed items, and targets."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.competencies import financial_year
from app.core import Core
from app.learning import Learner
from tests.conftest import PASS, PROJECT
from tests.learning.conftest import COURSE_ID, install, service_course
from tests.learning.test_progress import complete_all


def test_hours_follow_completed_items(learner: Learner) -> None:
    assert learner.competencies().by_type == {"behavioural": 0, "functional": 0, "domain": 0}
    with learner.open_item(COURSE_ID, "video") as video:  # citizen only, 30 of its 60 minutes
        video.watched(0, 100, position=100)
    report = learner.competencies()
    assert report.by_competency == {"citizen": pytest.approx(0.5)}
    with learner.open_item(COURSE_ID, "handout") as pdf:  # citizen and grievance
        for page in (1, 2, 3):
            pdf.page(page, 3)
    report = learner.competencies()
    assert report.by_competency["citizen"] == pytest.approx(1.0)
    assert report.by_competency["grievance"] == pytest.approx(2 * 30 / 90)
    assert "rules" not in report.by_competency  # untagged: only with the whole course
    with learner.open_item(COURSE_ID, "lesson") as lesson:
        lesson.lesson(1.0)
    report = learner.competencies()
    assert report.by_type == {"behavioural": 1.0, "functional": 2.0, "domain": 0.5}
    assert report.names["citizen"]["hi"] == "नागरिक केंद्रितता"


def test_targets_national_learning_week_and_annual_plan(learner: Learner) -> None:
    complete_all(learner)
    today = dt.datetime.now(dt.UTC).date()
    report = learner.competencies(today)
    nlw = next(t for t in report.targets if t.target.id == "national-learning-week")
    assert nlw.target.hours == 4 and nlw.earned == pytest.approx(3.5) and not nlw.met
    learner.set_target("annual-behavioural", "Annual plan", 1.0, "behavioural")
    learner.set_target("annual-functional", "Annual plan", 5.0, "functional")
    report = learner.competencies(today)
    by_id = {t.target.id: t for t in report.targets}
    assert by_id["annual-behavioural"].met and by_id["annual-behavioural"].earned == 1.0
    assert not by_id["annual-functional"].met and by_id["annual-functional"].earned == 2.0
    assert by_id["annual-functional"].target.start == financial_year(today)[0]
    # A week long past: nothing learned in it.
    past = (dt.date(2020, 1, 6), dt.date(2020, 1, 12))
    learner.set_target("national-learning-week", "National Learning Week", 4, None, past)
    nlw = next(
        t for t in learner.competencies(today).targets if t.target.id == "national-learning-week"
    )
    assert nlw.earned == 0


def test_financial_year() -> None:
    assert financial_year(dt.date(2026, 11, 23)) == (dt.date(2026, 4, 1), dt.date(2027, 3, 31))
    assert financial_year(dt.date(2027, 2, 1)) == (dt.date(2026, 4, 1), dt.date(2027, 3, 31))


def test_kyo_progress_json(core: Core, tmp_path: Path) -> None:
    install(core, tmp_path, service_course())
    core.profiles.create("Ravi", PASS)
    with core.profiles.unlock("Ravi", PASS) as session:
        learner = core.learner(session)
        with learner.open_item(COURSE_ID, "video") as video:
            video.watched(0, 100, position=100)
    env = {**os.environ, "KYO_HOME": str(core.paths.root)}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "ui",
            "progress",
            "--profile",
            "Ravi",
            "--passphrase-stdin",
            "--json",
        ],
        input=PASS + "\n",
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env=env,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    (course,) = data["courses"]
    assert (
        course["id"] == COURSE_ID
        and course["items_done"] == 1
        and course["status"] == "in_progress"
    )
    assert data["hours_by_type"]["behavioural"] == 0.5
    assert data["statements"]["pending"] >= 3
    assert any(t["id"] == "national-learning-week" for t in data["targets"])
    text = subprocess.run(
        [sys.executable, "-m", "ui", "progress", "--profile", "Ravi", "--passphrase-stdin"],
        input=PASS + "\n",
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env=env,
        timeout=120,
    )
    assert "National Learning Week" in text.stdout and "Serving citizens" in text.stdout
