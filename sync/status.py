"""What the window shows about sync, always: one state, one sentence in the learner's language.

`SyncStatus.text()` translates when it is called, so a language switch shows at the next
redraw; `reason` is a sentence made (translated) when the status was made.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from app.i18n import _, ngettext
from sync.errors import sign_in_message

if TYPE_CHECKING:  # the window imports this module at start; the HTTP stack can wait
    from sync.push import PushReport

SAME_DAY_S = 20 * 3600  # beyond this, "until" shows the date too


class SyncState(Enum):
    OFFLINE = "offline"
    WAITING = "waiting"
    SYNCING = "syncing"
    UP_TO_DATE = "up_to_date"
    NEEDS_ATTENTION = "needs_attention"


@dataclass(frozen=True)
class SyncStatus:
    state: SyncState
    pending: int
    done: int = 0  # SYNCING: sent or set aside so far
    total: int = 0  # SYNCING: of how many
    until: float | None = None  # WAITING: the next try, wall clock (time.time())
    reason: str = ""  # NEEDS_ATTENTION: a translated sentence
    last_success: float | None = None  # wall clock of the last round that ended normally
    linked: bool = True  # False: no platform account yet, so nowhere to send to

    def text(self) -> str:
        n = self.pending
        if self.state is SyncState.OFFLINE:
            return self._offline_text()
        if self.state is SyncState.SYNCING:
            return _("Syncing {done} of {total}").format(done=self.done, total=self.total)
        if self.state is SyncState.UP_TO_DATE:
            return _("Up to date")
        if self.state is SyncState.NEEDS_ATTENTION:
            return _("Needs attention: {reason}").format(reason=self.reason)
        if self.until is None:
            return ngettext("Waiting — {n} record", "Waiting — {n} records", n).format(n=n)
        return ngettext(
            "Waiting until {time} — {n} record", "Waiting until {time} — {n} records", n
        ).format(time=clock_time(self.until), n=n)

    def _offline_text(self) -> str:
        n = self.pending
        if not self.linked and n == 0:
            return _("Not linked to a platform")
        if not self.linked:
            return ngettext(
                "Not linked to a platform — {n} record kept here",
                "Not linked to a platform — {n} records kept here",
                n,
            ).format(n=n)
        return ngettext("Offline — {n} record waiting", "Offline — {n} records waiting", n).format(
            n=n
        )


def clock_time(moment: float, now: float | None = None) -> str:
    """14:05 in local time; with the day (Indian order) when it is not within the day."""
    now = time.time() if now is None else now
    pattern = "%H:%M" if abs(moment - now) < SAME_DAY_S else "%d/%m %H:%M"
    return time.strftime(pattern, time.localtime(moment))


def refused_reason(count: int) -> str:
    return ngettext(
        "{n} record was refused by the platform.",
        "{n} records were refused by the platform.",
        count,
    ).format(n=count)


def sign_in_reason() -> str:
    return sign_in_message()


def after_push(
    report: PushReport,
    *,
    pending: int,
    refused: int,
    last_success: float | None,
    clock: Callable[[], float] = time.monotonic,
    wall: Callable[[], float] = time.time,
) -> SyncStatus:
    """The status a push round leaves. `pending`: still queued now; `refused`: quarantined
    statements the learner has not looked at yet (this round's and earlier ones');
    `clock` must be the one push was given (its retry_at is on that clock)."""
    now = wall()
    if report.stopped is None:
        last_success = now
    if report.stopped == "auth" or refused:
        reason = sign_in_reason() if report.stopped == "auth" else refused_reason(refused)
        return SyncStatus(
            SyncState.NEEDS_ATTENTION, pending, reason=reason, last_success=last_success
        )
    if report.stopped == "offline":
        return SyncStatus(SyncState.OFFLINE, pending, last_success=last_success)
    if report.stopped == "gave_up" and report.retry_at is not None:
        until = now + max(0.0, report.retry_at - clock())
        return SyncStatus(SyncState.WAITING, pending, until=until, last_success=last_success)
    if pending:  # cancelled, or recorded while the round ran: the next round takes them
        return SyncStatus(SyncState.WAITING, pending, last_success=last_success)
    return SyncStatus(SyncState.UP_TO_DATE, 0, last_success=last_success)
