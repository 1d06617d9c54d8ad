"""SyncStatus: what the window says, in English, and through the translation machinery."""

from __future__ import annotations

import gettext
import time
from collections.abc import Iterator

import pytest

from app import i18n
from sync.push import PushReport
from sync.status import SyncState, SyncStatus, after_push, clock_time, refused_reason


class Marked(gettext.NullTranslations):
    """A stand-in for Hindi: proves each text goes through _() and ngettext() with its n."""

    def gettext(self, message: str) -> str:
        return f"«{message}»"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return f"«{singular if n == 1 else plural}»"


@pytest.fixture
def marked(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(i18n, "_translation", Marked())
    yield


def test_english_texts() -> None:
    at = time.mktime((2025, 3, 1, 14, 5, 0, 0, 0, -1))
    assert SyncStatus(SyncState.OFFLINE, 12).text() == "Offline — 12 records waiting"
    assert SyncStatus(SyncState.OFFLINE, 1).text() == "Offline — 1 record waiting"
    assert SyncStatus(SyncState.SYNCING, 80, 40, 120).text() == "Syncing 40 of 120"
    assert SyncStatus(SyncState.UP_TO_DATE, 0).text() == "Up to date"
    soon = time.time() + 120
    waiting = SyncStatus(SyncState.WAITING, 12, until=soon)
    assert (
        waiting.text()
        == f"Waiting until {time.strftime('%H:%M', time.localtime(soon))} — 12 records"
    )
    assert clock_time(at, now=at - 60) == "14:05"
    assert clock_time(at, now=at - 3 * 86400) == "01/03 14:05"
    assert SyncStatus(SyncState.WAITING, 1).text() == "Waiting — 1 record"
    attention = SyncStatus(SyncState.NEEDS_ATTENTION, 3, reason=refused_reason(2))
    assert attention.text() == "Needs attention: 2 records were refused by the platform."


def test_every_text_goes_through_translation(marked: None) -> None:
    texts = [
        SyncStatus(SyncState.OFFLINE, 2).text(),
        SyncStatus(SyncState.SYNCING, 1, 1, 2).text(),
        SyncStatus(SyncState.UP_TO_DATE, 0).text(),
        SyncStatus(SyncState.WAITING, 1, until=time.time() + 60).text(),
        SyncStatus(SyncState.WAITING, 2).text(),
        SyncStatus(SyncState.NEEDS_ATTENTION, 0, reason=refused_reason(1)).text(),
    ]
    assert all(t.startswith("«") and t.endswith("»") for t in texts), texts
    assert texts[0] == "«Offline — 2 records waiting»"  # the plural form, then the number
    assert texts[5] == "«Needs attention: «1 record was refused by the platform.»»"


def test_after_push_maps_each_outcome() -> None:
    wall, mono = (lambda: 5000.0), (lambda: 10.0)

    def status(report: PushReport, pending: int = 0, refused: int = 0) -> SyncStatus:
        return after_push(
            report, pending=pending, refused=refused, last_success=1.0, clock=mono, wall=wall
        )

    done = status(PushReport(sent=3))
    assert done.state is SyncState.UP_TO_DATE and done.last_success == 5000
    auth = status(PushReport(stopped="auth"), pending=4, refused=2)
    assert auth.state is SyncState.NEEDS_ATTENTION and "Sign in again" in auth.reason
    assert auth.last_success == 1.0
    refused = status(PushReport(sent=9, quarantined=[("a", "rejected", "x")]), refused=1)
    assert refused.state is SyncState.NEEDS_ATTENTION and refused.reason.startswith("1 record")
    assert status(PushReport(stopped="offline"), 4).state is SyncState.OFFLINE
    waiting = status(PushReport(stopped="gave_up", retry_at=70.0), 4)
    assert waiting.state is SyncState.WAITING and waiting.until == 5060
    assert status(PushReport(stopped="cancelled"), 4).state is SyncState.WAITING
    assert status(PushReport(sent=2), 1).state is SyncState.WAITING  # added during the round


def test_an_unlinked_profile_says_it_keeps_its_records() -> None:
    assert SyncStatus(SyncState.OFFLINE, 0, linked=False).text() == "Not linked to a platform"
    assert (
        SyncStatus(SyncState.OFFLINE, 3, linked=False).text()
        == "Not linked to a platform — 3 records kept here"
    )
    assert SyncStatus(SyncState.OFFLINE, 3).text() == "Offline — 3 records waiting"
