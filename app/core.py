"""The core's composition root: one object a script, `kyo` or the window builds and passes on.

from app.core import Core
core = Core.open(home="/tmp/kyo-demo")
core.profiles.create("Asha", "correct horse battery")
with core.profiles.unlock("Asha", "correct horse battery") as session:
    print(session.info.name)
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from app import __version__, crypto, i18n
from app.keyring import Keyring
from app.paths import Paths
from app.profiles import Profiles
from app.settings import Settings, load_settings, save_settings

if TYPE_CHECKING:
    from app.content import ContentService
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

    @property
    def content(self) -> ContentService:
        """The machine's content store and repositories, opened on first use."""
        if self._content is None:
            from app.content import ContentService  # deferred: not needed for the first screen

            self._content = ContentService(self.paths, self.load_settings)
        return self._content

    @classmethod
    def open(cls, home: str | os.PathLike[str] | None = None) -> Core:
        """The data root `home`, else $KYO_HOME, else the platform's user data folder."""
        return cls(Paths.resolve(home))

    def learner(self, session: ProfileSession, **overrides: Any) -> Learner:
        """The learning facade for an unlocked profile (see app/learning.py and docs/api.md)."""
        from app import i18n as i18n_module
        from app.device import device_id
        from app.learning import Learner
        from app.xapi import StatementFactory, local_actor

        actor = local_actor(device_id(self.paths), session.info.id, session.info.name)
        factory = StatementFactory(actor, i18n_module.current_language, app_version=__version__)
        return Learner(session, self.content, factory, **overrides)  # clocks, in tests

    def load_settings(self) -> Settings:
        return load_settings(self.paths.settings_file)

    def save_settings(self, settings: Settings) -> None:
        save_settings(self.paths.settings_file, settings)

    def apply_language(self, code: str | None = None) -> str:
        """Use `code`, else the saved language, for the core's messages; returns it."""
        language = code or self.load_settings().language
        i18n.set_language(language)
        return language
