"""One sync round for an unlocked profile, as named stages kept in its database.

    push  pending statements up (sync.push: batches, splitting, backoff)
    pull  the learner's history down since the last one (sync.pull), merged (app.sync_merge)
    done

The stage and the pull cursor are saved as the round goes, so a round cut short (the machine
switched off, the network gone) starts next time where it stopped; pushing is idempotent
(statement ids), so the push stage simply runs again.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from app import progress, sync_account, sync_log
from app.errors import KyoError, UsageError
from app.i18n import _
from app.sync_merge import MergeReport, merge, moment
from app.sync_outbox import ProfileOutbox
from content_cache.transfer import Bucket
from sync.backoff import pause
from sync.errors import GaveUp, SignInRequired, SyncError
from sync.lrs import LrsClient
from sync.pull import pull
from sync.push import PushPolicy, PushReport, push
from sync.status import SyncState, SyncStatus, after_push

if TYPE_CHECKING:
    from app.db import Database
    from app.learning import Learner

log = logging.getLogger(__name__)
PULL_CHUNK = 100
# A server whose `since` filters on `timestamp` (Ralph) never shows a pull made after the
# cursor passed them the statements another device made offline earlier and sent late; so now
# and then the whole history is pulled again (known ids skipped). Interrupted, it resumes.
FULL_PULL_EVERY = dt.timedelta(days=7)


@dataclass
class SyncReport:
    push: PushReport
    pulled: MergeReport = field(default_factory=MergeReport)
    status: SyncStatus | None = None
    pull_error: str = ""
    seconds: dict[str, float] = field(default_factory=dict)  # per stage, for logs and bench

    def as_json(self) -> dict[str, Any]:
        return {
            "sent": self.push.sent,
            "quarantined": [{"id": i, "kind": k, "reason": r} for i, k, r in self.push.quarantined],
            "requests": self.push.requests,
            "bytes_sent": self.push.bytes_sent,
            "stopped": self.push.stopped,
            "pulled": self.pulled.new,
            "courses_completed_elsewhere": self.pulled.courses_completed,
            "certificates_from_elsewhere": self.pulled.certificates,
            "status": self.status.state.name.lower() if self.status else None,
            "message": self.status.text() if self.status else "",
            "pull_error": self.pull_error,
            "seconds": {k: round(v, 3) for k, v in self.seconds.items()},
        }


def _state(db: Database, key: str) -> Any:
    row = db.execute("SELECT value FROM sync_state WHERE key = ?", [key]).fetchone()
    return None if row is None else json.loads(row[0])


def _set(db: Database, key: str, value: Any) -> None:
    db.execute("INSERT OR REPLACE INTO sync_state VALUES (?, ?)", [key, json.dumps(value)])


def _cursor(chunk: list[dict[str, Any]]) -> str:
    """Where the next pull starts: 1 ms before the earlier of the newest `timestamp` and the
    newest `stored` seen. Ralph's `since` filters on `timestamp` and the standard's on
    `stored`; the earlier of the two is safe under either. `since` is exclusive and statements
    can share a millisecond, so we ask from just before and skip what we have by id."""
    newest = []
    for key in ("timestamp", "stored"):
        moments = [m for s in chunk if (m := moment(s.get(key, ""))) is not None]
        if moments:
            newest.append(max(moments))
    if not newest:
        return ""
    earlier = min(newest) - dt.timedelta(milliseconds=1)
    return earlier.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _full_pull_due(last: Any, now: dt.datetime) -> bool:
    when = moment(last) if last else None
    return when is None or now - when >= FULL_PULL_EVERY


class SyncRound:
    def __init__(
        self,
        learner: Learner,
        account: sync_account.Account,
        *,
        policy: PushPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
        cancel: threading.Event | None = None,
        client: LrsClient | None = None,
    ) -> None:
        self.learner, self.account = learner, account
        self.policy = policy or PushPolicy()
        self.sleep, self.cancel = sleep, cancel
        self._bucket = Bucket(time.monotonic)
        self.client = client or LrsClient(
            account.endpoint, (account.username, account.password), throttle=self._throttle
        )
        self.outbox = ProfileOutbox(learner.session)
        self.store = learner.session.store

    def run(self, on_progress: Callable[[int, int], None] | None = None) -> SyncReport:
        """One round; whatever its end, a line in the sync log (app/sync_log.py)."""
        started, clock = progress.now_iso(), time.perf_counter()
        try:
            report = self._run(on_progress)
        except Exception as exc:
            error = exc.message if isinstance(exc, KyoError) else f"{type(exc).__name__}: {exc}"
            seconds = time.perf_counter() - clock
            self._log(sync_log.RoundEntry(started, seconds, 0, 0, 0, sync_log.FAILED, error=error))
            raise
        self._log(_log_entry(started, clock, report))
        return report

    def _log(self, entry: sync_log.RoundEntry) -> None:
        """Logged if the profile is still open to write it (a failure here must not turn a
        finished round into a failed one)."""
        if self.store.closed:
            return
        try:
            self.store.call(lambda db: sync_log.record(db, entry))
        except KyoError:
            log.warning("sync round not logged", exc_info=True)

    def _run(self, on_progress: Callable[[int, int], None] | None) -> SyncReport:
        self._negotiate()
        self._stage("push")
        started = time.perf_counter()
        report = SyncReport(push(self.outbox, self.client, self.policy, on_progress=on_progress,
                                 sleep=self.sleep, cancel=self.cancel))  # fmt: skip
        report.seconds["push"] = time.perf_counter() - started
        if report.push.stopped is None:
            self._stage("pull")
            started = time.perf_counter()
            try:
                report.pulled = self._pull()
                self._stage("done")
            except SignInRequired:
                report.push.stopped = "auth"
            except (SyncError, GaveUp) as exc:
                report.pull_error = str(exc)
            report.seconds["pull"] = time.perf_counter() - started
        report.status = self.status(report.push)
        return report

    def status(self, push_report: PushReport) -> SyncStatus:
        pending = self.outbox.count_pending()
        refused = len(self.outbox.quarantined())
        last = self.store.call(lambda db: _state(db, "last_success"))
        status = after_push(push_report, pending=pending, refused=refused, last_success=last)
        if status.state == SyncState.UP_TO_DATE or push_report.stopped is None:
            self.store.call(lambda db: self._save(db, "last_success", status.last_success))
        return status

    def _negotiate(self) -> None:
        """The xAPI version to speak: the highest 1.0.x the LRS's /about names, asked once and
        remembered; 1.0.3 when it has no /about (Ralph 5.1). No answer: ask next round."""
        known = self.store.call(lambda db: _state(db, "xapi_version"))
        if known is None:
            try:
                known = self.client.about() or self.account.version
            except SyncError:
                return
            self.store.call(lambda db: self._save(db, "xapi_version", known))
        self.client.version = str(known)

    def _throttle(self, size: int) -> None:
        """The bandwidth cap (setting bandwidth_kbps) holds for sync as for downloads."""
        rate = self.learner.content.settings().bandwidth_bps
        if (wait := self._bucket.delay(size, rate)) > 0:
            pause(wait, self.sleep, self.cancel)

    def _stage(self, name: str) -> None:
        self.store.call(lambda db: self._save(db, "stage", name))

    @staticmethod
    def _save(db: Database, key: str, value: Any) -> None:
        with db.atomic():
            _set(db, key, value)

    def _pull(self) -> MergeReport:
        """The learner's history since the cursor, merged in chunks; the cursor saved with
        each chunk (same transaction), so an interrupted pull resumes."""
        since = self.store.call(self._pull_start)
        actor = self.account.actor(self.learner.session.info.name)
        actor.pop("name", None)  # agents are matched by account, not by display name
        manifests = {c.id: c.manifest for c in self.learner.content.store.courses()}
        total = MergeReport()
        chunk: list[dict[str, Any]] = []
        for statement in pull(self.client, actor, since, sleep=self.sleep, cancel=self.cancel):
            chunk.append(statement)
            if len(chunk) >= PULL_CHUNK:
                self._merge(chunk, manifests, total)
                chunk = []
        if chunk:
            self._merge(chunk, manifests, total)
        if self.cancel is None or not self.cancel.is_set():
            self.store.call(self._pull_finished)
        return total

    @staticmethod
    def _pull_start(db: Database) -> str | None:
        """The cursor to pull from; None (everything) when a full pull is due or under way."""
        with db.atomic():
            if not _state(db, "full_pull_running") and _full_pull_due(
                _state(db, "full_pull_at"), dt.datetime.now(dt.UTC)
            ):
                _set(db, "full_pull_running", True)
                _set(db, "pull_since", None)
            return _state(db, "pull_since")  # type: ignore[no-any-return]

    @staticmethod
    def _pull_finished(db: Database) -> None:
        with db.atomic():
            if _state(db, "full_pull_running"):
                _set(db, "full_pull_running", False)
                _set(db, "full_pull_at", progress.now_iso())

    def _merge(
        self, chunk: list[dict[str, Any]], manifests: dict[str, Any], total: MergeReport
    ) -> None:
        cursor = _cursor(chunk)

        def txn(db: Database) -> MergeReport:
            with db.atomic():
                report = merge(db, chunk, manifests)
                if cursor:
                    _set(db, "pull_since", cursor)
                return report

        report = self.store.call(txn)
        total.new += report.new
        total.courses_completed += report.courses_completed
        total.certificates += report.certificates


def _log_entry(started: str, clock: float, report: SyncReport) -> sync_log.RoundEntry:
    push_report = report.push
    # push.error keeps the last transient failure even when a retry then got through: it is
    # the round's error only when the push stopped because of it.
    error = push_report.error if push_report.stopped else report.pull_error
    return sync_log.RoundEntry(
        started_at=started,
        seconds=time.perf_counter() - clock,
        sent=push_report.sent,
        pulled=report.pulled.new,
        refused=len(push_report.quarantined),
        outcome=report.status.state.value if report.status else sync_log.FAILED,
        stopped=push_report.stopped or "",
        error=error,
    )


def sync_once(learner: Learner, **options: Any) -> SyncReport:
    """One round for a linked profile (NotLinked if it is not)."""
    account = sync_account.load(learner.session)
    if account is None:
        raise UsageError(
            _(
                "This profile is not linked to a platform account yet: kyo sync link URL --user "
                "NAME --profile PROFILE"
            )
        )
    return SyncRound(learner, account, **options).run()
