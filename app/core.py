"""The core's composition root: one object a script, `kyo` or the window builds and passes on.

from app.core import Core
core = Core.open(home="/tmp/kyo-demo")
core.profiles.create("Asha", "correct horse battery")
with core.profiles.unlock("Asha", "correct horse battery") as session:
    learner = core.learner(session)     # see app/learning.py and docs/api.md
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import __version__, crypto, i18n
from app.keyring import Keyring
from app.paths import Paths
from app.profiles import Profiles
from app.settings import Settings, load_settings, save_settings

if TYPE_CHECKING:
    from app.certificates.verify import Verdict
    from app.content import ContentService
    from app.device import DeviceIdentity
    from app.learning import Learner
    from app.profiles import ProfileSession


class Core:
    def __init__(
        self,
        paths: Paths,
        kdf: crypto.KdfParams = crypto.DEFAULT_KDF,
        clock: Callable[[], float] = time.time,
    ) -> None:
        paths.ensure()
        self.paths = paths
        self.keyring = Keyring(paths, kdf=kdf, clock=clock)
        self.profiles = Profiles(paths, self.keyring)
        self._content: ContentService | None = None
        self._content_lock = threading.Lock()

    @property
    def content(self) -> ContentService:
        """The machine's content store and repositories, opened on first use."""
        if self._content is None:
            with self._content_lock:  # the window's warm-up and its GUI may both ask first
                if self._content is None:
                    from app.content import ContentService  # deferred: not for the first screen

                    self._content = ContentService(self.paths, self.load_settings)
        return self._content

    @classmethod
    def open(cls, home: str | os.PathLike[str] | None = None) -> Core:
        """The data root `home`, else $KYO_HOME, else the platform's user data folder."""
        return cls(Paths.resolve(home))

    def learner(self, session: ProfileSession, **overrides: Any) -> Learner:
        """The learning facade for an unlocked profile (see app/learning.py and docs/api.md)."""
        from app import i18n as i18n_module
        from app import sync_account
        from app.learning import Learner
        from app.xapi import StatementFactory, local_actor

        account = sync_account.load(session)
        actor = (
            account.actor(session.info.name)
            if account
            else local_actor(session.info.id, session.info.name)
        )
        factory = StatementFactory(actor, i18n_module.current_language, app_version=__version__)
        overrides.setdefault("device", self.device())
        return Learner(session, self.content, factory, **overrides)  # clocks, in tests

    def verify_certificate(self, source: Path) -> Verdict:
        """Check a certificate offline (a PDF, a photo of a print, or the QR text) against
        the keys this machine knows: the platform's endorsements and its own device keys."""
        from app.certificates.scan import payloads_in

        verdicts = [self.verify_certificate_payload(p) for p in payloads_in(source)]
        order = ("valid", "provisional", "revoked", "unknown_issuer", "tampered")
        return min(verdicts, key=lambda v: order.index(v.status))

    def verify_certificate_payload(self, payload: str) -> Verdict:
        """Check a certificate's QR text offline (see verify_certificate)."""
        from app.certificates.verify import check

        return check(payload, MachineTrust(self))

    def device(self) -> DeviceIdentity:
        """This installation's identity (made at first use; anew on a cloned disk)."""
        from app.device import load_device

        return load_device(self.paths)

    def load_settings(self) -> Settings:
        return load_settings(self.paths.settings_file)

    def save_settings(self, settings: Settings) -> None:
        save_settings(self.paths.settings_file, settings)

    def apply_language(self, code: str | None = None) -> str:
        """Use `code`, else the saved language, for the core's messages; returns it."""
        language = code or self.load_settings().language
        i18n.set_language(language)
        return language


class MachineTrust:
    """What this machine knows to judge a certificate by (see app.certificates.verify)."""

    def __init__(self, core: Core) -> None:
        self._core = core

    def endorsed(self) -> dict[str, Any]:
        return {k: _ed25519(v.raw) for k, v in self._core.content.repos.endorsed_devices().items()}

    def local(self) -> dict[str, Any]:
        return {k.key_id: _ed25519(k.raw) for k in self._core.device().all_public()}

    def revoked(self) -> set[str]:
        return self._core.content.repos.revoked_certificates()


def _ed25519(raw: bytes) -> Any:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    return Ed25519PublicKey.from_public_bytes(raw)
