"""Errors of the sync engine: every one a KyoError (a message for the learner, detail for the log).

`Transient` failures are worth retrying (nothing was refused: the link or the server let us
down); the others are not, and retrying them would only spend the learner's bandwidth.
"""

from __future__ import annotations

from app.errors import KyoError
from app.i18n import _


def _later() -> str:
    return _("The platform cannot be reached just now. Your records are kept and sent later.")


class SyncError(KyoError):
    """Base of every error the sync engine raises on purpose."""


class Transient(SyncError):
    """A failure worth retrying; `retry_after` is what the server asked for, in seconds."""

    def __init__(self, detail: str = "", retry_after: float | None = None) -> None:
        super().__init__(_later(), detail)
        self.retry_after = retry_after


class NetworkError(Transient):
    """No answer at all: refused, reset, timed out, cut short in the middle."""


class BadAnswer(Transient):
    """An answer no LRS gives (a captive portal's page, ids we never sent): not trusted."""


class ServerBusy(Transient):
    """429 or 5xx: the server is there but cannot take the request now."""


class SignInRequired(SyncError):
    """401/403: the platform no longer accepts our credentials; everything stays queued."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(sign_in_message(), detail)


class Refused(SyncError):
    """A 4xx that no retry can change (a wrong endpoint, a query the LRS does not accept)."""

    def __init__(self, status: int, detail: str = "") -> None:
        super().__init__(_("The platform refused the request."), detail)
        self.status = status


class GaveUp(SyncError):
    """Retried as often as allowed; `retry_after`: seconds from now before trying again."""

    def __init__(self, detail: str = "", retry_after: float | None = None) -> None:
        super().__init__(_later(), detail)
        self.retry_after = retry_after


class OutboxOutOfStep(SyncError):
    """The outbox lists again what this round sent or quarantined: a defect, so stop."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(
            _("Sync stopped because of an error in the app. Nothing was lost."), detail
        )


def sign_in_message() -> str:
    return _("Sign in again to send your records to the platform.")
