"""Which platform this installation belongs to, and so which keys sign its content.

An installation for a real platform (or an institute) ships `machine/platform.json`:
    {"name": "iGOT Karmayogi", "platform_keys": ["kyo-ed25519 … label"], "trust_demo_key": false}
(`KYO_PLATFORM_CONFIG` may name another file). Without one, this is a demo installation: it
trusts the project's demo key, which signs the demo repository and the tests' repositories
and is labelled "not for production". A production configuration sets trust_demo_key false.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from app.errors import CorruptData
from app.fsutil import read_json
from app.i18n import _
from app.paths import Paths
from content_cache.signing import PublicKey, parse_public

DEMO_DIR = Path(__file__).resolve().parent.parent / "content_cache" / "demo"
DEMO_PUBLIC_KEY = DEMO_DIR / "demo-platform.pub"
CONFIG_ENV = "KYO_PLATFORM_CONFIG"


def demo_key() -> PublicKey:
    return parse_public(DEMO_PUBLIC_KEY.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class PlatformConfig:
    name: str
    platform_keys: tuple[PublicKey, ...]
    trust_demo_key: bool

    def trusted_keys(self) -> list[PublicKey]:
        keys = list(self.platform_keys)
        if self.trust_demo_key:
            keys.append(demo_key())
        return keys


def config_path(paths: Paths) -> Path:
    return (
        Path(os.environ[CONFIG_ENV])
        if os.environ.get(CONFIG_ENV)
        else paths.machine / "platform.json"
    )


def load_platform_config(paths: Paths) -> PlatformConfig:
    path = config_path(paths)
    if not path.exists():
        return PlatformConfig(_("Karmayogi Offline demo"), (), trust_demo_key=True)
    raw = read_json(path)
    try:
        return PlatformConfig(
            name=str(raw.get("name", "")),
            platform_keys=tuple(parse_public(line) for line in raw.get("platform_keys", [])),
            trust_demo_key=bool(raw.get("trust_demo_key", False)),
        )
    except (AttributeError, TypeError) as exc:
        raise CorruptData(
            _("The platform configuration is damaged: {path}").format(path=path), str(exc)
        ) from exc
