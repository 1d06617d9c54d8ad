"""Where a pull starts, against a real Ralph: its `since` filters on the statements' own
`timestamp`, so what another device made offline and sent late is older than the cursor and a
normal pull never sees it; the periodic full pull brings it. And the bandwidth cap holds for
sync as for downloads."""

from __future__ import annotations

import datetime as dt
import json
from contextlib import ExitStack
from pathlib import Path

import pytest

from app import sync_account
from app.learning import Learner
from app.settings import save_settings
from app.sync_run import FULL_PULL_EVERY, SyncRound, _cursor
from app.xapi import StatementFactory
from tests.conftest import PASS
from tests.support.ralph_server import Ralph
from tests.sync.fake_lrs import FakeLrs
from tests.sync_real.conftest import NAME, device, fast_policy, link, queue


def sync(learner: Learner, **options):
    return SyncRound(learner, sync_account.load(learner.session), policy=fast_policy(),
                     **options).run()  # fmt: skip


def state(learner: Learner, key: str):
    row = learner.session.store.call(
        lambda db: db.execute("SELECT value FROM sync_state WHERE key = ?", [key]).fetchone()
    )
    return None if row is None else json.loads(row[0])


def set_state(learner: Learner, key: str, value) -> None:
    def txn(db):
        with db.atomic():
            db.execute("INSERT OR REPLACE INTO sync_state VALUES (?, ?)", [key, json.dumps(value)])

    learner.session.store.call(txn)


def test_statements_sent_late_by_another_device_arrive_with_the_full_pull(
    tmp_path: Path, ralph: Ralph
) -> None:
    with ExitStack() as stack:
        learners = []
        for home in ("laptop", "lab-pc"):
            core = device(tmp_path / home)
            core.profiles.create(NAME, PASS)
            learners.append(core.learner(stack.enter_context(core.profiles.unlock(NAME, PASS))))
        laptop, lab = learners
        link(laptop, ralph.url, ralph)
        link(lab, ralph.url, ralph)
        weeks_ago = dt.datetime.now(dt.UTC) - dt.timedelta(weeks=3)
        laptop.factory = StatementFactory(laptop.factory.actor, lambda: "en", lambda: weeks_ago)
        queue(laptop, 5)  # learnt offline in the field, weeks without a network
        queue(lab, 3)  # later, in the institute's lab
        first = sync(lab)
        assert first.push.sent == 3 and state(lab, "full_pull_at") is not None

        assert sync(laptop).pulled.new == 3  # back in range: the laptop sends its 5 at last
        assert ralph.count() == 8

        missed = sync(lab)  # a normal pull: Ralph's `since` is on timestamp, the 5 are older
        assert missed.pulled.new == 0

        set_state(lab, "full_pull_at", (dt.datetime.now(dt.UTC) - FULL_PULL_EVERY).isoformat())
        caught = sync(lab)
        assert caught.pulled.new == 5
        assert state(lab, "full_pull_running") is False
        assert sync(lab).pulled.new == 0  # and not twice


def test_an_interrupted_full_pull_resumes_from_its_cursor(learner: Learner, ralph: Ralph) -> None:
    link(learner, ralph.url, ralph)
    set_state(learner, "full_pull_running", True)  # a full pull was cut short here...
    set_state(learner, "full_pull_at", None)
    set_state(learner, "pull_since", "2999-01-01T00:00:00.000Z")  # ...after this cursor
    queue(learner, 4)
    report = sync(learner)
    assert report.push.sent == 4 and report.pulled.new == 0  # resumed there: nothing older
    assert state(learner, "full_pull_running") is False and state(learner, "full_pull_at")


def test_the_cursor_is_the_earlier_of_newest_timestamp_and_newest_stored() -> None:
    chunk = [
        {"timestamp": "2026-11-20T10:00:00.000Z", "stored": "2026-11-23T09:00:00.000+00:00"},
        {"timestamp": "2026-11-21T10:00:00.000+05:30", "stored": "not a time"},
    ]
    assert _cursor(chunk) == "2026-11-21T04:29:59.999Z"  # the device's clock, in UTC
    ahead = [{"timestamp": "2027-01-01T00:00:00Z", "stored": "2026-11-23T09:00:00Z"}]
    assert _cursor(ahead) == "2026-11-23T08:59:59.999Z"  # a device clock ahead of the server
    assert _cursor([{"timestamp": "garbage"}]) == ""  # from the start rather than never


@pytest.mark.parametrize("kbps", [0, 4])
def test_the_bandwidth_cap_holds_for_sync(learner: Learner, ralph: Ralph, kbps: int) -> None:
    settings = learner.content.settings()
    settings.bandwidth_kbps = kbps
    save_settings(learner.content.paths.settings_file, settings)
    link(learner, ralph.url, ralph)
    queue(learner, 30)
    waits: list[float] = []
    report = sync(learner, sleep=waits.append)  # the waits asked for, not waited
    assert report.push.sent == 30
    if kbps == 0:
        assert waits == []
    else:
        moved = report.push.bytes_sent + 30 * 600  # and the pull brings them back
        assert sum(waits) >= (moved - kbps * 100) / (kbps * 1000) * 0.9


@pytest.mark.parametrize(("versions", "spoken"), [(None, "1.0.3"), (["1.0.0", "1.0.1"], "1.0.1")])
def test_the_xapi_version_comes_from_about_once(
    learner: Learner, versions: list[str] | None, spoken: str
) -> None:
    with FakeLrs(versions=versions) as lrs:
        learner.link_account(lrs.endpoint, *lrs.auth)
        queue(learner, 2)
        sync(learner)
        queue(learner, 1)
        sync(learner)
        abouts = [s for s in lrs.seen if s.path.endswith("/about")]
        posts = [s for s in lrs.seen if s.method == "POST"]
    assert len(abouts) == 1  # asked once, remembered
    assert len(posts) == 2 and {s.headers["X-Experience-API-Version"] for s in posts} == {spoken}
    assert state(learner, "xapi_version") == spoken
    learner.link_account("http://127.0.0.1:9/xAPI", "someone-else", "pw")
    assert state(learner, "xapi_version") is None  # another platform is asked again
