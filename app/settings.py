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
    bandwidth_kbps: int = 0  # cap on downloads and sync, kilobytes a second; 0: no cap
    metered: bool = False  # a metered connection: sync records only, no downloads
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def bandwidth_bps(self) -> int | None:
        return self.bandwidth_kbps * 1000 if self.bandwidth_kbps > 0 else None

    def set_text(self, key: str, value: str) -> None:
        """Set one setting from text, as `kyo settings set KEY VALUE` gives it."""
        if key == "language":
            self.set_language(value)
        elif key == "bandwidth_kbps":
            if not value.isdigit():
                raise InvalidInput(
                    _("The bandwidth cap is a whole number of kilobytes a second (0: no cap).")
                )
            self.bandwidth_kbps = int(value)
        elif key == "metered":
            if value.lower() not in ("on", "off", "yes", "no", "true", "false", "1", "0"):
                raise InvalidInput(_("The setting metered is on or off."))
            self.metered = value.lower() in ("on", "yes", "true", "1")
        else:
            raise InvalidInput(_("Unknown setting {key}.").format(key=key))

    def as_dict(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "bandwidth_kbps": self.bandwidth_kbps,
            "metered": self.metered,
        }

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
    known = {"version", "language", "bandwidth_kbps", "metered"}
    settings = Settings(extra={k: v for k, v in raw.items() if k not in known})
    language = raw.get("language")
    if isinstance(language, str) and language in LANGUAGES:
        settings.language = language
    kbps = raw.get("bandwidth_kbps")
    if isinstance(kbps, int) and not isinstance(kbps, bool) and kbps >= 0:
        settings.bandwidth_kbps = kbps
    settings.metered = raw.get("metered") is True
    return settings


def save_settings(path: Path, settings: Settings) -> None:
    data = dict(settings.extra)
    data.update(
        version=SETTINGS_VERSION,
        language=settings.language,
        bandwidth_kbps=settings.bandwidth_kbps,
        metered=settings.metered,
    )
    atomic_write_json(path, data)
