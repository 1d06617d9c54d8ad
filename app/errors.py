"""One typed error hierarchy for the core.

Every error carries `message` (for the learner, already translated) and `detail` (for the log:
paths, library messages; never secrets). `kyo` prints the message and exits with `exit_code`;
the GUI shows both through its one presenter.
"""

from __future__ import annotations


class KyoError(Exception):
    """Base of every error the core raises on purpose."""

    exit_code = 1

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail

    def __str__(self) -> str:
        return self.message


class UsageError(KyoError):
    """The command was called wrongly (missing argument, no terminal to prompt on)."""

    exit_code = 2


class InvalidInput(KyoError):
    """A value the user gave is not acceptable (too short, bad characters)."""

    exit_code = 2


class NotFound(KyoError):
    """Something named by the user does not exist."""


class AlreadyExists(KyoError):
    """Something the user wants to create exists already."""


class WrongPassphrase(KyoError):
    """The passphrase does not unwrap the profile's key."""


class TooManyAttempts(KyoError):
    """Unlocking is paused after repeated wrong passphrases."""

    def __init__(self, message: str, retry_after: float, detail: str = "") -> None:
        super().__init__(message, detail)
        self.retry_after = retry_after


class StoreError(KyoError):
    """The encrypted store cannot be opened, read or written."""


class StoreKeyError(StoreError):
    """The key given does not open the database (or the file is not a database)."""


class SchemaTooNew(StoreError):
    """The database was written by a newer version of the app."""


class CorruptData(KyoError):
    """A file the app wrote earlier no longer has the expected form."""


class Cancelled(KyoError):
    """The user cancelled a long job. Shown nowhere: cancelling is not an error to report."""


class PackageError(KyoError):
    """A course package or its manifest breaks a rule; nothing was installed.

    `rule` names the rule broken, for logs and tests: "zip.path_traversal", "course.schema",
    "cmi5 3.0.0.0-1", …
    """

    def __init__(self, message: str, detail: str = "", rule: str = "") -> None:
        super().__init__(message, detail)
        self.rule = rule


class IntegrityError(KyoError):
    """Bytes are not what they should be: wrong size or SHA-256, a corrupt stored file."""


class SignatureError(KyoError):
    """A repository index is unsigned, badly signed, signed by an unknown key, or older than
    one already accepted (rollback)."""


class DownloadError(KyoError):
    """A download failed for good: the server refused, or it kept failing after retries."""


class DiskFull(KyoError):
    """The disk filled up while writing; what was being written was left incomplete."""
