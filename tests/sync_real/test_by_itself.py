"""Sync by itself: with the server down everything stays queued and the status says so; when
it comes up, everything goes without a command. A second device pulls the learner's history."""

from __future__ import annotations

import collections
import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from app import learning_certificates, sync_account, sync_service
from app.content import DEMO_COURSE_ID
from app.core import Core
from app.learning import Learner
from app.sync_run import SyncRound
from app.sync_service import SyncService
from sync.backoff import Backoff
from sync.lrs import LrsClient
from sync.status import SyncState, SyncStatus
from tests.conftest import PASS, PROJECT
from tests.support.demo import RIGHT
from tests.support.ralph_server import Ralph
from tests.sync_real.conftest import NAME, complete_demo, device, fast_policy, link, queue


def wait_for(
    statuses: list[SyncStatus], state: SyncState, event: threading.Event, timeout: float
) -> None:
    assert event.wait(timeout), f"no {state} in time; saw {[s.state for s in statuses][-5:]}"


def test_server_down_then_up_syncs_without_a_command(learner: Learner, ralph: Ralph) -> None:
    ids = queue(learner, 40)
    link(learner, ralph.url, ralph)
    ralph.stop()  # down for the whole first part
    statuses: list[SyncStatus] = []
    offline, up_to_date = threading.Event(), threading.Event()

    def seen(status: SyncStatus) -> None:
        statuses.append(status)
        if status.state == SyncState.OFFLINE and status.pending == 40:
            offline.set()
        if status.state == SyncState.UP_TO_DATE:
            up_to_date.set()

    service = SyncService(learner, seen, probe_backoff=Backoff(base_s=0.2, max_s=0.5),
                          round_options={"policy": fast_policy()})  # fmt: skip
    service.start()
    try:
        wait_for(statuses, SyncState.OFFLINE, offline, 20)
        assert "40 records waiting" in statuses[-1].text()
        assert learner.statement_counts()["pending"] == 40 and not up_to_date.is_set()
        ralph.start()  # the platform comes back: nobody presses anything
        wait_for(statuses, SyncState.UP_TO_DATE, up_to_date, 30)
    finally:
        service.stop()
    assert collections.Counter(ralph.statement_ids()) == collections.Counter(ids)
    assert learner.statement_counts()["pending"] == 0


def completed_on(ralph: Ralph) -> bool:
    return any(s["verb"]["id"].endswith("/completed") and s["object"]["id"] == DEMO_COURSE_ID
               for s in ralph.statements())  # fmt: skip


def idle_service(learner: Learner, ralph: Ralph, core: Core, on_status) -> SyncService:
    """Linked, online, one lesson's records waiting; nothing but a trigger starts a second
    round for 15 minutes (the probe looks again after 60 s, and it is online anyway)."""
    core.content.seed_demo()
    link(learner, ralph.url, ralph)
    with learner.open_item(DEMO_COURSE_ID, "lesson") as lesson:
        lesson.lesson(1.0)  # not a course completion: no trigger
    return SyncService(learner, on_status, probe_backoff=Backoff(base_s=60, max_s=60),
                       round_options={"policy": fast_policy()})  # fmt: skip


def test_a_completion_starts_a_sync(learner: Learner, ralph: Ralph, core: Core) -> None:
    first, sent = threading.Event(), threading.Event()

    def seen(status: SyncStatus) -> None:
        if status.state == SyncState.UP_TO_DATE:
            (sent if first.is_set() and completed_on(ralph) else first).set()

    service = idle_service(learner, ralph, core, seen)
    service.start()
    try:
        assert first.wait(20) and ralph.count() > 0 and not completed_on(ralph)
        complete_demo(learner)  # the service is idle until then
        assert sent.wait(20), "the completion did not start a round"
    finally:
        service.stop()
    assert learner.statement_counts()["pending"] == 0


def test_a_completion_while_a_round_ends_is_not_forgotten(
    learner: Learner, ralph: Ralph, core: Core
) -> None:
    """The course is completed just as a round finishes (after its push, before the service
    plans the next one): the trigger must still start another round, not wait 15 minutes."""
    sent = threading.Event()
    completed = []

    def seen(status: SyncStatus) -> None:
        if status.state != SyncState.UP_TO_DATE:
            return
        if not completed:  # the end of the first round, on the sync thread itself
            completed.append(True)
            complete_demo(learner)
        elif completed_on(ralph):
            sent.set()

    service = idle_service(learner, ralph, core, seen)
    service.start()
    try:
        assert sent.wait(20), "the completion made during a round was left for later"
    finally:
        service.stop()
    assert learner.statement_counts()["pending"] == 0


def assert_travelled_up(ralph: Ralph, payload: str) -> None:
    """The completion, the attempt with every response, and the certificate (its signed QR
    payload and claims) are on the platform as statements."""
    by_verb = collections.defaultdict(list)
    for s in ralph.statements():
        by_verb[s["verb"]["id"].rsplit("/", 1)[-1]].append(s)
    assert any(s["object"]["id"] == DEMO_COURSE_ID for s in by_verb["completed"])
    answers = {s["object"]["id"].rsplit("/", 1)[-1]: s["result"] for s in by_verb["answered"]}
    assert set(answers) == set(RIGHT) and all("response" in r for r in answers.values())
    (passed,) = by_verb["passed"]
    assert passed["result"]["score"]["scaled"] == 1.0
    (earned,) = by_verb["earned"]
    extensions = earned["result"]["extensions"]
    assert extensions[learning_certificates.EXT_PAYLOAD] == payload
    claims = extensions[learning_certificates.EXT_CLAIMS]
    assert claims["course_id"] == DEMO_COURSE_ID and claims["learner_name"] == NAME


