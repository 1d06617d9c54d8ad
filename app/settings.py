"""Machine-wide settings: a versioned JSON file of primitives (STYLE.md 11).

Unknown keys written by a newer version are kept on save, so running an older `kyo` does not
erase a newer one's settings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.errors import InvalidInput
from app.fsutil import atomic_write_json, read_json
from app.i18n import DEFAULT_LANGUAGE, LANGUAGES, _

SETTINGS_VERSION = 1


@dataclass
class Settings:
    language: str = DEFAULT_LANGUAGE
    extra: dict[str, Any] = field(default_factory=dict)

    def set_language(self, code: str) -> None:
        if code not in LANGUAGES:
            raise InvalidInput(
                _("Unknown language {code}. Choose one of: {choices}.").format(
                    code=code, choices=", ".join(LANGUAGES)
                )
            )
        self.language = code


def load_settings(path: Path) -> Settings:
    """Read the settings file; a missing file gives the defaults."""
    if not path.exists():
        return Settings()
    raw = read_json(path)
    if not isinstance(raw, dict):
        raw = {}
    known = {"version", "language"}
    settings = Settings(extra={k: v for k, v in raw.items() if k not in known})
    language = raw.get("language")
    if isinstance(language, str) and language in LANGUAGES:
        settings.language = language
    return settings


def save_settings(path: Path, settings: Settings) -> None:
    data = dict(settings.extra)
    data.update(version=SETTINGS_VERSION, language=settings.language)
    atomic_write_json(path, data)