def test_a_second_device_pulls_the_history_and_shows_the_completion(
    tmp_path: Path, ralph: Ralph
) -> None:
    first = device(tmp_path / "laptop")
    first.profiles.create(NAME, PASS)
    with first.profiles.unlock(NAME, PASS) as session:
        learner = first.learner(session)
        link(learner, ralph.url, ralph)
        complete_demo(learner)
        report = SyncRound(learner, sync_account.load(session), policy=fast_policy()).run()
        assert report.push.sent > 0
        (cert,) = learner.certificates()
        assert cert.state == "confirmed"  # the platform has the completion now
    assert_travelled_up(ralph, cert.payload)
    second = device(tmp_path / "lab-pc")
    second.profiles.create(NAME, PASS)
    with second.profiles.unlock(NAME, PASS) as session:
        learner = second.learner(session)
        assert learner.course(DEMO_COURSE_ID).status.status == "not_started"
        link(learner, ralph.url, ralph)
        report = SyncRound(learner, sync_account.load(session), policy=fast_policy()).run()
        assert report.pulled.new == report.push.sent + ralph.count() - report.push.sent
        view = learner.course(DEMO_COURSE_ID)
        assert view.status.status == "completed"
        quiz = next(v.progress for v in view.items if v.item.id == "final-quiz")
        assert quiz.success == "passed" and quiz.score == 1.0
        (pulled_cert,) = learner.certificates()
        assert pulled_cert.id == cert.id and pulled_cert.state == "confirmed"
        again = SyncRound(learner, sync_account.load(session), policy=fast_policy()).run()
        assert again.pulled.new == 0 and again.push.sent == 0  # nothing twice, nothing back
    assert max(collections.Counter(ralph.statement_ids()).values()) == 1


def test_kyo_sync_command(tmp_path: Path, ralph: Ralph) -> None:
    core = device(tmp_path / "home")
    core.profiles.create(NAME, PASS)
    env = {**os.environ, "KYO_HOME": str(core.paths.root)}

    def kyo(*args: str, stdin: str = PASS + "\n") -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "ui", *args], input=stdin, text=True,
                              capture_output=True, cwd=PROJECT, env=env, timeout=120)  # fmt: skip

    with core.profiles.unlock(NAME, PASS) as session:
        queue(core.learner(session), 7)
    linked = kyo("sync", "link", ralph.url, "--user", ralph.auth[0], "--profile", NAME,
                 "--passphrase-stdin", stdin=f"{PASS}\n{ralph.auth[1]}\n")  # fmt: skip
    assert linked.returncode == 0, linked.stderr
    run = kyo("sync", "--profile", NAME, "--passphrase-stdin", "--json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["sent"] == 7 and data["status"] == "up_to_date"
    assert ralph.count() == 7
    problems = kyo("sync", "problems", "--profile", NAME, "--passphrase-stdin")
    assert "refused nothing" in problems.stdout


@pytest.mark.parametrize("action", ["run"])
def test_kyo_sync_without_a_link_says_how(tmp_path: Path, action: str) -> None:
    core = device(tmp_path / "home")
    core.profiles.create(NAME, PASS)
    env = {**os.environ, "KYO_HOME": str(core.paths.root)}
    result = subprocess.run([sys.executable, "-m", "ui", "sync", action, "--profile", NAME,
                             "--passphrase-stdin"], input=PASS + "\n", text=True,
                            capture_output=True, cwd=PROJECT, env=env, timeout=120)  # fmt: skip
    assert result.returncode == 2 and "kyo sync link" in result.stderr


def test_unlinking_makes_new_statements_local_again(learner: Learner, ralph: Ralph) -> None:
    link(learner, ralph.url, ralph)
    assert learner.factory.actor["account"]["name"] == ralph.auth[0]
    learner.unlink_account()
    (statement_id,) = queue(learner, 1)
    body = learner.pending_statements()[-1]
    assert body["id"] == statement_id
    platform = sync_account.Account(ralph.url, "u", "p").home_page
    assert body["actor"]["account"]["homePage"] != platform  # the local learner again
    assert sync_account.load(learner.session) is None


def test_records_made_during_a_round_go_soon_without_a_trigger(
    learner: Learner, ralph: Ralph, core: Core, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Progress recorded while a round runs (no completion, nobody asks) leaves the round
    "waiting": the next round comes after SOON_S, not after the 15 minutes of an idle one."""
    monkeypatch.setattr(sync_service, "SOON_S", 1.0)
    states: list[SyncState] = []
    late: list[str] = []
    sent = threading.Event()

    class MakesRecordsWhilePulling(LrsClient):  # the real client; it only picks the moment
        def get(self, *args: Any, **kwargs: Any) -> Any:
            if not late:
                late.extend(queue(learner, 3))  # after the push: they miss this round
            return super().get(*args, **kwargs)

    def seen(status: SyncStatus) -> None:
        states.append(status.state)
        if late and status.state == SyncState.UP_TO_DATE:
            sent.set()

    service = idle_service(learner, ralph, core, seen)
    account = sync_account.load(learner.session)
    assert account is not None
    client = MakesRecordsWhilePulling(account.endpoint, (account.username, account.password))
    service._round_options["client"] = client
    service.start()
    try:
        assert sent.wait(20), f"records made during a round were left for later: {states}"
    finally:
        service.stop()
    assert SyncState.WAITING in states
    assert set(late) <= set(ralph.statement_ids())
